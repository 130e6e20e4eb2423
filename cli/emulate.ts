// `wix-authz emulate`: flags → checked options → running emulator and one ready line; stops on SIGINT/SIGTERM.
// The emulator itself loads only when the command runs.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { ConfigError, SpecError, formatDiagnostic } from "../core/diagnostics.js";
import type { RunningEmulator } from "../emulator/index.js";
import { DEFAULT_CLIENT_ID, type EmulatorOptions, type FaultOptions } from "../emulator/options.js";
import type { CliContext } from "./context.js";

/** Flag values as commander hands them over (strings), or numbers from programmatic callers. */
export interface EmulateFlags {
  /** One spec folder or file, or several merged in order (wix-authz.config.json's "spec"). */
  readonly spec?: string | readonly string[];
  /** Methods a later spec source may define again (the config's "overrides"). */
  readonly overrides?: readonly string[];
  /** What relative spec paths are resolved against (default the process's working directory). */
  readonly cwd?: string;
  /** Print one line per request (verb, path, status, identity, ms; never a credential). */
  readonly log?: boolean;
  /** Reload the spec when a file under it changes (a bad spec keeps the previous one served). */
  readonly watch?: boolean;
  readonly port?: string | number;
  readonly host?: string;
  readonly tokenTtl?: string | number;
  readonly faultLatency?: string | number;
  readonly fault5xxRate?: string | number;
  readonly fault429Rate?: string | number;
  readonly faultRetryAfter?: string | number;
  readonly faultMalformedTokenRate?: string | number;
  readonly faultSeed?: string | number;
  /** Extra host names the emulator answers (besides loopback names and the bind host). */
  readonly allowedHost?: readonly string[];
  /** Extra browser origins it serves with CORS (besides its own pages and the clients' redirect origins). */
  readonly allowedOrigin?: readonly string[];
}

export interface EmulateIo {
  out(line: string): void;
  err(line: string): void;
}

/** For the commander wiring: `for (const f of EMULATE_FLAGS) command.option(f.flags, f.description)`. */
export const EMULATE_FLAGS: readonly { readonly flags: string; readonly description: string }[] = [
  {
    flags: "--spec <dir>",
    description:
      'spec folder or file to serve; repeat to merge several (default: the config\'s "spec", else ./spec, else the bundled spec)',
  },
  { flags: "--config <file>", description: "the config file to read (default: the nearest wix-authz.config.json)" },
  { flags: "--log", description: "print one line per request: verb, path, status, identity, ms" },
  { flags: "--watch", description: "reload the spec when it changes; a bad spec keeps the previous one served" },
  { flags: "--port <n>", description: "port to listen on; 0 picks a free one (default 0)" },
  { flags: "--host <host>", description: "interface to bind (default 127.0.0.1)" },
  { flags: "--token-ttl <seconds>", description: "access token lifetime (default 14400)" },
  { flags: "--fault-latency <ms>", description: "added latency on every response" },
  { flags: "--fault-5xx-rate <0..1>", description: "share of requests answered 503 (empty body)" },
  { flags: "--fault-429-rate <0..1>", description: "share of requests answered 429 with Retry-After" },
  { flags: "--fault-retry-after <seconds>", description: "Retry-After value of injected 429s (default 1)" },
  { flags: "--fault-malformed-token-rate <0..1>", description: "share of /oauth2/token answers with broken JSON" },
  { flags: "--fault-seed <n>", description: "seed for the fault PRNG (same seed, same faults)" },
  { flags: "--allowed-host <name...>", description: "also answer these Host names (e.g. wix.test), besides loopback" },
  {
    flags: "--allowed-origin <origin...>",
    description: "also serve these browser origins with CORS (e.g. https://app.test:3000)",
  },
];

export function registerEmulate(program: Command, ctx: CliContext): void {
  const emulate = program
    .command("emulate")
    .description("run the local Wix API emulator (OAuth, login, redirect sessions, the spec's methods) until Ctrl-C");
  for (const f of EMULATE_FLAGS)
    if (f.flags.startsWith("--spec ")) emulate.option(f.flags, f.description, collect);
    else emulate.option(f.flags, f.description);
  emulate.action(async (given: EmulateFlags & { config?: string }) => {
    const flags = await withConfig(given, ctx.cwd);
    const io = { out: (l: string) => ctx.stdout(`${l}\n`), err: (l: string) => ctx.stderr(`${l}\n`) };
    const emulator = await runEmulateCommand(flags, io);
    const watcher = flags.watch === true ? await watchEmulatorSpec(emulator, io) : undefined;
    await ctx.waitForStop();
    watcher?.close();
    await emulator.close();
  });
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * The flags completed from wix-authz.config.json: its spec sources and overrides (what generate reads, so the
 * emulator serves the methods the clients were generated for), and its emulate.port / emulate.host. Flags win.
 * Without a config or --spec, ./spec when it exists (as generate), else the spec bundled with wix-authz.
 */
export async function withConfig(flags: EmulateFlags & { config?: string }, cwd: string): Promise<EmulateFlags> {
  const { loadProjectConfig } = await import("./config.js");
  const config = await loadProjectConfig(cwd, flags.config);
  const { config: _named, ...rest } = flags;
  const spec = flags.spec ?? config?.spec ?? (existsSync(path.join(cwd, "spec")) ? "spec" : undefined);
  const port = flags.port ?? config?.emulate?.port;
  const host = flags.host ?? config?.emulate?.host;
  return {
    ...rest,
    cwd,
    ...(spec !== undefined && { spec }),
    ...(config && config.overrides.length > 0 && { overrides: config.overrides }),
    ...(port !== undefined && { port }),
    ...(host !== undefined && { host }),
  };
}

export function emulatorOptionsFromFlags(flags: EmulateFlags): EmulatorOptions {
  const faults: FaultOptions = {
    ...optional("latencyMs", wholeNumber(flags.faultLatency, "--fault-latency", 0)),
    ...optional("serverErrorRate", rate(flags.fault5xxRate, "--fault-5xx-rate")),
    ...optional("rateLimitRate", rate(flags.fault429Rate, "--fault-429-rate")),
    ...optional("retryAfterSeconds", wholeNumber(flags.faultRetryAfter, "--fault-retry-after", 0)),
    ...optional("malformedTokenRate", rate(flags.faultMalformedTokenRate, "--fault-malformed-token-rate")),
    ...optional("seed", wholeNumber(flags.faultSeed, "--fault-seed", 0)),
  };
  const port = wholeNumber(flags.port, "--port", 0);
  if (port !== undefined && port > 65_535)
    throw new ConfigError(`--port must be from 0 to 65535, got "${flags.port}".`);
  const ttl = wholeNumber(flags.tokenTtl, "--token-ttl", 1);
  if (flags.host !== undefined && flags.host.trim() === "") throw new ConfigError("--host must not be empty.");
  const allowedOrigins = (flags.allowedOrigin ?? []).map((origin) => {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin)
      throw new ConfigError(`--allowed-origin must be an origin such as https://app.test:3000, got "${origin}".`);
    return origin;
  });
  const allowedHosts = (flags.allowedHost ?? []).map((name) => {
    if (!/^[A-Za-z0-9.-]+$/.test(name) || name.startsWith("."))
      throw new ConfigError(`--allowed-host must be a host name such as wix.test, got "${name}".`);
    return name;
  });
  return {
    ...(allowedHosts.length > 0 && { allowedHosts }),
    ...(allowedOrigins.length > 0 && { allowedOrigins }),
    ...optional("spec", specFlag(flags.spec)),
    ...optional("cwd", flags.cwd),
    ...((flags.overrides ?? []).length > 0 && { overrides: flags.overrides }),
    ...optional("host", flags.host),
    ...optional("port", port),
    ...(ttl !== undefined && { tokens: { accessTokenSeconds: ttl } }),
    faults,
  };
}

/** One path, or several served as one spec (relative ones resolve against `cwd`); an empty one is refused. */
function specFlag(spec: EmulateFlags["spec"]): string | readonly string[] | undefined {
  if (spec === undefined) return undefined;
  const list = typeof spec === "string" ? [spec] : spec;
  if (list.length === 0 || list.some((s) => s.trim() === ""))
    throw new ConfigError("--spec must name a folder or file.");
  return list.length === 1 ? list[0] : list;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function wholeNumber(value: string | number | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new ConfigError(`${flag} must be a whole number of at least ${min}, got "${value}".`);
  }
  return n;
}

function rate(value: string | number | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!(n >= 0 && n <= 1)) throw new ConfigError(`${flag} must be a number from 0 to 1, got "${value}".`);
  return n;
}

/** Starts the emulator and prints the ready line and which spec it serves (plus one line per "email" it sends, on stderr). */
export async function runEmulateCommand(flags: EmulateFlags, io: EmulateIo): Promise<RunningEmulator> {
  const options = { ...emulatorOptionsFromFlags(flags), ...(flags.log === true && { log: io.out }) };
  const { startEmulator } = await import("../emulator/index.js");
  const emulator = await startEmulator(options);
  emulator.state.onMessage = (m) => {
    const link = m.redirectUrl === undefined ? "" : ` (redirect ${m.redirectUrl})`;
    io.err(`emulator mail to ${m.to}: ${m.kind} code ${m.code}${link}`);
  };
  io.out(`wix-authz emulator listening on ${emulator.url} (client id ${DEFAULT_CLIENT_ID})`);
  io.out(`serving ${emulator.serving}`);
  return emulator;
}

/** The part of `process` the CLI needs; passed in so only cli/main.ts touches `process`. */
export interface SignalSource {
  once(event: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  off(event: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

/** Resolves with the signal's name once the emulator has closed after SIGINT or SIGTERM. */
export function closeOnSignal(emulator: RunningEmulator, source: SignalSource): Promise<"SIGINT" | "SIGTERM"> {
  return new Promise((resolve, reject) => {
    const on = (signal: "SIGINT" | "SIGTERM") => () => {
      source.off("SIGINT", onInt);
      source.off("SIGTERM", onTerm);
      emulator.close().then(() => resolve(signal), reject);
    };
    const onInt = on("SIGINT");
    const onTerm = on("SIGTERM");
    source.once("SIGINT", onInt);
    source.once("SIGTERM", onTerm);
  });
}

/** `--watch`: each reload prints what is served now; a bad spec prints its problems and the previous spec stays. */
export async function watchEmulatorSpec(emulator: RunningEmulator, io: EmulateIo): Promise<{ close(): void }> {
  const { watchSpec } = await import("../emulator/watch.js");
  if (emulator.specPaths.length === 0) throw new ConfigError("--watch needs a spec folder to watch.");
  io.out(`watching ${emulator.specPaths.join(", ")} for changes`);
  return watchSpec(emulator, {
    reloaded: (serving) => io.out(`reloaded: serving ${serving}`),
    failed: (error) => {
      if (error instanceof SpecError)
        for (const d of error.diagnostics) io.err(formatDiagnostic(d, error.sources.get(d.file)));
      io.err(
        `reload failed (${error instanceof Error ? error.message : String(error)}); still serving ${emulator.serving}`,
      );
    },
  });
}
