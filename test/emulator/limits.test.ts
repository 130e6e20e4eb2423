// Safe to leave running: state tables and the request log are bounded (oldest evicted first).
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_CLIENT_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_PASSWORD,
  type RunningEmulator,
} from "../../emulator/index.js";
import { call, start, visitorTokens } from "./helpers.js";

let em: RunningEmulator;
afterEach(() => em.close());

const refresh = (token: string) =>
  call(em, "POST", "/oauth2/token", {
    body: { clientId: DEFAULT_CLIENT_ID, grantType: "refresh_token", refreshToken: token },
  });

describe("bounded tables", () => {
  it("keeps at most limits.stateEntries sessions: the oldest is evicted, the newest still refreshes", async () => {
    ({ em } = await start({ limits: { stateEntries: 3 } }));
    const visitors = [];
    for (let i = 0; i < 5; i++) visitors.push(await visitorTokens(em));
    expect(em.state.sessions.size).toBe(3);
    expect((await refresh(visitors[0]!.refresh)).body.error).toBe("invalid_grant");
    expect((await refresh(visitors[4]!.refresh)).status).toBe(200);
  });

  it("keeps at most limits.requestLog entries, newest last", async () => {
    ({ em } = await start({ limits: { requestLog: 10 } }));
    for (let i = 0; i < 25; i++) await call(em, "GET", `/nowhere/${i}`);
    expect(em.requests.length).toBeLessThanOrEqual(10);
    expect(em.requests.length).toBeGreaterThanOrEqual(9);
    expect(em.requests.at(-1)!.path).toBe("/nowhere/24");
  });

  it("keeps at most limits.stateEntries messages in the outbox", async () => {
    ({ em } = await start({ limits: { stateEntries: 2 } }));
    const visitor = await visitorTokens(em);
    for (const email of ["a@example.com", "b@example.com", "c@example.com", "member@example.com"]) {
      await call(em, "POST", "/_api/iam/recovery/v1/send-email", { auth: visitor.access, body: { email } });
    }
    expect(em.state.outbox.length).toBe(1); // only the seeded member gets mail
    for (let i = 0; i < 3; i++) {
      await call(em, "POST", "/_api/iam/recovery/v1/send-email", {
        auth: visitor.access,
        body: { email: "member@example.com" },
      });
    }
    expect(em.state.outbox.length).toBe(2);
    expect(em.state.recoveryTokens.size).toBe(2);
  });

  it("refuses a new member past limits.stateEntries members (members are never evicted)", async () => {
    ({ em } = await start({ limits: { stateEntries: 2 } }));
    const visitor = await visitorTokens(em);
    const register = (email: string) =>
      call(em, "POST", "/_api/iam/authentication/v2/register", {
        auth: visitor.access,
        body: { loginId: { email }, password: "secret-1" },
      });
    expect((await register("one@example.com")).status).toBe(200); // the seeded member is the other
    const refused = await register("two@example.com");
    expect([refused.status, refused.body.details.applicationError.code]).toEqual([429, "RESOURCE_EXHAUSTED"]);
  });

  it("refuses limits that are not positive whole numbers", async () => {
    await expect(start({ limits: { requestLog: 0 } })).rejects.toThrow(
      "Emulator option limits.requestLog must be a positive whole number, got 0.",
    );
    ({ em } = await start());
  });
});

describe("guessing is limited", () => {
  const login = (access: string, email: string, password: string) =>
    call(em, "POST", "/_api/iam/authentication/v2/login", { auth: access, body: { loginId: { email }, password } });

  it("locks an account for limits.lockoutSeconds after limits.passwordAttempts wrong passwords (429 + Retry-After)", async () => {
    let clock;
    ({ em, clock } = await start({ limits: { passwordAttempts: 3, lockoutSeconds: 600 } }));
    const visitor = (await visitorTokens(em)).access;
    for (let i = 0; i < 3; i++) expect((await login(visitor, DEMO_MEMBER_EMAIL, `guess-${i}`)).status).toBe(401);
    const locked = await login(visitor, DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD);
    expect([locked.status, locked.body.details.applicationError.code]).toEqual([429, "RESOURCE_EXHAUSTED"]);
    expect(locked.headers.get("retry-after")).toBe("600");
    expect(locked.body.message).toBe("Too many failed login attempts for this account; try again in 600 seconds");
    clock.advance(600);
    const ok = await login(visitor, DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD);
    expect(ok.body.state).toBe("SUCCESS");
  });

  it("a success resets the count", async () => {
    ({ em } = await start({ limits: { passwordAttempts: 2 } }));
    const visitor = (await visitorTokens(em)).access;
    for (let round = 0; round < 3; round++) {
      expect((await login(visitor, DEMO_MEMBER_EMAIL, "nope")).status).toBe(401);
      expect((await login(visitor, DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD)).body.state).toBe("SUCCESS");
    }
  });

  it("revokes a verification state token after limits.verificationAttempts wrong codes", async () => {
    ({ em } = await start({ limits: { verificationAttempts: 3 }, registration: { requireEmailVerification: true } }));
    const visitor = (await visitorTokens(em)).access;
    const reg = await call(em, "POST", "/_api/iam/authentication/v2/register", {
      auth: visitor,
      body: { loginId: { email: "new@example.com" }, password: "secret-1" },
    });
    const stateToken = reg.body.stateToken as string;
    const code = em.state.outbox.at(-1)!.code;
    const wrong = code === "000000" ? "111111" : "000000";
    const verify = (c: string) =>
      call(em, "POST", "/_api/iam/verification/v1/auth/verify", { auth: visitor, body: { code: c, stateToken } });
    for (let i = 0; i < 3; i++) {
      const res = await verify(wrong);
      expect([res.status, res.body.details.applicationError.code]).toEqual([400, "VERIFICATION_FAILED"]);
    }
    const late = await verify(code);
    expect([late.status, late.body.message]).toEqual([400, "The state token is unknown or has expired"]);
  });
});
