// Storefront example: a visitor browses and fills a cart, logs in on Wix's hosted page (PKCE redirect), logs out.

import { createBrowserTokenStore, WixApiError } from "@wix-authz/runtime";
import { createMemberClient, type MemberClient } from "../../../generated/member.js";
import type { Product } from "../../../generated/types.js";
import { createVisitorClient, type VisitorClient } from "../../../generated/visitor.js";
import { saveOAuthData, takeOAuthData } from "./browser-storage.js";
import { STORES_APP_ID, config } from "./config.js";
import { clearError, onClick, renderCart, renderProducts, renderSession, setState, showError } from "./view.js";

// One store for the whole page: login and logout swap what it holds; clients are cheap views onto it. localStorage:
// a reload or another tab keeps the visitor and cart (the trade-off against an HttpOnly cookie: README).
const store = createBrowserTokenStore({ storage: "local" });
const options = { clientId: config.clientId, baseUrl: config.baseUrl, store };

type Session = { role: "visitor"; client: VisitorClient } | { role: "member"; client: MemberClient };

/** The stored session decides the client; an empty store makes a visitor (its first call mints anonymous tokens). */
async function currentSession(): Promise<Session> {
  const visitor = createVisitorClient(options);
  const stored = await visitor.auth.getSession();
  return stored?.role === "member"
    ? { role: "member", client: createMemberClient(options) }
    : { role: "visitor", client: visitor };
}

async function loadCart(client: VisitorClient) {
  try {
    return (await client.ecom.currentCart.getCurrentCart()).cart;
  } catch (error) {
    // Wix answers 404 until the first item is added: an empty cart, not a failure.
    if (error instanceof WixApiError && error.status === 404) return undefined;
    throw error;
  }
}

async function render(session: Session): Promise<void> {
  // A MemberClient is a VisitorClient too: shopping code does not care who is logged in.
  const shopper: VisitorClient = session.client;
  const [{ products }, cart, member] = await Promise.all([
    shopper.stores.products.queryProducts({ query: { paging: { limit: 10 } } }),
    loadCart(shopper),
    session.role === "member" ? session.client.members.members.getCurrentMember() : undefined,
  ]);
  renderSession(member?.member);
  renderProducts(products, (product) => void run(() => addToCart(product)));
  renderCart(cart);
}

async function addToCart(product: Product): Promise<void> {
  const { client } = await currentSession();
  const { cart } = await client.ecom.currentCart.addToCurrentCart({
    lineItems: [{ quantity: 1, catalogReference: { appId: STORES_APP_ID, catalogItemId: product.id } }],
  });
  renderCart(cart);
}

async function logIn(): Promise<void> {
  const { client } = await currentSession();
  const oauthData = await client.auth.generateOAuthData(config.redirectUri);
  saveOAuthData(oauthData);
  // The redirect session is created with the visitor's token, so Wix carries this visitor's cart over to the member.
  const { authUrl } = await client.auth.getAuthUrl(oauthData);
  location.assign(authUrl);
}

/** On /callback: check the state, exchange the code; the member tokens land in the store. */
async function finishLogin(): Promise<void> {
  const callbackUrl = location.href;
  const oauthData = takeOAuthData();
  history.replaceState(null, "", "/"); // the code is single-use; keep it out of the address bar and history
  if (!oauthData) throw new Error("This login callback does not belong to a login started in this tab.");
  await createVisitorClient(options).auth.loginWithCallback(callbackUrl, oauthData);
}

async function logOut(): Promise<void> {
  const session = await currentSession();
  if (session.role !== "member") return;
  // Clears the stored tokens; Wix ends its own session on the logout page, then sends the browser back here.
  const { logoutUrl } = await session.client.auth.logout({ postFlowUrl: `${location.origin}/` });
  location.assign(logoutUrl);
}

/** Runs one user action: errors go to the visible #error element, never only to the console. */
async function run(action: () => Promise<void>): Promise<void> {
  setState("busy");
  clearError();
  try {
    await action();
  } catch (error) {
    showError(error);
  } finally {
    setState("ready");
  }
}

onClick("login", () => void run(logIn));
onClick("logout", () => void run(logOut));
void run(start);

/** Page load: finish the login if this is the callback, then show the shop as whoever the store now holds. */
async function start(): Promise<void> {
  let loginFailure: unknown;
  if (location.pathname === "/callback") {
    try {
      await finishLogin();
    } catch (error) {
      loginFailure = error; // render first, so the page works even when the login did not
    }
  }
  await render(await currentSession());
  if (loginFailure !== undefined) throw loginFailure; // run() shows it in #error
}
