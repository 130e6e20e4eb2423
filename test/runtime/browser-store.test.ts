// createBrowserTokenStore over a real in-memory Web Storage: reloads keep the session, tabs share it (storage events),
// and two tabs renewing one session spend its refresh token once (a Web Locks-style queue).

import { describe, expect, it } from "vitest";
import {
  createBrowserTokenStore,
  createVisitorRuntime,
  serializeTokens,
  WixConfigError,
  type StorageLike,
  type Tokens,
} from "@wix-authz/runtime";
import { CLIENT_ID, FakeClock, fakeFetch, json, table, tokenBody, tokens, type TestClient } from "./helpers.js";

const HOUR = 3_600_000;
const KEY = "wix-authz.session";

/** One origin: one Storage every tab writes to, and each write fires `storage` in the other tabs (as browsers do). */
class Origin {
  readonly tabs: EventTarget[] = [];
  readonly #items = new Map<string, string>();
  readonly storage: StorageLike & { readonly length: number } = {
    getItem: (k) => this.#items.get(k) ?? null,
    setItem: (k, v) => this.#change(k, () => this.#items.set(k, String(v))),
    removeItem: (k) => this.#change(k, () => this.#items.delete(k)),
    get length() {
      return 0;
    },
  };
  #writer: EventTarget | undefined;

  tab(): { events: EventTarget; as<T>(write: () => T): T } {
    const events = new EventTarget();
    this.tabs.push(events);
    return {
      events,
      as: (write) => {
        this.#writer = events;
        try {
          return write();
        } finally {
          this.#writer = undefined;
        }
      },
    };
  }

  #change(key: string, apply: () => void): void {
    apply();
    for (const tab of this.tabs.filter((t) => t !== this.#writer))
      tab.dispatchEvent(Object.assign(new Event("storage"), { key, storageArea: this.storage }));
  }
}

/** navigator.locks' contract for one name at a time: callbacks run one after another, in request order. */
class Locks {
  #tail = new Map<string, Promise<unknown>>();
  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const run = (this.#tail.get(name) ?? Promise.resolve()).then(callback, callback);
    this.#tail.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}

describe("createBrowserTokenStore", () => {
  it("keeps the session across a reload: a new store over the same storage reads it", () => {
    const origin = new Origin();
    const session = tokens("visitor", Date.now() + HOUR);
    const before = createBrowserTokenStore({ storage: origin.storage });
    expect(before.get()).toBe(null);
    before.set(session);
    expect(origin.storage.getItem(KEY)).toBe(serializeTokens(session));
    expect(createBrowserTokenStore({ storage: origin.storage }).get()).toEqual(session);
    before.set(null);
    expect(origin.storage.getItem(KEY)).toBe(null);
  });

  it("treats a corrupt or foreign value as no session, and removes it", () => {
    const origin = new Origin();
    origin.storage.setItem(KEY, "{not json");
    expect(createBrowserTokenStore({ storage: origin.storage }).get()).toBe(null);
    expect(origin.storage.getItem(KEY)).toBe(null);
  });

  it("sees another tab's login and logout through the storage event, and tells onChange", () => {
    const origin = new Origin();
    const [a, b] = [origin.tab(), origin.tab()];
    const seen: (Tokens | null)[] = [];
    const storeA = createBrowserTokenStore({ storage: origin.storage, events: a.events });
    const storeB = createBrowserTokenStore({
      storage: origin.storage,
      events: b.events,
      onChange: (t) => seen.push(t),
    });
    expect(storeB.get()).toBe(null); // cached from here on
    const member = tokens("member", Date.now() + HOUR);
    a.as(() => storeA.set(member));
    expect(storeB.get()).toEqual(member);
    a.as(() => storeA.set(null));
    expect(storeB.get()).toBe(null);
    expect(seen).toEqual([member, null]);
    a.as(() => origin.storage.setItem("other-key", "x"));
    expect(seen).toHaveLength(2);
    storeB.close();
    a.as(() => storeA.set(member));
    expect(seen).toHaveLength(2);
  });

  it("two tabs renewing the same expired session send one refresh; the second takes the first one's tokens", async () => {
    const origin = new Origin();
    const locks = new Locks();
    const now = Date.now();
    const expired = tokens("visitor", now - 1000);
    const renewed = tokens("visitor", now + HOUR);
    origin.storage.setItem(KEY, serializeTokens(expired));
    const [a, b] = [origin.tab(), origin.tab()].map((tab) =>
      createBrowserTokenStore({ storage: origin.storage, events: tab.events, locks }),
    );
    let refreshes = 0;
    const refresh = async () => {
      refreshes++;
      await new Promise((r) => setTimeout(r, 10));
      return renewed;
    };
    const got = await Promise.all([
      a!.shareRefresh(expired.refreshToken, refresh, now),
      b!.shareRefresh(expired.refreshToken, refresh, now),
    ]);
    expect(refreshes).toBe(1);
    expect(got).toEqual([renewed, renewed]);
    expect(origin.storage.getItem(KEY)).toBe(serializeTokens(renewed));
  });

  it('storage: "session" uses sessionStorage; without Web Storage it refuses, pointing at the cookie store', () => {
    const origin = new Origin();
    const g = globalThis as { sessionStorage?: StorageLike };
    g.sessionStorage = origin.storage;
    try {
      createBrowserTokenStore({ storage: "session" }).set(tokens("visitor", Date.now() + HOUR));
      expect(origin.storage.getItem(KEY)).not.toBe(null);
    } finally {
      delete g.sessionStorage;
    }
    expect(() => createBrowserTokenStore({ storage: "local" })).toThrow(WixConfigError);
    expect(() => createBrowserTokenStore({ storage: "local" })).toThrow(/createCookieTokenStore/);
  });

  it("never shows the tokens in its string form", () => {
    const origin = new Origin();
    const store = createBrowserTokenStore({ storage: origin.storage });
    const session = tokens("visitor", Date.now() + HOUR);
    store.set(session);
    expect(String(store)).toBe(`[BrowserTokenStore ${KEY}]`);
    expect(String(store)).not.toContain(session.refreshToken);
  });

  it("with a visitor client: after a reload (a new client over the same storage) no new anonymous session starts", async () => {
    const origin = new Origin();
    const clock = new FakeClock();
    const fetch = fakeFetch({
      "POST /oauth2/token": async () => json(200, tokenBody()),
      "POST /stores-reader/v1/products/query": () => json(200, { products: [] }),
    });
    const page = () =>
      createVisitorRuntime<TestClient>(
        { clientId: CLIENT_ID, fetch, clock, store: createBrowserTokenStore({ storage: origin.storage }) },
        table,
      );
    await page().stores.products.queryProducts({});
    const first = origin.storage.getItem(KEY);
    await page().stores.products.queryProducts({});
    expect(fetch.count("POST /oauth2/token")).toBe(1);
    expect(origin.storage.getItem(KEY)).toBe(first);
  });
});
