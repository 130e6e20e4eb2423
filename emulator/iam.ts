// IAM endpoints: direct login, register, email verification, password recovery and change, with Wix's error codes.
import { randomUUID } from "node:crypto";
import { identityOf } from "./caller.js";
import { findClient, redirectUriAllowed } from "./clients.js";
import { isEmailAddress } from "./email.js";
import { WixApiError, WixValidationError, objectField, sendJson } from "./http.js";
import { authenticate, nextLoginState } from "./login-state.js";
import type { RequestContext, Router } from "./router.js";
import { hashPassword, opaqueToken } from "./state.js";

export function addIamRoutes(router: Router): void {
  // Wix serves each IAM service under `/_api/iam/...` and the alias `/iam/...`.
  for (const prefix of ["/_api/iam", "/iam"]) {
    router.add("POST", `${prefix}/authentication/v2/login`, login);
    router.add("POST", `${prefix}/authentication/v2/register`, register);
    router.add("POST", `${prefix}/authentication/v2/change-password`, changePassword);
    router.add("POST", `${prefix}/verification/v1/auth/verify`, verify);
    router.add("POST", `${prefix}/recovery/v1/send-email`, sendRecoveryEmail);
    router.add("POST", `${prefix}/recovery/v1/recover`, recover);
  }
}

/** IAM calls carry the visitor's (or member's) token; the visitor id lets the cart follow the login. */
function visitorOf(rc: RequestContext): string | undefined {
  identityOf(rc.caller());
  const caller = rc.caller();
  return caller.kind === "visitor" || caller.kind === "member" ? caller.claims.visitorId : undefined;
}

function requireText(body: Record<string, unknown>, path: string): string {
  let value: unknown = body;
  for (const key of path.split(".")) value = isRecord(value) ? value[key] : undefined;
  if (typeof value !== "string" || value === "") {
    throw new WixValidationError([{ field: path, description: "is required", violatedRule: "REQUIRED_FIELD" }]);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkCaptcha(rc: RequestContext, body: Record<string, unknown>): void {
  const expected = rc.app.options.registration.captchaToken;
  if (expected === undefined) return;
  const tokens = Array.isArray(body["captchaTokens"]) ? (body["captchaTokens"] as unknown[]) : [];
  const values = tokens.flatMap((t) => {
    if (!isRecord(t)) return [];
    // CaptchaToken is a oneof: Recaptcha | InvisibleRecaptcha | NoCaptcha | recaptchaForClientSiteKey {token}.
    return Object.values(t)
      .map((v) => (isRecord(v) ? v["token"] : v))
      .filter((v) => typeof v === "string");
  });
  if (values.length === 0) throw new WixApiError(400, "-19971", "A captcha token is required");
  if (!values.includes(expected)) throw new WixApiError(400, "-19970", "The captcha token is invalid");
}

async function login(rc: RequestContext): Promise<void> {
  const visitorId = visitorOf(rc);
  const body = await rc.body();
  const email = requireText(body, "loginId.email");
  const password = requireText(body, "password");
  checkCaptcha(rc, body);
  sendJson(rc.res, 200, nextLoginState(rc.app, authenticate(rc.app, email, password), visitorId));
}

async function register(rc: RequestContext): Promise<void> {
  const visitorId = visitorOf(rc);
  const body = await rc.body();
  const email = requireText(body, "loginId.email");
  if (!isEmailAddress(email)) {
    throw new WixValidationError([
      { field: "loginId.email", description: "Invalid email", violatedRule: "FORMAT", data: { type: "EMAIL" } },
    ]);
  }
  const password = requireText(body, "password");
  checkPassword(password, "password");
  checkCaptcha(rc, body);
  const app = rc.app;
  if (app.state.findMemberByEmail(email) !== undefined) {
    throw new WixApiError(409, "-19995", "A member with this email already exists");
  }
  // Members are never evicted (sessions point at them), so the table is bounded by refusing new ones.
  if (app.state.members.size >= app.options.limits.stateEntries) {
    throw new WixApiError(429, "RESOURCE_EXHAUSTED", "The emulator holds its maximum number of members");
  }
  const profile = objectField(body, "profile") ?? {};
  const nickname = typeof profile["nickname"] === "string" ? profile["nickname"] : email.split("@")[0]!;
  const member = {
    id: randomUUID(),
    contactId: randomUUID(),
    loginEmail: email,
    passwordHash: hashPassword(password),
    status: app.options.registration.requireOwnerApproval === true ? ("PENDING" as const) : ("APPROVED" as const),
    emailVerified: app.options.registration.requireEmailVerification !== true,
    nickname,
    createdDate: app.nowIso(),
  };
  app.state.members.set(member.id, member);
  sendJson(rc.res, 200, nextLoginState(app, member, visitorId));
}

function checkPassword(password: string, field: string): void {
  if (password.length < 4 || password.length > 100) {
    throw new WixValidationError([
      {
        field,
        description: "must be 4 to 100 characters long",
        violatedRule: "MIN_LENGTH",
        data: { type: "PASSWORD" },
      },
    ]);
  }
}

async function verify(rc: RequestContext): Promise<void> {
  visitorOf(rc);
  const body = await rc.body();
  const code = requireText(body, "code");
  const stateToken = requireText(body, "stateToken");
  const app = rc.app;
  const pending = app.state.pendingLogins.get(stateToken);
  if (pending === undefined || pending.expiresAt <= app.nowSeconds()) {
    throw new WixApiError(400, "VERIFICATION_FAILED", "The state token is unknown or has expired");
  }
  if (code !== pending.code) {
    // A 6-digit code is guessable without a bound: the state token dies after a few wrong codes.
    pending.wrongCodes += 1;
    if (pending.wrongCodes >= app.options.limits.verificationAttempts) app.state.pendingLogins.delete(stateToken);
    throw new WixApiError(400, "VERIFICATION_FAILED", "The verification code is wrong");
  }
  app.state.pendingLogins.delete(stateToken);
  const member = app.state.members.get(pending.memberId)!;
  member.emailVerified = true;
  sendJson(rc.res, 200, nextLoginState(app, member, pending.visitorId));
}

async function sendRecoveryEmail(rc: RequestContext): Promise<void> {
  visitorOf(rc);
  const body = await rc.body();
  const email = requireText(body, "email");
  const redirect = objectField(body, "redirect");
  let redirectUrl: string | undefined;
  if (redirect !== undefined) {
    const url = requireText(body, "redirect.url");
    const client = findClient(
      rc.app.options,
      typeof redirect["clientId"] === "string" ? redirect["clientId"] : undefined,
    );
    if (client === undefined || !redirectUriAllowed(client, url)) {
      const description = "must be an allowed redirect URI of redirect.clientId";
      throw new WixValidationError([{ field: "redirect.url", description, violatedRule: "VALIDATION" }]);
    }
    redirectUrl = url;
  }
  const member = rc.app.state.findMemberByEmail(email);
  // Same answer whether or not the email is known, so the endpoint cannot be used to probe for members.
  if (member !== undefined) {
    const token = opaqueToken();
    const expiresAt = rc.app.nowSeconds() + rc.app.options.tokens.sessionTokenSeconds;
    rc.app.state.recoveryTokens.set(token, { memberId: member.id, expiresAt });
    rc.app.state.send({
      to: member.loginEmail,
      kind: "password-recovery",
      code: token,
      ...(redirectUrl !== undefined && { redirectUrl }),
    });
  }
  sendJson(rc.res, 200, {});
}

async function recover(rc: RequestContext): Promise<void> {
  const visitorId = visitorOf(rc);
  const body = await rc.body();
  const token = requireText(body, "recoveryToken");
  const password = requireText(body, "password");
  checkPassword(password, "password");
  const app = rc.app;
  const entry = app.state.recoveryTokens.get(token);
  if (entry === undefined || entry.expiresAt <= app.nowSeconds()) {
    throw new WixApiError(400, "INVALID_RECOVERY_TOKEN", "The recovery token is unknown, used or expired");
  }
  app.state.recoveryTokens.delete(token);
  const member = app.state.members.get(entry.memberId)!;
  member.passwordHash = hashPassword(password);
  member.emailVerified = true; // the emailed link proved the address
  sendJson(rc.res, 200, nextLoginState(app, member, visitorId));
}

async function changePassword(rc: RequestContext): Promise<void> {
  const caller = rc.caller();
  const identity = identityOf(caller);
  if (caller.kind !== "member") {
    throw new WixApiError(403, "PERMISSION_DENIED", `Changing a password needs a member session, not ${identity}`);
  }
  const body = await rc.body();
  const password = requireText(body, "newPassword");
  checkPassword(password, "newPassword");
  rc.app.state.members.get(caller.claims.memberId!)!.passwordHash = hashPassword(password);
  sendJson(rc.res, 200, {});
}
