// Direct login, register, email verification, recovery and change-password: the state machine and Wix error codes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_CLIENT_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_ID,
  DEMO_MEMBER_PASSWORD,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../emulator/index.js";
import { adminHeaders, call, memberTokens, start, visitorTokens } from "./helpers.js";

let em: RunningEmulator;
let visitor: string;
async function boot(options: EmulatorOptions = {}): Promise<void> {
  ({ em } = await start(options));
  visitor = (await visitorTokens(em)).access;
}
beforeEach(() => boot());
afterEach(() => em.close());

const post = (path: string, body: unknown, auth: string | undefined = visitor) =>
  call(em, "POST", path, { body, ...(auth !== undefined && { auth }) });
const login = (email: string, password: string, extra: object = {}) =>
  post("/_api/iam/authentication/v2/login", { loginId: { email }, password, ...extra });
const register = (email: string, password: string, extra: object = {}) =>
  post("/_api/iam/authentication/v2/register", {
    loginId: { email },
    password,
    profile: { nickname: "Newbie" },
    ...extra,
  });

function appCode(res: { body: any }): string {
  return res.body.details.applicationError.code;
}

describe("login", () => {
  it("answers SUCCESS with a session token and the identity", async () => {
    const res = await login(DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: "SUCCESS",
      stateToken: null,
      identity: {
        id: DEMO_MEMBER_ID,
        email: { address: DEMO_MEMBER_EMAIL, isVerified: true },
        status: { name: "ACTIVE" },
      },
    });
    expect(res.body.sessionToken).toMatch(/^[\w-]{20,}$/);
  });

  it("is also served under the /iam alias and is case-insensitive on the email", async () => {
    const res = await post("/iam/authentication/v2/login", {
      loginId: { email: "MEMBER@example.com" },
      password: DEMO_MEMBER_PASSWORD,
    });
    expect(res.body.state).toBe("SUCCESS");
  });

  it("answers 404 -19999 for an unknown email and 401 -19976 for a wrong password", async () => {
    const unknown = await login("nobody@example.com", "whatever");
    expect(unknown.status).toBe(404);
    expect(appCode(unknown)).toBe("-19999");
    const wrong = await login(DEMO_MEMBER_EMAIL, "wrong-password");
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      message: "Wrong password",
      details: { applicationError: { code: "-19976", description: "Wrong password", data: {} } },
    });
  });

  it("needs loginId.email and password, and a token", async () => {
    const res = await post("/_api/iam/authentication/v2/login", { password: "x" });
    expect(res.status).toBe(400);
    expect(res.body.details.validationError.fieldViolations).toEqual([
      { field: "loginId.email", description: "is required", violatedRule: "REQUIRED_FIELD" },
    ]);
    const anonymous = await post(
      "/_api/iam/authentication/v2/login",
      { loginId: { email: DEMO_MEMBER_EMAIL }, password: "x" },
      undefined,
    );
    expect(anonymous.status).toBe(401);
  });
});

describe("captcha", () => {
  beforeEach(async () => {
    await em.close();
    await boot({ registration: { captchaToken: "good-captcha" } });
  });

  it("answers -19971 without a captcha token and -19970 with a wrong one", async () => {
    const missing = await login(DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD);
    expect([missing.status, appCode(missing)]).toEqual([400, "-19971"]);
    const invalid = await login(DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD, { captchaTokens: [{ Recaptcha: "bad" }] });
    expect([invalid.status, appCode(invalid)]).toEqual([400, "-19970"]);
    const registerMissing = await register("new@example.com", "secret-1");
    expect(appCode(registerMissing)).toBe("-19971");
  });

  it("accepts a valid token in any CaptchaToken variant", async () => {
    for (const token of [
      { InvisibleRecaptcha: "good-captcha" },
      { recaptchaForClientSiteKey: { token: "good-captcha", siteKeyId: "k" } },
    ]) {
      expect((await login(DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD, { captchaTokens: [token] })).body.state).toBe(
        "SUCCESS",
      );
    }
  });
});

describe("register", () => {
  it("creates a member who can log in", async () => {
    const res = await register("new@example.com", "secret-1");
    expect(res.body.state).toBe("SUCCESS");
    expect((await login("new@example.com", "secret-1")).body.state).toBe("SUCCESS");
  });

  it("answers 409 -19995 for an existing email", async () => {
    const res = await register(DEMO_MEMBER_EMAIL, "secret-1");
    expect([res.status, appCode(res)]).toEqual([409, "-19995"]);
  });

  it("reports a bad email as an EMAIL field violation and a short password as MIN_LENGTH", async () => {
    const email = await register("not-an-email", "secret-1");
    expect(email.body.details.validationError.fieldViolations[0]).toMatchObject({
      field: "loginId.email",
      data: { type: "EMAIL" },
    });
    const password = await register("ok@example.com", "abc");
    expect(password.body.details.validationError.fieldViolations[0]).toMatchObject({
      field: "password",
      violatedRule: "MIN_LENGTH",
    });
  });
});

describe("register: the email check is bounded and linear (ReDoS)", () => {
  /** Longest string any RegExp is run on while `during` runs: the emulator runs in this process, so it is seen. */
  async function longestRegexInput(during: () => Promise<unknown>): Promise<number> {
    const exec = RegExp.prototype.exec;
    let longest = 0;
    RegExp.prototype.exec = function (this: RegExp, input: string) {
      longest = Math.max(longest, String(input).length);
      return exec.call(this, input);
    };
    try {
      await during();
    } finally {
      RegExp.prototype.exec = exec;
    }
    return longest;
  }

  it("a 16 KB hostile email is refused as an EMAIL violation without any regex running on it", async () => {
    const hostile = `a@${".".repeat(16 * 1024)}@`; // quadratic for /^[^\s@]+@[^\s@]+\.[^\s@]+$/
    let res: Awaited<ReturnType<typeof register>> | undefined;
    const longest = await longestRegexInput(async () => (res = await register(hostile, "secret-1")));
    expect(res!.status).toBe(400);
    expect(res!.body.details.validationError.fieldViolations[0]).toMatchObject({
      field: "loginId.email",
      violatedRule: "FORMAT",
      data: { type: "EMAIL" },
    });
    expect(longest).toBeLessThanOrEqual(1024);
  });

  it.each([
    ["ann@example.com", true],
    ["a.b+c@sub.example.co", true],
    [`${"a".repeat(64)}@${"b".repeat(185)}.com`, true],
    [`${"a".repeat(65)}@example.com`, false],
    [`a@${"b".repeat(250)}.com`, false],
    ["ann@@example.com", false],
    ["ann@example", false],
    ["ann@.example.com", false],
    ["ann@example.com.", false],
    ["an n@example.com", false],
    ["@example.com", false],
  ])("%s is accepted: %s", async (email, ok) => {
    const res = await register(email, "secret-1");
    expect(res.status === 200).toBe(ok);
  });
});

describe("email verification and owner approval", () => {
  beforeEach(async () => {
    await em.close();
    await boot({ registration: { requireEmailVerification: true, requireOwnerApproval: true } });
  });

  it("walks REQUIRE_EMAIL_VERIFICATION → REQUIRE_OWNER_APPROVAL → (admin approves) → SUCCESS", async () => {
    const registered = await register("pending@example.com", "secret-1");
    expect(registered.body).toMatchObject({ state: "REQUIRE_EMAIL_VERIFICATION", sessionToken: null });
    const stateToken = registered.body.stateToken as string;
    const mail = em.state.outbox.at(-1)!;
    expect(mail).toMatchObject({ to: "pending@example.com", kind: "email-verification" });
    expect(mail.code).toMatch(/^\d{6}$/);

    const wrongCode = mail.code === "000000" ? "111111" : "000000";
    const wrong = await post("/_api/iam/verification/v1/auth/verify", { code: wrongCode, stateToken });
    expect([wrong.status, appCode(wrong)]).toEqual([400, "VERIFICATION_FAILED"]);
    const unknown = await post("/_api/iam/verification/v1/auth/verify", { code: mail.code, stateToken: "nope" });
    expect(appCode(unknown)).toBe("VERIFICATION_FAILED");

    const verified = await post("/_api/iam/verification/v1/auth/verify", { code: mail.code, stateToken });
    expect(verified.body).toMatchObject({ state: "REQUIRE_OWNER_APPROVAL", sessionToken: null });
    expect((await login("pending@example.com", "secret-1")).body.state).toBe("REQUIRE_OWNER_APPROVAL");

    const id = registered.body.identity.id as string;
    const approved = await call(em, "POST", `/members/v1/members/${id}/approve`, { headers: adminHeaders, body: {} });
    expect(approved.body.member).toMatchObject({ id, status: "APPROVED" });
    expect((await login("pending@example.com", "secret-1")).body.state).toBe("SUCCESS");
  });
});

describe("password recovery and change", () => {
  const redirect = { url: "http://localhost:3000/callback", clientId: DEFAULT_CLIENT_ID };

  it("mails a recovery token, which sets a new password once", async () => {
    const sent = await post("/_api/iam/recovery/v1/send-email", { email: DEMO_MEMBER_EMAIL, redirect });
    expect([sent.status, sent.body]).toEqual([200, {}]);
    const mail = em.state.outbox.at(-1)!;
    expect(mail).toMatchObject({ kind: "password-recovery", to: DEMO_MEMBER_EMAIL, redirectUrl: redirect.url });
    const recovered = await post("/_api/iam/recovery/v1/recover", { recoveryToken: mail.code, password: "brand-new" });
    expect(recovered.body.state).toBe("SUCCESS");
    expect((await login(DEMO_MEMBER_EMAIL, "brand-new")).body.state).toBe("SUCCESS");
    expect((await login(DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD)).status).toBe(401);
    const again = await post("/_api/iam/recovery/v1/recover", { recoveryToken: mail.code, password: "other-one" });
    expect([again.status, appCode(again)]).toEqual([400, "INVALID_RECOVERY_TOKEN"]);
  });

  it("answers {} for unknown emails without sending anything, and checks the redirect URL", async () => {
    const unknown = await post("/_api/iam/recovery/v1/send-email", { email: "nobody@example.com" });
    expect([unknown.status, unknown.body, em.state.outbox.length]).toEqual([200, {}, 0]);
    const bad = await post("/_api/iam/recovery/v1/send-email", {
      email: DEMO_MEMBER_EMAIL,
      redirect: { ...redirect, url: "https://evil.example/" },
    });
    expect(bad.body.details.validationError.fieldViolations[0].field).toBe("redirect.url");
  });

  it("lets a member change their password and refuses visitors", async () => {
    const member = await memberTokens(em, visitor);
    const changed = await post(
      "/_api/iam/authentication/v2/change-password",
      { newPassword: "changed-1" },
      member.access,
    );
    expect(changed.status).toBe(200);
    expect((await login(DEMO_MEMBER_EMAIL, "changed-1")).body.state).toBe("SUCCESS");
    const asVisitor = await post("/_api/iam/authentication/v2/change-password", { newPassword: "changed-2" });
    expect([asVisitor.status, appCode(asVisitor)]).toEqual([403, "PERMISSION_DENIED"]);
  });
});
