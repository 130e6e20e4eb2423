// A small soak in the suite: every failure injected, token requests = expiries per session, nothing leaked; plus the
// accounting and the audit shown able to fail.
import { describe, expect, it } from "vitest";
import { accountTokens, tokenProblems } from "./accounting.js";
import { SecretAudit } from "../../test/support/secret-audit.js";
import { formatReport, parseFlags } from "./run.js";
import { RecordingStore, type SoakSession } from "./sessions.js";
import { runSoak, SOAK_DEFAULTS } from "./soak.js";
import { trackRejections } from "../../test/faults/harness.js";

describe("soak", () => {
  it("1,500 calls across visitor, member and admin sessions with 4 s tokens and faults: PASS", async () => {
    const rejections = trackRejections();
    const report = await runSoak({
      ...SOAK_DEFAULTS,
      calls: 1_500,
      // Renewal is due 1.5 s after each grant; 1,500 calls take 3–4 s here, so tokens expire even on a fast machine.
      // Not sooner: the emulator's tokens have one-second iat, so a refresh in the grant's own second returns a
      // byte-identical access token, which the recording store counts as one expiry for two refresh grants.
      tokenSeconds: 4,
      renewMarginMs: 2_500,
      faultRate: 0.04,
      visitors: 4,
      members: 4,
      admins: 2,
    });
    rejections.stop();
    expect(report.problems, formatReport(report)).toEqual([]);
    expect(rejections.seen).toEqual([]);
    expect(report.unexpected).toEqual([]);
    const expiries = report.tokens.sessions.reduce((n, s) => n + s.expiries, 0);
    expect(expiries, "tokens must expire during the run for the check to mean anything").toBeGreaterThan(0);
    expect(report.tokens.failedInjected + (report.calls - report.succeeded), "faults must be injected").toBeGreaterThan(
      0,
    );
    // At least every session's own access and refresh token were audited (more when tokens were renewed).
    expect(report.credentials).toBeGreaterThanOrEqual(2 * 10);
  });
});

describe("soak accounting can fail", () => {
  const session = (store: RecordingStore): SoakSession => ({
    label: "visitor-1",
    identity: "visitor",
    client: {} as never,
    store,
  });
  const grant = (grantType: string, refreshTokenIn: string | undefined, refreshTokenOut: string) => ({
    grantType,
    status: 200,
    requestId: undefined,
    refreshTokenIn,
    accessTokenOut: `OauthNG.JWS.${refreshTokenOut}`,
    refreshTokenOut,
  });

  it("flags a refresh storm: two grants for one expired token", () => {
    const store = new RecordingStore(0);
    store.set({ accessToken: "a1", refreshToken: "r1", expiresAt: 0, role: "visitor" });
    store.get(); // seen expired
    store.set({ accessToken: "a2", refreshToken: "r2", expiresAt: Date.now() + 60_000, role: "visitor" });
    const grants = [
      grant("anonymous", undefined, "r1"),
      grant("refresh_token", "r1", "r2"),
      grant("refresh_token", "r1", "r3"),
    ];
    expect(tokenProblems(accountTokens([session(store)], grants, []))).toEqual([
      "visitor-1: 2 refresh grants for 1 expired access tokens",
    ]);
  });

  it("flags a silent second anonymous session", () => {
    const store = new RecordingStore(0);
    store.set({ accessToken: "a1", refreshToken: "r1", expiresAt: Date.now() + 60_000, role: "visitor" });
    store.set({ accessToken: "a2", refreshToken: "r2", expiresAt: Date.now() + 60_000, role: "visitor" });
    const grants = [grant("anonymous", undefined, "r1"), grant("anonymous", undefined, "r2")];
    expect(tokenProblems(accountTokens([session(store)], grants, []))).toEqual([
      "visitor-1: 2 anonymous grants (expected exactly 1, at the start)",
    ]);
  });
});

describe("secret audit can fail", () => {
  it("finds a credential in an error stack, a log line and an inspected object, raw or URL-encoded", () => {
    const audit = new SecretAudit();
    const token = "OauthNG.JWS.eyJraWQiOiJ0ZXN0In0.c2VjcmV0/+=";
    audit.recordError(new Error(`refresh failed for ${token}`));
    const restore = audit.captureConsole(true);
    console.warn("retrying with %s", encodeURIComponent(token));
    restore();
    audit.recordObject({ nested: { token } });
    expect(audit.findLeaks([token]).map((l) => l.source)).toEqual(
      expect.arrayContaining(["error Error", "console.warn", "object"]),
    );
    expect(audit.findLeaks(["JWS.some-other-token-value"])).toEqual([]);
  });
});

describe("soak flags", () => {
  it("defaults to 10,000 calls and refuses bad values with the flag named", () => {
    expect(parseFlags([]).calls).toBe(10_000);
    expect(parseFlags(["--calls", "50", "--fault-rate", "0.1"])).toMatchObject({ calls: 50, faultRate: 0.1 });
    expect(() => parseFlags(["--calls", "ten"])).toThrow(
      '--calls must be a whole number from 1 to 10000000, got "ten"',
    );
    expect(() => parseFlags(["--fault-rate", "2"])).toThrow("--fault-rate must be a number from 0 to 0.5");
    expect(() => parseFlags(["--bogus"])).toThrow(/bogus/);
  });
});
