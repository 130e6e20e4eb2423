// eCommerce current cart: one cart per visitor token, moved to the member when that visitor logs in.
import { randomUUID } from "node:crypto";
import { WixApiError } from "../http.js";
import type { EmulatorState } from "../state.js";
import { products } from "./products.js";
import { type MethodCall, type MethodHandler, record, text } from "./types.js";

export const STORES_APP_ID = "215238eb-22a5-4c36-9e7b-e7c08025e04e";

interface LineItem {
  id: string;
  quantity: number;
  catalogReference: Record<string, unknown>;
  productName: { original: string };
  price: { amount: string; currency: string; formattedAmount: string };
}

interface Cart {
  id: string;
  lineItems: LineItem[];
  buyerInfo: { visitorId?: string; memberId?: string };
  currency: string;
  subtotal: { amount: string; currency: string; formattedAmount: string };
  createdDate: string;
  updatedDate: string;
}

function carts(state: EmulatorState): Map<string, Cart> {
  return state.collection<Cart>("carts");
}

/**
 * The caller's cart key. A member token carries the visitor id it logged in from: the first time the member's cart
 * is needed, that visitor's cart becomes the member's (Wix keeps the cart across login).
 */
function cartKey(call: MethodCall): string {
  const claims = call.claims;
  if (claims === undefined || call.identity === "admin") {
    throw new WixApiError(403, "PERMISSION_DENIED", "The current cart belongs to a visitor or member session");
  }
  if (claims.memberId === undefined) return `visitor:${claims.visitorId}`;
  const key = `member:${claims.memberId}`;
  const all = carts(call.app.state);
  const visitorKey = `visitor:${claims.visitorId}`;
  const visitorCart = all.get(visitorKey);
  if (!all.has(key) && visitorCart !== undefined) {
    visitorCart.buyerInfo = { visitorId: claims.visitorId!, memberId: claims.memberId };
    all.set(key, visitorCart);
    all.delete(visitorKey);
  }
  return key;
}

function money(amount: number): LineItem["price"] {
  return { amount: amount.toFixed(2), currency: "USD", formattedAmount: `$${amount.toFixed(2)}` };
}

const getCurrentCart: MethodHandler = (call) => {
  const cart = carts(call.app.state).get(cartKey(call));
  if (cart === undefined)
    throw new WixApiError(404, "OWNED_CART_NOT_FOUND", "The current visitor or member has no cart");
  return { cart };
};

const addToCurrentCart: MethodHandler = (call) => {
  const key = cartKey(call);
  const all = carts(call.app.state);
  const now = call.app.nowIso();
  const claims = call.claims!;
  const cart: Cart = all.get(key) ?? {
    id: randomUUID(),
    lineItems: [],
    buyerInfo: claims.memberId === undefined ? { visitorId: claims.visitorId! } : { memberId: claims.memberId },
    currency: "USD",
    subtotal: money(0),
    createdDate: now,
    updatedDate: now,
  };
  const items = Array.isArray(call.request["lineItems"]) ? (call.request["lineItems"] as unknown[]) : [];
  // Check every item before changing anything: a failed call leaves the cart as it was.
  const resolved = items.map((raw) => {
    const item = record(raw) ?? {};
    const reference = record(item["catalogReference"]) ?? {};
    const product = products(call.app.state).get(text(reference["catalogItemId"]) ?? "");
    if (reference["appId"] !== STORES_APP_ID || product === undefined || !product.visible) {
      throw new WixApiError(404, "NOT_FOUND", `Catalog item ${String(reference["catalogItemId"])} not found`);
    }
    return { reference, product, quantity: Number(item["quantity"]) };
  });
  for (const { reference, product, quantity } of resolved) {
    const same = cart.lineItems.find((l) => JSON.stringify(l.catalogReference) === JSON.stringify(reference));
    if (same !== undefined) same.quantity += quantity;
    else {
      const price = Number(record(product["priceData"])?.["price"] ?? 0);
      cart.lineItems.push({
        id: randomUUID(),
        quantity,
        catalogReference: reference,
        productName: { original: product.name },
        price: money(price),
      });
    }
  }
  cart.subtotal = money(cart.lineItems.reduce((sum, l) => sum + Number(l.price.amount) * l.quantity, 0));
  cart.updatedDate = now;
  all.set(key, cart);
  return { cart };
};

export const cartHandlers: Record<string, MethodHandler> = {
  "ecom.currentCart.getCurrentCart": getCurrentCart,
  "ecom.currentCart.addToCurrentCart": addToCurrentCart,
};
