// The member login state machine shared by direct login, registration, verification and the hosted login page.
import { randomInt } from "node:crypto";
import { WixApiError } from "./http.js";
import type { AppContext } from "./router.js";
import { type MemberRecord, checkPassword, opaqueToken } from "./state.js";

export type LoginStateName = "SUCCESS" | "REQUIRE_EMAIL_VERIFICATION" | "REQUIRE_OWNER_APPROVAL";

export interface StateMachineResponse {
  readonly state: LoginStateName;
  readonly sessionToken: string | null;
  readonly stateToken: string | null;
  readonly identity: unknown;
  readonly additionalData: Record<string, unknown>;
}

/**
 * Checks email + password: 404 `-19999` for an unknown email, 401 `-19976` for a wrong password, and 429
 * `RESOURCE_EXHAUSTED` (with Retry-After) while the account is locked after `limits.passwordAttempts` wrong ones.
 */
export function authenticate(app: AppContext, email: string, password: string): MemberRecord {
  const member = app.state.findMemberByEmail(email);
  if (member === undefined) {
    throw new WixApiError(404, "-19999", "No member with this email", { email });
  }
  const now = app.nowSeconds();
  const record = app.state.loginFailures.get(member.id) ?? { failures: 0, lockedUntil: 0 };
  // Checked before the password, so a locked account gives a guesser no signal at all.
  if (record.lockedUntil > now) {
    const retryAfterSeconds = record.lockedUntil - now;
    const message = `Too many failed login attempts for this account; try again in ${retryAfterSeconds} seconds`;
    throw new WixApiError(429, "RESOURCE_EXHAUSTED", message, { retryAfterSeconds });
  }
  if (!checkPassword(password, member.passwordHash)) {
    record.failures += 1;
    if (record.failures >= app.options.limits.passwordAttempts) {
      record.failures = 0;
      record.lockedUntil = now + app.options.limits.lockoutSeconds;
    }
    app.state.loginFailures.set(member.id, record);
    throw new WixApiError(401, "-19976", "Wrong password");
  }
  app.state.loginFailures.delete(member.id);
  if (member.status === "BLOCKED") throw new WixApiError(403, "PERMISSION_DENIED", "This member is blocked");
  return member;
}

/** The next state for a member who proved who they are; mints a session token only on SUCCESS. */
export function nextLoginState(
  app: AppContext,
  member: MemberRecord,
  visitorId: string | undefined,
): StateMachineResponse {
  const identity = identityOf(member);
  if (!member.emailVerified) {
    const stateToken = opaqueToken();
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    app.state.pendingLogins.set(stateToken, {
      memberId: member.id,
      code,
      expiresAt: app.nowSeconds() + app.options.tokens.sessionTokenSeconds,
      wrongCodes: 0,
      ...(visitorId !== undefined && { visitorId }),
    });
    app.state.send({ to: member.loginEmail, kind: "email-verification", code });
    return { state: "REQUIRE_EMAIL_VERIFICATION", sessionToken: null, stateToken, identity, additionalData: {} };
  }
  if (member.status === "PENDING") {
    return { state: "REQUIRE_OWNER_APPROVAL", sessionToken: null, stateToken: null, identity, additionalData: {} };
  }
  const sessionToken = opaqueToken();
  app.state.loginSessions.set(sessionToken, {
    memberId: member.id,
    expiresAt: app.nowSeconds() + app.options.tokens.sessionTokenSeconds,
    ...(visitorId !== undefined && { visitorId }),
  });
  return { state: "SUCCESS", sessionToken, stateToken: null, identity, additionalData: {} };
}

function identityOf(member: MemberRecord) {
  return {
    id: member.id,
    email: { address: member.loginEmail, isVerified: member.emailVerified },
    status: { name: member.status === "APPROVED" ? "ACTIVE" : member.status, reasons: [] },
    identityProfile: { nickname: member.nickname },
    factors: [],
    connections: [],
  };
}

/** Takes (single use) a direct-login session token, or undefined when unknown or expired. */
export function takeSessionToken(app: AppContext, token: string): { memberId: string; visitorId?: string } | undefined {
  const session = app.state.loginSessions.get(token);
  if (session === undefined) return undefined;
  app.state.loginSessions.delete(token);
  return session.expiresAt > app.nowSeconds() ? session : undefined;
}
