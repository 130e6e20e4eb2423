// Runtime bench setup: the emulator, a visitor token, and the three contenders (wix-authz, raw fetch, @wix/sdk).
import { createClient, OAuthStrategy, type Tokens as SdkTokens } from "@wix/sdk";
import { products } from "@wix/stores";
import { DEFAULT_CLIENT_ID, DEFAULT_SEED, startEmulator, type RunningEmulator } from "../emulator/index.js";
import { createVisitorClient } from "../generated/visitor.js";

export const CLIENT_ID = DEFAULT_CLIENT_ID;
const seededProduct = DEFAULT_SEED.products?.[0];
if (!seededProduct) throw new Error("the emulator's DEFAULT_SEED has no products: the runtime benches need one to GET");
export const PRODUCT_ID = seededProduct.id;
export const PRODUCT_PATH = `/stores-reader/v1/products/${PRODUCT_ID}`;

export interface VisitorSession {
  readonly accessToken: string;
  readonly refreshToken: string;
}

export async function anonymousSession(emu: RunningEmulator): Promise<VisitorSession> {
  const res = await fetch(`${emu.url}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ clientId: CLIENT_ID, grantType: "anonymous" }),
  });
  if (!res.ok) throw new Error(`emulator refused the anonymous grant: HTTP ${res.status}`);
  const body = (await res.json()) as { access_token?: unknown; refresh_token?: unknown };
  if (typeof body.access_token !== "string" || typeof body.refresh_token !== "string")
    throw new Error("emulator token response lacks access_token/refresh_token");
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}

/**
 * @wix/sdk hardcodes https://www.wixapis.com and https://edge.wixapis.com and calls the global fetch: rewrite those
 * origins to the emulator. Returns a function that restores the previous global fetch.
 */
export function redirectWixFetch(emulatorUrl: string): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const target = url.replace(/^https:\/\/(www|edge)\.wixapis\.com(?=\/)/, emulatorUrl);
    if (target === url) return original(input, init);
    return original(typeof input === "string" || input instanceof URL ? target : new Request(target, input), init);
  }) as typeof fetch;
  return () => {
    globalThis.fetch = original;
  };
}

export function sdkClient(tokens?: SdkTokens) {
  return createClient({
    modules: { products },
    auth: OAuthStrategy({ clientId: CLIENT_ID, ...(tokens ? { tokens } : {}) }),
  });
}

/** @wix/sdk tokens whose access token expired 10 s ago (epoch seconds, as the SDK keeps them). */
export function sdkExpiredTokens(session: VisitorSession): SdkTokens {
  return {
    accessToken: { value: session.accessToken, expiresAt: Math.floor(Date.now() / 1000) - 10 },
    refreshToken: { value: session.refreshToken, role: "visitor" as SdkTokens["refreshToken"]["role"] },
  };
}

export function oursClient(emu: RunningEmulator, session?: VisitorSession, expired = false) {
  return createVisitorClient({
    clientId: CLIENT_ID,
    baseUrl: emu.url,
    ...(session
      ? {
          tokens: {
            accessToken: session.accessToken,
            refreshToken: session.refreshToken,
            role: "visitor",
            expiresAt: expired ? Date.now() - 10_000 : Date.now() + 3_600_000,
          },
        }
      : {}),
  });
}

export async function rawGetProduct(emu: RunningEmulator, session: VisitorSession): Promise<unknown> {
  const res = await fetch(`${emu.url}${PRODUCT_PATH}`, {
    method: "GET",
    headers: { authorization: session.accessToken },
  });
  if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
  return res.json();
}

/**
 * Raw fetch plus what a hard per-request timeout takes, as wix-authz's transport does it: an AbortController whose
 * signal fetch follows, and a timer. Shows how much of the client's overhead is that timeout alone.
 */
export async function rawGetProductWithTimeout(emu: RunningEmulator, session: VisitorSession): Promise<unknown> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), 30_000);
  try {
    const res = await fetch(`${emu.url}${PRODUCT_PATH}`, {
      method: "GET",
      headers: { authorization: session.accessToken },
      signal: timeout.signal,
    });
    if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}

export { startEmulator, type RunningEmulator };
