// The committed identity facts (facts/identities/*.yaml) against their JSON Schema, and the loader's lookups.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { factsTable, loadFacts, routePath, type IdentityFact } from "../../core/facts.js";
import { ordered } from "../../core/identity.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIR = path.join(ROOT, "facts/identities");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".yaml"));
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  JSON.parse(readFileSync(path.join(ROOT, "facts/schema.json"), "utf8")) as object,
);

describe("facts/identities", () => {
  it.each(FILES)("%s matches facts/schema.json", (file) => {
    const data = parse(readFileSync(path.join(DIR, file), "utf8")) as unknown;
    validate(data);
    expect(validate.errors ?? []).toEqual([]);
  });

  const facts = loadFacts(DIR).facts;
  it("names each package method once, identities in visitor, member, admin order, every file checked on a date", () => {
    const keys = facts.map((f) => `${f.package}#${f.method}`);
    expect(keys.length).toBe(new Set(keys).size);
    for (const f of facts) if (f.identities) expect(f.identities, f.method).toEqual(ordered(f.identities));
    expect(new Set(facts.map((f) => f.checked))).toEqual(new Set(["2026-12-01"]));
  });

  it("covers at least 60 methods with evidence, across the storefront, members, bookings, gift-card, blog and pricing-plans domains", () => {
    const verified = facts.filter((f) => f.identities !== null);
    expect(verified.length).toBeGreaterThanOrEqual(60);
    for (const domain of [
      "stores",
      "categories",
      "ecom",
      "redirects",
      "members",
      "identity",
      "bookings",
      "gift-vouchers",
      "blog",
      "pricing-plans",
    ])
      expect(
        verified.some((f) => f.package.startsWith(`@wix/auto_sdk_${domain}_`)),
        domain,
      ).toBe(true);
    for (const f of verified) expect(f.evidence.length, f.method).toBeGreaterThan(0);
  });
});

describe("factsTable lookups", () => {
  const fact = (over: Partial<IdentityFact>): IdentityFact => ({
    package: "@wix/auto_sdk_x_y",
    version: "1.0.0",
    method: "getThing",
    http: { method: "GET", path: "/x/v1/things/{thingId}" },
    permissions: [],
    identities: ["admin"],
    rule: "docs-admin-only",
    evidence: [{ kind: "docs", url: "https://dev.wix.com/x", quote: "q" }],
    checked: "2026-12-01",
    file: "identities/x.yaml",
    ...over,
  });
  const table = factsTable([fact({})]);
  it.each([
    ["GET", "/x/v1/things/{id}", 1],
    ["get", "/x/v1/things/{thingId}/", 1],
    ["POST", "/x/v1/things/{id}", 0],
    ["GET", "/x/v1/things", 0],
  ] as const)("%s %s → %i facts (parameter names ignored)", (verb, p, n) => {
    expect(table.byRoute(verb, p).length).toBe(n);
  });
  it("finds by package and method, and by path whatever the verb", () => {
    expect(table.byMethod("@wix/auto_sdk_x_y", "getThing")?.method).toBe("getThing");
    expect(table.byPath("/x/v1/things/{other}").length).toBe(1);
    expect(routePath("/a/{b.c}/d")).toBe("/a/{}/d");
  });
});
