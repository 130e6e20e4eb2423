// Measurement 5: a one-method visitor app (query products) bundled for the browser, ours vs @wix/sdk + @wix/stores.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { generate, loadApiModel } from "../generator/index.js";
import { kb, ratio, table } from "./stats.js";
import { browserBuild } from "../test/support/initial-outputs.js";
import { REPO } from "./workspace.js";

const CLIENT_ID = "9b0a7e2c-5f1d-4c3b-8a6e-2d4f6a8c0e1b";

export const OURS_APP = (
  generatedDir: string,
) => `// Bench app: list product names as a visitor, through the generated wix-authz client.
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

/** One output file of a split build. `initial`: fetched before the app runs (the entry and its static imports). */
export interface Chunk {
  readonly file: string;
  readonly initial: boolean;
  readonly code: string;
  /** Input module → bytes it contributes to this chunk's minified code. */
  readonly inputs: Readonly<Record<string, number>>;
}

export interface Size {
  readonly minBytes: number;
  /** Each chunk gzipped on its own (as each is fetched on its own), summed. */
  readonly gzipBytes: number;
}

export interface BundleResult {
  readonly name: string;
  readonly initial: Size;
  readonly all: Size;
  readonly initialChunks: number;
  readonly lazyChunks: number;
  readonly adminHits: readonly string[];
  readonly apiKeyHits: readonly string[];
  /** Each API-key marker hit with the code around it, so a reader can tell handling from a guard. */
  readonly apiKeyContext: readonly string[];
  /** Largest inputs (bytes in the minified output) over all chunks: where the size comes from. */
  readonly topInputs: readonly { file: string; bytes: number; lazy: boolean }[];
  /** Every input of the initial load with its minified bytes, largest first: what the first request is made of. */
  readonly initialInputs: readonly { file: string; bytes: number }[];
  /** The lazy chunks the app's first call fetches (the runtime's wire, the called namespace's descriptors), each gzipped. */
  readonly firstCall: readonly {
    file: string;
    gzipBytes: number;
    inputs: readonly { file: string; bytes: number }[];
  }[];
}

/** A lazy chunk the one call of the bench's app loads: the wire (runtime/wire-link is in no other) or `stores`. */
const FIRST_CALL = /(?:runtime\/(?:dist\/)?wire-link\.[jt]s|site-methods\.stores\.js)$/;

/** The browser build every app gets: esbuild, minified ESM for es2022, code splitting on (dynamic imports → chunks). */
export async function bundleApp(entry: string, outdir: string, conditions?: string[]): Promise<Chunk[]> {
  const { result, initial } = await browserBuild(entry, outdir, REPO, conditions);
  return Object.entries(result.metafile.outputs).map(([file, output]) => {
    const code = result.outputFiles.find((f) => f.path === path.resolve(REPO, file))?.text;
    if (code === undefined) throw new Error(`bundle: no output text for ${file}`);
    const inputs = Object.fromEntries(Object.entries(output.inputs).map(([input, v]) => [input, v.bytesInOutput]));
    return { file, initial: initial.has(file), code, inputs };
  });
}

const size = (chunks: readonly Chunk[]): Size => ({
  minBytes: chunks.reduce((sum, c) => sum + Buffer.byteLength(c.code), 0),
  gzipBytes: chunks.reduce((sum, c) => sum + gzipSync(c.code, { level: 9 }).length, 0),
});

/**
 * Admin-only methods of a spec: their names (case-insensitive) and REST paths must not be in a browser bundle. For the
 * catalogue, the quoted ids only: its admin-only names and paths are shared with browser methods of other namespaces
 * (`getOrder`, one path with two verbs).
 */
async function adminOnlyNeedles(spec: string, idsOnly = false): Promise<string[]> {
  const model = await loadApiModel(path.join(REPO, spec), REPO);
  const adminOnly = model.methods.filter((m) => !m.identities.includes("visitor") && !m.identities.includes("member"));
  return adminOnly.flatMap((m) => (idsOnly ? [JSON.stringify(m.id)] : [m.name, m.http.path]));
}

/** `../main/node_modules/x` (a linked node_modules, as in a git worktree) reads as `node_modules/x`. */
const shortPath = (file: string) =>
  file.replace(/^(?:\.\.\/)+(?:[^/]+\/)*?node_modules\//, "node_modules/").replace(/^.*\/([a-z]+-app\.ts)$/, "$1");

function measure(name: string, chunks: readonly Chunk[], needles: readonly string[]): BundleResult {
  // The scans cover every chunk: lazy code ships with the app too.
  const code = chunks.map((c) => c.code).join("\n");
  const lower = code.toLowerCase();
  const apiKeyHits = API_KEY_MARKERS.filter((m) => code.includes(m));
  const topInputs = chunks
    .flatMap((c) =>
      Object.entries(c.inputs).map(([file, bytes]) => ({ file: shortPath(file), bytes, lazy: !c.initial })),
    )
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 12);
  return {
    name,
    initial: size(chunks.filter((c) => c.initial)),
    all: size(chunks),
    initialChunks: chunks.filter((c) => c.initial).length,
    lazyChunks: chunks.filter((c) => !c.initial).length,
    adminHits: needles.filter((n) => lower.includes(n.toLowerCase())),
    apiKeyHits,
    apiKeyContext: apiKeyHits.map((m) => {
      const at = code.indexOf(m);
      return `${m}: …${code.slice(Math.max(0, at - 60), at + m.length + 40).replace(/\s+/g, " ")}…`;
    }),
    topInputs,
    initialInputs: chunks
      .filter((c) => c.initial)
      .flatMap((c) => Object.entries(c.inputs).map(([file, bytes]) => ({ file: shortPath(file), bytes })))
      .filter((i) => i.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes),
    firstCall: chunks
      .filter((c) => !c.initial && Object.keys(c.inputs).some((i) => FIRST_CALL.test(i)))
      .map((c) => ({
        file: path.basename(c.file),
        gzipBytes: size([c]).gzipBytes,
        inputs: Object.entries(c.inputs)
          .filter(([, bytes]) => bytes > 0)
          .map(([file, bytes]) => ({ file: shortPath(file), bytes }))
          .sort((a, b) => b.bytes - a.bytes),
      })),
  };
}

/** The catalogue (catalogue/spec) generated into `<dir>/catalogue-generated`: the same app over every package. */
export const CATALOGUE_SPEC = "catalogue/spec";

/** Ours over the default spec, ours over the catalogue, then the peer (always last). */
export async function measureBundles(dir: string): Promise<BundleResult[]> {
  const catalogue = path.join(dir, "catalogue-generated");
  await generate({ cwd: REPO, spec: CATALOGUE_SPEC, out: path.relative(REPO, catalogue), noCache: true });
  await writeFile(path.join(dir, "ours-app.ts"), OURS_APP(path.relative(dir, path.join(REPO, "generated"))));
  await writeFile(path.join(dir, "ours-catalogue-app.ts"), OURS_APP(`./${path.basename(catalogue)}`));
  await writeFile(path.join(dir, "peer-app.ts"), PEER_APP);
  const needles = await adminOnlyNeedles("spec");
  return [
    measure(
      "wix-authz (generated visitor client, default spec)",
      await bundleApp(path.join(dir, "ours-app.ts"), path.join(dir, "out-ours")),
      needles,
    ),
    measure(
      "wix-authz (generated visitor client, catalogue)",
      await bundleApp(path.join(dir, "ours-catalogue-app.ts"), path.join(dir, "out-ours-catalogue")),
      await adminOnlyNeedles(CATALOGUE_SPEC, true),
    ),
    measure(
      "@wix/sdk + @wix/stores",
      await bundleApp(path.join(dir, "peer-app.ts"), path.join(dir, "out-peer")),
      needles,
    ),
  ];
}

/** The size breakdown and marker contexts, under the table. */
export function bundleDetails(results: readonly BundleResult[]): string {
  const ours = results.slice(0, -1);
  const breakdown = (r: BundleResult) => {
    const total = r.initialInputs.reduce((sum, i) => sum + i.bytes, 0);
    return (
      `**${r.name}** — the initial load, every input (minified bytes, share of the initial load's input bytes): ` +
      r.initialInputs
        .map((i) => `\`${i.file}\` ${i.bytes.toLocaleString("en-US")} (${((100 * i.bytes) / total).toFixed(0)}%)`)
        .join(", ")
    );
  };
  const [small, large] = ours as [BundleResult, BundleResult];
  const growth = large.initial.gzipBytes - small.initial.gzipBytes;
  const flat =
    `**Flat in spec size** (issue 19 goal 1): the catalogue's initial load minus the default spec's: ` +
    `${growth >= 0 ? "+" : ""}${(growth / 1024).toFixed(2)} KB gzip ${Math.abs(growth) <= 0.3 * 1024 ? "✅" : "❌"} ` +
    `(target within ±0.3 KB); all chunks: ${kb(small.all.gzipBytes)} → ${kb(large.all.gzipBytes)} (the lazy ` +
    `namespace chunks carry the descriptors).`;
  const firstCall = (r: BundleResult) => {
    const total = r.initial.gzipBytes + r.firstCall.reduce((sum, c) => sum + c.gzipBytes, 0);
    const chunks = r.firstCall.map(
      (c) =>
        `\`${c.file}\` ${kb(c.gzipBytes)} gzip (${c.inputs.map((i) => `\`${i.file}\` ${i.bytes.toLocaleString("en-US")}`).join(", ")})`,
    );
    return (
      `**${r.name}** — what its one call loads after the initial load (in parallel): ${chunks.join("; ")}. ` +
      `Initial load + first call: ${kb(total)} gzip (the peer loads everything up front: ${kb(results.at(-1)!.initial.gzipBytes)}).`
    );
  };
  return [
    flat,
    ...ours.map(breakdown),
    ...ours.map(firstCall),
    ...results.map((r) =>
      [
        `**${r.name}** — largest inputs (minified bytes; *lazy* = in a chunk loaded on demand): ` +
          r.topInputs
            .map((i) => `\`${i.file}\` ${i.bytes.toLocaleString("en-US")}${i.lazy ? " *lazy*" : ""}`)
            .join(", "),
        ...r.apiKeyContext.map((c) => `- API-key marker \`${c.replace(/`/g, "'")}\``),
      ].join("\n"),
    ),
  ].join("\n\n");
}

export function bundleTable(results: readonly BundleResult[]): string {
  const peer = results.at(-1)!;
  const list = (hits: readonly string[]) =>
    hits.length === 0
      ? "none"
      : `${hits.length}: ${hits
          .slice(0, 6)
          .map((h) => `\`${h}\``)
          .join(", ")}${hits.length > 6 ? ", …" : ""}`;
  const vs = (r: BundleResult, pick: (r: BundleResult) => Size, target?: number) =>
    r !== peer ? ratio(pick(r).gzipBytes, pick(peer).gzipBytes, target) : "1.00×";
  return table(
    [
      "app",
      "initial load: minified",
      "initial load: gzip (level 9)",
      "initial gzip vs peer",
      "all chunks: minified",
      "all chunks: gzip",
      "all-chunks gzip vs peer",
      "admin-only method names/paths found (all chunks)",
      "API-key handling markers found (all chunks)",
    ],
    results.map((r) => [
      `${r.name} (chunks: ${r.initialChunks} initial, ${r.lazyChunks} lazy)`,
      kb(r.initial.minBytes),
      kb(r.initial.gzipBytes),
      vs(r, (x) => x.initial, 0.2),
      kb(r.all.minBytes),
      kb(r.all.gzipBytes),
      vs(r, (x) => x.all),
      list(r.adminHits),
      list(r.apiKeyHits),
    ]),
  );
}
