// The storefront Wix prescribes (Catalog V3 + categories + current cart V2 + checkout URL or redirect session), imported
// from the real packages, generated, and compiled with tsc on the visitor client: no step may need an admin.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { runImport } from "../../importer/index.js";
import { typeCheck, typeProject, type TsDiagnostic } from "../types/tsc.js";
import { REPO } from "./package-facts.js";

const STOREFRONT = [
  "@wix/auto_sdk_stores_products-v-3",
  "@wix/auto_sdk_stores_read-only-variants-v-3",
  "@wix/auto_sdk_categories_categories",
  "@wix/auto_sdk_ecom_current-cart-v-2",
  "@wix/auto_sdk_ecom_cart-v-2",
  "@wix/auto_sdk_ecom_checkout",
  "@wix/auto_sdk_redirects_redirects",
];

/** The flow of Wix's headless storefront guides, every call on a VisitorClient. */
const FLOW = `
import type { VisitorClient } from "./generated/visitor.js";

const STORES_APP_ID = "215238eb-22a5-4c36-9e7b-e7c08025e04e";

export async function storefront(visitor: VisitorClient): Promise<string | undefined> {
  const { products } = await visitor.stores.productsV3.queryProducts({ query: { cursorPaging: { limit: 20 } } });
  const product = products?.[0];
  const { variants } = await visitor.stores.readOnlyVariantsV3.queryVariants({
    query: { filter: { productId: product?.id } },
  });
  await visitor.categories.categories.queryCategories({
    treeReference: { appNamespace: "@wix/stores" },
    query: { cursorPaging: { limit: 10 } },
  });
  const { cart } = await visitor.ecom.currentCartV2.addLineItemsToCurrentCart({
    catalogItems: [
      {
        catalogReference: { appId: STORES_APP_ID, catalogItemId: product!.id!, options: { variantId: variants?.[0]?.id } },
        quantity: 1,
      },
    ],
  });
  await visitor.ecom.currentCartV2.estimateCurrentCart({});
  // Reach checkout the Cart V2 way: the cart's checkout URL...
  const { checkoutUrl } = await visitor.ecom.cartV2.getCheckoutUrl({ cartId: cart!.id! });
  // ...or a redirect session to the checkout (in Cart V2 the checkout ID is the cart ID).
  const { redirectSession } = await visitor.redirects.redirects.createRedirectSession({
    ecomCheckout: { checkoutId: cart!.id! },
    callbacks: { postFlowUrl: "https://shop.example/thanks" },
  });
  return checkoutUrl ?? redirectSession?.fullUrl;
}

export function notOnTheVisitorClient(visitor: VisitorClient): void {
  // @ts-expect-error Wix: "You can only call this method when authenticated as a Wix app or Wix user identity".
  void visitor.ecom.checkout.createCheckout({});
}
`;

let dir: string;
let identities: Map<string, string[]>;
beforeAll(async () => {
  dir = await typeProject({ "flow.ts": FLOW });
  const report = await runImport({ packages: STOREFRONT, outDir: path.join(dir, "spec"), cwd: REPO });
  identities = new Map();
  for (const p of report.packages) {
    const spec = parse(await readFile(p.file, "utf8")) as { methods: { name: string; identities: string[] }[] };
    for (const m of spec.methods) identities.set(`${p.namespace}.${m.name}`, m.identities);
  }
  await generate({ spec: "spec", out: "generated", cwd: dir, noCache: true });
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("every step of the flow is on the visitor client, decided by Wix's pages", () => {
  for (const id of [
    "stores.productsV3.queryProducts",
    "stores.readOnlyVariantsV3.queryVariants",
    "categories.categories.queryCategories",
    "ecom.currentCartV2.addLineItemsToCurrentCart",
    "ecom.currentCartV2.estimateCurrentCart",
    "ecom.cartV2.getCheckoutUrl",
    "redirects.redirects.createRedirectSession",
  ])
    expect([id, identities.get(id)?.includes("visitor")]).toEqual([id, true]);
  // The checkout V1 route Wix restricts stays off it.
  expect(identities.get("ecom.checkout.createCheckout")).toEqual(["admin"]);
});

it("the visitor storefront flow compiles with tsc", async () => {
  const errors: TsDiagnostic[] = await typeCheck(dir, "TypeScript 5.9");
  expect(errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([]);
}, 180_000);
