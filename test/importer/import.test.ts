// Importing the eight fixture packages: every REST method matches the package's own resolver and tags; output is valid and stable.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonSchema } from "../../core/model.js";
import { formatReport, runImport, type ImportReport } from "../../importer/index.js";
import { requiredPaths } from "../../importer/required.js";
import { SPEC_PATH_PATTERN } from "../../core/spec-file.js";
import { FIXTURE_PACKAGES, packageFacts, REPO, schemaPathPattern } from "./package-facts.js";

interface SpecFile {
  schemas?: Record<string, unknown>;
  methods: {
    name: string;
    namespace: string;
    http: { method: string; path: string };
    permissions?: string[];
    identities: string[];
    provenance: { source: string; fqn?: string; rule: string };
  }[];
}

let outDir: string;
let report: ImportReport;
const specs = new Map<string, SpecFile>();
const progress: string[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "wix-authz-import-"));
  report = await runImport({ packages: [...FIXTURE_PACKAGES], outDir, cwd: REPO, log: (l) => progress.push(l) });
  for (const p of report.packages) specs.set(p.package, parse(await readFile(p.file, "utf8")) as SpecFile);
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe.each(FIXTURE_PACKAGES)("%s", (pkgName) => {
  it("has every public REST method with the verb, path and permission ids the package itself gives", () => {
    const spec = specs.get(pkgName)!;
    const pkgReport = report.packages.find((p) => p.package === pkgName)!;
    const skipped = new Set(pkgReport.skipped.map((s) => s.method));
    const facts = packageFacts(pkgName);
    expect(facts.length).toBeGreaterThan(0);
    const expressible = schemaPathPattern();
    for (const fact of facts) {
      const method = spec.methods.find((m) => m.name === fact.name);
      if (fact.internal || !expressible.test(fact.path)) {
        expect(method, `${fact.name} should be skipped`).toBeUndefined();
        expect(skipped.has(fact.name), `${fact.name} listed as skipped`).toBe(true);
        continue;
      }
      expect(method, `${fact.name} is missing`).toBeDefined();
      expect({ name: fact.name, verb: method!.http.method, path: method!.http.path }).toEqual({
        name: fact.name,
        verb: fact.verb,
        path: fact.path,
      });
      expect([...(method!.permissions ?? [])].sort()).toEqual([...new Set(fact.permissionIds)].sort());
    }
    expect(spec.methods.map((m) => m.name).sort()).toEqual(
      facts
        .filter((f) => !f.internal && expressible.test(f.path))
        .map((f) => f.name)
        .sort(),
    );
  });

  it("records provenance (package@version, fqn, deciding rule) on every method", async () => {
    const version = JSON.parse(await readFile(path.join(REPO, "node_modules", pkgName, "package.json"), "utf8"))
      .version as string;
    for (const m of specs.get(pkgName)!.methods) {
      expect(m.provenance.source).toBe(`${pkgName}@${version}`);
      expect(m.provenance.rule).toMatch(
        /^(wix-facts|package-sentence|no-metadata|no-permission-id|member-identity-tag|grants-table|app-default|wix-default): /,
      );
      expect(m.provenance.fqn).toMatch(/^[\w.]+\.[A-Z]\w+$/);
    }
  });
});

describe("required fields", () => {
  it("no imported method requires a field the package does not require, and the summary prints the count", () => {
    expect(
      report.packages.flatMap((p) => p.overRequired.map((o) => `${p.namespace}.${o.method}: ${o.reason}`)),
    ).toEqual([]);
    expect(formatReport(report)).toContain("\n0 methods whose request requires a field the package does not require");
  });

  it("addToCurrentCart binds its rules to each line item, and leaves both lists optional", () => {
    const spec = specs.get("@wix/auto_sdk_ecom_current-cart")!;
    const add = spec.methods.find((m) => m.name === "addToCurrentCart")! as unknown as { request: JsonSchema };
    expect(requiredPaths(add.request).sort()).toEqual([
      "customLineItems.itemType",
      "customLineItems.price",
      "lineItems.catalogReference",
      "lineItems.quantity",
      "lineItems.selectedMembership.appId",
      "lineItems.selectedMembership.id",
    ]);
  });
});

describe("dotted path parameters", () => {
  it("keep Wix's spelling: updateMember is PATCH /members/v1/members/{member.id} with the id inside the member", () => {
    const spec = specs.get("@wix/auto_sdk_members_members")!;
    const update = spec.methods.find((m) => m.name === "updateMember")! as SpecFile["methods"][number] & {
      request: JsonSchema;
    };
    expect(update.http).toEqual({ method: "PATCH", path: "/members/v1/members/{member.id}" });
    expect(update.request.properties).not.toHaveProperty("memberId");
    expect(requiredPaths(update.request)).toEqual(expect.arrayContaining(["member", "member.id"]));
  });
});

describe("emitted spec files", () => {
  it("validate against spec/schema.json", async () => {
    const schema = JSON.parse(await readFile(path.join(REPO, "spec/schema.json"), "utf8")) as object;
    const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema);
    for (const [pkgName, spec] of specs) {
      const ok = validate(spec);
      expect(ok ? [] : validate.errors!.slice(0, 5).map((e) => `${pkgName} ${e.instancePath} ${e.message}`)).toEqual(
        [],
      );
    }
  });

  it("use the same path pattern as spec/schema.json", () => {
    expect(SPEC_PATH_PATTERN.source).toBe(schemaPathPattern().source);
  });

  it("share no schema name across packages, and every $ref resolves in its own file", () => {
    const owners = new Map<string, string>();
    for (const [pkgName, spec] of specs) {
      const names = Object.keys(spec.schemas ?? {});
      for (const name of names) {
        expect(owners.get(name), `${name} defined twice`).toBeUndefined();
        owners.set(name, pkgName);
      }
      const refs = [...JSON.stringify(spec).matchAll(/"#\/schemas\/(\w+)"/g)].map((m) => m[1]!);
      expect(refs.filter((r) => !names.includes(r))).toEqual([]);
    }
  });

  it("start with the yaml-language-server header and are named after the namespace", async () => {
    const files = (await readdir(outDir)).filter((f) => f.endsWith(".yaml")).sort();
    expect(files).toEqual(report.packages.map((p) => `${p.namespace}.yaml`).sort());
    for (const p of report.packages)
      expect((await readFile(p.file, "utf8")).split("\n")[0]).toBe("# yaml-language-server: $schema=./schema.json");
  });

  it("reports progress per package", () => {
    expect(progress.filter((l) => l.includes("methods →"))).toHaveLength(FIXTURE_PACKAGES.length);
  });

  it("re-importing gives byte-identical files, in any package order", async () => {
    const again = await mkdtemp(path.join(tmpdir(), "wix-authz-import-"));
    try {
      const second = await runImport({ packages: [...FIXTURE_PACKAGES].reverse(), outDir: again, cwd: REPO });
      for (const p of report.packages) {
        const twin = second.packages.find((q) => q.package === p.package)!;
        expect(await readFile(twin.file, "utf8"), p.package).toBe(await readFile(p.file, "utf8"));
      }
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });
});
