// Wix Stores products: query (filter, sort, paging), get, create, delete. Hidden products are admin-only.
import { randomUUID } from "node:crypto";
import { WixApiError } from "../http.js";
import type { SeedProduct } from "../options.js";
import type { EmulatorState } from "../state.js";
import { type MethodCall, type MethodHandler, record, text } from "./types.js";

export type Product = Record<string, unknown> & { id: string; name: string; slug: string; visible: boolean };

export function products(state: EmulatorState): Map<string, Product> {
  return state.collection<Product>("products");
}

export function seedProducts(state: EmulatorState, seed: readonly SeedProduct[], nowIso: string): void {
  for (const p of seed) {
    const input = { name: p.name, productType: p.productType, visible: p.visible, description: p.description };
    const product = buildProduct(state, p.id, { ...input, priceData: { price: p.price } }, nowIso);
    products(state).set(product.id, product);
  }
}

function buildProduct(state: EmulatorState, id: string, input: Record<string, unknown>, nowIso: string): Product {
  const price = Number(record(input["priceData"])?.["price"] ?? 0);
  const formatted = `$${price.toFixed(2)}`;
  const name = String(input["name"]);
  const product: Product = {
    id,
    name,
    slug: uniqueSlug(state, name),
    visible: input["visible"] !== false,
    productType: text(input["productType"]) ?? "physical",
    description: text(input["description"]) ?? "",
    priceData: {
      currency: "USD",
      price,
      discountedPrice: price,
      formatted: { price: formatted, discountedPrice: formatted },
    },
    stock: { trackInventory: false, quantity: null, inStock: true, inventoryStatus: "IN_STOCK" },
    brand: text(input["brand"]) ?? null,
    collectionIds: [],
    createdDate: nowIso,
    lastUpdated: nowIso,
  };
  for (const key of ["sku", "ribbon"]) if (text(input[key]) !== undefined) product[key] = input[key];
  return product;
}

function uniqueSlug(state: EmulatorState, name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "product";
  const taken = new Set([...products(state).values()].map((p) => p.slug));
  let slug = base;
  for (let n = 1; taken.has(slug); n += 1) slug = `${base}-${n}`;
  return slug;
}

/** Visitors and members see only visible products, as on a published Wix site. */
function findProduct(call: MethodCall, id: string): Product {
  const product = products(call.app.state).get(id);
  if (product === undefined || (!product.visible && call.identity !== "admin")) {
    throw new WixApiError(404, "NOT_FOUND", `Product ${id} not found`, { productId: id });
  }
  return product;
}

const queryProducts: MethodHandler = (call) => {
  const query = record(call.request["query"]) ?? {};
  const filter = record(query["filter"]) ?? {};
  let list = [...products(call.app.state).values()].filter(
    (p) => (p.visible || call.identity === "admin") && matches(p, filter),
  );
  const sort = Array.isArray(query["sort"]) ? (query["sort"] as Record<string, unknown>[]) : [];
  list = list.sort((a, b) => {
    for (const s of sort) {
      const field = String(s["fieldName"]);
      const order = s["order"] === "DESC" ? -1 : 1;
      const c = compare(valueAt(a, field), valueAt(b, field));
      if (c !== 0) return c * order;
    }
    return 0;
  });
  const paging = record(query["paging"]) ?? {};
  const limit = typeof paging["limit"] === "number" ? paging["limit"] : 100;
  const offset = typeof paging["offset"] === "number" ? paging["offset"] : 0;
  const page = list.slice(offset, offset + limit);
  return { products: page, metadata: { count: page.length, offset, total: list.length }, totalResults: list.length };
};

/** Wix query filters: `{field: value}` equality, or `{field: {$eq|$ne|$in|$hasSome|$startsWith|$gt|$gte|$lt|$lte}}`. */
export function matches(product: Readonly<Record<string, unknown>>, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    if (field === "$and" && Array.isArray(condition)) return condition.every((c) => matches(product, record(c) ?? {}));
    if (field === "$or" && Array.isArray(condition)) return condition.some((c) => matches(product, record(c) ?? {}));
    const value = valueAt(product, field);
    const ops = record(condition);
    if (ops === undefined || !Object.keys(ops).every((k) => k.startsWith("$"))) return deepEqual(value, condition);
    return Object.entries(ops).every(([op, operand]) => operator(op, value, operand));
  });
}

function operator(op: string, value: unknown, operand: unknown): boolean {
  const list = Array.isArray(operand) ? operand : [operand];
  switch (op) {
    case "$eq":
      return deepEqual(value, operand);
    case "$ne":
      return !deepEqual(value, operand);
    case "$in":
      return list.some((o) => deepEqual(value, o));
    case "$hasSome":
      return Array.isArray(value) && value.some((v) => list.some((o) => deepEqual(v, o)));
    case "$startsWith":
      return (
        typeof value === "string" &&
        typeof operand === "string" &&
        value.toLowerCase().startsWith(operand.toLowerCase())
      );
    case "$gt":
      return compare(value, operand) > 0;
    case "$gte":
      return compare(value, operand) >= 0;
    case "$lt":
      return compare(value, operand) < 0;
    case "$lte":
      return compare(value, operand) <= 0;
    default:
      throw new WixApiError(400, "INVALID_FILTER", `Unsupported filter operator ${op}`);
  }
}

export function valueAt(product: Readonly<Record<string, unknown>>, field: string): unknown {
  return field.split(".").reduce<unknown>((v, key) => record(v)?.[key], product);
}

export function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a ?? "").localeCompare(String(b ?? ""));
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const productHandlers: Record<string, MethodHandler> = {
  "stores.products.queryProducts": queryProducts,
  "stores.products.getProduct": (call) => ({ product: findProduct(call, String(call.request["id"])) }),
  "stores.products.createProduct": (call) => {
    const product = buildProduct(
      call.app.state,
      randomUUID(),
      record(call.request["product"]) ?? {},
      call.app.nowIso(),
    );
    products(call.app.state).set(product.id, product);
    return { product };
  },
  "stores.products.deleteProduct": (call) => {
    const id = String(call.request["id"]);
    findProduct(call, id);
    products(call.app.state).delete(id);
    return {};
  },
};
