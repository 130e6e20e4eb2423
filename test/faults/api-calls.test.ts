// API calls under faults, for every identity: idempotent calls retry 503/429/resets with backoff and Retry-After,
// POSTs are never repeated, timeouts and garbage bodies become typed errors, and sessions survive it all.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdminClient } from "../../generated/admin.js";
import type { MemberClient } from "../../generated/member.js";
import type { VisitorClient } from "../../generated/visitor.js";
import { DEMO_MEMBER_ID, type FaultKind } from "../../emulator/index.js";
import type { ProxyFault } from "../support/fault-proxy.js";
import { WixApiError, WixNetworkError, WixResponseError } from "@wix-authz/runtime";
import {
  adminClient,
  failure,
  grants,
  issuedSecrets,
  memberClient,
  served,
  settle,
  startWorld,
  trackRejections,
  visitorClient,
  type World,
} from "./harness.js";

const rejections = trackRejections();
let world: World;
let clients: { visitor: VisitorClient; member: MemberClient; admin: AdminClient };
let productId: string;
let mark = 0;

beforeAll(async () => {
  world = await startWorld({ faults: { retryAfterSeconds: 3 } });
  clients = { visitor: visitorClient(world), member: await memberClient(world), admin: adminClient(world) };
  productId = (await clients.admin.stores.products.queryProducts({ query: { paging: { limit: 1 } } })).products[0]!.id;
});
beforeEach(() => {
  world.clock.sleeps.length = 0;
  mark = world.proxy.log.length;
});
afterEach(async () => {
  await settle();
  expect(rejections.seen, "unhandled promise rejections").toEqual([]);
});
afterAll(async () => {
  rejections.stop();
  expect(world.audit.findLeaks(issuedSecrets(world)), "credentials in errors or serialized clients").toEqual([]);
  expect(world.em.internalErrors).toEqual([]);
  await world.close();
});

type Identity = keyof typeof clients;
const IDENTITIES: Identity[] = ["visitor", "member", "admin"];
const getProduct = (who: Identity, timeoutMs?: number) =>
  clients[who].stores.products.getProduct({ id: productId }, timeoutMs ? { timeoutMs } : {});
const queryProducts = (who: Identity) =>
  clients[who].stores.products.queryProducts({ query: { paging: { limit: 1 } } });
const GET_PATH = () => `/stores-reader/v1/products/${productId}`;
const QUERY = "/stores-reader/v1/products/query-platformized";
/** What the proxy saw on a path since this test began: the injected fault or the status, per attempt. */
const seen = (path: string) =>
  world.proxy.log
    .slice(mark)
    .filter((r) => r.path === path)
    .map((r) => r.fault ?? r.status);

function inject(
  path: string,
  fault: { emulator?: FaultKind; proxy?: ProxyFault["kind"]; status?: number },
  times: number,
) {
  if (fault.emulator) world.em.faults.enqueue({ kind: fault.emulator, pathPrefix: path, times });
  if (fault.proxy)
    world.proxy.enqueue({ kind: fault.proxy, pathPrefix: path, times, ...(fault.status && { status: fault.status }) });
}

describe.each(IDENTITIES)("%s client", (who) => {
  it("GET: two 503s are retried with backoff, the third attempt succeeds", async () => {
    inject(GET_PATH(), { emulator: "server-error" }, 2);
    const { product } = await getProduct(who);
    expect(product?.id).toBe(productId);
    expect(seen(GET_PATH())).toEqual([503, 503, 200]);
    expect(world.clock.sleeps).toEqual([250, 500]);
  });

  it("GET: the retry budget is bounded (3 attempts), then a WixApiError with the request id", async () => {
    inject(GET_PATH(), { emulator: "server-error" }, 3);
    const error = await failure(world, getProduct(who));
    expect(error).toBeInstanceOf(WixApiError);
    expect(error).toMatchObject({
      status: 503,
      code: "UNKNOWN",
      identity: who,
      methodId: "stores.products.getProduct",
    });
    expect((error as WixApiError).requestId).toMatch(/^\d+\.\d{9}$/);
    expect(seen(GET_PATH())).toEqual([503, 503, 503]);
  });

  it("GET: 429 waits for Retry-After (3 s), and reports it when the budget runs out", async () => {
    inject(GET_PATH(), { emulator: "rate-limit" }, 1);
    await getProduct(who);
    expect(world.clock.sleeps).toEqual([3000]);
    inject(GET_PATH(), { emulator: "rate-limit" }, 3);
    const error = await failure(world, getProduct(who));
    expect(error).toMatchObject({ status: 429, code: "RESOURCE_EXHAUSTED", retryAfterMs: 3000 });
    expect(world.clock.sleeps).toEqual([3000, 3000, 3000]);
  });

  it("GET: connection resets are retried; three in a row give a WixNetworkError", async () => {
    inject(GET_PATH(), { proxy: "reset" }, 2);
    await getProduct(who);
    expect(seen(GET_PATH())).toEqual(["reset", "reset", 200]);
    inject(GET_PATH(), { proxy: "reset" }, 3);
    const error = await failure(world, getProduct(who));
    expect(error).toBeInstanceOf(WixNetworkError);
    expect(error).toMatchObject({ reason: "network", attempts: 3, operation: "stores.products.getProduct" });
  });

  it("GET: a stalled server times out per attempt, bounded", async () => {
    inject(GET_PATH(), { proxy: "stall" }, 3);
    const error = await failure(world, getProduct(who, 150));
    expect(error).toBeInstanceOf(WixNetworkError);
    expect(error).toMatchObject({ reason: "timeout", attempts: 3 });
    expect((error as Error).message).toContain("timed out after 150 ms");
    expect(seen(GET_PATH())).toEqual(["stall", "stall", "stall"]);
  });

  it("GET: a truncated JSON body is a WixResponseError, not a crash or a half-parsed object", async () => {
    inject(GET_PATH(), { proxy: "garbage-json" }, 1);
    const error = await failure(world, getProduct(who));
    expect(error).toBeInstanceOf(WixResponseError);
    expect(error).toMatchObject({ status: 200, operation: "stores.products.getProduct" });
    expect((error as WixResponseError).requestId).toBeDefined();
    expect(seen(GET_PATH())).toEqual(["garbage-json"]);
  });

  it("GET: a plain 500 is reported at once (only 429 and 503 are retried for API calls)", async () => {
    inject(GET_PATH(), { proxy: "status", status: 500 }, 1);
    const error = await failure(world, getProduct(who));
    expect(error).toMatchObject({ status: 500, code: "UNKNOWN" });
    expect(seen(GET_PATH())).toEqual(["status"]);
  });

  it.each([
    ["503", { emulator: "server-error" as const }, WixApiError, { status: 503 }],
    ["429", { emulator: "rate-limit" as const }, WixApiError, { status: 429, retryAfterMs: 3000 }],
    ["reset", { proxy: "reset" as const }, WixNetworkError, { reason: "network", attempts: 1 }],
  ])("POST: %s is never repeated (the call may have had effects)", async (_name, fault, type, fields) => {
    inject(QUERY, fault, 1);
    const error = await failure(world, queryProducts(who));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(fields);
    expect(seen(QUERY)).toHaveLength(1);
    expect(world.clock.sleeps).toEqual([]);
    await queryProducts(who);
  });
});

describe("sessions after API faults", () => {
  it("the member is still the same member, with no extra token requests", async () => {
    const before = grants(world).length;
    inject("/members/v1/members/my", { emulator: "server-error" }, 3);
    await failure(world, clients.member.members.members.getCurrentMember());
    expect(await clients.member.auth.getSession()).toMatchObject({ role: "member" });
    const { member } = await clients.member.members.members.getCurrentMember();
    expect(member?.id).toBe(DEMO_MEMBER_ID);
    expect(served(world, "/members/v1/members/my").at(-1)).toMatchObject({
      identity: "member",
      subject: DEMO_MEMBER_ID,
    });
    expect(grants(world)).toHaveLength(before);
  });
});
