// Emulator options: the public option types, documented defaults, and their checked, resolved form.
import type { ApiModel } from "../core/model.js";
import { ConfigError } from "../core/diagnostics.js";

/** The default OAuth client (a headless "OAuth app"): public client id, secret for client_credentials. */
export const DEFAULT_CLIENT_ID = "9b0a7e2c-5f1d-4c3b-8a6e-2d4f6a8c0e1b";
export const DEFAULT_CLIENT_SECRET = "wix-authz-emulator-client-secret";
/** Allowed redirect URIs of the default client. Exact match; `:*` in a configured entry matches any port. */
export const DEFAULT_REDIRECT_URIS: readonly string[] = ["http://localhost:*/callback", "http://127.0.0.1:*/callback"];
/** The emulated site and the account owning it. */
export const DEFAULT_SITE_ID = "1c9d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
export const DEFAULT_ACCOUNT_ID = "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918";
/** The default admin API key (Wix API keys start with `IST.`). A dev-only, documented value. */
export const DEFAULT_API_KEY = "IST.wix-authz-emulator-admin-key";

export interface ClientConfig {
  readonly clientId: string;
  /** Needed for the client_credentials grant; without it that grant is refused for this client. */
  readonly clientSecret?: string;
  readonly redirectUris: readonly string[];
}

export interface ApiKeyConfig {
  readonly key: string;
  readonly siteId: string;
  readonly accountId: string;
}

export interface TokenLifetimes {
  /** Access tokens (visitor, member, app). Wix: 14400 s. */
  readonly accessTokenSeconds?: number;
  /** Refresh tokens. Observed at Wix: 365 days. */
  readonly refreshTokenSeconds?: number;
  /** Authorization codes: short-lived and single-use. */
  readonly authorizationCodeSeconds?: number;
  /** Session tokens from direct login and state tokens of the login state machine. */
  readonly sessionTokenSeconds?: number;
}

export interface FaultOptions {
  /** Added to every response, in milliseconds. */
  readonly latencyMs?: number;
  /** Share (0..1) of requests answered 503 with an empty body, as Wix system errors are. */
  readonly serverErrorRate?: number;
  /** Share (0..1) of requests answered 429 with `Retry-After`. */
  readonly rateLimitRate?: number;
  readonly retryAfterSeconds?: number;
  /** Share (0..1) of `/oauth2/token` requests answered 200 with a truncated JSON body. */
  readonly malformedTokenRate?: number;
  /** PRNG seed, so a run with the same seed and request order injects the same faults. */
  readonly seed?: number;
  /** Faults apply only to paths starting with one of these (default: every path). */
  readonly pathPrefixes?: readonly string[];
}

export interface SeedMember {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly nickname: string;
  readonly status: "PENDING" | "APPROVED" | "BLOCKED";
  readonly emailVerified: boolean;
}

export interface SeedProduct {
  readonly id: string;
  readonly name: string;
  readonly price: number;
  readonly productType: "physical" | "digital";
  readonly visible: boolean;
  readonly description?: string;
}

export interface SeedData {
  readonly products?: readonly SeedProduct[];
  readonly members?: readonly SeedMember[];
}

export interface RegistrationPolicy {
  /** New members must enter an emailed 6-digit code (REQUIRE_EMAIL_VERIFICATION). */
  readonly requireEmailVerification?: boolean;
  /** New members wait in PENDING until an admin approves them (REQUIRE_OWNER_APPROVAL). */
  readonly requireOwnerApproval?: boolean;
  /** When set, login and register need `captchaTokens` holding this value (codes -19971 / -19970). */
  readonly captchaToken?: string;
}

/** Bounds that make a long-running emulator safe: memory stays flat, guessing is slow. */
export interface EmulatorLimits {
  /** Entries kept in `emulator.requests`; beyond it the oldest are dropped. Default 100000. */
  readonly requestLog?: number;
  /** Entries per state table (OAuth sessions, codes, login, redirect and browser sessions, outbox). Default 50000. */
  readonly stateEntries?: number;
  /** Wrong passwords in a row before an account's login is refused for `lockoutSeconds`. Default 5. */
  readonly passwordAttempts?: number;
  /** Wrong email-verification codes before the state token is revoked (a new login sends a new code). Default 5. */
  readonly verificationAttempts?: number;
  /** How long a locked account stays locked. Default 900 (15 minutes). */
  readonly lockoutSeconds?: number;
}

export interface EmulatorOptions {
  /**
   * A loaded model, or one or several spec folders (subfolders read) or files, served as one spec. Default: the spec
   * bundled with wix-authz (`spec/`).
   */
  readonly spec?: ApiModel | string | readonly string[];
  /** Relative spec paths and `cacheDir` resolve from here. Default: the process's working directory. */
  readonly cwd?: string;
  /** Methods a later spec folder may define again, replacing the earlier one (the config's "overrides"). */
  readonly overrides?: readonly string[];
  /**
   * Where a loaded spec's model is kept between runs (keyed by the spec texts and the loader's code, safe to delete);
   * `false` turns it off. Default `node_modules/.cache/wix-authz` under `cwd`.
   */
  readonly cacheDir?: string | false;
  /** Called once per finished request with one line: verb, path, status, identity, ms (never a credential). */
  readonly log?: (line: string) => void;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly clients?: readonly ClientConfig[];
  readonly apiKeys?: readonly ApiKeyConfig[];
  readonly siteId?: string;
  readonly tokens?: TokenLifetimes;
  /** Milliseconds since the epoch; inject to expire tokens without waiting. */
  readonly now?: () => number;
  /** Replaces the default seed data (see seed.ts). */
  readonly seed?: SeedData;
  readonly registration?: RegistrationPolicy;
  readonly faults?: FaultOptions;
  readonly limits?: EmulatorLimits;
  /**
   * Host names served besides loopback names and IP addresses (a request naming any other host is refused, which
   * stops DNS rebinding). Add the name you reach the emulator by, e.g. `["wix.test"]`.
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Browser origins served (with CORS headers) besides the emulator's own and the origins of the clients' allowed
   * redirect URIs. `:*` matches any port, e.g. `["http://localhost:*"]`.
   */
  readonly allowedOrigins?: readonly string[];
}

export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly clients: readonly ClientConfig[];
  readonly apiKeys: readonly ApiKeyConfig[];
  readonly siteId: string;
  readonly tokens: Required<TokenLifetimes>;
  readonly now: () => number;
  readonly registration: RegistrationPolicy;
  readonly faults: FaultOptions;
  readonly limits: Required<EmulatorLimits>;
  readonly allowedHosts: readonly string[];
  readonly allowedOrigins: readonly string[];
  readonly log: ((line: string) => void) | undefined;
}

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const siteId = options.siteId ?? DEFAULT_SITE_ID;
  const tokens = {
    accessTokenSeconds: options.tokens?.accessTokenSeconds ?? 14_400,
    refreshTokenSeconds: options.tokens?.refreshTokenSeconds ?? 31_536_000,
    authorizationCodeSeconds: options.tokens?.authorizationCodeSeconds ?? 60,
    sessionTokenSeconds: options.tokens?.sessionTokenSeconds ?? 600,
  };
  for (const [name, value] of Object.entries(tokens)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new ConfigError(`Emulator option tokens.${name} must be a positive whole number of seconds, got ${value}.`);
    }
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`Emulator option port must be a whole number from 0 to 65535, got ${port}.`);
  }
  checkFaults(options.faults ?? {});
  const limits = {
    requestLog: 100_000,
    stateEntries: 50_000,
    passwordAttempts: 5,
    verificationAttempts: 5,
    lockoutSeconds: 900,
    ...options.limits,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new ConfigError(`Emulator option limits.${name} must be a positive whole number, got ${value}.`);
    }
  }
  const clients = options.clients ?? [
    { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, redirectUris: DEFAULT_REDIRECT_URIS },
  ];
  if (clients.length === 0) throw new ConfigError("Emulator option clients must list at least one client.");
  return {
    host: options.host ?? "127.0.0.1",
    port,
    clients,
    apiKeys: options.apiKeys ?? [{ key: DEFAULT_API_KEY, siteId, accountId: DEFAULT_ACCOUNT_ID }],
    siteId,
    tokens,
    now: options.now ?? Date.now,
    registration: options.registration ?? {},
    faults: options.faults ?? {},
    limits,
    allowedHosts: options.allowedHosts ?? [],
    allowedOrigins: options.allowedOrigins ?? [],
    log: options.log,
  };
}

function checkFaults(faults: FaultOptions): void {
  const rates = {
    serverErrorRate: faults.serverErrorRate,
    rateLimitRate: faults.rateLimitRate,
    malformedTokenRate: faults.malformedTokenRate,
  };
  for (const [name, rate] of Object.entries(rates)) {
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
      throw new ConfigError(`Emulator option faults.${name} must be a number from 0 to 1, got ${rate}.`);
    }
  }
  for (const [name, value] of Object.entries({
    latencyMs: faults.latencyMs,
    retryAfterSeconds: faults.retryAfterSeconds,
  })) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new ConfigError(`Emulator option faults.${name} must be a whole number of at least 0, got ${value}.`);
    }
  }
}
