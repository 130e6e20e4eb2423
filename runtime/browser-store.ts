// Browser persistence: a TokenStore over localStorage (shared by every tab of the origin) or sessionStorage (one tab),
// so a reload keeps the visitor's session and cart. Trade-off against HttpOnly cookies: README "Browser sessions".
import { WixConfigError } from "./errors.js";
import { parseTokens, serializeTokens } from "./cookies.js";
import type { TokenStore, Tokens } from "./tokens.js";

/** The part of the Web Storage API the store uses (window.localStorage, window.sessionStorage, or your own). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Where `storage` events arrive: the window, or any EventTarget. */
type StorageEvents = Pick<EventTarget, "addEventListener" | "removeEventListener">;

interface StorageEventLike {
  readonly key: string | null;
  readonly storageArea: unknown;
}

/** The Web Locks API (`navigator.locks`), which the store uses so tabs do not refresh one session twice. */
interface LocksLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface BrowserTokenStoreOptions {
  /** "local" (default): every tab shares the session; "session": this tab only, gone when it closes. */
  readonly storage?: "local" | "session" | StorageLike;
  /** The storage key. Default "wix-authz.session". */
  readonly key?: string;
  /** Called when another tab changed the session (a login, a logout, a renewal), with the new tokens or null. */
  readonly onChange?: (tokens: Tokens | null) => void;
  /** Where `storage` events arrive. Default `globalThis` (the window). */
  readonly events?: StorageEvents;
  /** Default `navigator.locks` where it exists. */
  readonly locks?: LocksLike;
}

export interface BrowserTokenStore extends TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens | null): void;
  shareRefresh(refreshToken: string, refresh: () => Promise<Tokens>, now: number): Promise<Tokens>;
  /** Stops listening for other tabs' changes. */
  close(): void;
  /** Names the key, never the tokens. */
  toString(): string;
}

function pickStorage(storage: BrowserTokenStoreOptions["storage"]): StorageLike {
  if (typeof storage === "object" && storage !== null) return storage;
  const name = storage === "session" ? "sessionStorage" : "localStorage";
  const found = (globalThis as Record<string, unknown>)[name] as StorageLike | undefined;
  if (!found)
    throw new WixConfigError(
      "storage",
      `${name} is not available here: createBrowserTokenStore is for browsers (on a server use createCookieTokenStore).`,
    );
  return found;
}

export function createBrowserTokenStore(options: BrowserTokenStoreOptions = {}): BrowserTokenStore {
  const storage = pickStorage(options.storage);
  const key = options.key ?? "wix-authz.session";
  const g = globalThis as { navigator?: { locks?: LocksLike } } & Partial<StorageEvents>;
  const events = options.events ?? (typeof g.addEventListener === "function" ? (g as StorageEvents) : undefined);
  const locks = options.locks ?? g.navigator?.locks;
  // Parsed once per change, not per call: the runtime reads the store on every call.
  let cached: { tokens: Tokens | null } | undefined;

  const read = (): Tokens | null => {
    const value = storage.getItem(key);
    if (value === null) return null;
    try {
      return parseTokens(value);
    } catch {
      storage.removeItem(key); // corrupt, or another version's format: start over rather than fail every call
      return null;
    }
  };
  const write = (tokens: Tokens | null) => {
    if (tokens) storage.setItem(key, serializeTokens(tokens));
    else storage.removeItem(key);
    cached = { tokens };
  };
  const onStorage = (e: Event) => {
    const event = e as Event & StorageEventLike;
    // key null: the other tab called storage.clear().
    if (event.storageArea !== storage || (event.key !== null && event.key !== key)) return;
    cached = { tokens: read() };
    options.onChange?.(cached.tokens);
  };
  events?.addEventListener("storage", onStorage);

  return {
    get: () => (cached ??= { tokens: read() }).tokens,
    set: write,
    // Two tabs whose token expired together: the second waits, then takes the first one's renewed tokens instead of
    // spending the refresh token again (Wix rotates it). Without Web Locks each tab refreshes on its own.
    async shareRefresh(refreshToken, refresh, now) {
      if (!locks) return refresh();
      return locks.request(`wix-authz:${key}`, async () => {
        const latest = read();
        if (latest && latest.refreshToken !== refreshToken && latest.expiresAt > now) {
          cached = { tokens: latest };
          return latest;
        }
        const renewed = await refresh();
        write(renewed); // before the lock is released, so the next tab in line sees it
        return renewed;
      });
    },
    close: () => events?.removeEventListener("storage", onStorage),
    toString: () => `[BrowserTokenStore ${key}]`,
  };
}
