// Measurement: the catalogue's clients in a user's editor and compiler. The same storefront app (visitor browse, cart,
// checkout URL, redirect session; a member call; an admin call) written twice: on the wix-authz clients generated from
// catalogue/spec, and on @wix/sdk with the Wix modules the app uses. `tsc --noEmit --extendedDiagnostics` time and
// memory, and the language service's completion latency at `visitor.` and `visitor.stores.` (warm: after the first
// request, each request follows an edit, as typing does).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { runNode } from "./proc.js";
import { fmt, ratio, summarize, table, type Summary } from "./stats.js";
import { COMPILER_OPTIONS, measureTscPairs, type TscPair } from "./typecheck.js";
import { REPO, WIX_AUTHZ_BIN } from "./workspace.js";

const STORES_APP_ID = "215238eb-22a5-4c36-9e7b-e7c08025e04e";

/** Ours: the calls of Wix's headless storefront guides, each on the client of the identity Wix allows. */
export const OURS_USAGE = `// Bench usage: a storefront on the wix-authz clients of the catalogue.
import { createAdminClient } from "./out-ours/admin.js";
import type { MemberClient } from "./out-ours/member.js";
import { createVisitorClient } from "./out-ours/visitor.js";

const visitor = createVisitorClient({ clientId: "bench-client" });
const admin = createAdminClient({ apiKey: "IST.bench", siteId: "bench-site" });

export async function storefront(): Promise<string | undefined> {
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
        catalogReference: { appId: "${STORES_APP_ID}", catalogItemId: product!.id!, options: { variantId: variants?.[0]?.id } },
        quantity: 1,
      },
    ],
  });
  await visitor.ecom.currentCartV2.estimateCurrentCart({});
  const { checkoutUrl } = await visitor.ecom.cartV2.getCheckoutUrl({ cartId: cart!.id! });
  const { redirectSession } = await visitor.redirects.redirects.createRedirectSession({
    ecomCheckout: { checkoutId: cart!.id! },
    callbacks: { postFlowUrl: "https://shop.example/thanks" },
  });
  return checkoutUrl ?? redirectSession?.fullUrl;
}

export async function account(member: MemberClient): Promise<string | undefined> {
  const { member: me } = await member.members.members.getCurrentMember({});
  return me?.loginEmail ?? undefined;
}

export async function backOffice(): Promise<number> {
  const { orders } = await admin.ecom.orders.searchOrders({ search: { cursorPaging: { limit: 10 } } });
  return orders?.length ?? 0;
}

// completion markers: visitor. and visitor.stores.
export const probe = [visitor.stores, visitor.ecom];
`;

/**
 * The peer: @wix/sdk's createClient with the Wix modules the app calls, imported as Wix's docs show (\`@wix/stores\`,
 * \`@wix/ecom\`, \`@wix/redirects\`); categories and members come from the \`@wix/auto_sdk_*\` packages that
 * \`@wix/categories\` and \`@wix/members\` re-export as they are (the umbrellas are not installed here; the bare
 * packages carry less than the umbrellas, which favours the peer).
 */
export const PEER_USAGE = `// Bench usage: the same storefront on @wix/sdk.
import { ApiKeyStrategy, createClient, OAuthStrategy } from "@wix/sdk";
import { productsV3, readOnlyVariantsV3 } from "@wix/stores";
import { cartV2, currentCartV2, orders } from "@wix/ecom";
import { redirects } from "@wix/redirects";
import * as categories from "@wix/auto_sdk_categories_categories";
import * as members from "@wix/auto_sdk_members_members";

const visitor = createClient({
  modules: { productsV3, readOnlyVariantsV3, categories, currentCartV2, cartV2, redirects, members },
  auth: OAuthStrategy({ clientId: "bench-client" }),
});
const admin = createClient({
  modules: { orders },
  auth: ApiKeyStrategy({ apiKey: "IST.bench", siteId: "bench-site" }),
});

export async function storefront(): Promise<string | undefined> {
  const { items: products } = await visitor.productsV3.queryProducts().limit(20).find();
  const product = products[0];
  const { items: variants } = await visitor.readOnlyVariantsV3.queryVariants().eq("productData.productId", product?._id).find();
  await visitor.categories.queryCategories({ treeReference: { appNamespace: "@wix/stores" } }).limit(10).find();
  const { cart } = await visitor.currentCartV2.addLineItemsToCurrentCart({
    catalogItems: [
      {
        catalogReference: { appId: "${STORES_APP_ID}", catalogItemId: product!._id!, options: { variantId: variants[0]?._id } },
        quantity: 1,
      },
    ],
  });
  await visitor.currentCartV2.estimateCurrentCart({});
  const { checkoutUrl } = await visitor.cartV2.getCheckoutUrl(cart!._id!);
  const { redirectSession } = await visitor.redirects.createRedirectSession({
    ecomCheckout: { checkoutId: cart!._id! },
    callbacks: { postFlowUrl: "https://shop.example/thanks" },
  });
  return checkoutUrl ?? redirectSession?.fullUrl;
}

export async function account(): Promise<string | undefined> {
  const { member: me } = await visitor.members.getCurrentMember({});
  return me?.loginEmail ?? undefined;
}

export async function backOffice(): Promise<number> {
  const { orders: found } = await admin.orders.searchOrders({ cursorPaging: { limit: 10 } });
  return found?.length ?? 0;
}

// completion markers: visitor. and visitor.productsV3.
export const probe = [visitor.productsV3, visitor.currentCartV2];
`;

/** Warm completion requests per place per run (the runs: at most 3). */
const COMPLETION_ROUNDS = 10;

/** Where each side's completion probes go: the same two places in the same app. */
const PROBES = {
  ours: ["visitor.", "visitor.stores."],
  peer: ["visitor.", "visitor.productsV3."],
} as const;

/** How many methods catalogue/spec holds (every spec file under it, subfolders included). */
export async function catalogueMethods(dir = path.join(REPO, "catalogue/spec")): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      const doc = parse(await readFile(path.join(entry.parentPath, entry.name), "utf8")) as { methods?: unknown[] };
      n += doc.methods?.length ?? 0;
    }
  return n;
}

/** Generates the catalogue's clients into dir/out-ours and writes both apps and their tsconfigs. */
export async function prepareCatalogueTypes(dir: string): Promise<void> {
  await runNode(
    [WIX_AUTHZ_BIN, "generate", "--spec", path.join(REPO, "catalogue/spec"), "--out", "out-ours", "--no-cache"],
    dir,
  );
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "usage-ours.ts"), OURS_USAGE);
  await writeFile(path.join(dir, "usage-peer.ts"), PEER_USAGE);
  const config = (include: string[]) => JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include }, null, 2);
  await writeFile(path.join(dir, "tsconfig.ours.json"), config(["usage-ours.ts"]));
  await writeFile(path.join(dir, "tsconfig.peer.json"), config(["usage-peer.ts"]));
  await writeFile(path.join(dir, "completions.mjs"), COMPLETIONS_SCRIPT);
}

/**
 * Run in a child process per side: a language service over the app, as an editor holds it. The first request (cold)
 * is reported apart; then `rounds` edits, each appending a probe to the file (a new version, as a keystroke makes one)
 * and asking for completions at its end.
 */
const COMPLETIONS_SCRIPT = `
import ts from ${JSON.stringify(path.join(REPO, "node_modules/typescript/lib/typescript.js"))};
import { readFileSync } from "node:fs";
import path from "node:path";
const [file, rounds, ...probes] = process.argv.slice(2);
const dir = process.cwd();
const base = readFileSync(path.join(dir, file), "utf8");
const { config } = ts.readConfigFile(path.join(dir, "tsconfig." + (file.includes("ours") ? "ours" : "peer") + ".json"), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dir);
let text = base;
let version = 0;
const target = path.join(dir, file);
const host = {
  getScriptFileNames: () => parsed.fileNames,
  getScriptVersion: (f) => (f === target ? String(version) : "0"),
  getScriptSnapshot: (f) => {
    const t = f === target ? text : ts.sys.readFile(f);
    return t === undefined ? undefined : ts.ScriptSnapshot.fromString(t);
  },
  getCurrentDirectory: () => dir,
  getCompilationSettings: () => parsed.options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());
const ask = (probe, i) => {
  version++;
  text = base + "\\n;" + " ".repeat(i % 7) + probe;
  const start = performance.now();
  const result = service.getCompletionsAtPosition(target, text.length, {});
  return { ms: performance.now() - start, entries: result ? result.entries.length : 0 };
};
const out = { cold: [], warm: {} };
for (const probe of probes) out.cold.push(ask(probe, 0));
for (const probe of probes) {
  out.warm[probe] = [];
  for (let i = 1; i <= Number(rounds); i++) out.warm[probe].push(ask(probe, i));
}
process.stdout.write(JSON.stringify(out));
`;

interface CompletionRun {
  readonly cold: { ms: number; entries: number }[];
  readonly warm: Record<string, { ms: number; entries: number }[]>;
}

export interface CompletionRow {
  readonly side: "ours" | "peer";
  readonly probe: string;
  readonly cold: Summary;
  readonly warm: Summary;
  readonly entries: number;
}

export interface CatalogueTypesResult {
  readonly methods: number;
  readonly tsc: readonly TscPair[];
  readonly completions: readonly CompletionRow[];
}

export async function measureCatalogueTypes(
  dir: string,
  runs: number,
  ts7: boolean,
  log: (t: string) => void,
): Promise<Omit<CatalogueTypesResult, "methods">> {
  const tsc = await measureTscPairs(dir, "catalogue", runs, ts7, log);
  // The comparison is only fair between two apps that compile: a type error on either side stops the bench.
  for (const pair of tsc)
    for (const [side, errors] of [
      ["ours", pair.oursErrors],
      ["peer", pair.peerErrors],
    ] as const)
      if (errors.length > 0)
        throw new Error(`the ${side} app has type errors under ${pair.compiler}:\n${errors.join("\n")}`);
  const completions: CompletionRow[] = [];
  const runsBySide: Record<"ours" | "peer", CompletionRun[]> = { ours: [], peer: [] };
  for (let r = 0; r < Math.min(runs, 3); r++)
    for (const side of r % 2 === 0 ? (["ours", "peer"] as const) : (["peer", "ours"] as const)) {
      const res = await runNode(
        ["completions.mjs", `usage-${side}.ts`, String(COMPLETION_ROUNDS), ...PROBES[side]],
        dir,
      );
      runsBySide[side].push(JSON.parse(res.stdout) as CompletionRun);
      log(`  completions ${side} run ${r + 1}/${runs}`);
    }
  for (const side of ["ours", "peer"] as const)
    PROBES[side].forEach((probe, i) => {
      const list = runsBySide[side];
      completions.push({
        side,
        probe,
        cold: summarize(list.map((run) => run.cold[i]!.ms)),
        warm: summarize(list.flatMap((run) => run.warm[probe]!.map((s) => s.ms))),
        entries: list[0]!.warm[probe]![0]!.entries,
      });
    });
  return { tsc, completions };
}

export function catalogueTypesTables(result: CatalogueTypesResult): { tsc: string; completions: string } {
  const errs = (list: readonly string[]) => (list.length === 0 ? "0" : `${list.length} (${list[0]})`);
  const tsc = table(
    [
      "compiler",
      "tsc wall time: ours / peer",
      "ratio",
      "check time: ours / peer",
      "memory: ours / peer",
      "ratio",
      "errors ours / peer",
    ],
    result.tsc.map((r) => [
      r.compiler,
      `${fmt(r.ours.wallMs, "ms")} / ${fmt(r.peer.wallMs, "ms")}`,
      ratio(r.ours.wallMs, r.peer.wallMs, r.compiler.includes("5.9") ? 0.5 : undefined),
      `${fmt(r.ours.checkMs, "ms")} / ${fmt(r.peer.checkMs, "ms")}`,
      `${(r.ours.memoryKb.median / 1024).toFixed(0)} MB / ${(r.peer.memoryKb.median / 1024).toFixed(0)} MB`,
      ratio(r.ours.memoryKb, r.peer.memoryKb, r.compiler.includes("5.9") ? 0.5 : undefined),
      `${errs(r.oursErrors)} / ${errs(r.peerErrors)}`,
    ]),
  );
  const completions = table(
    ["side", "completion at", "entries", "first request (cold)", "warm, after an edit (median)", "goal ≤ 50 ms"],
    result.completions.map((c) => [
      c.side === "ours" ? "wix-authz" : "@wix/sdk",
      `\`${c.probe}\``,
      String(c.entries),
      fmt(c.cold, "ms"),
      fmt(c.warm, "ms"),
      c.side === "ours" ? (c.warm.median <= 50 ? "✅" : "❌") : "",
    ]),
  );
  return { tsc, completions };
}

export function catalogueTypesSection(result: CatalogueTypesResult): string {
  const t = catalogueTypesTables(result);
  return [
    "## The catalogue in the editor: type-check and completions vs `@wix/sdk` + the Wix modules",
    "",
    `Workload: the clients generated from \`catalogue/spec\` (${result.methods} methods) and one storefront app written`,
    "twice (`bench/catalogue-types.ts`): visitor browse (products V3, variants, categories), current cart V2, checkout",
    "URL, redirect session, a member's `getCurrentMember`, an admin `searchOrders`; once on the wix-authz clients, once",
    "on `@wix/sdk` `createClient` with `@wix/stores`, `@wix/ecom`, `@wix/redirects` and the categories and members",
    "`@wix/auto_sdk_*` packages (what `@wix/categories` / `@wix/members` re-export). `tsc --extendedDiagnostics`",
    "(`skipLibCheck`, NodeNext), a fresh process per run. Targets: time and memory ≤ 0.5× the peer.",
    "",
    t.tsc,
    "",
    "Completions: TypeScript's language service over the same app in a child process, as an editor holds it. The first",
    "request builds the program (cold); each warm request follows an edit of the file (a new version, as a keystroke",
    "makes one), 10 per place in each of up to 3 runs. Goal: ≤ 50 ms warm at `visitor.` and `visitor.stores.` (the peer's flat client",
    "has no `stores` level: its nearest place is `visitor.productsV3.`).",
    "",
    t.completions,
  ].join("\n");
}
