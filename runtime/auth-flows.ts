// The login flows behind `client.auth`, loaded on first use by auth-api.ts (a dynamic import): an app that never
// logs anyone in does not ship them, nor oauth4webapi. Nothing here imports a value from the core modules: they
// come in as `ctx.kit` (see FlowKit), so that esbuild keeps the core in the entry chunk.

import type { AuthDeps } from "./auth-api.js";
import type { OAuthData } from "./callback.js";
import { directStep, mapSuccess, type LoginResult } from "./direct-login.js";
import {
  createAuthUrl,
  createLogoutUrl,
  exchangeCallback,
  exchangeSessionToken,
  type AuthUrlOptions,
} from "./login.js";
import type { Tokens } from "./tokens.js";

import type { LoginInput, RegisterInput, VerifyInput } from "./direct-login.js";
import { generateOAuthData as pkceData } from "./pkce.js";

/** For `generateOAuthData` exported by the runtime's index, which has no client. */
export { pkceData };

const uri = (d: AuthDeps, given?: string) => given ?? d.defaultRedirectUri;

export function generateOAuthData(d: AuthDeps, redirectUri?: string): Promise<OAuthData> {
  return pkceData(d.ctx.kit, uri(d, redirectUri));
}

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

function loginBody(d: AuthDeps, i: LoginInput): Record<string, unknown> {
  const { requireString } = d.ctx.kit;
  return {
    loginId: { email: requireString("email", i?.email) },
    password: requireString("password", i.password),
    captchaTokens: i.captchaTokens,
  };
}

export async function login(d: AuthDeps, i: LoginInput): Promise<LoginResult<object>> {
  return direct(d, "login", loginBody(d, i), i.redirectUri);
}

export async function register(d: AuthDeps, i: RegisterInput): Promise<LoginResult<object>> {
  return direct(d, "register", { ...loginBody(d, i), profile: i.profile }, i.redirectUri);
}

export async function verifyEmail(d: AuthDeps, i: VerifyInput): Promise<LoginResult<object>> {
  const { requireString } = d.ctx.kit;
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
    throw new d.ctx.kit.WixConfigError(
      "loginWithSessionToken({ redirectUri })",
      "an allowed redirect URI of the OAuth app is required.",
    );
  return toMember(
    d,
    await exchangeSessionToken(d.ctx, d.ctx.kit.requireString("sessionToken", sessionToken), redirectUri),
  );
}

export async function logout(
  d: AuthDeps,
  options?: { postFlowUrl?: string },
): Promise<{ logoutUrl: string; visitor: object }> {
  const logoutUrl = await createLogoutUrl(d.ctx, options?.postFlowUrl);
  await d.session.replace(null);
  return { logoutUrl, visitor: d.spawn("visitor") };
}
