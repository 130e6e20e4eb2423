// Type fidelity over every method of every pinned @wix/auto_sdk_* package: the package's declared REST request (with
// what its typings require) is assignable to the generated request, and its declared response to the generated
// response. One tsc run over one generated assertion file decides; exceptions are listed below with their reasons.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, loadApiModel } from "../../generator/index.js";
import { runImport, type ImportReport } from "../../importer/index.js";
import { parseDiagnostics, type TsDiagnostic } from "../types/tsc.js";
import { assertionFile, pinnedPackages, type Assertion } from "./fidelity-assertions.js";
import { REPO } from "./package-facts.js";

/** The storefront packages: every method must pass. */
const STOREFRONT = [
  "@wix/auto_sdk_stores_products-v-3",
  "@wix/auto_sdk_stores_read-only-variants-v-3",
  "@wix/auto_sdk_categories_categories",
  "@wix/auto_sdk_ecom_current-cart-v-2",
  "@wix/auto_sdk_ecom_checkout",
  "@wix/auto_sdk_redirects_redirects",
  "@wix/auto_sdk_ecom_current-cart",
];

/**
 * `<method id> <request|response>` → why the generated type cannot accept the package's declared one. None with the
 * pinned versions (all 307 methods of the 27 packages pass both ways); a new package version that needs one must say
 * why here, and the test fails once the exception no longer applies.
 */
const EXCEPTIONS: Readonly<Record<string, string>> = {};

let dir: string;
let report: ImportReport;
let assertions: Assertion[];
let failures: Map<string, TsDiagnostic>;
/** Diagnostics outside the assertions: a canary that no longer holds, or a broken import. */
const stray: string[] = [];

beforeAll(async () => {
  const manifest = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const packages = pinnedPackages(REPO, manifest.devDependencies);
  dir = await mkdtemp(path.join(REPO, "test/importer/.out-fidelity-"));
  report = await runImport({ packages, outDir: path.join(dir, "spec"), cwd: REPO });
  await generate({ spec: "spec", out: "generated", cwd: dir, noCache: true });
  const model = await loadApiModel("spec", dir);
  const file = assertionFile(model, report.packages, REPO);
  assertions = file.assertions;
  await writeFile(path.join(dir, "fidelity.ts"), file.text);
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../../tsconfig.json",
      compilerOptions: { noEmit: true, skipLibCheck: true },
      include: ["fidelity.ts"],
    }),
  );
  const tsc = path.join(REPO, "node_modules/typescript/bin/tsc");
  const stdout = await promisify(execFile)(
    process.execPath,
    [tsc, "-p", path.join(dir, "tsconfig.json"), "--pretty", "false"],
    { cwd: REPO, maxBuffer: 1 << 26 },
  ).then(
    (r) => r.stdout,
    (err: { stdout?: string }) => err.stdout ?? String(err),
  );
  const byLine = new Map(assertions.map((a) => [a.line, a]));
  failures = new Map();
  for (const d of parseDiagnostics(stdout, dir)) {
    const a = d.file === "fidelity.ts" ? byLine.get(d.line) : undefined;
    if (a) failures.set(`${a.method} ${a.kind}`, d);
    else stray.push(`${d.file}:${d.line} ${d.code} ${d.message}`);
  }
}, 600_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("type fidelity with the pinned packages", () => {
  it("no imported method requires a field the package does not require", () => {
    const over = report.packages.flatMap((p) => p.overRequired.map((o) => `${p.namespace}.${o.method}: ${o.reason}`));
    expect(over).toEqual([]);
  });

  it("the canaries hold: the types compared are real types, and the README's addToCurrentCart call compiles", () => {
    expect(stray).toEqual([]);
  });

  it("every failure is a listed exception, and every listed exception still fails", () => {
    const unexpected = [...failures].filter(([key]) => !(key in EXCEPTIONS)).map(([key, d]) => `${key}: ${d.message}`);
    expect(unexpected).toEqual([]);
    expect(Object.keys(EXCEPTIONS).filter((key) => !failures.has(key))).toEqual([]);
  });

  it("all methods of the storefront packages pass, and at least 95% of every package's", () => {
    const rates = report.packages.map((p) => {
      const ids = new Set(p.methods.map((m) => `${p.namespace}.${m.name}`));
      const failed = new Set([...failures.keys()].map((k) => k.split(" ")[0]!).filter((id) => ids.has(id)));
      return { pkg: p.package, methods: ids.size, failed: failed.size, rate: 1 - failed.size / ids.size };
    });
    expect(rates.filter((r) => STOREFRONT.includes(r.pkg) && r.failed > 0)).toEqual([]);
    expect(rates.filter((r) => r.rate < 0.95)).toEqual([]);
    expect(assertions.length).toBe(2 * report.packages.reduce((n, p) => n + p.methods.length, 0));
  });
});
