// Test seams for the runtime: a fake clock, a recording fake fetch with routes, token factories and a method table.

import type { CallOptions, Clock, FetchLike, MemberAuth, MethodTable, Tokens } from "@wix-authz/runtime";

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public current = 1_700_000_000_000) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.current += ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface Recorded {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export type Route = (req: Recorded) => Response | Promise<Response>;

/** A fetch that answers from `routes` ("POST /oauth2/token") and records every request. */
export function fakeFetch(
  routes: Record<string, Route>,
): FetchLike & { calls: Recorded[]; count(key: string): number } {
  const calls: Recorded[] = [];
  const fn = async (input: string, init: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    const req = { method: init.method ?? "GET", url, headers, body };
    calls.push(req);
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) return json(404, { message: `no route for ${req.method} ${url.pathname}` });
    return route(req);
  };
  return Object.assign(fn, {
    calls,
    count: (key: string) => calls.filter((c) => `${c.method} ${c.url.pathname}` === key).length,
  });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-wix-request-id": "req-1", ...headers },
  });
}

export const CLIENT_ID = "6d5e8e2c-0000-4000-8000-000000000001";
// Shaped like real Wix credentials so the shape-based redaction is exercised too.
export const API_KEY = "IST.eyJraWQiOiJQb3pIX2FDMiIsImFsZyI6IlJTMjU2In0.eyJkYXRhIjoie30ifQ.SECRET-API-KEY-SIGNATURE";

let serial = 0;
export function accessToken(tag = "a"): string {
  return `OauthNG.JWS.eyJhbGciOiJIUzI1NiJ9.${tag}-${++serial}-ACCESS.sig`;
}
export function refreshToken(tag = "r"): string {
  return `JWS.eyJhbGciOiJIUzI1NiJ9.${tag}-${++serial}-REFRESH.sig`;
}

export function tokens(role: "visitor" | "member", expiresAt: number): Tokens {
  return { accessToken: accessToken(role), refreshToken: refreshToken(role), role, expiresAt };
}

export function tokenBody(
  access = accessToken(),
  refresh: string | undefined = refreshToken(),
  expiresIn = 14_400,
): Record<string, unknown> {
  return {
    access_token: access,
    token_type: "Bearer",
    expires_in: expiresIn,
    refresh_token: refresh,
    scope: "offline_access",
  };
}

export const table = {
  "stores.products.queryProducts": {
    method: "POST",
    path: "/stores-reader/v1/products/query",
    pathParams: [],
    identities: ["visitor", "member", "admin"],
    permissions: ["WIX_STORES.READ_PRODUCTS"],
  },
  "stores.products.getProduct": {
    method: "GET",
    path: "/stores-reader/v1/products/{id}",
    pathParams: ["id"],
    identities: ["visitor", "member", "admin"],
    permissions: ["WIX_STORES.READ_PRODUCTS"],
  },
  "stores.products.deleteProduct": {
    method: "DELETE",
    path: "/stores/v1/products/{id}",
    pathParams: ["id"],
    identities: ["admin"],
    permissions: ["WIX_STORES.MODIFY_PRODUCTS"],
  },
  "members.members.getCurrentMember": {
    method: "GET",
    path: "/members/v1/members/my",
    pathParams: [],
    identities: ["member"],
    permissions: ["MEMBERS.MEMBER_READ"],
  },
} as const satisfies MethodTable;

type Fn = (request?: Record<string, unknown>, options?: CallOptions) => Promise<Record<string, unknown>>;
/** Loose client shape for runtime tests (the generated types are tested by the generator's suite). */
export interface TestClient {
  auth: Record<string, (...args: never[]) => unknown> & MemberAuth<TestClient, TestClient>;
  stores: { products: { queryProducts: Fn; getProduct: Fn; deleteProduct: Fn } };
  members: { members: { getCurrentMember: Fn } };
}
