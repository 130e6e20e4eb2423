// End to end: import all fixture packages, generate clients, type-check them, and check the identity matrix in the types.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate, loadApiModel, type ApiModel } from "../../generator/index.js";
import { runImport, type ImportReport } from "../../importer/index.js";
import { FIXTURE_PACKAGES, REPO } from "./package-facts.js";

// Inside the repo so generated code resolves `@wix-authz/runtime` through the package's own exports.
let dir: string;
let model: ApiModel;
let report: ImportReport;

beforeAll(async () => {
  dir = await mkdtemp(path.join(REPO, "test/importer/.out-"));
  report = await runImport({ packages: [...FIXTURE_PACKAGES], outDir: path.join(dir, "spec"), cwd: REPO });
  model = await loadApiModel("spec", dir);
  const generated = await generate({ spec: "spec", out: "generated", cwd: dir, noCache: true });
  expect(generated.methods).toBe(model.methods.length);
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("the generator accepts every imported method unchanged", async () => {
  expect(model.methods.length).toBe(report.packages.reduce((n, p) => n + p.methods.length, 0));
  for (const p of report.packages) {
    const spec = parse(await readFile(p.file, "utf8")) as { methods: { name: string; identities: string[] }[] };
    for (const m of spec.methods)
      expect(model.methods.find((x) => x.id === `${p.namespace}.${m.name}`)?.identities, m.name).toEqual(m.identities);
  }
});

it("the generated clients type-check, and each identity can call exactly the methods the import allowed it", async () => {
  const lines = [
    'import type { VisitorClient } from "./generated/visitor.js";',
    'import type { MemberClient } from "./generated/member.js";',
    'import type { AdminClient } from "./generated/admin.js";',
    "export function probe(visitor: VisitorClient, member: MemberClient, admin: AdminClient): void {",
  ];
  for (const m of model.methods) {
    for (const identity of ["visitor", "member", "admin"] as const) {
      const call = `  ${identity}.${m.id}(undefined as never);`;
      if (!m.identities.includes(identity)) lines.push(`  // @ts-expect-error ${identity} may not call ${m.id}`);
      lines.push(call);
    }
  }
  lines.push("}");
  await writeFile(path.join(dir, "matrix.ts"), `${lines.join("\n")}\n`);
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../../tsconfig.json",
      compilerOptions: { noEmit: true },
      include: ["generated", "matrix.ts"],
    }),
  );
  const tsc = path.join(REPO, "node_modules/typescript/bin/tsc");
  const result = await promisify(execFile)(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], {
    cwd: REPO,
    maxBuffer: 1 << 24,
  }).then(
    () => "",
    (err: { stdout?: string }) => err.stdout ?? String(err),
  );
  expect(result.split("\n").slice(0, 20).join("\n")).toBe("");
  expect(model.methods.some((m) => m.identities.length === 1 && m.identities[0] === "admin")).toBe(true);
  expect(model.methods.some((m) => m.identities.includes("visitor"))).toBe(true);
}, 180_000);
