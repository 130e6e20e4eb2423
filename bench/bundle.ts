// Measurement 5: a one-method visitor app (query products) bundled for the browser, ours vs @wix/sdk + @wix/stores.
import { build } from "esbuild";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { loadApiModel } from "../generator/index.js";
import { kb, ratio, table } from "./stats.js";
import { REPO } from "./workspace.js";

const CLIENT_ID = "9b0a7e2c-5f1d-4c3b-8a6e-2d4f6a8c0e1b";

export const OURS_APP = (generatedDir: string) => `// Bench app: list product names as a visitor, through the generated wix-authz client.
import { createVisitorClient } from ${JSON.stringify(`${generatedDir}/visitor.js`)};
const client = createVisitorClient({ clientId: ${JSON.stringify(CLIENT_ID)} });
const { products } = await client.stores.products.queryProducts({ query: { paging: { limit: 10 } } });
document.body.textContent = products.map((p) => p.name).join(", ");
`;

export const PEER_APP = `// Bench app: list product names as a visitor, through @wix/sdk + @wix/stores (the documented Headless setup).
import { createClient, OAuthStrategy } from "@wix/sdk";
import { products } from "@wix/stores";
const client = createClient({ modules: { products }, auth: OAuthStrategy({ clientId: ${JSON.stringify(CLIENT_ID)} }) });
const { items } = await client.products.queryProducts().limit(10).find();
document.body.textContent = items.map((p) => p.name ?? "").join(", ");
`;

/** Strings that mean an API key can be handled by the bundle (Wix API keys: `Authorization: IST.…` + wix-site-id). */
const API_KEY_MARKERS = ["ApiKeyStrategy", "apiKey", "wix-account-id", "wix-site-id", "IST."];

export interface BundleResult {
  readonly name: string;
  readonly minBytes: number;
  readonly gzipBytes: number;
  readonly adminHits: readonly string[];
  readonly apiKeyHits: readonly string[];
  /** Each API-key marker hit with the code around it, so a reader can tell handling from a guard. */
  readonly apiKeyContext: readonly string[];
  /** Largest inputs (bytes in the minified output): where the size comes from. */
  readonly topInputs: readonly { file: string; bytes: number }[];
}

async function bundle(name: string, entry: string): Promise<{ name: string; code: string; topInputs: { file: string; bytes: number }[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
    absWorkingDir: REPO,
    metafile: true,
  });
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const topInputs = Object.entries(inputs)
    .map(([file, v]) => ({ file, bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 10);
  return { name, code: result.outputFiles[0]!.text, topInputs };
}

/** Admin-only methods of the default spec: their names (case-insensitive) and REST paths must not be in a browser bundle. */
async function adminOnlyNeedles(): Promise<string[]> {
  const model = await loadApiModel(path.join(REPO, "spec"), REPO);
  const adminOnly = model.methods.filter((m) => !m.identities.includes("visitor") && !m.identities.includes("member"));
  return adminOnly.flatMap((m) => [m.name, m.http.path]);
}

export async function measureBundles(dir: string): Promise<BundleResult[]> {
  await writeFile(path.join(dir, "ours-app.ts"), OURS_APP(path.relative(dir, path.join(REPO, "generated"))));
  await writeFile(path.join(dir, "peer-app.ts"), PEER_APP);
  const needles = await adminOnlyNeedles();
  const built = [await bundle("wix-authz (generated visitor client)", path.join(dir, "ours-app.ts")), await bundle("@wix/sdk + @wix/stores", path.join(dir, "peer-app.ts"))];
  return built.map(({ name, code, topInputs }) => {
    const lower = code.toLowerCase();
    const apiKeyHits = API_KEY_MARKERS.filter((m) => code.includes(m));
    return {
      name,
      minBytes: Buffer.byteLength(code),
      gzipBytes: gzipSync(code, { level: 9 }).length,
      adminHits: needles.filter((n) => lower.includes(n.toLowerCase())),
      apiKeyHits,
      apiKeyContext: apiKeyHits.map((m) => {
        const at = code.indexOf(m);
        return `${m}: …${code.slice(Math.max(0, at - 60), at + m.length + 40).replace(/\s+/g, " ")}…`;
      }),
      topInputs,
    };
  });
}

/** The size breakdown and marker contexts, under the table. */
export function bundleDetails(results: readonly BundleResult[]): string {
  return results
    .map((r) =>
      [
        `**${r.name}** — largest inputs (minified bytes): ${r.topInputs.map((i) => `\`${i.file}\` ${i.bytes.toLocaleString("en-US")}`).join(", ")}`,
        ...r.apiKeyContext.map((c) => `- API-key marker \`${c.replace(/`/g, "'")}\``),
      ].join("\n"),
    )
    .join("\n\n");
}

export function bundleTable(results: readonly BundleResult[]): string {
  const [ours, peer] = results as [BundleResult, BundleResult];
  const list = (hits: readonly string[]) => (hits.length === 0 ? "none" : `${hits.length}: ${hits.slice(0, 6).map((h) => `\`${h}\``).join(", ")}${hits.length > 6 ? ", …" : ""}`);
  return table(
    ["app", "minified", "gzip (level 9)", "gzip vs peer", "admin-only method names/paths found", "API-key handling markers found"],
    results.map((r) => [r.name, kb(r.minBytes), kb(r.gzipBytes), r === ours ? ratio(r.gzipBytes, peer.gzipBytes, 0.2) : "1.00×", list(r.adminHits), list(r.apiKeyHits)]),
  );
}
