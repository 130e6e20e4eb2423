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
import { loadSpecSource } from "./spec-source.js";
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
  /** The model served now (a reload replaces it). */
  readonly model: ApiModel;
  /** Which spec it serves and how many methods, as the ready line and unknown-route 404s say. */
  readonly serving: string;
  /** The spec folders (or files) served, absolute; empty when a model was passed. */
  readonly specPaths: readonly string[];
  /**
   * Reads the spec folders again and serves the new spec, keeping every session, cart and order. A bad spec throws
   * (SpecError / ConfigError) and the previous spec goes on being served. Resolves with the new `serving`.
   */
  reload(): Promise<string>;
  /** What the served spec has built so far: its routes and validators are made on first use, not at start. */
  readonly built: { readonly routes: boolean; readonly validators: number };
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
  const load = sourceLoader(options);
  const first = await load();
  const core = createEmulatorCore(resolved, first.model, options.seed ?? DEFAULT_SEED, first.serving);
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
  let reloading: Promise<string> = Promise.resolve(first.serving);
  return {
    url,
    port,
    get model() {
      return core.spec().model;
    },
    get serving() {
      return core.spec().serving;
    },
    specPaths: first.paths,
    get built() {
      return { routes: core.spec().built, validators: core.spec().compiledCount };
    },
    reload: () =>
      (reloading = reloading
        .catch(() => undefined)
        .then(async () => {
          const next = await load();
          core.setSpec(next.model, next.serving);
          return next.serving;
        })),
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

/** How this emulator (re)loads what it serves: a given model as is, else the spec folders (default: bundled spec/). */
function sourceLoader(options: EmulatorOptions): () => Promise<{ model: ApiModel; serving: string; paths: string[] }> {
  const spec = options.spec;
  if (spec !== undefined && !isSpecPaths(spec)) {
    const given = {
      model: spec,
      serving: `a model passed to startEmulator() (${spec.methods.length} methods)`,
      paths: [],
    };
    return () => Promise.resolve(given);
  }
  const bundled = spec === undefined ? defaultSpecDir() : undefined;
  const specs =
    bundled !== undefined ? [bundled] : typeof spec === "string" ? [spec] : [...(spec as readonly string[])];
  const sourceOptions = {
    ...(options.cwd !== undefined && { cwd: options.cwd }),
    ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
    ...(options.overrides !== undefined && { overrides: options.overrides }),
  };
  return async () => {
    const loaded = await loadSpecSource(specs, sourceOptions);
    const serving =
      bundled === undefined
        ? loaded.serving
        : `the spec bundled with wix-authz (${bundled}) (${loaded.model.methods.length} methods)`;
    return { model: loaded.model, serving, paths: [...loaded.paths] };
  };
}

function isSpecPaths(spec: EmulatorOptions["spec"]): spec is string | readonly string[] {
  return typeof spec === "string" || Array.isArray(spec);
}

/** The spec folder shipped with the package: `spec/` next to `emulator/` (sources) or above `dist/` (build). */
export function defaultSpecDir(): string {
  for (const relative of ["../spec", "../../spec"]) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(".yaml") || f.endsWith(".yml"))) return dir;
  }
  throw new ConfigError("No default spec folder with YAML files was found next to the emulator; pass --spec <dir>.");
}
