// The catalogue storefront of the e2e test, through the clients generated from catalogue/spec: Catalog V3 products,
// categories, current cart V2, checkout and its URL, an ecomCheckout redirect session, and a member login on Wix's
// hosted login page (redirect + PKCE).
// The test copies it next to the clients it generates (./generated, under .tmp/), then bundles it with esbuild; the
// repository's type check skips this folder for that reason (./generated exists only in the copy).

import { createBrowserTokenStore, WixApiError } from "@wix-authz/runtime";
import { createMemberClient } from "./generated/member.js";
import { createVisitorClient, type VisitorClient } from "./generated/visitor.js";

declare const __WIX_CLIENT_ID__: string;
declare const __WIX_BASE_URL__: string;

const STORES_APP_ID = "215238eb-22a5-4c36-9e7b-e7c08025e04e";
const store = createBrowserTokenStore({ storage: "local" });
const options = {
  clientId: __WIX_CLIENT_ID__,
  baseUrl: __WIX_BASE_URL__,
  store,
  redirectUri: `${location.origin}/callback`,
};

const $ = (id: string): HTMLElement => document.getElementById(id)!;

function row(text: string, ...buttons: [string, () => Promise<void>][]): HTMLLIElement {
  const li = document.createElement("li");
  li.append(Object.assign(document.createElement("span"), { textContent: text }));
  for (const [label, action] of buttons) {
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: label });
    button.addEventListener("click", () => void run(action));
    li.append(button);
  }
  return li;
}

/** The member client when the store holds a member session, else the visitor client (a member is a visitor too). */
async function shopper(): Promise<{ client: VisitorClient; member: boolean }> {
  const visitor = createVisitorClient(options);
  const session = await visitor.auth.getSession();
  return session?.role === "member"
    ? { client: createMemberClient(options), member: true }
    : { client: visitor, member: false };
}

async function currentCart(client: VisitorClient) {
  try {
    return (await client.ecom.currentCartV2.getCurrentCart()).cart;
  } catch (error) {
    if (error instanceof WixApiError && error.status === 404) return undefined; // no cart until the first item
    throw error;
  }
}

async function render(): Promise<void> {
  const { client, member } = await shopper();
  if (member) {
    const me = (await createMemberClient(options).members.members.getCurrentMember({})).member;
    $("who").textContent = `Member ${me?.loginEmail ?? ""}`;
  } else $("who").textContent = "Visitor";
  $("login").hidden = member;
  const tree = { appNamespace: "@wix/stores" };
  const [{ products = [] }, { categories = [] }, cart] = await Promise.all([
    client.stores.productsV3.queryProducts({ query: { sort: [{ fieldName: "name" }] } }),
    client.categories.categories.queryCategories({ treeReference: tree }),
    currentCart(client),
  ]);
  $("categories").replaceChildren(...categories.map((c) => row(`${c.name} (${c.itemCounter})`)));
  $("products").replaceChildren(
    ...products.flatMap((p) =>
      (p.variantsInfo?.variants ?? []).map((v) => {
        const choice = v.choices?.[0]?.optionChoiceNames?.choiceName;
        const label = `${p.name}${choice === undefined ? "" : ` ${choice}`} · ${v.price?.actualPrice?.formattedAmount ?? ""}`;
        return row(label, [
          "Add to cart",
          async () => {
            const reference = { appId: STORES_APP_ID, catalogItemId: p.id!, options: { variantId: v.id! } };
            await client.ecom.currentCartV2.addLineItemsToCurrentCart({
              catalogItems: [{ catalogReference: reference, quantity: 1 }],
            });
          },
        ]);
      }),
    ),
  );
  const lines = cart?.lineItems ?? [];
  $("cart").replaceChildren(
    ...lines.map((l) =>
      row(
        `${l.name?.original} × ${l.quantityInfo?.requestedQuantity} = ${l.pricing?.totalPrice?.amount}`,
        [
          "+",
          async () => {
            const quantity = { newQuantity: (l.quantityInfo?.requestedQuantity ?? 0) + 1 };
            await client.ecom.currentCartV2.updateLineItemsInCurrentCart({
              lineItems: [{ lineItemId: l.id!, quantity }],
            });
          },
        ],
        [
          "Remove",
          async () => void (await client.ecom.currentCartV2.removeLineItemsFromCurrentCart({ lineItemIds: [l.id!] })),
        ],
      ),
    ),
  );
  if (cart === undefined || lines.length === 0) {
    $("total").textContent = "$0.00";
    $("checkout-url").textContent = "";
    return;
  }
  const [{ summary }, { checkoutUrl }] = await Promise.all([
    client.ecom.currentCartV2.estimateCurrentCart({}),
    client.ecom.cartV2.getCheckoutUrl({ cartId: cart.id! }),
  ]);
  $("total").textContent = `$${summary?.priceSummary?.total?.amount ?? "?"}`;
  Object.assign($("checkout-url"), { textContent: checkoutUrl, href: checkoutUrl });
}

/** Checkout: a checkout from the current cart, then a redirect session to Wix's (the emulator's) checkout page. */
async function checkout(): Promise<void> {
  const { client } = await shopper();
  const { checkoutId } = await client.ecom.currentCart.createCheckoutFromCurrentCart({ channelType: "WEB" });
  const { redirectSession } = await client.redirects.redirects.createRedirectSession({
    ecomCheckout: { checkoutId: checkoutId! },
    callbacks: { thankYouPageUrl: `${location.origin}/thank-you` },
  });
  location.assign(redirectSession!.fullUrl!);
}

/** The redirect session is made with the visitor's token, so the visitor's cart becomes the member's. */
async function logIn(): Promise<void> {
  const visitor = createVisitorClient(options);
  const oauthData = await visitor.auth.generateOAuthData(options.redirectUri);
  sessionStorage.setItem("oauth", JSON.stringify(oauthData));
  location.assign((await visitor.auth.getAuthUrl(oauthData)).authUrl);
}

async function finishLogin(): Promise<void> {
  const stored = sessionStorage.getItem("oauth");
  sessionStorage.removeItem("oauth");
  const callback = location.href;
  history.replaceState(null, "", "/");
  if (stored === null) throw new Error("This login callback does not belong to a login started in this tab.");
  await createVisitorClient(options).auth.loginWithCallback(callback, JSON.parse(stored));
}

async function run(action: () => Promise<void>): Promise<void> {
  document.body.dataset["state"] = "busy";
  $("error").hidden = true;
  try {
    await action();
    await render();
  } catch (error) {
    Object.assign($("error"), { hidden: false, textContent: `${(error as Error).name}: ${(error as Error).message}` });
  } finally {
    document.body.dataset["state"] = "ready";
  }
}

$("checkout").addEventListener("click", () => void run(checkout));
$("login").addEventListener("click", () => void run(logIn));
const params = new URLSearchParams(location.search);
if (location.pathname === "/thank-you" && params.has("orderNumber")) {
  Object.assign($("order"), { hidden: false, textContent: `Order #${params.get("orderNumber")} placed` });
  $("order").dataset["orderId"] = params.get("orderId") ?? "";
}
void run(async () => (location.pathname === "/callback" ? finishLogin() : undefined));
