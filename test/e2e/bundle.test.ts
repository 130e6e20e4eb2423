// What reaches the browser: the storefront bundle (all chunks) holds no admin-only method or API-key code; admin imports fail.

import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generate, loadApiModel, type ApiModel } from "wix-authz";
import { DEFAULT_CLIENT_ID } from "wix-authz/emulator";
import { buildStorefront } from "../../examples/storefront/build.js";
import { browserBuild } from "../support/initial-outputs.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SOURCE = ["wix-authz-source"];
/** esbuild's defaults for the browser platform: what an app using the installed package (dist/) gets. */
const DEFAULT = undefined;
const outdirs: string[] = [];
const bundles = new Map<string, string>();
let model: ApiModel;

async function storefrontBundle(conditions: string[] | undefined): Promise<string> {
  if (!conditions && !existsSync(join(REPO, "runtime/dist/index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (the default conditions bundle the built runtime).");
  }
  const outdir = await mkdtemp(join(tmpdir(), "wix-authz-bundle-"));
  outdirs.push(outdir);
  await buildStorefront({ outdir, clientId: DEFAULT_CLIENT_ID, ...(conditions && { conditions }) });
  // main.js and every chunk: lazily loaded code ships to the browser too.
  const files = (await readdir(outdir)).filter((name) => name.endsWith(".js"));
  expect(files).toContain("main.js");
  return (await Promise.all(files.map((name) => readFile(join(outdir, name), "utf8")))).join("\n");
}

/** Builds a one-line browser app next to the storefront's sources; returns esbuild's error texts (empty: it built). */
async function browserBuildErrors(code: string, conditions: string[] | undefined): Promise<string[]> {
  try {
    await build({
      stdin: { contents: code, loader: "ts", resolveDir: join(REPO, "examples/storefront/src") },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      ...(conditions && { conditions }),
    });
    return [];
  } catch (error) {
    return ((error as { errors?: { text: string }[] }).errors ?? [{ text: String(error) }]).map((e) => e.text);
  }
}

beforeAll(async () => {
  model = await loadApiModel(join(REPO, "spec"));
  bundles.set("source", await storefrontBundle(SOURCE));
  bundles.set("default", await storefrontBundle(DEFAULT));
});
afterAll(async () => {
  await Promise.all(outdirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.each(["source", "default"])("the storefront bundle (%s conditions)", (variant) => {
  test("holds the visitor/member method table but no admin-only method name, id or path", () => {
    const text = bundles.get(variant)!;
    const adminOnly = model.methods.filter((m) => m.identities.every((identity) => identity === "admin"));
    const site = model.methods.filter((m) => m.identities.some((identity) => identity !== "admin"));
    expect(adminOnly.length).toBeGreaterThan(0);
    // The control: site methods are in the bundle, so the searches below look at the right text.
    for (const m of site) {
      expect(text, m.id).toContain(JSON.stringify(m.id));
      expect(text, m.id).toContain(JSON.stringify(m.http.path));
    }
    for (const m of adminOnly) {
      expect(text, m.id).not.toContain(m.id);
      expect(text, m.id).not.toContain(m.name);
      expect(text, m.id).not.toContain(m.http.path);
    }
  });

  test("holds no API-key handling", () => {
    const text = bundles.get(variant)!;
    for (const needle of [
      "apiKey",
      "IST.",
      "wix-site-id",
      "wix-account-id",
      "createAdminRuntime",
      "dangerouslyAllowAdminClientInBrowser",
    ]) {
      expect(text, needle).not.toContain(needle);
    }
  });
});

describe.each([
  ["source", SOURCE],
  ["default", DEFAULT],
])("a browser build (%s conditions)", (_variant, conditions) => {
  test("of an app using the visitor and member clients succeeds", async () => {
    const app = `import { createVisitorClient } from "../../../generated/visitor.js";
import { createMemberClient } from "../../../generated/member.js";
console.log(createVisitorClient, createMemberClient);`;
    expect(await browserBuildErrors(app, conditions)).toEqual([]);
  });

  test.each([
    [
      "generated/admin.js",
      `import { createAdminClient } from "../../../generated/admin.js"; console.log(createAdminClient);`,
    ],
    [
      "@wix-authz/runtime/admin",
      `import { createAdminRuntime } from "@wix-authz/runtime/admin"; console.log(createAdminRuntime);`,
    ],
  ])("of an app importing %s fails, saying it is server only", async (_entry, app) => {
    const errors = await browserBuildErrors(app, conditions);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("is server only");
    expect(errors[0]).toContain("must never be shipped to browsers");
  });
});

describe("the catalogue's one-method visitor app (the bench's split build)", () => {
  let dir: string;
  let catalogue: ApiModel;
  beforeAll(async () => {
    // Inside the repository, so the generated `@wix-authz/runtime` import resolves by package self-reference.
    await mkdir(join(REPO, ".tmp"), { recursive: true });
    dir = await mkdtemp(join(REPO, ".tmp", "catalogue-bundle-"));
    outdirs.push(dir);
    await generate({ cwd: dir, spec: join(REPO, "catalogue/spec"), out: "generated", noCache: true });
    catalogue = await loadApiModel(join(REPO, "catalogue/spec"));
    // The bench's app (bench/bundle.ts OURS_APP): one visitor call, stores.products.queryProducts.
    await writeFile(
      join(dir, "app.ts"),
      `import { createVisitorClient } from "./generated/visitor.js";
const client = createVisitorClient({ clientId: ${JSON.stringify(DEFAULT_CLIENT_ID)} });
const { products } = await client.stores.products.queryProducts({ query: { paging: { limit: 10 } } });
document.body.textContent = products.map((p) => p.name).join(", ");
`,
    );
  }, 120_000);

  test.each([
    ["source", SOURCE],
    ["default", DEFAULT],
  ])(
    "holds no method descriptor and no wire code in its initial load; they are in lazy chunks (%s conditions)",
    async (_v, conditions) => {
      const { result, initial } = await browserBuild(join(dir, "app.ts"), join(dir, "out"), REPO, conditions);
      const text = (isInitial: boolean) =>
        result.outputFiles
          .filter((f) => initial.has(relative(REPO, f.path)) === isInitial)
          .map((f) => f.text)
          .join("\n");
      const [first, lazy] = [text(true), text(false)];
      const site = catalogue.methods.filter((m) => m.identities.some((identity) => identity !== "admin"));
      expect(site.length).toBeGreaterThan(50);
      // The control: every browser descriptor ships in a lazy chunk, written as the search below looks for it.
      for (const m of site) {
        expect(lazy, m.id).toContain(JSON.stringify(m.id));
        expect(lazy, m.id).toContain(JSON.stringify(m.http.path));
      }
      // Not even the called method's descriptor is in the initial load: it comes with its namespace's chunk.
      for (const m of catalogue.methods) {
        expect(first, m.id).not.toContain(JSON.stringify(m.id));
        expect(first, m.id).not.toContain(JSON.stringify(m.http.path));
      }
      expect(first).toContain("queryProducts");
      // Nor the wire (token endpoint, transport, session): it loads with the first call, beside the descriptors.
      for (const marker of ["/oauth2/token", "x-wix-request-id", "refresh_token", "retry-after"]) {
        expect(lazy, marker).toContain(marker);
        expect(first, marker).not.toContain(marker);
      }
    },
    60_000,
  );
});
