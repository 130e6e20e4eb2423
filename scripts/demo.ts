// npm run demo: the three identities against the local emulator through the generated clients, narrated.
import { createAdminClient } from "../generated/admin.js";
import type { MemberClient } from "../generated/member.js";
import { createVisitorClient } from "../generated/visitor.js";
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SITE_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_PASSWORD,
  STORES_APP_ID,
  startEmulator,
} from "../emulator/index.js";
import { WixApiError, WixIdentityError } from "@wix-authz/runtime";

const say = (text: string) => process.stdout.write(`${text}\n`);
const step = (title: string) => say(`\n== ${title}`);

async function demo(baseUrl: string): Promise<void> {
  step("Visitor: anonymous OAuth tokens (client ID only)");
  const visitor = createVisitorClient({
    clientId: DEFAULT_CLIENT_ID,
    baseUrl,
    redirectUri: "http://localhost:3000/callback",
  });
  const { products } = await visitor.stores.products.queryProducts({ query: { paging: { limit: 3 } } });
  say(`queryProducts → ${products.map((p) => `${p.name} (${p.priceData?.price ?? "?"})`).join(", ")}`);
  const first = products[0];
  if (!first) throw new Error("the emulator has no products");
  const { cart } = await visitor.ecom.currentCart.addToCurrentCart({
    lineItems: [{ quantity: 2, catalogReference: { appId: STORES_APP_ID, catalogItemId: first.id } }],
  });
  say(`addToCurrentCart → cart ${cart?.id} with ${cart?.lineItems?.length ?? 0} line item(s)`);
  const { booking } = await visitor.bookings.bookings.createBooking({
    booking: {
      bookedEntity: {
        title: "Haircut",
        slot: { serviceId: "svc-1", startDate: "2026-12-01T10:00:00Z", endDate: "2026-12-01T11:00:00Z" },
      },
      contactDetails: { firstName: "Ada", email: "ada@example.com" },
    },
  });
  say(`createBooking → booking ${booking?.id} is ${booking?.status}`);

  step("Member: direct login with email and password, server side (no browser)");
  const login = await visitor.auth.login({ email: DEMO_MEMBER_EMAIL, password: DEMO_MEMBER_PASSWORD });
  if (login.status !== "success") throw new Error(`login did not succeed: ${login.status}`);
  const member: MemberClient = login.member;
  const { member: me } = await member.members.members.getCurrentMember();
  say(`login → member ${me?.loginEmail} (${me?.status})`);
  const { cart: memberCart } = await member.ecom.currentCart.getCurrentCart();
  say(
    `getCurrentCart as the member → ${memberCart?.lineItems?.length ?? 0} line item(s): the visitor's cart came along`,
  );

  step("Admin: API key + wix-site-id (server only)");
  const admin = createAdminClient({ apiKey: DEFAULT_API_KEY, siteId: DEFAULT_SITE_ID, baseUrl });
  const { product } = await admin.stores.products.createProduct({
    product: { name: "Demo mug", productType: "physical", priceData: { price: 12.5 } },
  });
  say(`createProduct → ${product?.name} (${product?.id})`);
  const confirmed = await admin.bookings.bookings.confirmBooking({
    bookingId: booking!.id!,
    revision: booking!.revision ?? "1",
  });
  say(`confirmBooking → the visitor's booking is ${confirmed.booking?.status}`);

  step("A visitor call forced past the types");
  const fresh = createVisitorClient({ clientId: DEFAULT_CLIENT_ID, baseUrl });
  const forced = fresh as unknown as MemberClient; // what a cast or plain JavaScript can do
  const guarded = await forced.members.members.getCurrentMember().then(
    () => "allowed?!",
    (e: unknown) =>
      e instanceof WixIdentityError
        ? `refused by the runtime guard, no request sent: ${e.message}`
        : `unexpected: ${String(e)}`,
  );
  say(`runtime guard → ${guarded}`);
  const unguarded = createVisitorClient({
    clientId: DEFAULT_CLIENT_ID,
    baseUrl,
    dangerouslySkipIdentityGuard: true,
  }) as unknown as MemberClient;
  const server = await unguarded.members.members.getCurrentMember().then(
    () => "allowed?!",
    (e: unknown) =>
      e instanceof WixApiError ? `HTTP ${e.status} ${e.code}: ${e.description}` : `unexpected: ${String(e)}`,
  );
  say(`guard bypassed → the emulator answers ${server}`);
  if (!guarded.startsWith("refused") || !server.startsWith("HTTP 403 PERMISSION_DENIED"))
    throw new Error("the identity checks did not hold");
}

async function main(): Promise<number> {
  const emulator = await startEmulator();
  say(`wix-authz demo: emulator at ${emulator.url}`);
  try {
    await demo(emulator.url);
    step("What the emulator saw");
    const byIdentity = new Map<string, number>();
    for (const r of emulator.requests) byIdentity.set(r.identity, (byIdentity.get(r.identity) ?? 0) + 1);
    say([...byIdentity].map(([identity, n]) => `${identity}: ${n}`).join(", "));
    const tokenRequests = emulator.requests.filter((r) => r.path === "/oauth2/token").map((r) => r.grantType);
    say(`token requests: ${tokenRequests.length} (${tokenRequests.join(", ")})`);
    say("\ndemo finished: every identity did what it may, and nothing more.");
    return 0;
  } catch (error) {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await emulator.close();
  }
}

process.exitCode = await main();
