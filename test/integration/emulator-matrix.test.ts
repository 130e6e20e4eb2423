// The generated clients against the emulator, every method × identity: allowed → succeeds; disallowed → refused by
// the runtime guard with no request sent, and with the guard bypassed → 403 PERMISSION_DENIED from the emulator.
// Allowed calls are checked for what they answer and for the credential the emulator saw.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../generated/admin.js";
import type { MemberClient } from "../../generated/member.js";
import { createVisitorClient, type VisitorClient } from "../../generated/visitor.js";
import type { MethodModel } from "../../core/model.js";
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SITE_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_ID,
  DEMO_MEMBER_PASSWORD,
  STORES_APP_ID,
  startEmulator,
  type RunningEmulator,
} from "../../emulator/index.js";
import {
  createVisitorRuntime,
  WixApiError,
  WixConfigError,
  WixIdentityError,
  type Identity,
  type MethodTable,
} from "@wix-authz/runtime";
import { createAdminRuntime } from "@wix-authz/runtime/admin";

type AnyClient = VisitorClient | MemberClient | AdminClient;

let emulator: RunningEmulator;
const clients = {} as Record<"guarded" | "bypassed", Record<Identity, AnyClient>>;

/** The generated clients, as users get them. */
async function generatedClients(): Promise<Record<Identity, AnyClient>> {
  const baseUrl = emulator.url;
  const site = { clientId: DEFAULT_CLIENT_ID, baseUrl, redirectUri: "http://localhost:3000/callback" };
  const login = await createVisitorClient(site).auth.login({
    email: DEMO_MEMBER_EMAIL,
    password: DEMO_MEMBER_PASSWORD,
  });
  if (login.status !== "success") throw new Error(`seed member login failed: ${login.status}`);
  return {
    visitor: createVisitorClient(site),
    member: login.member,
    admin: createAdminClient({ apiKey: DEFAULT_API_KEY, siteId: DEFAULT_SITE_ID, baseUrl }),
  };
}

/**
 * Clients forced past the runtime guard and given every method (a visitor client never holds admin-only methods):
 * what a hand-written client calling the same URLs with the same credentials would do.
 */
async function forcedClients(): Promise<Record<Identity, AnyClient>> {
  const table: MethodTable = Object.fromEntries(
    emulator.model.methods.map((m) => [
      m.id,
      {
        method: m.http.method,
        path: m.http.path,
        pathParams: m.http.pathParams,
        identities: m.identities,
        permissions: m.permissions,
      },
    ]),
  );
  const site = {
    clientId: DEFAULT_CLIENT_ID,
    baseUrl: emulator.url,
    redirectUri: "http://localhost:3000/callback",
    dangerouslySkipIdentityGuard: true,
  };
  const visitor = createVisitorRuntime<VisitorClient>(site, table);
  const login = await createVisitorRuntime<VisitorClient>(site, table).auth.login({
    email: DEMO_MEMBER_EMAIL,
    password: DEMO_MEMBER_PASSWORD,
  });
  if (login.status !== "success") throw new Error(`seed member login failed: ${login.status}`);
  const admin = createAdminRuntime<AdminClient>(
    { apiKey: DEFAULT_API_KEY, siteId: DEFAULT_SITE_ID, baseUrl: emulator.url, dangerouslySkipIdentityGuard: true },
    table,
  );
  return { visitor, member: login.member, admin };
}

beforeAll(async () => {
  emulator = await startEmulator();
  clients.guarded = await generatedClients();
  clients.bypassed = await forcedClients();
});
afterAll(() => emulator.close());

/** Untyped access: the matrix deliberately calls methods the types forbid. */
function method(client: AnyClient, id: string): (request?: unknown) => Promise<unknown> {
  const parts = id.split(".");
  let target: unknown = client;
  for (const p of parts.slice(0, -1)) target = (target as Record<string, unknown> | undefined)?.[p];
  const fn = (target as Record<string, (r?: unknown) => Promise<unknown>> | undefined)?.[parts.at(-1)!];
  if (typeof fn !== "function") throw new Error(`${id} is missing on the client object`);
  return fn.bind(target);
}

const admin = () => clients.guarded.admin as AdminClient;
const anyProductId = async () =>
  (await admin().stores.products.queryProducts({ query: { paging: { limit: 1 } } })).products[0]!.id;
const bookingBy = async (client: AnyClient) => {
  const r = (await method(
    client,
    "bookings.bookings.createBooking",
  )({ booking: { bookedEntity: { title: "Matrix" } } })) as { booking: { id: string; revision: string } };
  return { bookingId: r.booking.id, revision: r.booking.revision };
};

/** A valid request for each method of the default spec, creating what it needs first. */
const CALLS: Record<string, (identity: Identity, client: AnyClient) => Promise<unknown>> = {
  "stores.products.queryProducts": (_i, c) =>
    method(c, "stores.products.queryProducts")({ query: { paging: { limit: 2 } } }),
  "stores.products.getProduct": async (_i, c) => method(c, "stores.products.getProduct")({ id: await anyProductId() }),
  "stores.products.createProduct": (_i, c) =>
    method(
      c,
      "stores.products.createProduct",
    )({ product: { name: "Matrix", productType: "physical", priceData: { price: 1 } } }),
  "stores.products.deleteProduct": async (_i, c) => {
    const { product } = await admin().stores.products.createProduct({
      product: { name: "Doomed", productType: "digital", priceData: { price: 2 } },
    });
    return method(c, "stores.products.deleteProduct")({ id: product!.id });
  },
  "ecom.currentCart.getCurrentCart": (_i, c) => method(c, "ecom.currentCart.getCurrentCart")({}),
  "ecom.currentCart.addToCurrentCart": async (_i, c) =>
    method(
      c,
      "ecom.currentCart.addToCurrentCart",
    )({
      lineItems: [{ quantity: 1, catalogReference: { appId: STORES_APP_ID, catalogItemId: await anyProductId() } }],
    }),
  "bookings.bookings.createBooking": (_i, c) =>
    method(c, "bookings.bookings.createBooking")({ booking: { bookedEntity: { title: "Matrix" } } }),
  "bookings.bookings.confirmBooking": async (_i, c) =>
    method(c, "bookings.bookings.confirmBooking")(await bookingBy(admin())),
  // A member may cancel only their own booking: the member books first; others cancel an admin-made booking.
  "bookings.bookings.cancelBooking": async (i, c) =>
    method(c, "bookings.bookings.cancelBooking")(await bookingBy(i === "member" ? c : admin())),
  "members.members.getCurrentMember": (_i, c) => method(c, "members.members.getCurrentMember")({}),
  "members.members.approveMember": (_i, c) => method(c, "members.members.approveMember")({ id: DEMO_MEMBER_ID }),
};

type Answer = Record<string, Record<string, unknown>>;

/** What each allowed call answers, for the identity that made it (`subject`: its visitor or member id). */
const ANSWERS: Record<string, (r: Answer, identity: Identity, subject: string | undefined) => Promise<void> | void> = {
  "stores.products.queryProducts": (r) => {
    expect(Array.isArray(r.products) && r.products.length).toBe(2);
    expect(r.products).toEqual([expect.objectContaining({ id: expect.any(String) }), expect.anything()]);
  },
  "stores.products.getProduct": async (r) =>
    expect(r.product).toMatchObject({ id: await anyProductId(), name: expect.any(String) }),
  "stores.products.createProduct": (r) =>
    expect(r.product).toMatchObject({ id: expect.any(String), name: "Matrix", productType: "physical" }),
  "stores.products.deleteProduct": (r) => expect(r).toEqual({}),
  "ecom.currentCart.getCurrentCart": (r, i, subject) =>
    expect(r.cart).toMatchObject({ buyerInfo: { [i === "member" ? "memberId" : "visitorId"]: subject } }),
  "ecom.currentCart.addToCurrentCart": async (r, i, subject) =>
    expect(r.cart).toMatchObject({
      buyerInfo: { [i === "member" ? "memberId" : "visitorId"]: subject },
      lineItems: expect.arrayContaining([
        expect.objectContaining({
          quantity: 1,
          catalogReference: expect.objectContaining({ catalogItemId: await anyProductId() }),
        }),
      ]),
    }),
  "bookings.bookings.createBooking": (r) =>
    expect(r.booking).toMatchObject({ id: expect.any(String), status: "CREATED", revision: "1" }),
  "bookings.bookings.confirmBooking": (r) => expect(r.booking).toMatchObject({ status: "CONFIRMED", revision: "2" }),
  "bookings.bookings.cancelBooking": (r) => expect(r.booking).toMatchObject({ status: "CANCELED", revision: "2" }),
  "members.members.getCurrentMember": (r) =>
    expect(r.member).toMatchObject({ id: DEMO_MEMBER_ID, loginEmail: DEMO_MEMBER_EMAIL }),
  "members.members.approveMember": (r) => expect(r.member).toMatchObject({ id: DEMO_MEMBER_ID, status: "APPROVED" }),
};

/** How the emulator's request log names each identity's credential. */
const LOGGED: Record<Identity, string> = { visitor: "visitor", member: "member", admin: "admin (api-key)" };

/** The requests for `methodId` the emulator logged since index `from`. */
const servedSince = (from: number, methodId: string) =>
  emulator.requests.slice(from).filter((r) => r.methodId === methodId);

/** Served once, 200, to this identity's credential (a member call must not go out as the visitor), with its answer. */
async function expectAllowed(m: MethodModel, identity: Identity): Promise<void> {
  const from = emulator.requests.length;
  const answer = (await CALLS[m.id]!(identity, clients.guarded[identity])) as Answer;
  const served = servedSince(from, m.id);
  expect(
    served.map((r) => [r.status, r.identity]),
    `${identity} → ${m.id} (served)`,
  ).toEqual([[200, LOGGED[identity]]]);
  if (identity === "member") expect(served[0]!.subject).toBe(DEMO_MEMBER_ID);
  if (identity === "visitor") expect(served[0]!.subject).toEqual(expect.any(String));
  await ANSWERS[m.id]!(answer, identity, served[0]!.subject);
}

/** Refused by the guard with the typed error and no request sent; with the guard bypassed, 403 from the emulator. */
async function expectRefused(m: MethodModel, identity: Identity): Promise<void> {
  const from = emulator.requests.length;
  const inTable =
    identity === "admin"
      ? m.identities.includes("admin")
      : m.identities.includes("visitor") || m.identities.includes("member");
  if (!inTable) {
    // Not in this client's method table at all: admin-only methods never reach visitor/member clients (nor their
    // bundles), and the admin client holds only what an admin may call. A browser client's namespaces load lazily,
    // so any name is callable there and the call is refused, naming the method, once the namespace has loaded.
    if (identity === "admin")
      expect(() => method(clients.guarded[identity], m.id), `${identity} → ${m.id} (absent)`).toThrow(
        "missing on the client object",
      );
    else {
      const absent = await method(clients.guarded[identity], m.id)({}).catch((e: unknown) => e);
      expect(absent, `${identity} → ${m.id} (absent)`).toBeInstanceOf(WixConfigError);
      expect((absent as Error).message).toBe(
        `${m.id}: not a method of this client: its spec has no such method, or only a server-side identity may call it.`,
      );
    }
  } else {
    const guarded = await method(clients.guarded[identity], m.id)({}).catch((e: unknown) => e);
    expect(guarded, `${identity} → ${m.id} (guard)`).toBeInstanceOf(WixIdentityError);
    expect(guarded).toMatchObject({ methodId: m.id, identity, allowedIdentities: m.identities });
  }
  expect(emulator.requests.length, `${identity} → ${m.id}: no request when the guard refuses`).toBe(from);
  const served = await CALLS[m.id]!(identity, clients.bypassed[identity]).catch((e: unknown) => e);
  expect(served, `${identity} → ${m.id} (emulator)`).toBeInstanceOf(WixApiError);
  expect([(served as WixApiError).status, (served as WixApiError).code]).toEqual([403, "PERMISSION_DENIED"]);
  // The refusal is the emulator's own, for this identity's credential, not a failure of the setup calls.
  expect(servedSince(from, m.id).map((r) => [r.status, r.identity])).toEqual([[403, LOGGED[identity]]]);
}

describe("generated clients × emulator", () => {
  it("covers every method of the spec", () => {
    expect(Object.keys(CALLS).sort()).toEqual(emulator.model.methods.map((m) => m.id).sort());
    expect(Object.keys(ANSWERS).sort()).toEqual(Object.keys(CALLS).sort());
  });

  const cases = () =>
    emulator.model.methods.flatMap((m) =>
      (["visitor", "member", "admin"] as const).map((identity) => ({ m, identity })),
    );

  it("every method × identity: allowed succeeds, disallowed is refused by the guard and then by the emulator", async () => {
    let allowed = 0;
    let denied = 0;
    for (const { m, identity } of cases()) {
      if (m.identities.includes(identity)) {
        await expectAllowed(m, identity);
        allowed++;
      } else {
        await expectRefused(m, identity);
        denied++;
      }
    }
    expect([allowed, denied]).toEqual([
      emulator.model.methods.reduce((n, m) => n + m.identities.length, 0),
      emulator.model.methods.reduce((n, m) => n + 3 - m.identities.length, 0),
    ]);
    expect(denied).toBeGreaterThan(0);
    expect(allowed).toBeGreaterThan(0);
    expect(emulator.internalErrors).toEqual([]);
  });
});
