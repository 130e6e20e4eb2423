// Fault-test world: the emulator on a shared fake clock, the fault proxy in front, generated clients, a secret audit.
import { expect } from "vitest";
import { createAdminClient, type AdminClient } from "../../generated/admin.js";
import type { MemberClient } from "../../generated/member.js";
import { createVisitorClient, type VisitorClient } from "../../generated/visitor.js";
import { loadApiModel } from "../../generator/load-model.js";
import type { ApiModel } from "../../core/model.js";
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SITE_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_PASSWORD,
  defaultSpecDir,
  startEmulator,
  type EmulatorOptions,
  type RequestLogEntry,
  type RunningEmulator,
} from "../../emulator/index.js";
import { MemoryTokenStore, type Clock, type VisitorOptions } from "@wix-authz/runtime";
import { SecretAudit } from "../support/secret-audit.js";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy.js";

export const REDIRECT_URI = "http://localhost:3000/callback";

/** Backoff waits advance time instead of sleeping, and are recorded; the emulator reads the same time. */
export class TestClock implements Clock {
  ms = Date.UTC(2026, 0, 5, 9, 0, 0);
  readonly sleeps: number[] = [];
  now = (): number => this.ms;
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.ms += ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface World {
  readonly em: RunningEmulator;
  readonly proxy: FaultProxy;
  readonly clock: TestClock;
  readonly audit: SecretAudit;
  /** Added to the emulator's clock only: tokens the client still trusts can be expired server-side. */
  skewMs: number;
  close(): Promise<void>;
}

let model: Promise<ApiModel> | undefined;

export async function startWorld(options: EmulatorOptions = {}): Promise<World> {
  const clock = new TestClock();
  const holder = { skewMs: 0 };
  const em = await startEmulator({
    spec: await (model ??= loadApiModel(defaultSpecDir())),
    now: () => clock.now() + holder.skewMs,
    ...options,
  });
  const proxy = await startFaultProxy(em.url);
  const audit = new SecretAudit();
  // Whatever anything logs during the test goes into the audit too (and still prints).
  const restoreConsole = audit.captureConsole();
  const world: World = {
    em,
    proxy,
    clock,
    audit,
    get skewMs() {
      return holder.skewMs;
    },
    set skewMs(value: number) {
      holder.skewMs = value;
    },
    close: async () => {
      restoreConsole();
      await proxy.close();
      await em.close();
    },
  };
  return world;
}

export function siteOptions(world: World, extra: Partial<VisitorOptions> = {}): VisitorOptions {
  return {
    clientId: DEFAULT_CLIENT_ID,
    baseUrl: world.proxy.url,
    redirectUri: REDIRECT_URI,
    clock: world.clock,
    timeoutMs: 2_000,
    ...extra,
  };
}

export function visitorClient(world: World, extra: Partial<VisitorOptions> = {}): VisitorClient {
  const store = new MemoryTokenStore();
  const client = createVisitorClient(siteOptions(world, { store, ...extra }));
  world.audit.recordObject(client, "object visitor client");
  world.audit.recordObject(store, "object token store");
  return client;
}

/** A member through the runtime's own direct login; the member client shares the visitor's store. */
export async function memberClient(world: World, extra: Partial<VisitorOptions> = {}): Promise<MemberClient> {
  const login = await visitorClient(world, extra).auth.login({
    email: DEMO_MEMBER_EMAIL,
    password: DEMO_MEMBER_PASSWORD,
  });
  if (login.status !== "success") throw new Error(`demo member login failed: ${login.status}`);
  world.audit.recordObject(login.member, "object member client");
  return login.member;
}

export function adminClient(world: World, extra: { timeoutMs?: number } = {}): AdminClient {
  const admin = createAdminClient({
    apiKey: DEFAULT_API_KEY,
    siteId: DEFAULT_SITE_ID,
    baseUrl: world.proxy.url,
    clock: world.clock,
    timeoutMs: 2_000,
    ...extra,
  });
  world.audit.recordObject(admin, "object admin client");
  return admin;
}

/** The rejection of `promise`, recorded in the audit; fails when it resolves. */
export async function failure(world: World, promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    world.audit.recordError(error);
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Requests the emulator answered on a path (each retry is one). */
export function served(world: World, path: string): readonly RequestLogEntry[] {
  return world.em.requests.filter((r) => r.path === path);
}

/** Token requests the emulator answered, as `grantType:status[:fault]` (grant types read from the request body). */
export function grants(world: World, grantType?: string): string[] {
  const faults = new Map(served(world, "/oauth2/token").map((r) => [r.requestId, r.fault]));
  return world.proxy.grants
    .filter((g) => grantType === undefined || g.grantType === grantType)
    .map((g) => {
      const fault = faults.get(g.requestId ?? "");
      return `${g.grantType}:${g.status}${fault ? `:${fault}` : ""}`;
    });
}

/** Requests that reached the proxy on a path, with the fault it injected, if any. */
export function attempts(world: World, path: string): string[] {
  return world.proxy.log.filter((r) => r.path === path).map((r) => r.fault ?? String(r.status));
}

/** Every credential the run handed out: the API key, wire-captured tokens, codes and session tokens. */
export function issuedSecrets(world: World): Set<string> {
  const all = new Set<string>([DEFAULT_API_KEY, ...world.proxy.secrets]);
  for (const code of world.em.state.codes.keys()) all.add(code);
  return all;
}

/** Collects unhandled promise rejections for the life of a test file. */
export function trackRejections(): { readonly seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  process.on("unhandledRejection", onRejection);
  return { seen, stop: () => process.off("unhandledRejection", onRejection) };
}

/** Lets stray promise rejections surface (they are reported after the microtask queue drains). */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

/** What every fault test ends with: no unhandled rejection, no credential in any text, no emulator bug; then close. */
export async function endWorld(world: World, rejections: { readonly seen: unknown[] }): Promise<void> {
  await settle();
  expect(rejections.seen, "unhandled promise rejections").toEqual([]);
  expect(world.audit.findLeaks(issuedSecrets(world)), "credentials in errors or serialized clients").toEqual([]);
  expect(world.em.internalErrors).toEqual([]);
  await world.close();
}
