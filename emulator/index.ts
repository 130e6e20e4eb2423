// Public entry: startEmulator() runs a local Wix (OAuth, login, redirect sessions, spec methods) on loopback.
import { existsSync, readdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../core/diagnostics.js";
import type { ApiModel } from "../core/model.js";
import type { FaultInjector } from "./faults.js";
import { type EmulatorOptions, resolveOptions } from "./options.js";
import type { RequestLogEntry } from "./router.js";
import { DEFAULT_SEED } from "./seed.js";
import { createEmulatorCore } from "./server.js";
import type { EmulatorState } from "./state.js";

export * from "./options.js";
export { DEFAULT_SEED, DEMO_MEMBER_EMAIL, DEMO_MEMBER_ID, DEMO_MEMBER_PASSWORD } from "./seed.js";
export { STORES_APP_ID } from "./handlers/cart.js";
export { REDIRECT_SESSION_PATHS } from "./redirect-session.js";
export { encodeQuery } from "./query.js";
export type { RequestLogEntry } from "./router.js";
export type { EmulatorState, OutboxMessage } from "./state.js";
export type { FaultKind, QueuedFault } from "./faults.js";

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: use as the API base URL (it serves both www.wixapis.com and edge paths). */
  readonly url: string;
  readonly port: number;
  readonly model: ApiModel;
  /** Which spec it serves and how many methods, as the ready line and unknown-route 404s say. */
  readonly serving: string;
  /** The in-memory world: members, sessions, business data, and `outbox` (verification codes, recovery tokens). */
  readonly state: EmulatorState;
  /**
   * Requests in arrival order: method, path, identity used, status. Never holds a credential. Bounded by
   * `limits.requestLog` (default 100000): past it the oldest tenth is dropped, so indexes kept across that shift.
   */
  readonly requests: readonly RequestLogEntry[];
  /** Queue exact faults (`{kind: "server-error", pathPrefix: "/oauth2/token", times: 2}`). */
  readonly faults: Pick<FaultInjector, "enqueue">;
  /** Unexpected exceptions behind any 500 INTERNAL answer (emulator bugs). */
  readonly internalErrors: readonly unknown[];
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  let model: ApiModel;
  let source: string;
  if (typeof options.spec === "object") [model, source] = [options.spec, "a model passed to startEmulator()"];
  else {
    const dir = options.spec ?? defaultSpecDir();
    [model, source] = [await loadModel(dir), options.spec ?? `the spec bundled with wix-authz (${dir})`];
  }
  const serving = `${source} (${model.methods.length} methods)`;
  const core = createEmulatorCore(resolved, model, options.seed ?? DEFAULT_SEED, serving);
  await new Promise<void>((resolve, reject) => {
    core.server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new ConfigError(
          `The emulator cannot listen on ${resolved.host}:${resolved.port}: ${error.code ?? error.message}`,
        ),
      );
    });
    core.server.listen(resolved.port, resolved.host, () => resolve());
  });
  const port = (core.server.address() as AddressInfo).port;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  const url = `http://${host}:${port}`;
  core.setOrigin(url);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    model,
    serving,
    state: core.app.state,
    requests: core.requests,
    faults: core.app.faults,
    internalErrors: core.internalErrors,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        core.server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Keep-alive connections (fetch keeps them) would otherwise hold close() open.
        core.server.closeAllConnections();
      })),
  };
}

/** Loaded on demand: the generator's entry pulls in ts-morph and prettier, which a given model does not need. */
async function loadModel(spec: string): Promise<ApiModel> {
  const { loadApiModel } = await import("../generator/load-model.js");
  return loadApiModel(spec);
}

/** The spec folder shipped with the package: `spec/` next to `emulator/` (sources) or above `dist/` (build). */
export function defaultSpecDir(): string {
  for (const relative of ["../spec", "../../spec"]) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(".yaml") || f.endsWith(".yml"))) return dir;
  }
  throw new ConfigError("No default spec folder with YAML files was found next to the emulator; pass --spec <dir>.");
}
