// Measurement: what a namespace's lazy chunk costs its first call. The catalogue's visitor client in headless Chromium,
// served from loopback with no HTTP cache: a page calls a Stores method twice, then an eCommerce method twice; each
// first call imports its namespace's descriptor chunk (site-methods.<namespace>.js), each second call finds it loaded.
// The Wix side is a fetch that answers at once, so the difference is the chunk alone. No peer: @wix/sdk ships every
// module it is given in the initial load and has no such step.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { generate } from "../generator/index.js";
import { fmt, summarize, table, type Summary } from "./stats.js";
import { REPO } from "./workspace.js";

const APP = `import { createVisitorClient } from "./generated/visitor.js";
const answer = (url) =>
  url.includes("/oauth2/token")
    ? { access_token: "OauthNG.JWS.bench", token_type: "Bearer", expires_in: 14400, refresh_token: "JWS.bench" }
    : {};
const client = createVisitorClient({
  clientId: "bench-client",
  fetch: async (url) => new Response(JSON.stringify(answer(String(url))), { headers: { "content-type": "application/json" } }),
});
const t = () => performance.now();
// The page's first call: the runtime's wire chunk and the stores descriptors load in parallel, then the token.
const y = t(); await client.stores.productsV3.queryProducts({}); const z = t();
// Both chunks of that call, fetched side by side: how much later than the descriptors the wire arrived.
const end = (part) => performance.getEntriesByType("resource").find((e) => e.name.includes(part))?.responseEnd ?? NaN;
const wireAfterDescriptors = end("/wire-") - end("/site-methods.stores-");
const a = t(); await client.ecom.currentCartV2.getCurrentCart({}); const b = t();
await client.ecom.currentCartV2.getCurrentCart({}); const c = t();
const d = t(); await client.categories.categories.queryCategories({}); const e = t();
await client.categories.categories.queryCategories({}); const f = t();
window.result = { firstEcom: b - a, warmEcom: c - b, firstCategories: e - d, warmCategories: f - e, firstCall: z - y, wireAfterDescriptors };
`;

export interface FirstCallResult {
  readonly pages: number;
  readonly first: Summary;
  readonly warm: Summary;
  readonly chunk: Summary;
  /** The page's very first call: wire and stores chunks (in parallel), the token, the call. */
  readonly firstCall: Summary;
  /** The wire chunk's responseEnd minus the stores chunk's: what the wire adds to that call's wait, if positive. */
  readonly wireAfterDescriptors: Summary;
}

export async function measureFirstCall(dir: string, pages: number, log: (t: string) => void): Promise<FirstCallResult> {
  await mkdir(dir, { recursive: true });
  await generate({
    cwd: REPO,
    spec: "catalogue/spec",
    out: path.relative(REPO, path.join(dir, "generated")),
    noCache: true,
  });
  await writeFile(path.join(dir, "app.js"), APP);
  const out = path.join(dir, "out");
  await build({
    entryPoints: [path.join(dir, "app.js")],
    bundle: true,
    splitting: true,
    outdir: out,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    absWorkingDir: REPO,
    logLevel: "silent",
  });
  await writeFile(path.join(out, "index.html"), `<script type="module" src="./app.js"></script>\n`);
  const server = createServer((req, res) => {
    const name = req.url === "/" ? "index.html" : (req.url ?? "").slice(1);
    readFile(path.join(out, path.basename(name))).then(
      (body) => {
        const type = name.endsWith(".js") ? "text/javascript" : "text/html";
        res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const first: number[] = [];
  const warm: number[] = [];
  const chunk: number[] = [];
  const firstCall: number[] = [];
  const wireAfter: number[] = [];
  try {
    for (let i = 0; i < pages; i++) {
      // A fresh context per page: nothing cached from the page before.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined);
      const r = await page.evaluate(
        () =>
          (
            window as unknown as {
              result: Record<
                "firstEcom" | "warmEcom" | "firstCategories" | "warmCategories" | "firstCall" | "wireAfterDescriptors",
                number
              >;
            }
          ).result,
      );
      await context.close();
      first.push(r.firstEcom, r.firstCategories);
      warm.push(r.warmEcom, r.warmCategories);
      chunk.push(r.firstEcom - r.warmEcom, r.firstCategories - r.warmCategories);
      firstCall.push(r.firstCall);
      wireAfter.push(r.wireAfterDescriptors);
    }
    log(`  first call of a namespace: ${pages} pages`);
  } finally {
    await browser.close();
    server.close();
  }
  return {
    pages,
    first: summarize(first),
    warm: summarize(warm),
    chunk: summarize(chunk),
    firstCall: summarize(firstCall),
    wireAfterDescriptors: summarize(wireAfter),
  };
}

export function firstCallSection(r: FirstCallResult): string {
  return [
    "## First call of a namespace: its lazy descriptor chunk on loopback",
    "",
    "`bench/first-call.ts`: the clients of `catalogue/spec` in a page bundled with esbuild (code splitting), served from",
    "127.0.0.1 with `cache-control: no-store` to headless Chromium, a fresh browser context per page. Each page mints its",
    "token first, then calls `ecom.currentCartV2.getCurrentCart` twice and `categories.categories.queryCategories` twice",
    "against a `fetch` that answers at once: the first call of each namespace imports its chunk, the second finds it.",
    `${r.pages} pages, two namespaces each.`,
    "",
    table(
      ["first call", "second call", "the chunk's cost (first − second)"],
      [[fmt(r.first, "ms", 1), fmt(r.warm, "ms", 1), fmt(r.chunk, "ms", 1)]],
    ),
    "",
    "The page's very first call (`stores.productsV3.queryProducts`) loads the runtime's wire chunk (transport, token",
    "session, request encoding) and the `stores` descriptors in parallel, then mints the token: its time, and how much",
    "later the wire chunk's response ended than the descriptors' (what the wire adds to that call, when positive).",
    "",
    table(
      ["page's first call", "wire chunk's end − descriptors chunk's end"],
      [[fmt(r.firstCall, "ms", 1), fmt(r.wireAfterDescriptors, "ms", 1)]],
    ),
  ].join("\n");
}
