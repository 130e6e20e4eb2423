// Fault injection: 503 with empty body, 429 + Retry-After, broken token JSON, latency; seeded and queued.
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../core/diagnostics.js";
import { DEFAULT_CLIENT_ID, type EmulatorOptions, type RunningEmulator } from "../../emulator/index.js";
import { call, start } from "./helpers.js";

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((em) => em.close()));
});

async function boot(options: EmulatorOptions): Promise<RunningEmulator> {
  const { em } = await start(options);
  running.push(em);
  return em;
}

const anonymous = { clientId: DEFAULT_CLIENT_ID, grantType: "anonymous" };

async function statuses(em: RunningEmulator, count: number): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i += 1) result.push((await call(em, "POST", "/oauth2/token", { body: anonymous })).status);
  return result;
}

describe("fault injection", () => {
  it("answers 503 with an empty body and a request id", async () => {
    const em = await boot({ faults: { serverErrorRate: 1 } });
    const res = await fetch(`${em.url}/oauth2/token`, { method: "POST", body: JSON.stringify(anonymous) });
    expect(res.status).toBe(503);
    expect(await res.text()).toBe("");
    expect(res.headers.get("x-wix-request-id")).not.toBeNull();
    expect(em.requests.at(-1)).toMatchObject({ status: 503, fault: "server-error" });
  });

  it("answers 429 RESOURCE_EXHAUSTED with Retry-After", async () => {
    const em = await boot({ faults: { rateLimitRate: 1, retryAfterSeconds: 7 } });
    const res = await call(em, "POST", "/oauth2/token", { body: anonymous });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.body.details.applicationError.code).toBe("RESOURCE_EXHAUSTED");
  });

  it("breaks the JSON of token responses only", async () => {
    const em = await boot({ faults: { malformedTokenRate: 1 } });
    const res = await fetch(`${em.url}/oauth2/token`, { method: "POST", body: JSON.stringify(anonymous) });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
    const other = await call(em, "POST", "/oauth2/token-info", { body: { token: "x" } });
    expect(other.body).toEqual({ active: false });
  });

  it("injects the same faults for the same seed, and only under the given path prefixes", async () => {
    const options = { faults: { serverErrorRate: 0.5, seed: 42 } };
    const first = await statuses(await boot(options), 24);
    const second = await statuses(await boot(options), 24);
    expect(first).toEqual(second);
    expect(new Set(first)).toEqual(new Set([200, 503]));
    const scoped = await boot({ faults: { serverErrorRate: 1, pathPrefixes: ["/stores"] } });
    expect(await statuses(scoped, 3)).toEqual([200, 200, 200]);
  });

  it("runs queued faults first, a given number of times, on matching paths", async () => {
    const em = await boot({});
    em.faults.enqueue({ kind: "server-error", pathPrefix: "/oauth2/token", times: 2 });
    em.faults.enqueue({ kind: "malformed-token" });
    expect((await call(em, "GET", "/nowhere")).status).toBe(404);
    expect(await statuses(em, 2)).toEqual([503, 503]);
    const broken = await call(em, "POST", "/oauth2/token", { body: anonymous });
    expect(typeof broken.body).toBe("string");
    expect(await statuses(em, 1)).toEqual([200]);
    expect(em.requests.filter((r) => r.grantType === "anonymous").map((r) => r.fault ?? "none")).toEqual([
      "malformed-token",
      "none",
    ]);
  });

  it("adds latency", async () => {
    const em = await boot({ faults: { latencyMs: 60 } });
    const started = performance.now();
    await call(em, "POST", "/oauth2/token", { body: anonymous });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it.each([
    [{ faults: { serverErrorRate: 2 } }, "faults.serverErrorRate must be a number from 0 to 1, got 2"],
    [{ faults: { latencyMs: -1 } }, "faults.latencyMs must be a whole number of at least 0, got -1"],
    [
      { tokens: { accessTokenSeconds: 0 } },
      "tokens.accessTokenSeconds must be a positive whole number of seconds, got 0",
    ],
    [{ port: 70_000 }, "port must be a whole number from 0 to 65535, got 70000"],
  ])("refuses bad options %j with a ConfigError", async (options, message) => {
    const error = await start(options as EmulatorOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`Emulator option ${message}.`);
  });
});
