// The browser build's wire loader (runtime/load-wire.ts): the dynamic import links the wire to the core's classes, a
// chunk that does not arrive is a WixNetworkError and the next call loads it again; the wire's clock is systemClock's twin.

import { describe, expect, it } from "vitest";
import { systemClock, WixConfigError, WixNetworkError, type Clock } from "@wix-authz/runtime";
import { realClock } from "../../runtime/clock.js";
import { loadWire, wireFor, wireLoader, type Wire } from "../../runtime/load-wire.js";

describe("the browser wire loader", () => {
  it("imports the wire once and links it to the core's error classes", async () => {
    const wire = await loadWire();
    expect(await loadWire()).toBe(wire);
    const transport = new wire.Transport({
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
      retry: { retries: 0 },
    });
    const failed = transport.send({ operation: "op", method: "POST", url: "/x", body: 1n, idempotent: false });
    // The wire's errors are the classes an app imports: `instanceof` holds across the chunk boundary.
    await expect(failed).rejects.toBeInstanceOf(WixConfigError);
    const offline = transport.send({ operation: "op", method: "GET", url: "/x", idempotent: true });
    await expect(offline).rejects.toBeInstanceOf(WixNetworkError);
  });

  it("reports a chunk that did not arrive as a network error, and loads it again on the next call", async () => {
    const real = await loadWire();
    let attempts = 0;
    const load = wireLoader(async (): Promise<Wire> => {
      attempts++;
      if (attempts === 1) throw new TypeError("Failed to fetch dynamically imported module: /assets/wire-X.js");
      return real;
    });
    const error = await wireFor("stores.products.queryProducts", load).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WixNetworkError);
    expect(error).toMatchObject({ reason: "network", attempts: 1 });
    expect((error as Error).message).toBe(
      "stores.products.queryProducts (loading the runtime) could not reach the server (1 attempt).",
    );
    expect((error as Error).cause).toMatchObject({ name: "TypeError" });
    expect(await wireFor("stores.products.queryProducts", load)).toBe(real);
    expect(await wireFor("again", load)).toBe(real);
    expect(attempts).toBe(2);
  });
});

describe.each([
  ["systemClock (public)", systemClock],
  ["the wire's default clock", realClock],
])("%s", (_name, clock: Clock) => {
  it("tells the time and sleeps", async () => {
    const before = Date.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    const start = performance.now();
    await clock.sleep(20);
    expect(performance.now() - start).toBeGreaterThanOrEqual(15);
  });

  it("stops sleeping with the signal's reason, at once when already aborted", async () => {
    const reason = new Error("stop");
    const controller = new AbortController();
    const sleeping = clock.sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    await expect(clock.sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
