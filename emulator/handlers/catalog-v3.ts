// Wix Stores Catalog V3: products (query, search, get, by slug, count), read-only variants, and the categories they
// sit in. Seeded from the same seed products as Catalog V1 (same ids); hidden products and categories are admin-only.
import { createHash } from "node:crypto";
import { WixApiError } from "../http.js";
import type { SeedProduct } from "../options.js";
import type { EmulatorState } from "../state.js";
import { STORES_APP_ID } from "./cart.js";
import { compare, matches, valueAt } from "./products.js";
import { type MethodCall, type MethodHandler, record, text } from "./types.js";

/** The categories tree of Wix Stores (`treeReference.appNamespace`). */
export const STORES_CATEGORY_NAMESPACE = "@wix/stores";

export interface Money {
  amount: string;
  formattedAmount: string;
}

export interface VariantV3 {
  id: string;
  visible: boolean;
  sku: string;
  choices: { optionChoiceIds: { optionId: string; choiceId: string }; optionChoiceNames: Record<string, string> }[];
  price: { actualPrice: Money; compareAtPrice: Money };
  inventoryStatus: { inStock: boolean; preorderEnabled: boolean };
}

export type ProductV3 = Record<string, unknown> & {
  id: string;
  name: string;
  slug: string;
  visible: boolean;
  productType: "PHYSICAL" | "DIGITAL";
  variantsInfo: { variants: VariantV3[] };
};

export interface Category {
  id: string;
  name: string;
  slug: string;
  visible: boolean;
  description?: string;
  itemIds: string[];
}

export function money(amount: number): Money {
  return { amount: amount.toFixed(2), formattedAmount: `$${amount.toFixed(2)}` };
}

/** A stable UUID from a name, so seeded variants and categories keep their ids across runs. */
export function stableId(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function productsV3(state: EmulatorState): Map<string, ProductV3> {
  return state.collection<ProductV3>("productsV3");
}

export function categories(state: EmulatorState): Map<string, Category> {
  return state.collection<Category>("categories");
}

/** Physical products come in two colours (two variants); digital ones have one default variant. */
const COLORS = ["White", "Blue"] as const;

export function seedCatalogV3(state: EmulatorState, seed: readonly SeedProduct[], nowIso: string): void {
  const all = productsV3(state);
  for (const p of seed) all.set(p.id, buildProductV3(p, nowIso));
  const byType = (type: SeedProduct["productType"]) => seed.filter((p) => p.productType === type).map((p) => p.id);
  const seeded: Category[] = [
    {
      id: stableId("category:home"),
      name: "Home & Kitchen",
      slug: "home-kitchen",
      visible: true,
      itemIds: byType("physical"),
    },
    { id: stableId("category:digital"), name: "Digital", slug: "digital", visible: true, itemIds: byType("digital") },
    { id: stableId("category:drafts"), name: "Coming Soon", slug: "coming-soon", visible: false, itemIds: [] },
  ];
  for (const category of seeded) categories(state).set(category.id, category);
  for (const product of all.values()) {
    const direct = seeded.filter((c) => c.itemIds.includes(product.id)).map((c) => ({ id: c.id, index: 0 }));
    product["directCategoriesInfo"] = { categories: direct };
    product["allCategoriesInfo"] = { categories: direct };
    if (direct[0] !== undefined) product["mainCategoryId"] = direct[0].id;
  }
}

function buildProductV3(p: SeedProduct, nowIso: string): ProductV3 {
  const slug = p.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const price = money(p.price);
  const physical = p.productType === "physical";
  const optionId = stableId(`option:${p.id}:color`);
  const variants: VariantV3[] = (physical ? COLORS : [undefined]).map((color) => ({
    id: stableId(`variant:${p.id}:${color ?? "default"}`),
    visible: true,
    sku: `${slug.slice(0, 30)}${color === undefined ? "" : `-${color.toLowerCase()}`}`,
    choices:
      color === undefined
        ? []
        : [
            {
              optionChoiceIds: { optionId, choiceId: stableId(`choice:${p.id}:${color}`) },
              optionChoiceNames: { optionName: "Color", choiceName: color, renderType: "TEXT_CHOICES" },
            },
          ],
    price: { actualPrice: price, compareAtPrice: price },
    inventoryStatus: { inStock: true, preorderEnabled: false },
  }));
  return {
    id: p.id,
    revision: "1",
    createdDate: nowIso,
    updatedDate: nowIso,
    name: p.name,
    slug,
    plainDescription: p.description ?? "",
    visible: p.visible,
    visibleInPos: true,
    productType: physical ? "PHYSICAL" : "DIGITAL",
    currency: "USD",
    options: physical
      ? [
          {
            id: optionId,
            name: "Color",
            optionRenderType: "TEXT_CHOICES",
            choicesSettings: {
              choices: COLORS.map((color) => ({
                choiceId: stableId(`choice:${p.id}:${color}`),
                choiceType: "CHOICE_TEXT",
                name: color,
                inStock: true,
                visible: true,
              })),
            },
          },
        ]
      : [],
    actualPriceRange: { minValue: price, maxValue: price },
    compareAtPriceRange: { minValue: price, maxValue: price },
    inventory: { availabilityStatus: "IN_STOCK", preorderStatus: "DISABLED" },
    variantsInfo: { variants },
    variantSummary: { variantCount: variants.length },
  };
}

/** Visitors and members see visible products only, as on a published site; admins see all. */
function visibleTo(call: MethodCall, product: ProductV3): boolean {
  return product.visible || call.identity === "admin";
}

export function findProductV3(call: MethodCall, id: string): ProductV3 {
  const product = productsV3(call.app.state).get(id);
  if (product === undefined || !visibleTo(call, product)) {
    throw new WixApiError(404, "PRODUCT_NOT_FOUND", `Product ${id} not found`, { productId: id });
  }
  return product;
}

interface CursorPage<T> {
  readonly items: T[];
  readonly pagingMetadata: { count: number; cursors: { next?: string; prev?: string }; hasNext: boolean };
}

/**
 * Wix cursor paging: `cursorPaging: {limit, cursor}`. A cursor is opaque to clients (here: the offset, encoded);
 * with a cursor, the filter and sort of the first page are kept by the caller sending the same query.
 */
export function cursorPage<T>(
  list: readonly T[],
  paging: Record<string, unknown> | undefined,
  maxLimit = 100,
): CursorPage<T> {
  const limit = Math.min(typeof paging?.["limit"] === "number" ? paging["limit"] : maxLimit, maxLimit);
  const cursor = text(paging?.["cursor"]);
  let offset = 0;
  if (cursor !== undefined && cursor !== "") {
    const decoded = Number(
      Buffer.from(cursor, "base64url")
        .toString("utf8")
        .replace(/^offset:/, ""),
    );
    if (!Number.isSafeInteger(decoded) || decoded < 0) {
      throw new WixApiError(400, "INVALID_CURSOR", "cursorPaging.cursor is not a cursor this API returned");
    }
    offset = decoded;
  }
  const items = list.slice(offset, offset + limit);
  const encode = (n: number) => Buffer.from(`offset:${n}`).toString("base64url");
  const hasNext = offset + limit < list.length;
  return {
    items,
    pagingMetadata: {
      count: items.length,
      cursors: {
        ...(hasNext && { next: encode(offset + limit) }),
        ...(offset > 0 && { prev: encode(Math.max(0, offset - limit)) }),
      },
      hasNext,
    },
  };
}

/** Filter then sort, as Wix query/search do: `filter` (Wix filter operators), `sort: [{fieldName, order}]`. */
export function filterAndSort<T extends Record<string, unknown>>(
  list: readonly T[],
  query: Record<string, unknown>,
): T[] {
  const filter = record(query["filter"]) ?? {};
  const sort = Array.isArray(query["sort"]) ? (query["sort"] as Record<string, unknown>[]) : [];
  return list
    .filter((item) => matches(item, filter))
    .sort((a, b) => {
      for (const s of sort) {
        const field = String(s["fieldName"]);
        const c = compare(valueAt(a, field), valueAt(b, field));
        if (c !== 0) return s["order"] === "DESC" ? -c : c;
      }
      return 0;
    });
}

const queryProducts: MethodHandler = (call) => {
  const query = record(call.request["query"]) ?? {};
  const visible = [...productsV3(call.app.state).values()].filter((p) => visibleTo(call, p));
  const page = cursorPage(filterAndSort(visible, query), record(query["cursorPaging"]));
  return { products: page.items, pagingMetadata: page.pagingMetadata };
};

/** Search: `search.search.expression` matches words of the name or description (case-insensitive), then the filter. */
const searchProducts: MethodHandler = (call) => {
  const search = record(call.request["search"]) ?? {};
  const expression = text(record(search["search"])?.["expression"])?.trim().toLowerCase() ?? "";
  const words = expression.split(/\s+/).filter(Boolean);
  const found = [...productsV3(call.app.state).values()].filter((p) => {
    if (!visibleTo(call, p)) return false;
    const haystack = `${p.name} ${String(p["plainDescription"] ?? "")}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  const page = cursorPage(filterAndSort(found, search), record(search["cursorPaging"]));
  return { products: page.items, pagingMetadata: page.pagingMetadata };
};

const countProducts: MethodHandler = (call) => {
  const visible = [...productsV3(call.app.state).values()].filter((p) => visibleTo(call, p));
  return { count: filterAndSort(visible, { filter: call.request["filter"] }).length };
};

const getProductBySlug: MethodHandler = (call) => {
  const slug = String(call.request["slug"]);
  const product = [...productsV3(call.app.state).values()].find((p) => p.slug === slug && visibleTo(call, p));
  if (product === undefined) throw new WixApiError(404, "PRODUCT_NOT_FOUND", `No product with slug ${slug}`, { slug });
  return { product };
};

/** Read-only variants: one record per variant of each visible product, with the product's main fields. */
function readOnlyVariants(call: MethodCall): Record<string, unknown>[] {
  return [...productsV3(call.app.state).values()]
    .filter((p) => visibleTo(call, p))
    .flatMap((p) =>
      p.variantsInfo.variants.map((v) => ({
        id: v.id,
        visible: v.visible,
        sku: v.sku,
        optionChoices: v.choices,
        price: v.price,
        inventoryStatus: v.inventoryStatus,
        productData: {
          productId: p.id,
          name: p.name,
          productType: p.productType,
          slug: p.slug,
          visible: p.visible,
          visibleInPos: true,
          currency: "USD",
          revision: String(p["revision"]),
          ...(typeof p["mainCategoryId"] === "string" && { mainCategoryId: p["mainCategoryId"] }),
        },
      })),
    );
}

const queryVariants: MethodHandler = (call) => {
  const query = record(call.request["query"]) ?? {};
  const page = cursorPage(filterAndSort(readOnlyVariants(call), query), record(query["cursorPaging"]));
  return { variants: page.items, pagingMetadata: page.pagingMetadata };
};

// Categories (the Wix Stores tree).

function checkTree(call: MethodCall): void {
  const namespace = text(record(call.request["treeReference"])?.["appNamespace"]);
  if (namespace !== undefined && namespace !== STORES_CATEGORY_NAMESPACE) {
    throw new WixApiError(404, "TREE_NOT_FOUND", `No category tree for app namespace ${namespace}`);
  }
}

function categoryView(category: Category, nowIso: string): Record<string, unknown> {
  return {
    id: category.id,
    revision: "1",
    createdDate: nowIso,
    updatedDate: nowIso,
    name: category.name,
    slug: category.slug,
    visible: category.visible,
    itemCounter: category.itemIds.length,
    ...(category.description !== undefined && { description: category.description }),
    treeReference: { appNamespace: STORES_CATEGORY_NAMESPACE, treeKey: null },
  };
}

function categoryList(call: MethodCall, includeHidden: boolean): Record<string, unknown>[] {
  const hidden = includeHidden && call.identity === "admin";
  return [...categories(call.app.state).values()]
    .filter((c) => c.visible || hidden)
    .map((c) => categoryView(c, call.app.nowIso()));
}

function findCategory(call: MethodCall, id: string): Category {
  const category = categories(call.app.state).get(id);
  if (category === undefined || (!category.visible && call.identity !== "admin")) {
    throw new WixApiError(404, "CATEGORY_NOT_FOUND", `Category ${id} not found`, { categoryId: id });
  }
  return category;
}

const queryCategories: MethodHandler = (call) => {
  checkTree(call);
  const query = record(call.request["query"]) ?? {};
  const list = categoryList(call, call.request["returnNonVisibleCategories"] === true);
  const page = cursorPage(filterAndSort(list, query), record(query["cursorPaging"]));
  return { categories: page.items, pagingMetadata: page.pagingMetadata };
};

const listItemsInCategory: MethodHandler = (call) => {
  checkTree(call);
  const category = findCategory(call, String(call.request["categoryId"]));
  const items = category.itemIds
    .filter((id) => {
      const product = productsV3(call.app.state).get(id);
      return product !== undefined && visibleTo(call, product);
    })
    .map((catalogItemId) => ({ catalogItemId, appId: STORES_APP_ID }));
  const page = cursorPage(items, record(call.request["cursorPaging"]));
  return { items: page.items, pagingMetadata: page.pagingMetadata };
};

export const catalogV3Handlers: Record<string, MethodHandler> = {
  "stores.productsV3.queryProducts": queryProducts,
  "stores.productsV3.searchProducts": searchProducts,
  "stores.productsV3.countProducts": countProducts,
  "stores.productsV3.getProduct": (call) => ({ product: findProductV3(call, String(call.request["productId"])) }),
  "stores.productsV3.getProductBySlug": getProductBySlug,
  "stores.readOnlyVariantsV3.queryVariants": queryVariants,
  "categories.categories.queryCategories": queryCategories,
  "categories.categories.countCategories": (call) => {
    checkTree(call);
    const list = categoryList(call, call.request["returnNonVisibleCategories"] === true);
    return { count: filterAndSort(list, { filter: call.request["filter"] }).length };
  },
  "categories.categories.getCategory": (call) => {
    checkTree(call);
    return { category: categoryView(findCategory(call, String(call.request["categoryId"])), call.app.nowIso()) };
  },
  "categories.categories.getCategoryBySlug": (call) => {
    checkTree(call);
    const slug = String(call.request["slug"]);
    const found = [...categories(call.app.state).values()].find((c) => c.slug === slug);
    if (found === undefined) throw new WixApiError(404, "CATEGORY_NOT_FOUND", `No category with slug ${slug}`);
    return { category: categoryView(findCategory(call, found.id), call.app.nowIso()) };
  },
  "categories.categories.listItemsInCategory": listItemsInCategory,
};
