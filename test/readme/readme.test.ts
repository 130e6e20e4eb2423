// The README's TypeScript blocks, extracted as written: they type-check against clients generated from the imported
// packages (the one call the README says fails is TS2684), and they run against the emulator serving that spec.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SITE_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_PASSWORD,
  STORES_APP_ID,
  startEmulator,
  type RunningEmulator,
} from "../../emulator/index.js";
import { generate } from "../../generator/index.js";
import { runImport } from "../../importer/index.js";
import { parseDiagnostics, ROOT } from "../types/tsc.js";
import { blockModule, PRELUDE, readmeBlocks, type Block } from "./blocks.js";

/** The packages the README's calls use (stores v1 products, the current cart, members). */
const PACKAGES = ["@wix/auto_sdk_stores_products", "@wix/auto_sdk_ecom_current-cart", "@wix/auto_sdk_members_members"];

/** What the README leaves to the reader, declared for the compiler and set on globalThis for the run. */
const FREE = {
  redirectUri: "http://localhost:3000/callback",
  clientId: DEFAULT_CLIENT_ID,
  appId: STORES_APP_ID,
  email: DEMO_MEMBER_EMAIL,
  password: DEMO_MEMBER_PASSWORD,
};

let dir: string;
let blocks: Block[];
let emulator: RunningEmulator;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  dir = await mkdtemp(path.join(ROOT, "test/readme/.out-"));
  await runImport({ packages: PACKAGES, outDir: path.join(dir, "spec"), cwd: ROOT });
  await generate({ spec: "spec", out: "generated", cwd: dir, noCache: true });
  blocks = readmeBlocks(await readFile(path.join(ROOT, "README.md"), "utf8"));
  for (const b of blocks) await writeFile(path.join(dir, b.file), blockModule(b));
  emulator = await startEmulator({ spec: path.join(dir, "spec") });
}, 180_000);
afterAll(async () => {
  globalThis.fetch = realFetch;
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("README.md's calls", () => {
  it("type-check against the imported packages' clients; the visitor's deleteProduct is TS2684, as the README says", async () => {
    await writeFile(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../tsconfig.json",
        compilerOptions: { noEmit: true, types: ["node"] },
        include: blocks.map((b) => b.file),
      }),
    );
    const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
    const stdout = await promisify(execFile)(
      process.execPath,
      [tsc, "-p", path.join(dir, "tsconfig.json"), "--pretty", "false"],
      { cwd: ROOT, maxBuffer: 1 << 24 },
    ).then(
      (r) => r.stdout,
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    const prelude = PRELUDE.split("\n").length;
    const found = parseDiagnostics(stdout, dir).map((d) => {
      const block = blocks.find((b) => b.file === d.file);
      const line = block ? block.readmeLine + d.line - prelude - 1 : d.line;
      return `README.md:${line} ${d.code} ${d.message.split("\n")[0]}`;
    });
    const deleteLine =
      blocks[0]!.readmeLine + blocks[0]!.code.split("\n").findIndex((l) => l.includes("deleteProduct"));
    expect(found).toEqual([
      `README.md:${deleteLine} TS2684 The 'this' context of type 'VisitorStoresProducts' is not assignable to method's 'this' of type '"stores.products.deleteProduct may only be called by: admin (createAdminClient, on the server)"'.`,
    ]);
  }, 180_000);

  it("run against the emulator serving the imported spec; the visitor's deleteProduct never leaves the client", async () => {
    // The README's clients talk to www.wixapis.com; here that is the emulator.
    globalThis.fetch = (input, init) =>
      realFetch(
        String(input instanceof Request ? input.url : input).replace("https://www.wixapis.com", emulator.url),
        init,
      );
    Object.assign(globalThis, FREE, { id: "00000000-0000-4000-8000-000000000001" });
    process.env["WIX_API_KEY"] = DEFAULT_API_KEY;
    process.env["WIX_SITE_ID"] = DEFAULT_SITE_ID;
    process.env["WIX_CLIENT_ID"] = DEFAULT_CLIENT_ID;
    // Admin-only methods are types only on a visitor client: nothing of them reaches a browser, nothing is sent.
    await expect(import(path.join(dir, blocks[0]!.file))).rejects.toThrow(
      "stores.products.deleteProduct: not a method of this client: its spec has no such method, or only a server-side identity may call it.",
    );
    expect(emulator.requests.filter((r) => r.path.startsWith("/stores/v1/products/"))).toEqual([]);
    const before = emulator.state.collection<unknown>("products").size;
    await import(path.join(dir, blocks[1]!.file));
    expect(emulator.state.collection<unknown>("products").size).toBe(before + 1); // createProduct did it
    const served = emulator.requests.filter((r) => r.methodId !== undefined && r.status === 200);
    expect(served.map((r) => `${r.methodId} as ${r.identity}`)).toEqual([
      "stores.products.queryProducts as visitor", // the intro's, before its deleteProduct
      "stores.products.queryProducts as visitor",
      "ecom.currentCart.addToCurrentCart as visitor",
      "members.members.getCurrentMember as member",
      "stores.products.createProduct as admin (api-key)",
    ]);
    const { GET } = (await import(path.join(dir, blocks[2]!.file))) as { GET: (r: Request) => Promise<Response> };
    const res = await GET(new Request("http://localhost/", { headers: { cookie: "" } }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { products: unknown[] }).products.length).toBeGreaterThan(0);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
  }, 60_000);
});
