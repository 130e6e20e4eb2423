// A call through each generated client reaches a local HTTP server with the right verb, path, body and credentials;
// a Wix 403 body becomes the typed error; the runtime guard refuses a cast call before any network traffic.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "../../generated/admin.js";
import { createMemberClient, type MemberClient } from "../../generated/member.js";
import { createVisitorClient } from "../../generated/visitor.js";
import { WixApiError, WixIdentityError } from "@wix-authz/runtime";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.setHeader("content-type", "application/json");
      res.setHeader("x-wix-request-id", `req-${seen.length}`);
      if (req.url === "/oauth2/token")
        return res.end(
          JSON.stringify({
            access_token: "OauthNG.JWS.visitor-access",
            refresh_token: "JWS.visitor-refresh",
            expires_in: 14400,
            token_type: "Bearer",
          }),
        );
      if (req.url?.startsWith("/members/v1/members/") && req.url.endsWith("/approve")) {
        res.statusCode = 403;
        return res.end(
          JSON.stringify({
            message: "Permission denied",
            details: {
              applicationError: {
                code: "PERMISSION_DENIED",
                description: "Unauthorized to perform MEMBERS.MEMBER_APPROVE",
                data: {},
              },
            },
          }),
        );
      }
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const take = () => seen.splice(0, seen.length);

describe("generated clients over HTTP", () => {
  it("visitor: mints an anonymous token, then POSTs the JSON body with the raw token", async () => {
    take();
    const visitor = createVisitorClient({ clientId: "client-1", baseUrl });
    await visitor.stores.products.queryProducts({ query: { paging: { limit: 2 } } });
    const [token, call] = take();
    expect(token).toMatchObject({ method: "POST", url: "/oauth2/token" });
    expect(JSON.parse(token!.body)).toEqual({ clientId: "client-1", grantType: "anonymous" });
    expect(token!.headers.authorization).toBeUndefined();
    expect(call).toMatchObject({ method: "POST", url: "/stores-reader/v1/products/query-platformized" });
    expect(call!.headers.authorization).toBe("OauthNG.JWS.visitor-access");
    expect(call!.headers["content-type"]).toContain("application/json");
    expect(JSON.parse(call!.body)).toEqual({ query: { paging: { limit: 2 } } });
  });

  it("visitor: path parameters are URL-encoded into the path and not repeated in the query", async () => {
    const visitor = createVisitorClient({ clientId: "client-1", baseUrl });
    await visitor.stores.products.getProduct({ id: "a b/c?" });
    const call = take().at(-1)!;
    expect(call).toMatchObject({ method: "GET", url: "/stores-reader/v1/products/a%20b%2Fc%3F", body: "" });
  });

  it("member: uses the member's access token; GET fields become query parameters", async () => {
    const member: MemberClient = createMemberClient({
      clientId: "client-1",
      baseUrl,
      tokens: {
        accessToken: "OauthNG.JWS.member-access",
        refreshToken: "JWS.member-refresh",
        expiresAt: Date.now() + 3_600_000,
        role: "member",
      },
    });
    await member.members.members.getCurrentMember({ fieldsets: ["FULL", "PUBLIC"] });
    const [call] = take();
    expect(call).toMatchObject({ method: "GET", url: "/members/v1/members/my?fieldsets=FULL&fieldsets=PUBLIC" });
    expect(call!.headers.authorization).toBe("OauthNG.JWS.member-access");
  });

  it("admin: sends the API key and exactly one site header; DELETE carries no body", async () => {
    const admin = createAdminClient({ apiKey: "IST.secret-key", siteId: "site-1", baseUrl });
    await admin.stores.products.deleteProduct({ id: "p1" });
    const [call] = take();
    expect(call).toMatchObject({ method: "DELETE", url: "/stores/v1/products/p1", body: "" });
    expect(call!.headers.authorization).toBe("IST.secret-key");
    expect(call!.headers["wix-site-id"]).toBe("site-1");
    expect(call!.headers["wix-account-id"]).toBeUndefined();
  });

  it("a 403 Wix body becomes a typed WixApiError with status, code, request id and identities", async () => {
    const admin = createAdminClient({ apiKey: "IST.secret-key", siteId: "site-1", baseUrl });
    const error = await admin.members.members.approveMember({ id: "m1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixApiError);
    const e = error as WixApiError;
    expect([e.status, e.code, e.requestId]).toEqual([403, "PERMISSION_DENIED", expect.stringMatching(/^req-\d+$/)]);
    expect(e.message).toContain("Unauthorized to perform MEMBERS.MEMBER_APPROVE");
    expect(e.message).not.toContain("IST.secret-key");
    take();
  });

  it("the runtime guard refuses a call forced past the types, before any request", async () => {
    const visitor = createVisitorClient({ clientId: "client-1", baseUrl });
    const forced = visitor as unknown as MemberClient;
    const error = await forced.members.members.getCurrentMember().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixIdentityError);
    expect((error as Error).message).toContain("members.members.getCurrentMember");
    expect(take()).toEqual([]);
  });
});
