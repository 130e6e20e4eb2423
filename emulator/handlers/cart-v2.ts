// eCommerce current cart V2 (Catalog V3 items): create, get, add, update quantities, remove, estimate/calculate,
// delete. One cart per visitor, moved to the member when that visitor logs in (as Wix keeps the cart across login).
import { randomUUID } from "node:crypto";
import { WixApiError } from "../http.js";
import type { EmulatorState } from "../state.js";
import { STORES_APP_ID } from "./cart.js";
import { productsV3 } from "./catalog-v3.js";
import { type MethodCall, type MethodHandler, record, text } from "./types.js";

export interface CartMoney {
  amount: string;
  convertedAmount: string;
}

export interface CartLineItemV2 {
  id: string;
  name: { original: string };
  quantityInfo: { requestedQuantity: number; confirmedQuantity: number };
  pricing: { unitPrice: CartMoney; totalPrice: CartMoney };
  source: { catalogReference: { appId: string; catalogItemId: string; options: { variantId: string } } };
  customLineItem: boolean;
  /** Kept for checkout and order, not a Cart V2 field: removed from responses. */
  productType?: "PHYSICAL" | "DIGITAL";
}

export interface CartV2 {
  id: string;
  createdDate: string;
  updatedDate: string;
  revision: string;
  lineItems: CartLineItemV2[];
  subtotal: CartMoney;
  coupons: unknown[];
  customerInfo: { visitorId?: string; memberId?: string };
  orderPlaced: boolean;
  currentCart: boolean;
  demo: boolean;
}

export function cartMoney(amount: number): CartMoney {
  return { amount: amount.toFixed(2), convertedAmount: amount.toFixed(2) };
}

export function cartsV2(state: EmulatorState): Map<string, CartV2> {
  return state.collection<CartV2>("cartsV2");
}

/**
 * The key of the caller's current cart. A member token carries the visitor id it logged in from: the first time the
 * member's cart is needed, that visitor's cart becomes the member's.
 */
export function currentCartKey(call: MethodCall, all: Map<string, { customerInfo?: unknown }>): string {
  const claims = call.claims;
  if (claims === undefined || call.identity === "admin") {
    throw new WixApiError(403, "PERMISSION_DENIED", "The current cart belongs to a visitor or member session");
  }
  if (claims.memberId === undefined) return `visitor:${claims.visitorId}`;
  const key = `member:${claims.memberId}`;
  const visitorKey = `visitor:${claims.visitorId}`;
  const visitorCart = all.get(visitorKey);
  if (!all.has(key) && visitorCart !== undefined) {
    visitorCart.customerInfo = { memberId: claims.memberId };
    all.set(key, visitorCart);
    all.delete(visitorKey);
  }
  return key;
}

/** The response form: the bookkeeping field stripped. */
export function cartView(cart: CartV2): Record<string, unknown> {
  return { ...cart, lineItems: cart.lineItems.map(({ productType: _, ...item }) => item) };
}

function current(call: MethodCall): { key: string; cart: CartV2 | undefined } {
  const all = cartsV2(call.app.state);
  const key = currentCartKey(call, all);
  return { key, cart: all.get(key) };
}

function existing(call: MethodCall): { key: string; cart: CartV2 } {
  const { key, cart } = current(call);
  if (cart === undefined)
    throw new WixApiError(404, "OWNED_CART_NOT_FOUND", "The current visitor or member has no cart");
  return { key, cart };
}

function newCart(call: MethodCall): CartV2 {
  const now = call.app.nowIso();
  const claims = call.claims!;
  return {
    id: randomUUID(),
    createdDate: now,
    updatedDate: now,
    revision: "0",
    lineItems: [],
    subtotal: cartMoney(0),
    coupons: [],
    customerInfo: claims.memberId === undefined ? { visitorId: claims.visitorId! } : { memberId: claims.memberId },
    orderPlaced: false,
    currentCart: true,
    demo: false,
  };
}

/** A catalog item input → a line item, checked against the catalogue (visible product, existing variant). */
function lineItemFor(call: MethodCall, raw: unknown): CartLineItemV2 {
  const input = record(raw) ?? {};
  const reference = record(input["catalogReference"]) ?? {};
  const productId = text(reference["catalogItemId"]) ?? "";
  const product = productsV3(call.app.state).get(productId);
  if (reference["appId"] !== STORES_APP_ID || product === undefined || !product.visible) {
    throw new WixApiError(404, "CATALOG_ITEM_NOT_FOUND", `Catalog item ${productId} not found`, {
      catalogItemId: productId,
    });
  }
  const variants = product.variantsInfo.variants;
  const wanted = text(record(reference["options"])?.["variantId"]);
  const variant = wanted === undefined && variants.length === 1 ? variants[0] : variants.find((v) => v.id === wanted);
  if (variant === undefined) {
    throw new WixApiError(
      400,
      wanted === undefined ? "VARIANT_REQUIRED" : "VARIANT_NOT_FOUND",
      wanted === undefined
        ? `Product ${productId} has ${variants.length} variants: catalogReference.options.variantId is required`
        : `Product ${productId} has no variant ${wanted}`,
    );
  }
  const quantity = Number(input["quantity"]);
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new WixApiError(
      400,
      "INVALID_QUANTITY",
      `quantity must be a whole number of at least 1, got ${input["quantity"]}`,
    );
  }
  const unit = Number(variant.price.actualPrice.amount);
  const choice = variant.choices[0]?.optionChoiceNames["choiceName"];
  return {
    id: randomUUID(),
    name: { original: choice === undefined ? product.name : `${product.name} (${choice})` },
    quantityInfo: { requestedQuantity: quantity, confirmedQuantity: quantity },
    pricing: { unitPrice: cartMoney(unit), totalPrice: cartMoney(unit * quantity) },
    source: {
      catalogReference: { appId: STORES_APP_ID, catalogItemId: product.id, options: { variantId: variant.id } },
    },
    customLineItem: false,
    productType: product.productType,
  };
}

function setQuantity(item: CartLineItemV2, quantity: number): void {
  item.quantityInfo = { requestedQuantity: quantity, confirmedQuantity: quantity };
  item.pricing.totalPrice = cartMoney(Number(item.pricing.unitPrice.amount) * quantity);
}

/** Adds items (merging one already in the cart), then recomputes the subtotal and bumps the revision. */
function addItems(call: MethodCall, cart: CartV2, raw: unknown): void {
  // Every item is checked before the cart changes: a failed call leaves it as it was.
  const items = (Array.isArray(raw) ? raw : []).map((item) => lineItemFor(call, item));
  for (const item of items) {
    const same = cart.lineItems.find(
      (l) => JSON.stringify(l.source.catalogReference) === JSON.stringify(item.source.catalogReference),
    );
    if (same === undefined) cart.lineItems.push(item);
    else setQuantity(same, same.quantityInfo.requestedQuantity + item.quantityInfo.requestedQuantity);
  }
}

function touched(call: MethodCall, key: string, cart: CartV2): Record<string, unknown> {
  cart.subtotal = cartMoney(cart.lineItems.reduce((sum, l) => sum + Number(l.pricing.totalPrice.amount), 0));
  cart.revision = String(Number(cart.revision) + 1);
  cart.updatedDate = call.app.nowIso();
  cartsV2(call.app.state).set(key, cart);
  return { cart: cartView(cart) };
}

function rejectCustomItems(call: MethodCall): void {
  if (Array.isArray(call.request["customItems"]) && call.request["customItems"].length > 0) {
    throw new WixApiError(400, "CUSTOM_ITEMS_NOT_SUPPORTED", "The emulator's cart takes catalog items only");
  }
}

const createCurrentCart: MethodHandler = (call) => {
  rejectCustomItems(call);
  const { key, cart: old } = current(call);
  if (old !== undefined && !old.orderPlaced) {
    throw new WixApiError(409, "CART_ALREADY_EXISTS", "The current visitor or member already has a cart");
  }
  const cart = newCart(call);
  addItems(call, cart, call.request["catalogItems"]);
  return touched(call, key, cart);
};

const addLineItems: MethodHandler = (call) => {
  rejectCustomItems(call);
  const { key, cart: old } = current(call);
  const cart = old ?? newCart(call); // "If a current cart doesn't already exist, one is created."
  addItems(call, cart, call.request["catalogItems"]);
  return touched(call, key, cart);
};

const updateLineItems: MethodHandler = (call) => {
  const { key, cart } = existing(call);
  const updates = (Array.isArray(call.request["lineItems"]) ? call.request["lineItems"] : []).map((raw) => {
    const update = record(raw) ?? {};
    const id = String(update["lineItemId"]);
    const item = cart.lineItems.find((l) => l.id === id);
    if (item === undefined) throw new WixApiError(404, "LINE_ITEM_NOT_FOUND", `No line item ${id} in the cart`);
    const quantity = record(update["quantity"])?.["newQuantity"];
    if (quantity !== undefined && (!Number.isInteger(quantity) || (quantity as number) < 1)) {
      throw new WixApiError(400, "INVALID_QUANTITY", `quantity.newQuantity must be a whole number of at least 1`);
    }
    return { item, quantity: quantity as number | undefined };
  });
  for (const { item, quantity } of updates) if (quantity !== undefined) setQuantity(item, quantity);
  return touched(call, key, cart);
};

const removeLineItems: MethodHandler = (call) => {
  const { key, cart } = existing(call);
  const ids = (call.request["lineItemIds"] as unknown[]).map(String);
  const missing = ids.find((id) => !cart.lineItems.some((l) => l.id === id));
  if (missing !== undefined) throw new WixApiError(404, "LINE_ITEM_NOT_FOUND", `No line item ${missing} in the cart`);
  cart.lineItems = cart.lineItems.filter((l) => !ids.includes(l.id));
  return touched(call, key, cart);
};

/** Totals: no delivery, tax, fees or discounts are configured on the emulated site, so the total is the subtotal. */
export function cartSummary(cart: CartV2, calculationId: string): Record<string, unknown> {
  const zero = cartMoney(0);
  return {
    cartId: cart.id,
    cartRevision: cart.revision,
    calculationId,
    discounts: [],
    additionalFees: [],
    priceSummary: {
      subtotal: cart.subtotal,
      discount: zero,
      delivery: zero,
      additionalFees: zero,
      tax: zero,
      total: cart.subtotal,
    },
  };
}

const estimate: MethodHandler = (call) => {
  const { cart } = existing(call);
  return { cart: cartView(cart), summary: cartSummary(cart, randomUUID()) };
};

export const cartV2Handlers: Record<string, MethodHandler> = {
  "ecom.currentCartV2.createCurrentCart": createCurrentCart,
  "ecom.currentCartV2.getCurrentCart": (call) => ({ cart: cartView(existing(call).cart) }),
  "ecom.currentCartV2.addLineItemsToCurrentCart": addLineItems,
  "ecom.currentCartV2.updateLineItemsInCurrentCart": updateLineItems,
  "ecom.currentCartV2.removeLineItemsFromCurrentCart": removeLineItems,
  "ecom.currentCartV2.estimateCurrentCart": estimate,
  "ecom.currentCartV2.calculateCurrentCart": estimate,
  "ecom.currentCartV2.refreshCurrentCart": (call) => ({ cart: cartView(existing(call).cart) }),
  "ecom.currentCartV2.deleteCurrentCart": (call) => {
    const { key } = existing(call);
    cartsV2(call.app.state).delete(key);
    return {};
  },
};
