// flags: the `wix-authz emulate` options as commander declares them (no emulator code: the CLI loads it lazily).

/** Flag values as commander hands them over (strings), or numbers from programmatic callers. */
export interface EmulateFlags {
  readonly spec?: string;
  readonly port?: string | number;
  readonly host?: string;
  readonly tokenTtl?: string | number;
  readonly faultLatency?: string | number;
  readonly fault5xxRate?: string | number;
  readonly fault429Rate?: string | number;
  readonly faultRetryAfter?: string | number;
  readonly faultMalformedTokenRate?: string | number;
  readonly faultSeed?: string | number;
}

export interface EmulateIo {
  out(line: string): void;
  err(line: string): void;
}

/** For the commander wiring: `for (const f of EMULATE_FLAGS) command.option(f.flags, f.description)`. */
export const EMULATE_FLAGS: readonly { readonly flags: string; readonly description: string }[] = [
  { flags: "--spec <dir>", description: "spec folder or file to serve (default: the bundled spec/)" },
  { flags: "--port <n>", description: "port to listen on; 0 picks a free one (default 0)" },
  { flags: "--host <host>", description: "interface to bind (default 127.0.0.1)" },
  { flags: "--token-ttl <seconds>", description: "access token lifetime (default 14400)" },
  { flags: "--fault-latency <ms>", description: "added latency on every response" },
  { flags: "--fault-5xx-rate <0..1>", description: "share of requests answered 503 (empty body)" },
  { flags: "--fault-429-rate <0..1>", description: "share of requests answered 429 with Retry-After" },
  { flags: "--fault-retry-after <seconds>", description: "Retry-After value of injected 429s (default 1)" },
  { flags: "--fault-malformed-token-rate <0..1>", description: "share of /oauth2/token answers with broken JSON" },
  { flags: "--fault-seed <n>", description: "seed for the fault PRNG (same seed, same faults)" },
];
