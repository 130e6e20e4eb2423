// Token accounting for the soak: per session, access tokens that needed replacing vs the grants that replaced them.
import type { RequestLogEntry } from "../../emulator/index.js";
import type { GrantRecord } from "../../test/support/fault-proxy.js";
import type { SoakSession } from "./sessions.js";

export interface SessionTokens {
  readonly label: string;
  readonly identity: string;
  /** Access tokens the runtime found past their renewal point. */
  readonly expiries: number;
  readonly refreshGrants: number;
  readonly anonymousGrants: number;
  readonly codeGrants: number;
}

export interface TokenTotals {
  readonly requests: number;
  readonly succeeded: number;
  readonly failedInjected: number;
  readonly failedOther: number;
  /** Successful grants whose tokens no session ever held or presented (a discarded duplicate, a leak). */
  readonly unattributed: number;
  readonly sessions: readonly SessionTokens[];
}

export function accountTokens(
  sessions: readonly SoakSession[],
  grants: readonly GrantRecord[],
  emulatorLog: readonly RequestLogEntry[],
): TokenTotals {
  const faults = new Map(emulatorLog.filter((r) => r.fault).map((r) => [r.requestId, r.fault]));
  const ok = grants.filter((g) => g.accessTokenOut !== undefined);
  const failed = grants.filter((g) => g.accessTokenOut === undefined);
  const failedInjected = failed.filter((g) => g.requestId !== undefined && faults.has(g.requestId)).length;
  const claimed = new Set<GrantRecord>();
  const perSession: SessionTokens[] = [];
  for (const s of sessions) {
    if (!s.store) continue;
    const held = s.store.refreshTokens;
    const mine = ok.filter((g) =>
      g.grantType === "refresh_token" ? held.has(g.refreshTokenIn ?? "") : held.has(g.refreshTokenOut ?? ""),
    );
    for (const g of mine) claimed.add(g);
    const count = (type: string) => mine.filter((g) => g.grantType === type).length;
    perSession.push({
      label: s.label,
      identity: s.identity,
      expiries: s.store.expired.size,
      refreshGrants: count("refresh_token"),
      anonymousGrants: count("anonymous"),
      codeGrants: count("authorization_code"),
    });
  }
  return {
    requests: grants.length,
    succeeded: ok.length,
    failedInjected,
    failedOther: failed.length - failedInjected,
    unattributed: ok.filter((g) => !claimed.has(g)).length,
    sessions: perSession,
  };
}

/** Every way the accounting can show a storm, a missed renewal or a downgrade, as sentences. */
export function tokenProblems(t: TokenTotals): string[] {
  const problems: string[] = [];
  for (const s of t.sessions) {
    if (s.refreshGrants !== s.expiries)
      problems.push(`${s.label}: ${s.refreshGrants} refresh grants for ${s.expiries} expired access tokens`);
    if (s.anonymousGrants !== 1)
      problems.push(`${s.label}: ${s.anonymousGrants} anonymous grants (expected exactly 1, at the start)`);
    if (s.identity === "member" && s.codeGrants !== 1)
      problems.push(`${s.label}: ${s.codeGrants} authorization_code grants (expected 1, the login)`);
  }
  if (t.failedOther > 0) problems.push(`${t.failedOther} token requests failed without an injected fault`);
  if (t.unattributed > 0) problems.push(`${t.unattributed} successful grants belong to no session`);
  return problems;
}
