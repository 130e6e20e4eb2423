// Soak sessions: visitor, member and admin clients on recording token stores, and the calls each identity makes.
import { createAdminClient, type AdminClient } from "../../generated/admin.js";
import type { MemberClient } from "../../generated/member.js";
import { createVisitorClient, type VisitorClient } from "../../generated/visitor.js";
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SITE_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_ID,
  DEMO_MEMBER_PASSWORD,
  STORES_APP_ID,
} from "../../emulator/index.js";
import type { CallOptions, TokenStore, Tokens } from "@wix-authz/runtime";

/**
 * A token store that notes every access token it handed out after its renewal point: the runtime reads the store
 * right before deciding to renew, so "seen expired" here is exactly "this token needed replacing".
 */
export class RecordingStore implements TokenStore {
  #tokens: Tokens | null = null;
  readonly refreshTokens = new Set<string>();
  readonly expired = new Set<string>();

  constructor(private readonly renewMarginMs: number) {}

  get(): Tokens | null {
    const t = this.#tokens;
    if (t && t.expiresAt - this.renewMarginMs <= Date.now()) this.expired.add(t.accessToken);
    return t;
  }

  set(tokens: Tokens | null): void {
    this.#tokens = tokens;
    if (tokens) this.refreshTokens.add(tokens.refreshToken);
  }

  toString(): string {
    return `[RecordingStore ${this.#tokens?.role ?? "empty"}]`;
  }
  toJSON(): string {
    return this.toString();
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export type SoakIdentity = "visitor" | "member" | "admin";

export interface SoakSession {
  readonly label: string;
  readonly identity: SoakIdentity;
  readonly client: VisitorClient | MemberClient | AdminClient;
  readonly store: RecordingStore | undefined;
}

export interface ClientSettings {
  readonly baseUrl: string;
  readonly renewMarginMs: number;
}

/** Setup steps run while faults are live: retried a few times, so the soak starts with every session in place. */
export async function persist<T>(what: string, step: () => Promise<T>, tries = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= tries)
        throw new Error(`soak setup failed: ${what}: ${error instanceof Error ? error.message : error}`, {
          cause: error,
        });
    }
  }
}

export function visitorSession(label: string, s: ClientSettings): SoakSession {
  const store = new RecordingStore(s.renewMarginMs);
  const client = createVisitorClient({
    clientId: DEFAULT_CLIENT_ID,
    baseUrl: s.baseUrl,
    redirectUri: "http://localhost:3000/callback",
    renewMarginMs: s.renewMarginMs,
    store,
  });
  return { label, identity: "visitor", client, store };
}

export async function memberSession(label: string, s: ClientSettings): Promise<SoakSession> {
  const visitor = visitorSession(label, s);
  const member = await persist(`${label} login`, async () => {
    const result = await (visitor.client as VisitorClient).auth.login({
      email: DEMO_MEMBER_EMAIL,
      password: DEMO_MEMBER_PASSWORD,
    });
    if (result.status !== "success") throw new Error(`login ended in ${result.status}`);
    return result.member;
  });
  return { label, identity: "member", client: member, store: visitor.store };
}

/** Puts a line in each site session's cart before the run, so reading the cart is a valid call from the start. */
export async function fillCart(session: SoakSession, productId: string): Promise<void> {
  if (session.identity === "admin") return;
  const lineItems = [{ quantity: 1, catalogReference: { appId: STORES_APP_ID, catalogItemId: productId } }];
  await persist(`${session.label} cart`, () =>
    (session.client as VisitorClient).ecom.currentCart.addToCurrentCart({ lineItems }),
  );
}

export function adminSession(label: string, s: ClientSettings): SoakSession {
  const client = createAdminClient({ apiKey: DEFAULT_API_KEY, siteId: DEFAULT_SITE_ID, baseUrl: s.baseUrl });
  return { label, identity: "admin", client, store: undefined };
}

export interface Operation {
  /** The method id, as errors name it. */
  readonly name: string;
  readonly verb: "GET" | "POST" | "DELETE";
  run(client: SoakSession["client"], options: CallOptions): Promise<unknown>;
}

/** The shared fixtures operations need: an existing product and the ids admins created (to delete later). */
export interface Fixtures {
  productId: string;
  readonly created: string[];
}

export function operations(identity: SoakIdentity, f: Fixtures): Operation[] {
  const site = (c: SoakSession["client"]) => c as VisitorClient;
  const read: Operation[] = [
    {
      name: "stores.products.getProduct",
      verb: "GET",
      run: (c, o) => c.stores.products.getProduct({ id: f.productId }, o),
    },
    {
      name: "stores.products.queryProducts",
      verb: "POST",
      run: (c, o) => c.stores.products.queryProducts({ query: { paging: { limit: 2 } } }, o),
    },
  ];
  if (identity === "admin") {
    const admin = (c: SoakSession["client"]) => c as AdminClient;
    return [
      ...read,
      {
        name: "stores.products.createProduct",
        verb: "POST",
        run: async (c, o) => {
          const product = { name: "Soak item", productType: "digital" as const, priceData: { price: 3 } };
          const { product: made } = await admin(c).stores.products.createProduct({ product }, o);
          if (made?.id) f.created.push(made.id);
        },
      },
      {
        name: "stores.products.deleteProduct",
        verb: "DELETE",
        run: (c, o) => {
          const id = f.created.shift();
          return id
            ? admin(c).stores.products.deleteProduct({ id }, o)
            : c.stores.products.getProduct({ id: f.productId }, o);
        },
      },
      {
        name: "members.members.approveMember",
        verb: "POST",
        run: (c, o) => admin(c).members.members.approveMember({ id: DEMO_MEMBER_ID }, o),
      },
    ];
  }
  const cart: Operation[] = [
    {
      name: "ecom.currentCart.getCurrentCart",
      verb: "GET",
      run: (c, o) => site(c).ecom.currentCart.getCurrentCart({}, o),
    },
    {
      name: "ecom.currentCart.addToCurrentCart",
      verb: "POST",
      run: (c, o) =>
        site(c).ecom.currentCart.addToCurrentCart(
          { lineItems: [{ quantity: 1, catalogReference: { appId: STORES_APP_ID, catalogItemId: f.productId } }] },
          o,
        ),
    },
  ];
  if (identity === "visitor") return [...read, ...cart];
  const me: Operation = {
    name: "members.members.getCurrentMember",
    verb: "GET",
    run: (c, o) => (c as MemberClient).members.members.getCurrentMember({}, o),
  };
  return [...read, ...cart, me, me];
}
