// Test helpers: start the emulator with a controllable clock, and speak its protocol with plain fetch.
import { createHash, randomBytes } from "node:crypto";
import { loadApiModel } from "../../generator/index.js";
import type { ApiModel } from "../../core/model.js";
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SITE_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_PASSWORD,
  type EmulatorOptions,
  type RunningEmulator,
  defaultSpecDir,
  startEmulator,
} from "../../emulator/index.js";

let model: Promise<ApiModel> | undefined;
export function defaultModel(): Promise<ApiModel> {
  return (model ??= loadApiModel(defaultSpecDir()));
}

/** A clock tests move by hand: `clock.advance(3600)` expires tokens without waiting. */
export class TestClock {
  ms = Date.UTC(2025, 5, 17, 5, 20, 24);
  readonly now = (): number => this.ms;
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export async function start(options: EmulatorOptions = {}): Promise<{ em: RunningEmulator; clock: TestClock }> {
  const clock = new TestClock();
  const em = await startEmulator({ spec: await defaultModel(), now: clock.now, ...options });
  return { em, clock };
}

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // tests read arbitrary JSON
}

export async function call(
  em: RunningEmulator,
  method: string,
  path: string,
  options: { body?: unknown; auth?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== undefined) headers["authorization"] = options.auth;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(em.url + path, { method, headers, ...(body !== undefined && { body }), redirect: "manual" });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url"); // 43 characters
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export async function visitorTokens(em: RunningEmulator): Promise<{ access: string; refresh: string }> {
  const res = await call(em, "POST", "/oauth2/token", {
    body: { clientId: DEFAULT_CLIENT_ID, grantType: "anonymous" },
  });
  if (res.status !== 200) throw new Error(`anonymous grant failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { access: res.body.access_token, refresh: res.body.refresh_token };
}

/** The JSON result embedded in a web_message page. */
export function webMessageResult(html: string): Record<string, string> {
  const match = /<script type="application\/json" id="wix-authz-result">(.*?)<\/script>/s.exec(html);
  if (match === null) throw new Error(`no result in page: ${html}`);
  return JSON.parse(match[1]!) as Record<string, string>;
}

/** Direct login as the SDK does it: login → redirect session (web_message, prompt none) → authorize → code → tokens. */
export async function memberTokens(
  em: RunningEmulator,
  visitorAccess: string,
  email = DEMO_MEMBER_EMAIL,
  password = DEMO_MEMBER_PASSWORD,
): Promise<{ access: string; refresh: string }> {
  const login = await call(em, "POST", "/_api/iam/authentication/v2/login", {
    auth: visitorAccess,
    body: { loginId: { email }, password },
  });
  if (login.body?.state !== "SUCCESS") throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const { verifier, challenge } = pkce();
  const session = await call(em, "POST", "/_api/redirects-api/v1/redirect-session", {
    auth: visitorAccess,
    body: {
      auth: {
        authRequest: {
          clientId: DEFAULT_CLIENT_ID,
          codeChallenge: challenge,
          codeChallengeMethod: "S256",
          responseMode: "web_message",
          responseType: "code",
          scope: "offline_access",
          state: "st-1",
          sessionToken: login.body.sessionToken,
        },
        prompt: "none",
      },
    },
  });
  const page = await fetch(session.body.redirectSession.fullUrl);
  const result = webMessageResult(await page.text());
  const tokens = await call(em, "POST", "/oauth2/token", {
    body: {
      clientId: DEFAULT_CLIENT_ID,
      grantType: "authorization_code",
      code: result["code"],
      codeVerifier: verifier,
    },
  });
  if (tokens.status !== 200) throw new Error(`code exchange failed: ${JSON.stringify(tokens.body)}`);
  return { access: tokens.body.access_token, refresh: tokens.body.refresh_token };
}

export const adminHeaders = { authorization: DEFAULT_API_KEY, "wix-site-id": DEFAULT_SITE_ID };

/** Decodes the `data` JSON of an `OauthNG.JWS.` token, for assertions on its shape. */
export function tokenData(token: string): { data: any; iat: number; exp: number } {
  const payload = token
    .replace(/^OauthNG\.JWS\./, "")
    .replace(/^JWS\./, "")
    .split(".")[1]!;
  const decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
    data: string;
    iat: number;
    exp: number;
  };
  return { ...decoded, data: JSON.parse(decoded.data) };
}
