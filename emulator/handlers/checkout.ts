// eCommerce checkout and orders: a checkout made from the current cart (V1 or V2), its checkout URL (the emulator's
// hosted checkout page), and the order it becomes when that page is submitted (or createOrder is called).
import { randomUUID } from "node:crypto";
import { WixApiError } from "../http.js";
import type { AppContext } from "../router.js";
import type { EmulatorState } from "../state.js";
import { cartsV2, currentCartKey, type CartV2 } from "./cart-v2.js";
import { filterAndSort, cursorPage } from "./catalog-v3.js";
import { type MethodCall, type MethodHandler, record } from "./types.js";

/** The path of the emulator's hosted checkout page (what checkout URLs and ecomCheckout redirect sessions open). */
export const CHECKOUT_PAGE_PATH = "/checkout";

interface Price {
  amount: string;
  convertedAmount: string;
  formattedAmount: string;
  formattedConvertedAmount: string;
}

export interface CheckoutLine {
  readonly id: string;
  readonly quantity: number;
  readonly catalogReference: Record<string, unknown>;
  readonly name: string;
  readonly unit: number;
  readonly productType: "PHYSICAL" | "DIGITAL";
}

export interface CheckoutRecord {
  readonly id: string;
  readonly cartId: string;
  /** `visitor:<id>` or `member:<id>`: whose cart it came from (who may read it and place its order). */
  readonly ownerKey: string;
  readonly buyer: { visitorId?: string; memberId?: string };
  readonly lines: readonly CheckoutLine[];
  readonly createdDate: string;
  /** Which cart collection it came from, so the placed order can clear that cart. */
  readonly cartCollection: "cartsV2" | "carts";
  completed: boolean;
  orderId?: string;
  updatedDate: string;
}

export interface OrderRecord {
  readonly order: Record<string, unknown> & { id: string; number: string };
  readonly ownerKey: string;
}

export function checkouts(state: EmulatorState): Map<string, CheckoutRecord> {
  return state.collection<CheckoutRecord>("checkouts");
}

export function orders(state: EmulatorState): Map<string, OrderRecord> {
  return state.collection<OrderRecord>("orders");
}

function price(amount: number): Price {
  const text = amount.toFixed(2);
  const formatted = `$${text}`;
  return { amount: text, convertedAmount: text, formattedAmount: formatted, formattedConvertedAmount: formatted };
}

export function checkoutTotal(checkout: CheckoutRecord): number {
  return checkout.lines.reduce((sum, l) => sum + l.unit * l.quantity, 0);
}

export function checkoutView(checkout: CheckoutRecord): Record<string, unknown> {
  const subtotal = price(checkoutTotal(checkout));
  const zero = price(0);
  return {
    id: checkout.id,
    lineItems: checkout.lines.map((l) => ({
      id: l.id,
      quantity: l.quantity,
      catalogReference: l.catalogReference,
      productName: { original: l.name },
      price: price(l.unit),
      lineItemPrice: price(l.unit * l.quantity),
      fullPrice: price(l.unit),
      priceBeforeDiscounts: price(l.unit),
      totalPriceAfterTax: price(l.unit * l.quantity),
      totalPriceBeforeTax: price(l.unit * l.quantity),
      itemType: { preset: l.productType },
      customLineItem: false,
      priceUndetermined: false,
      fixedQuantity: false,
      savePaymentMethod: false,
      membersOnly: false,
    })),
    buyerInfo: checkout.buyer,
    conversionCurrency: "USD",
    priceSummary: { subtotal, shipping: zero, tax: zero, discount: zero, total: subtotal, additionalFees: zero },
    appliedDiscounts: [],
    customFields: [],
    currency: "USD",
    paymentCurrency: "USD",
    channelType: "WEB",
    siteLanguage: "en",
    buyerLanguage: "en",
    completed: checkout.completed,
    taxIncludedInPrice: false,
    createdBy: checkout.buyer,
    createdDate: checkout.createdDate,
    updatedDate: checkout.updatedDate,
    additionalFees: [],
    cartId: checkout.cartId,
    violations: [],
  };
}

/** The caller's current cart in either API version (V2 first), as checkout lines. */
function currentCartLines(call: MethodCall): {
  key: string;
  cartId: string;
  lines: CheckoutLine[];
  collection: CheckoutRecord["cartCollection"];
} {
  const v2 = cartsV2(call.app.state);
  const key = currentCartKey(call, v2);
  const cart: CartV2 | undefined = v2.get(key);
  if (cart !== undefined && cart.lineItems.length > 0) {
    const lines = cart.lineItems.map((l) => ({
      id: l.id,
      quantity: l.quantityInfo.requestedQuantity,
      catalogReference: l.source.catalogReference,
      name: l.name.original,
      unit: Number(l.pricing.unitPrice.amount),
      productType: l.productType ?? "PHYSICAL",
    }));
    return { key, cartId: cart.id, lines, collection: "cartsV2" };
  }
  // Catalog V1 current cart (ecom.currentCart.addToCurrentCart).
  const v1 = call.app.state.collection<{
    id: string;
    buyerInfo?: unknown;
    lineItems: {
      id: string;
      quantity: number;
      catalogReference: Record<string, unknown>;
      productName: { original: string };
      price: { amount: string };
    }[];
  }>("carts");
  const old = v1.get(key);
  if (old === undefined || old.lineItems.length === 0) {
    throw new WixApiError(404, "OWNED_CART_NOT_FOUND", "The current visitor or member has no cart with items");
  }
  const lines = old.lineItems.map((l) => ({
    id: l.id,
    quantity: l.quantity,
    catalogReference: l.catalogReference,
    name: l.productName.original,
    unit: Number(l.price.amount),
    productType: "PHYSICAL" as const,
  }));
  return { key, cartId: old.id, lines, collection: "carts" };
}

function createCheckout(call: MethodCall, from: ReturnType<typeof currentCartLines>): CheckoutRecord {
  const now = call.app.nowIso();
  const claims = call.claims!;
  const checkout: CheckoutRecord = {
    id: randomUUID(),
    cartId: from.cartId,
    ownerKey: from.key,
    buyer: claims.memberId === undefined ? { visitorId: claims.visitorId! } : { memberId: claims.memberId },
    lines: from.lines,
    createdDate: now,
    updatedDate: now,
    cartCollection: from.collection,
    completed: false,
  };
  checkouts(call.app.state).set(checkout.id, checkout);
  return checkout;
}

/** The checkout, for its owner (the visitor or member whose cart it came from) or an admin. */
function ownCheckout(call: MethodCall, id: string): CheckoutRecord {
  const checkout = checkouts(call.app.state).get(id);
  const mine =
    checkout !== undefined &&
    (call.identity === "admin" || (call.claims !== undefined && ownerKeyOf(call) === checkout.ownerKey));
  if (!mine) throw new WixApiError(404, "CHECKOUT_NOT_FOUND", `Checkout ${id} not found`, { checkoutId: id });
  return checkout;
}

function ownerKeyOf(call: MethodCall): string {
  const claims = call.claims!;
  return claims.memberId === undefined ? `visitor:${claims.visitorId}` : `member:${claims.memberId}`;
}

export function checkoutUrl(app: AppContext, checkoutId: string): string {
  return `${app.origin()}${CHECKOUT_PAGE_PATH}?${new URLSearchParams({ checkoutId }).toString()}`;
}

/**
 * Places the order of a checkout (the hosted checkout page's "Place order", or createOrder): the checkout is
 * completed, the cart it came from is used up (the visitor's or member's next cart is a new one).
 */
export function placeOrder(app: AppContext, checkout: CheckoutRecord, paymentStatus: "PAID" | "NOT_PAID"): OrderRecord {
  if (checkout.completed)
    throw new WixApiError(409, "CHECKOUT_ALREADY_COMPLETED", `Checkout ${checkout.id} has its order`);
  const now = app.nowIso();
  const all = orders(app.state);
  const view = checkoutView(checkout);
  const subtotal = checkoutTotal(checkout);
  const money = (amount: number) => ({ amount: amount.toFixed(2), formattedAmount: `$${amount.toFixed(2)}` });
  const order = {
    id: randomUUID(),
    number: String(10_001 + all.size),
    createdDate: now,
    updatedDate: now,
    purchasedDate: now,
    lineItems: checkout.lines.map((l) => ({
      id: l.id,
      productName: { original: l.name },
      catalogReference: l.catalogReference,
      quantity: l.quantity,
      itemType: { preset: l.productType },
      price: money(l.unit),
      priceBeforeDiscounts: money(l.unit),
      totalPriceBeforeTax: money(l.unit * l.quantity),
      totalPriceAfterTax: money(l.unit * l.quantity),
      lineItemPrice: money(l.unit * l.quantity),
      descriptionLines: [],
      locations: [],
      priceUndetermined: false,
      fixedQuantity: false,
    })),
    buyerInfo: checkout.buyer,
    paymentStatus,
    fulfillmentStatus: "NOT_FULFILLED",
    buyerLanguage: "en",
    currency: "USD",
    taxIncludedInPrices: false,
    siteLanguage: "en",
    priceSummary: {
      subtotal: money(subtotal),
      shipping: money(0),
      tax: money(0),
      discount: money(0),
      total: money(subtotal),
      totalAdditionalFees: money(0),
    },
    status: "APPROVED",
    archived: false,
    appliedDiscounts: [],
    activities: [{ id: randomUUID(), createdDate: now, type: "ORDER_PLACED" }],
    createdBy: checkout.buyer,
    channelInfo: { type: view["channelType"] },
    seenByAHuman: false,
    checkoutId: checkout.id,
    customFields: [],
    additionalFees: [],
    imported: false,
  };
  const record: OrderRecord = { order, ownerKey: checkout.ownerKey };
  all.set(order.id, record);
  checkout.completed = true;
  checkout.orderId = order.id;
  checkout.updatedDate = now;
  const carts = app.state.collection<{ id: string }>(checkout.cartCollection);
  if (carts.get(checkout.ownerKey)?.id === checkout.cartId) carts.delete(checkout.ownerKey);
  return record;
}

const searchOrders: MethodHandler = (call) => {
  const search = record(call.request["search"]) ?? {};
  const list = [...orders(call.app.state).values()].map((o) => o.order).reverse(); // newest first, as Wix lists
  const page = cursorPage(filterAndSort(list, search), record(search["cursorPaging"]));
  return { orders: page.items, metadata: page.pagingMetadata };
};

export const checkoutHandlers: Record<string, MethodHandler> = {
  "ecom.currentCart.createCheckoutFromCurrentCart": (call) => ({
    checkoutId: createCheckout(call, currentCartLines(call)).id,
  }),
  "ecom.cartV2.getCheckoutUrl": (call) => {
    const from = currentCartLines(call);
    if (from.cartId !== call.request["cartId"]) {
      throw new WixApiError(404, "CART_NOT_FOUND", `Cart ${String(call.request["cartId"])} is not the caller's cart`);
    }
    const open = [...checkouts(call.app.state).values()].find((c) => c.cartId === from.cartId && !c.completed);
    return { checkoutUrl: checkoutUrl(call.app, (open ?? createCheckout(call, from)).id) };
  },
  "ecom.checkout.getCheckout": (call) => ({ checkout: checkoutView(ownCheckout(call, String(call.request["id"]))) }),
  "ecom.checkout.getCheckoutByCartId": (call) => {
    const id = String(call.request["id"]);
    const found = [...checkouts(call.app.state).values()].reverse().find((c) => c.cartId === id);
    if (found === undefined) throw new WixApiError(404, "CHECKOUT_NOT_FOUND", `No checkout for cart ${id}`);
    return { checkout: checkoutView(ownCheckout(call, found.id)) };
  },
  "ecom.checkout.getCheckoutUrl": (call) => ({
    checkoutUrl: checkoutUrl(call.app, ownCheckout(call, String(call.request["id"])).id),
  }),
  "ecom.checkout.createOrder": (call) => ({
    orderId: placeOrder(call.app, ownCheckout(call, String(call.request["id"])), "NOT_PAID").order.id,
  }),
  "ecom.orders.getOrder": (call) => {
    const id = String(call.request["id"]);
    const found = orders(call.app.state).get(id);
    if (found === undefined) throw new WixApiError(404, "ORDER_NOT_FOUND", `Order ${id} not found`, { orderId: id });
    return { order: found.order };
  },
  "ecom.orders.searchOrders": searchOrders,
};
