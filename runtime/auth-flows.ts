// The login flows behind `client.auth`, loaded on first use by auth-api.ts (a dynamic import): an app that never
// logs anyone in does not ship them, nor oauth4webapi. The core values they use come through core-link.ts.

import type { OAuthData } from "./callback.js";
import { requireString, WixConfigError } from "./core-link.js";
import {
  directStep,
  mapSuccess,
  type LoginInput,
  type LoginResult,
  type RegisterInput,
  type VerifyInput,
} from "./direct-login.js";
import {
  createAuthUrl,
  createLogoutUrl,
  exchangeCallback,
  exchangeSessionToken,
  type AuthUrlOptions,
  type LoginContext,
} from "./login.js";
import type { TokenSession } from "./session.js";
import type { Tokens } from "./tokens.js";

export { link } from "./core-link.js";
export { generateOAuthData } from "./pkce.js";

/** What a visitor or member client gives its `auth` methods. */
export interface AuthDeps {
  readonly identity: "visitor" | "member";
  readonly ctx: LoginContext;
  readonly session: TokenSession;
  readonly defaultRedirectUri: string | undefined;
  /** A new client of the given identity on the same store. */
  readonly spawn: (identity: "visitor" | "member") => object;
}

const uri = (d: AuthDeps, given?: string) => given ?? d.defaultRedirectUri;

async function toMember(d: AuthDeps, tokens: Tokens): Promise<object> {
  await d.session.replace(tokens);
  return d.spawn("member");
}

export async function getAuthUrl(d: AuthDeps, data: OAuthData, options?: AuthUrlOptions): Promise<{ authUrl: string }> {
  return { authUrl: await createAuthUrl(d.ctx, data, options) };
}

export async function loginWithCallback(d: AuthDeps, callbackUrl: string | URL, data: OAuthData): Promise<object> {
  return toMember(d, await exchangeCallback(d.ctx, callbackUrl, data));
}

function direct(
  d: AuthDeps,
  step: "login" | "register" | "verifyEmail",
  body: Record<string, unknown>,
  redirectUri: string | undefined,
): Promise<LoginResult<object>> {
  return mapSuccess(directStep(d.ctx, step, body, uri(d, redirectUri)), (tokens) => toMember(d, tokens));
}

function loginBody(i: LoginInput): Record<string, unknown> {
  return {
    loginId: { email: requireString("email", i?.email) },
    password: requireString("password", i.password),
    captchaTokens: i.captchaTokens,
  };
}

/**
 * The password is a secret while its request runs: a server or proxy echo of it is scrubbed from results and
 * errors. Then it is forgotten, not kept in memory for the client's life as tokens are. 4 characters suffice
 * (tokens need 8): passwords are shorter.
 */
async function withPassword<T>(d: AuthDeps, password: unknown, run: () => Promise<T>): Promise<T> {
  const secrets = d.ctx.core.secrets;
  if (typeof password !== "string") return run();
  // Counted per secret set: two logins with the same password at once forget it only when the last one settles.
  let holds = passwordHolds.get(secrets);
  if (!holds) passwordHolds.set(secrets, (holds = new Map()));
  const held = holds.get(password);
  if (held === undefined) {
    if (!secrets.add(password, 4)) return run(); // too short, or a secret already for its own reasons: not ours
    holds.set(password, 1);
  } else holds.set(password, held + 1);
  try {
    return await run();
  } finally {
    const left = (holds.get(password) ?? 1) - 1;
    if (left > 0) holds.set(password, left);
    else {
      holds.delete(password);
      secrets.forget(password);
    }
  }
}

const passwordHolds = new WeakMap<object, Map<string, number>>();

export async function login(d: AuthDeps, i: LoginInput): Promise<LoginResult<object>> {
  return withPassword(d, i?.password, () => direct(d, "login", loginBody(i), i.redirectUri));
}

export async function register(d: AuthDeps, i: RegisterInput): Promise<LoginResult<object>> {
  const body = () => ({ ...loginBody(i), profile: i.profile });
  return withPassword(d, i?.password, () => direct(d, "register", body(), i.redirectUri));
}

export async function verifyEmail(d: AuthDeps, i: VerifyInput): Promise<LoginResult<object>> {
  const body = { code: requireString("code", i?.code), stateToken: requireString("stateToken", i.stateToken) };
  return direct(d, "verifyEmail", body, i.redirectUri);
}

export async function loginWithSessionToken(
  d: AuthDeps,
  sessionToken: string,
  options?: { redirectUri?: string },
): Promise<object> {
  const redirectUri = uri(d, options?.redirectUri);
  if (!redirectUri)
    throw new WixConfigError(
      "loginWithSessionToken({ redirectUri })",
      "an allowed redirect URI of the OAuth app is required.",
    );
  return toMember(d, await exchangeSessionToken(d.ctx, requireString("sessionToken", sessionToken), redirectUri));
}

export async function logout(
  d: AuthDeps,
  options?: { postFlowUrl?: string },
): Promise<{ logoutUrl: string; visitor: object }> {
  const logoutUrl = await createLogoutUrl(d.ctx, options?.postFlowUrl);
  await d.session.replace(null);
  return { logoutUrl, visitor: d.spawn("visitor") };
}
