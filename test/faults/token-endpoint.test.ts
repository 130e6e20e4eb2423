// Token endpoint under faults: 5xx, 429 + Retry-After, garbage JSON, resets, stalls — typed errors, bounded retries,
// single-flight recovery, and a member session that stays the same member throughout.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_MEMBER_ID } from "../../emulator/index.js";
import type { ProxyFault } from "../support/fault-proxy.js";
import type { FaultKind } from "../../emulator/index.js";
import { WixNetworkError, WixResponseError, WixTokenError } from "@wix-authz/runtime";
import {
  failure,
  grants,
  memberClient,
  served,
  endWorld,
  startWorld,
  trackRejections,
  visitorClient,
  type World,
} from "./harness.js";

const TOKEN = "/oauth2/token";
const QUERY = "/stores-reader/v1/products/query-platformized";
const ME = "/members/v1/members/my";
const rejections = trackRejections();
let world: World;

beforeEach(async () => {
  world = await startWorld({ tokens: { accessTokenSeconds: 300 }, faults: { retryAfterSeconds: 3 } });
});
afterEach(() => endWorld(world, rejections));
afterAll(() => rejections.stop());

const tokenAttemptsSince = (mark: number) => world.proxy.log.slice(mark).filter((r) => r.path === TOKEN).length;

describe("anonymous grant under faults", () => {
  it("retries 503s with exponential backoff and gets tokens", async () => {
    world.em.faults.enqueue({ kind: "server-error", pathPrefix: TOKEN, times: 2 });
    await visitorClient(world).stores.products.queryProducts({ query: { paging: { limit: 1 } } });
    expect(grants(world)).toEqual(["anonymous:503:server-error", "anonymous:503:server-error", "anonymous:200"]);
    expect(world.clock.sleeps).toEqual([250, 500]);
  });

  it("honours Retry-After on 429 and gives up after the retry budget with a typed error", async () => {
    world.em.faults.enqueue({ kind: "rate-limit", pathPrefix: TOKEN, times: 3 });
    const error = await failure(world, visitorClient(world).stores.products.queryProducts({}));
    expect(error).toBeInstanceOf(WixTokenError);
    expect(error).toMatchObject({ status: 429, grantType: "anonymous", sessionIsDead: false });
    expect(grants(world)).toHaveLength(3);
    expect(world.clock.sleeps).toEqual([3000, 3000]);
    expect(served(world, QUERY)).toEqual([]);
  });

  it("shares one failed flight among concurrent callers, then recovers with exactly one new grant", async () => {
    world.em.faults.enqueue({ kind: "server-error", pathPrefix: TOKEN, times: 3 });
    const visitor = visitorClient(world);
    const call = () => visitor.stores.products.queryProducts({ query: { paging: { limit: 1 } } });
    const errors = await Promise.all(Array.from({ length: 8 }, () => failure(world, call())));
    expect(errors.every((e) => e instanceof WixTokenError && e.status === 503)).toBe(true);
    expect(grants(world)).toHaveLength(3);
    await Promise.all(Array.from({ length: 8 }, call));
    expect(grants(world).slice(3)).toEqual(["anonymous:200"]);
    const subjects = new Set(served(world, QUERY).map((r) => r.subject));
    expect(subjects.size).toBe(1);
  });

  it("reports garbage token JSON as a WixResponseError and mints nothing half-parsed", async () => {
    world.em.faults.enqueue({ kind: "malformed-token", times: 1 });
    const visitor = visitorClient(world);
    const error = await failure(world, visitor.stores.products.queryProducts({}));
    expect(error).toBeInstanceOf(WixResponseError);
    expect((error as WixResponseError).operation).toBe("oauth2.token(anonymous)");
    expect(await visitor.auth.getSession()).toBeNull();
    await visitor.stores.products.queryProducts({});
    expect(await visitor.auth.getSession()).toMatchObject({ role: "visitor" });
  });
});

type Case = {
  name: string;
  emulator?: FaultKind;
  proxy?: ProxyFault["kind"];
  status?: number;
  times: number;
  error: new (...args: never[]) => Error;
  fields: Record<string, unknown>;
  timeoutMs?: number;
};

const CASES: Case[] = [
  { name: "503 (emulator)", emulator: "server-error", times: 3, error: WixTokenError, fields: { status: 503 } },
  { name: "429 + Retry-After", emulator: "rate-limit", times: 3, error: WixTokenError, fields: { status: 429 } },
  { name: "500 (proxy)", proxy: "status", status: 500, times: 3, error: WixTokenError, fields: { status: 500 } },
  { name: "502 (proxy)", proxy: "status", status: 502, times: 3, error: WixTokenError, fields: { status: 502 } },
  { name: "truncated JSON (emulator)", emulator: "malformed-token", times: 1, error: WixResponseError, fields: {} },
  { name: "truncated JSON (proxy)", proxy: "garbage-json", times: 1, error: WixResponseError, fields: {} },
  {
    name: "connection reset",
    proxy: "reset",
    times: 3,
    error: WixNetworkError,
    fields: { reason: "network", attempts: 3 },
  },
  {
    name: "stalled server",
    proxy: "stall",
    times: 3,
    error: WixNetworkError,
    fields: { reason: "timeout", attempts: 3 },
    timeoutMs: 400,
  },
];

describe("member refresh under faults", () => {
  it.each(CASES)("$name: typed error, bounded attempts, still the same member afterwards", async (c) => {
    const member = await memberClient(world, c.timeoutMs ? { timeoutMs: c.timeoutMs } : {});
    const anonymousBefore = grants(world, "anonymous").length;
    world.clock.advance(300_000); // the access token is now expired for client and server alike
    const mark = world.proxy.log.length;
    if (c.emulator) world.em.faults.enqueue({ kind: c.emulator, pathPrefix: TOKEN, times: c.times });
    if (c.proxy)
      world.proxy.enqueue({ kind: c.proxy, pathPrefix: TOKEN, times: c.times, ...(c.status && { status: c.status }) });

    const errors = await Promise.all(
      Array.from({ length: 5 }, () => failure(world, member.members.members.getCurrentMember())),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(c.error);
      expect(error).toMatchObject(c.fields);
    }
    expect(tokenAttemptsSince(mark), "one shared flight, bounded by the retry budget").toBe(c.times);
    expect(world.proxy.log.slice(mark).filter((r) => r.path === ME)).toEqual([]);
    expect(await member.auth.getSession()).toMatchObject({ role: "member" });

    const { member: me } = await member.members.members.getCurrentMember();
    expect(me?.id).toBe(DEMO_MEMBER_ID);
    expect(tokenAttemptsSince(mark)).toBe(c.times + 1);
    expect(grants(world, "anonymous"), "never a silent anonymous session").toHaveLength(anonymousBefore);
    expect(served(world, ME).map((r) => [r.identity, r.subject])).toEqual([["member", DEMO_MEMBER_ID]]);
  });

  it("401 on an API call → one refresh; when that refresh fails the member keeps the session and recovers", async () => {
    const member = await memberClient(world);
    world.skewMs = 301_000; // the server sees the token as expired while the client still trusts it
    world.em.faults.enqueue({ kind: "server-error", pathPrefix: TOKEN, times: 3 });
    const error = await failure(world, member.members.members.getCurrentMember());
    expect(error).toBeInstanceOf(WixTokenError);
    expect(served(world, ME).map((r) => r.status)).toEqual([401]);
    expect(grants(world, "refresh_token")).toHaveLength(3);

    const { member: me } = await member.members.members.getCurrentMember();
    expect(me?.id).toBe(DEMO_MEMBER_ID);
    expect(served(world, ME).map((r) => `${r.status} ${r.identity}`)).toEqual([
      "401 unauthenticated",
      "401 unauthenticated",
      "200 member",
    ]);
    expect(grants(world, "refresh_token").slice(3)).toEqual(["refresh_token:200"]);
    expect(grants(world, "anonymous")).toHaveLength(1);
  });
});
