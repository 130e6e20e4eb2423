// Direct (custom form) login and registration: Wix's state machine surfaced as a typed union.

import { callMethod, WixApiError, WixConfigError, WixResponseError } from "./core-link.js";
import type { WixApiError as ApiError } from "./errors.js";
import { exchangeSessionToken, LOGIN, REGISTER, VERIFY, type LoginContext } from "./login.js";
import type { Tokens } from "./tokens.js";

export type LoginFailureCode =
  | "wrongPassword"
  | "unknownEmail"
  | "emailExists"
  | "captchaRequired"
  | "captchaInvalid"
  | "resetPassword"
  | "verificationFailed"
  | "invalidEmail"
  | "unsupportedState"
  | "unknown";

/** Every outcome of login / register / verifyEmail. Network and 5xx failures are thrown as typed errors instead. */
export type LoginResult<M> =
  | { readonly status: "success"; readonly member: M }
  /** Ask the user for the emailed code, then call `auth.verifyEmail({ code, stateToken })` (works across requests). */
  | { readonly status: "emailVerificationRequired"; readonly stateToken: string }
  | { readonly status: "ownerApprovalRequired" }
  | {
      readonly status: "failure";
      readonly code: LoginFailureCode;
      readonly message: string;
      readonly error?: ApiError;
    };

export type CaptchaToken = { Recaptcha: string } | { InvisibleRecaptcha: string } | { NoCaptcha: string };

export interface LoginInput {
  email: string;
  password: string;
  captchaTokens?: CaptchaToken[];
  /** An allowed redirect URI of the OAuth app, used to turn the session token into tokens (defaults to the client's). */
  redirectUri?: string;
}
export interface RegisterInput extends LoginInput {
  profile?: Record<string, unknown>;
}
export interface VerifyInput {
  code: string;
  stateToken: string;
  redirectUri?: string;
}

// Numeric codes are what Wix sends today (SDK constants.js); string codes come from the typings.
const FAILURES: Record<string, LoginFailureCode> = {
  "-19976": "wrongPassword",
  "-19999": "unknownEmail",
  "-19995": "emailExists",
  DUPLICATE_EMAIL: "emailExists",
  "-19971": "captchaRequired",
  CAPTCHA_TOKEN_REQUIRED: "captchaRequired",
  "-19970": "captchaInvalid",
  INVALID_CAPTCHA_TOKEN: "captchaInvalid",
  "-19973": "resetPassword",
  VERIFICATION_FAILED: "verificationFailed",
};

type Step = "login" | "register" | "verifyEmail";

export async function directStep(
  ctx: LoginContext,
  step: Step,
  body: Record<string, unknown>,
  redirectUri: string | undefined,
): Promise<LoginResult<Tokens>> {
  // The redirect URI is needed only to turn a successful login into tokens: a wrong password, an unknown email or a
  // verification step is answered as such without one.
  let res: Record<string, unknown>;
  try {
    const descriptor = step === "login" ? LOGIN : step === "register" ? REGISTER : VERIFY;
    res = (await callMethod(ctx.core, `auth.${step}`, descriptor, body, {}, false)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof WixApiError && error.status < 500 && error.status !== 429) return failure(error);
    throw error;
  }
  switch (res.state) {
    case "SUCCESS": {
      if (typeof res.sessionToken !== "string" || res.sessionToken === "") {
        throw new WixResponseError({
          operation: `auth.${step}`,
          status: 200,
          problem: "state SUCCESS without a sessionToken",
        });
      }
      ctx.core.secrets.add(res.sessionToken);
      if (!redirectUri) {
        throw new WixConfigError(
          `auth.${step}({ redirectUri })`,
          "the password was accepted, but a redirect URI allowed by the OAuth app is needed to turn the login into member tokens (Wix's silent authorize redirects the code to it); pass it here or as the client's redirectUri option.",
        );
      }
      return { status: "success", member: await exchangeSessionToken(ctx, res.sessionToken, redirectUri) };
    }
    case "REQUIRE_EMAIL_VERIFICATION":
      if (typeof res.stateToken !== "string" || res.stateToken === "") {
        throw new WixResponseError({
          operation: `auth.${step}`,
          status: 200,
          problem: "state REQUIRE_EMAIL_VERIFICATION without a stateToken",
        });
      }
      return { status: "emailVerificationRequired", stateToken: res.stateToken };
    case "REQUIRE_OWNER_APPROVAL":
      return { status: "ownerApprovalRequired" };
    default:
      return {
        status: "failure",
        code: "unsupportedState",
        message: `Wix answered with state ${JSON.stringify(res.state)}, which this runtime does not support.`,
      };
  }
}

function failure(error: ApiError): LoginResult<Tokens> {
  const emailViolation = error.fieldViolations.some((v) => /email/i.test(v.field));
  const code = FAILURES[error.code] ?? (emailViolation ? "invalidEmail" : "unknown");
  return { status: "failure", code, message: error.description || error.serverMessage || error.message, error };
}

/** Maps the tokens in a result to a client, leaving every other outcome as is. */
export async function mapSuccess<M>(
  result: Promise<LoginResult<Tokens>>,
  toMember: (tokens: Tokens) => Promise<M>,
): Promise<LoginResult<M>> {
  const r = await result;
  return r.status === "success" ? { status: "success", member: await toMember(r.member) } : r;
}
