// Safe to leave running: state tables and the request log are bounded (oldest evicted first).
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT_ID, type RunningEmulator } from "../../emulator/index.js";
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
