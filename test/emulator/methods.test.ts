// Spec methods over HTTP: every method × identity (allowed → 200, refused → 403), 401 cases, API-key headers, 400s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity, MethodModel } from "../../core/model.js";
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SEED,
  STORES_APP_ID,
  type RunningEmulator,
  encodeQuery,
} from "../../emulator/index.js";
import { type TestClock, adminHeaders, call, defaultModel, memberTokens, start, visitorTokens } from "./helpers.js";

let em: RunningEmulator;
let clock: TestClock;
let auth: Record<Identity, Record<string, string>>;
const seedProductId = DEFAULT_SEED.products![0]!.id;

beforeAll(async () => {
  ({ em, clock } = await start());
  const visitor = await visitorTokens(em);
  const member = await memberTokens(em, (await visitorTokens(em)).access);
  auth = { visitor: { authorization: visitor.access }, member: { authorization: member.access }, admin: adminHeaders };
});
afterAll(() => em.close());

/** Calls a spec method the way the runtime does: path params in the path, GET/DELETE fields in the query. */
async function invoke(method: MethodModel, request: Record<string, unknown>, headers: Record<string, string>) {
  let path = method.http.path;
  const rest = { ...request };
  for (const name of method.http.pathParams) {
    path = path.replace(`{${name}}`, encodeURIComponent(String(rest[name])));
    delete rest[name];
  }
  if (method.http.method === "GET" || method.http.method === "DELETE") {
    const query = encodeQuery(rest).toString();
    return call(em, method.http.method, query === "" ? path : `${path}?${query}`, { headers });
  }
  return call(em, method.http.method, path, { headers, body: rest });
}

/** A valid request for each default-spec method, creating what it refers to. */
async function validRequest(id: string): Promise<Record<string, unknown>> {
  const admin = adminHeaders;
  const newProduct = async () =>
    (
      await call(em, "POST", "/stores/v1/products", {
        headers: admin,
        body: { product: { name: "Tmp", productType: "digital", priceData: { price: 1 } } },
      })
    ).body.product.id;
  const newBooking = async () =>
    (
      await call(em, "POST", "/_api/bookings-service/v2/bookings", {
        headers: auth.member,
        body: { booking: { bookedEntity: { title: "Class" } } },
      })
    ).body.booking;
  switch (id) {
    case "stores.products.queryProducts":
      return { query: { paging: { limit: 2 } } };
    case "stores.products.getProduct":
      return { id: seedProductId };
    case "stores.products.createProduct":
      return { product: { name: "Vase", productType: "physical", priceData: { price: 30 } } };
    case "stores.products.deleteProduct":
      return { id: await newProduct() };
    case "ecom.currentCart.getCurrentCart":
      return {};
    case "ecom.currentCart.addToCurrentCart":
      return { lineItems: [{ quantity: 1, catalogReference: { catalogItemId: seedProductId, appId: STORES_APP_ID } }] };
    case "bookings.bookings.createBooking":
      return { booking: { bookedEntity: { title: "Class" }, totalParticipants: 2 } };
    case "bookings.bookings.confirmBooking":
    case "bookings.bookings.cancelBooking": {
      const booking = await newBooking();
      return { bookingId: booking.id, revision: booking.revision };
    }
    case "members.members.getCurrentMember":
      return { fieldsets: ["FULL"] };
    case "members.members.approveMember":
      return { id: DEFAULT_SEED.members![0]!.id };
    default:
      throw new Error(`no valid request for ${id}`);
  }
}

describe("every method × identity", async () => {
  const model = await defaultModel();
  const cases = model.methods.flatMap((m) =>
    (["visitor", "member", "admin"] as const).map((identity) => [m.id, identity, m] as const),
  );

  it.each(cases)("%s as %s", async (_, identity, method) => {
    if (method.id === "ecom.currentCart.getCurrentCart" && identity !== "admin") {
      await invoke(
        model.methods.find((m) => m.id === "ecom.currentCart.addToCurrentCart")!,
        await validRequest("ecom.currentCart.addToCurrentCart"),
        auth[identity],
      );
    }
    const res = await invoke(method, await validRequest(method.id), auth[identity]);
    if (method.identities.includes(identity)) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    } else {
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        message: `Unauthorized to perform ${method.permissions.join(", ")}`,
        details: {
          applicationError: {
            code: "PERMISSION_DENIED",
            description: `Unauthorized to perform ${method.permissions.join(", ")}`,
            data: { identity, allowedIdentities: method.identities },
          },
        },
      });
    }
    const last = em.requests.at(-1)!;
    expect(last).toMatchObject({
      methodId: method.id,
      status: res.status,
      identity: identity === "admin" ? "admin (api-key)" : identity,
    });
  });
});

describe("authentication", () => {
  const path = "/stores-reader/v1/products/query-platformized";

  it("answers 401 UNAUTHENTICATED for missing, garbage, tampered and expired tokens", async () => {
    const visitor = (await visitorTokens(em)).access;
    const [prefix, head, payload, sig] = [visitor.slice(0, 12), ...visitor.slice(12).split(".")] as [
      string,
      string,
      string,
      string,
    ];
    const data = JSON.parse(Buffer.from(payload, "base64url").toString()) as { data: string; iat: number; exp: number };
    const altered = Buffer.from(JSON.stringify({ ...data, exp: data.exp + 1_000_000 })).toString("base64url");
    const cases: [string | undefined, string][] = [
      [undefined, "Missing Authorization header"],
      ["", "Missing Authorization header"],
      ["garbage", "Authorization header is not a valid access token"],
      [`${prefix}${head}.${altered}.${sig}`, "Access token signature is invalid"],
      [`${prefix}${head}.${payload}.${sig.slice(0, -1)}x`, "Access token signature is invalid"],
      ["IST.not-a-key", "API key is not valid"],
    ];
    for (const [authorization, description] of cases) {
      const res = await call(em, "POST", path, {
        body: {},
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(res.status, description).toBe(401);
      expect(res.body.details.applicationError).toEqual({ code: "UNAUTHENTICATED", description, data: {} });
    }
    clock.advance(14_400);
    const expired = await call(em, "POST", path, { body: {}, auth: visitor });
    expect([expired.status, expired.body.details.applicationError.description]).toEqual([
      401,
      "Access token has expired",
    ]);
    clock.advance(-14_400);
  });

  it("accepts tokens with or without a case-insensitive Bearer prefix", async () => {
    const visitor = (await visitorTokens(em)).access;
    for (const authorization of [visitor, `Bearer ${visitor}`, `bearer ${visitor}`]) {
      expect((await call(em, "POST", path, { body: {}, auth: authorization })).status).toBe(200);
    }
  });

  it("needs exactly one of wix-site-id / wix-account-id with an API key, for the key's own site or account", async () => {
    const key = { authorization: DEFAULT_API_KEY };
    const cases: [Record<string, string>, number][] = [
      [key, 403],
      [{ ...adminHeaders, "wix-account-id": DEFAULT_ACCOUNT_ID }, 403],
      [{ ...key, "wix-site-id": "00000000-0000-4000-8000-000000000000" }, 403],
      [{ ...key, "wix-account-id": "00000000-0000-4000-8000-000000000000" }, 403],
      [{ ...key, "wix-account-id": DEFAULT_ACCOUNT_ID }, 200],
      [{ ...adminHeaders, authorization: `Bearer ${DEFAULT_API_KEY}` }, 200],
    ];
    for (const [headers, status] of cases) {
      const res = await call(em, "POST", path, { body: {}, headers });
      expect(res.status, JSON.stringify(headers)).toBe(status);
      if (status === 403) expect(res.body.details.applicationError.code).toBe("PERMISSION_DENIED");
    }
  });
});

describe("request validation", () => {
  it("answers 400 with every field violation", async () => {
    const res = await call(em, "POST", "/stores/v1/products", {
      headers: adminHeaders,
      body: { product: { name: "", productType: "furniture", priceData: { price: -1 } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^INVALID_ARGUMENT: /);
    const violations = res.body.details.validationError.fieldViolations.map((v: Record<string, string>) => [
      v.field,
      v.violatedRule,
    ]);
    expect(violations).toEqual([
      ["product.name", "MIN_LENGTH"],
      ["product.priceData.price", "MIN"],
      ["product.productType", "VALIDATION"],
    ]);
  });

  it("names missing required fields", async () => {
    const res = await call(em, "POST", "/_api/bookings-service/v2/bookings", {
      headers: auth.visitor,
      body: { booking: {} },
    });
    expect(res.body.details.validationError.fieldViolations).toEqual([
      expect.objectContaining({ field: "booking.bookedEntity", violatedRule: "REQUIRED_FIELD" }),
    ]);
    const notJson = await call(em, "POST", "/_api/bookings-service/v2/bookings", {
      headers: { ...auth.visitor, "content-type": "application/json" },
      raw: "[1,",
    });
    expect(notJson.body.details.validationError.fieldViolations[0].field).toBe("body");
  });

  it("decodes GET query strings back into the request: repeated keys, coercion, and `.r`", async () => {
    const ok = await call(em, "GET", "/members/v1/members/my?fieldsets=PUBLIC&fieldsets=FULL", {
      headers: auth.member,
    });
    expect(ok.status).toBe(200);
    const bad = await call(em, "GET", "/members/v1/members/my?fieldsets=EVERYTHING", { headers: auth.member });
    expect(bad.body.details.validationError.fieldViolations[0].field).toBe("fieldsets.0");
    const packed = Buffer.from(JSON.stringify({ fieldsets: ["NOPE"] })).toString("base64url");
    const viaR = await call(em, "GET", `/members/v1/members/my?.r=${packed}`, { headers: auth.member });
    expect(viaR.body.details.validationError.fieldViolations[0].field).toBe("fieldsets.0");
    const broken = await call(em, "GET", "/members/v1/members/my?.r=***", { headers: auth.member });
    expect(broken.body.details.validationError.fieldViolations[0].field).toBe(".r");
  });

  it("takes path parameters from the path, even when the query repeats them differently", async () => {
    const res = await call(em, "GET", `/stores-reader/v1/products/${seedProductId}?id=other`, {
      headers: auth.visitor,
    });
    expect(res.body.product.id).toBe(seedProductId);
  });
});

describe("routing and headers", () => {
  it("answers 404 for unknown paths and 405 for a known path under another verb, always with a request id", async () => {
    const missing = await call(em, "GET", "/nowhere", { headers: auth.visitor });
    expect([missing.status, missing.body.details.applicationError.code]).toEqual([404, "NOT_FOUND"]);
    const verb = await call(em, "PUT", "/stores/v1/products", { headers: adminHeaders, body: {} });
    expect(verb.status).toBe(405);
    for (const res of [missing, verb]) expect(res.headers.get("x-wix-request-id")).toMatch(/^\d+\.\d{9}$/);
  });

  it("answers CORS preflights for browser apps on other origins", async () => {
    const res = await fetch(`${em.url}/oauth2/token`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-headers": "content-type,authorization" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(res.headers.get("access-control-allow-headers")).toBe("content-type,authorization");
    expect(res.headers.get("access-control-expose-headers")).toContain("x-wix-request-id");
  });

  it("logs requests without credentials", async () => {
    const before = em.requests.length;
    await call(em, "POST", "/oauth2/token", { body: { clientId: DEFAULT_CLIENT_ID, grantType: "anonymous" } });
    const entry = em.requests[before]!;
    expect(entry).toMatchObject({
      method: "POST",
      path: "/oauth2/token",
      grantType: "anonymous",
      identity: "visitor",
      status: 200,
    });
    expect(JSON.stringify(em.requests)).not.toMatch(/OauthNG|JWS\.|IST\./);
  });
});
