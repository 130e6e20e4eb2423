// /oauth2/token and /oauth2/token-info over real HTTP: every grant, both encodings, both spellings, every error.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_SITE_ID,
  DEMO_MEMBER_ID,
  type RunningEmulator,
} from "../../emulator/index.js";
import { type TestClock, call, memberTokens, start, tokenData, visitorTokens } from "./helpers.js";

let em: RunningEmulator;
let clock: TestClock;
beforeEach(async () => ({ em, clock } = await start()));
afterEach(() => em.close());

async function form(fields: Record<string, string>) {
  const res = await fetch(`${em.url}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe("anonymous grant", () => {
  it("returns Wix-shaped visitor tokens", async () => {
    const res = await call(em, "POST", "/oauth2/token", {
      body: { clientId: DEFAULT_CLIENT_ID, grantType: "anonymous" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-wix-request-id")).toMatch(/^\d+\.\d{9}$/);
    expect(Object.keys(res.body).sort()).toEqual([
      "access_token",
      "expires_in",
      "refresh_token",
      "scope",
      "token_type",
    ]);
    expect(res.body).toMatchObject({ token_type: "Bearer", expires_in: 14400, scope: "offline_access" });
    expect(res.body.access_token).toMatch(/^OauthNG\.JWS\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.body.refresh_token).toMatch(/^JWS\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const access = tokenData(res.body.access_token);
    expect(access.exp - access.iat).toBe(14400);
    expect(access.iat).toBe(Math.floor(clock.ms / 1000));
    expect(access.data.instance).toMatchObject({ appDefId: DEFAULT_CLIENT_ID, metaSiteId: DEFAULT_SITE_ID });
    expect(access.data.instance.aid).toMatch(/^[0-9a-f-]{36}$/);
    expect(access.data.instance.uid).toBeUndefined();
    expect(tokenData(res.body.refresh_token).exp - tokenData(res.body.refresh_token).iat).toBe(31_536_000);
  });

  it("accepts form-urlencoded bodies with snake_case fields", async () => {
    const res = await form({ client_id: DEFAULT_CLIENT_ID, grant_type: "anonymous" });
    expect(res.status).toBe(200);
    expect(res.body["access_token"]).toMatch(/^OauthNG\.JWS\./);
  });

  it("gives each anonymous grant a new visitor", async () => {
    const a = tokenData((await visitorTokens(em)).access).data.instance.aid;
    const b = tokenData((await visitorTokens(em)).access).data.instance.aid;
    expect(a).not.toBe(b);
  });

  it.each([
    [{ grantType: "anonymous" }, "invalid_client"],
    [{ clientId: "00000000-0000-4000-8000-000000000000", grantType: "anonymous" }, "invalid_client"],
    [{ clientId: DEFAULT_CLIENT_ID }, "invalid_request"],
    [{ clientId: DEFAULT_CLIENT_ID, grantType: "password" }, "unsupported_grant_type"],
  ])("rejects %j with %s", async (body, error) => {
    const res = await call(em, "POST", "/oauth2/token", { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(error);
    expect(typeof res.body.error_description).toBe("string");
    expect(res.headers.get("x-wix-request-id")).not.toBeNull();
  });

  it("answers invalid_request for a body that is not JSON", async () => {
    const res = await call(em, "POST", "/oauth2/token", {
      raw: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid_request" } });
  });
});

describe("refresh_token grant", () => {
  it("keeps the identity and returns the same refresh token, with or without clientId", async () => {
    const visitor = await visitorTokens(em);
    for (const body of [
      { clientId: DEFAULT_CLIENT_ID, grantType: "refresh_token", refreshToken: visitor.refresh },
      { grantType: "refresh_token", refreshToken: visitor.refresh },
    ]) {
      const res = await call(em, "POST", "/oauth2/token", { body });
      expect(res.status).toBe(200);
      expect(res.body.refresh_token).toBe(visitor.refresh);
      expect(tokenData(res.body.access_token).data.instance.aid).toBe(tokenData(visitor.access).data.instance.aid);
    }
  });

  it("keeps a member a member", async () => {
    const member = await memberTokens(em, (await visitorTokens(em)).access);
    const res = await form({
      client_id: DEFAULT_CLIENT_ID,
      grant_type: "refresh_token",
      refresh_token: member.refresh,
    });
    expect(tokenData(String(res.body["access_token"])).data.instance).toMatchObject({
      uid: DEMO_MEMBER_ID,
      siteMemberId: DEMO_MEMBER_ID,
    });
  });

  it("refuses tampered, garbage, expired and foreign-client refresh tokens with invalid_grant", async () => {
    const visitor = await visitorTokens(em);
    const [head, payload, sig] = visitor.refresh.slice("JWS.".length).split(".") as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ data: '"someone-else"', iat: 1, exp: 9_999_999_999 })).toString(
      "base64url",
    );
    const badSig = sig.slice(0, -2) + (sig.endsWith("AA") ? "BB" : "AA");
    for (const refreshToken of [
      `JWS.${head}.${forged}.${sig}`,
      `JWS.${head}.${payload}.${badSig}`,
      "JWS.garbage",
      "nope",
    ]) {
      const res = await call(em, "POST", "/oauth2/token", { body: { grantType: "refresh_token", refreshToken } });
      expect(res.body.error, refreshToken).toBe("invalid_grant");
    }
    clock.advance(31_536_000);
    const expired = await call(em, "POST", "/oauth2/token", {
      body: { grantType: "refresh_token", refreshToken: visitor.refresh },
    });
    expect(expired.body).toEqual({ error: "invalid_grant", error_description: "Refresh token has expired" });
  });

  it("refuses a refresh token presented by another client", async () => {
    ({ em, clock } = await restartWithTwoClients());
    const visitor = await visitorTokens(em);
    const res = await call(em, "POST", "/oauth2/token", {
      body: { clientId: "second-client", grantType: "refresh_token", refreshToken: visitor.refresh },
    });
    expect(res.body.error).toBe("invalid_grant");
  });
});

async function restartWithTwoClients() {
  await em.close();
  return start({
    clients: [
      { clientId: DEFAULT_CLIENT_ID, redirectUris: ["http://localhost:3000/callback"] },
      { clientId: "second-client", redirectUris: [] },
    ],
  });
}

describe("client_credentials grant", () => {
  it("mints an app (admin) token without refresh token", async () => {
    const res = await form({
      grant_type: "client_credentials",
      client_id: DEFAULT_CLIENT_ID,
      client_secret: DEFAULT_CLIENT_SECRET,
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["access_token", "expires_in", "token_type"]);
    const products = await call(em, "POST", "/stores/v1/products", {
      auth: `Bearer ${String(res.body["access_token"])}`,
      body: { product: { name: "By app", productType: "digital", priceData: { price: 1 } } },
    });
    expect(products.status).toBe(200);
  });

  it("refuses a wrong secret with invalid_client", async () => {
    const res = await form({ grant_type: "client_credentials", client_id: DEFAULT_CLIENT_ID, client_secret: "wrong" });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid_client" } });
  });
});

describe("/oauth2/token-info", () => {
  it("describes visitor, member and app tokens and refresh tokens", async () => {
    const visitor = await visitorTokens(em);
    const member = await memberTokens(em, visitor.access);
    const app = await form({
      grant_type: "client_credentials",
      client_id: DEFAULT_CLIENT_ID,
      client_secret: DEFAULT_CLIENT_SECRET,
    });
    const info = async (token: string) => (await call(em, "POST", "/oauth2/token-info", { body: { token } })).body;
    expect(await info(visitor.access)).toMatchObject({
      active: true,
      subjectType: "VISITOR",
      subjectId: tokenData(visitor.access).data.instance.aid,
      clientId: DEFAULT_CLIENT_ID,
      siteId: DEFAULT_SITE_ID,
    });
    expect(await info(member.access)).toMatchObject({ active: true, subjectType: "MEMBER", subjectId: DEMO_MEMBER_ID });
    expect(await info(member.refresh)).toMatchObject({ active: true, subjectType: "MEMBER" });
    expect(await info(String(app.body["access_token"]))).toMatchObject({ active: true, subjectType: "APP" });
    expect(await info("OauthNG.JWS.garbage")).toEqual({ active: false });
    clock.advance(14_400);
    expect(await info(visitor.access)).toEqual({ active: false });
  });

  it("needs a token field", async () => {
    const res = await call(em, "POST", "/oauth2/token-info", { body: {} });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid_request" } });
  });
});
