// The identity policy: each rule on synthetic metadata, the rules on real fixture methods, and a user grants table.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { defaultGrantsFile, loadGrants, type GrantsTable } from "../../importer/grants.js";
import type { MethodDoc } from "../../importer/jsdoc.js";
import { runImport } from "../../importer/index.js";
import { decideIdentities, type UnverifiedDefault } from "../../importer/policy.js";
import type { IdentityFact } from "../../core/facts.js";
import { REPO } from "./package-facts.js";

const doc = (over: Partial<MethodDoc>): MethodDoc => ({
  description: "Does a thing.",
  fqn: "x.Y.Z",
  permissionIds: ["X.DO"],
  applicableIdentities: ["APP"],
  requiredFields: [],
  visibility: "public",
  documentationMaturity: undefined,
  deprecated: undefined,
  replacedBy: undefined,
  ...over,
});
const table = (entries: Record<string, string[]>): GrantsTable => ({
  file: "grants.yaml",
  grants: new Map(
    Object.entries(entries).map(([k, ids]) => [
      k,
      { identities: ids as ("visitor" | "member" | "admin")[], source: "src" },
    ]),
  ),
});

const fact = (over: Partial<IdentityFact>): IdentityFact => ({
  package: "@wix/auto_sdk_x_y",
  version: "1.0.0",
  method: "doThing",
  http: { method: "POST", path: "/x" },
  permissions: ["X.DO"],
  identities: ["admin"],
  rule: "docs-admin-only",
  evidence: [{ kind: "docs", url: "https://dev.wix.com/x", quote: "You can only call this method when …" }],
  checked: "2026-12-01",
  file: "identities/x.yaml",
  ...over,
});
const notFound = fact({ identities: null, rule: "not-found", evidence: [] });
const decide = (
  d: MethodDoc | undefined,
  f: IdentityFact | undefined,
  grants: GrantsTable = table({}),
  unverified: UnverifiedDefault = "admin",
) =>
  decideIdentities({
    pkg: { name: "@wix/auto_sdk_x_y", version: "1.0.0" },
    method: "doThing",
    doc: d,
    fact: f,
    grants,
    unverified,
  });
const VISITOR_NOTE = "> This method requires [visitor or member authentication](https://x).";
const ADMIN_SENTENCE = "You can only call this method when authenticated as a Wix app or Wix user identity.";

describe("decideIdentities", () => {
  it.each([
    ["a fact decides, whatever the package says", doc({ description: VISITOR_NOTE }), fact({}), ["admin"], "wix-facts"],
    [
      "a not-found fact falls through to the package",
      doc({ description: VISITOR_NOTE }),
      notFound,
      ["visitor", "member"],
      "package-sentence",
    ],
    ["the admin sentence in the JSDoc", doc({ description: ADMIN_SENTENCE }), undefined, ["admin"], "package-sentence"],
    [
      "the admin sentence beats the visitor note",
      doc({ description: `${VISITOR_NOTE}\n${ADMIN_SENTENCE}` }),
      undefined,
      ["admin"],
      "package-sentence",
    ],
    [
      "the logged-in members sentence",
      doc({ description: "Only logged-in members can call this method without elevated permissions." }),
      undefined,
      ["member", "admin"],
      "package-sentence",
    ],
    ["no JSDoc → admin", undefined, undefined, ["admin"], "no-metadata"],
    ["unverified, no sentence → admin (the default)", doc({ permissionIds: [] }), undefined, ["admin"], "app-default"],
  ] as const)("%s", (_label, d, f, identities, rule) => {
    const decision = decide(d, f);
    expect([decision.identities, decision.rule]).toEqual([identities, rule]);
    expect(decision.text.startsWith(`${rule}: `)).toBe(true);
    expect(decision.unverified === undefined).toBe(rule === "wix-facts");
  });

  it("records the fact's evidence, or the package's sentence as evidence", () => {
    expect(decide(undefined, fact({})).evidence).toEqual(fact({}).evidence);
    expect(decide(doc({ description: `Gets it.\n${VISITOR_NOTE}` }), undefined).evidence).toEqual([
      {
        kind: "package",
        url: "npm:@wix/auto_sdk_x_y@1.0.0 (doThing JSDoc)",
        quote: "This method requires visitor or member authentication.",
      },
    ]);
  });

  it("wix-default gives every identity", () => {
    expect(decide(doc({}), undefined, table({}), "wix-default").identities).toEqual(["visitor", "member", "admin"]);
  });

  describe("heuristics (the grants table), for unverified methods", () => {
    const h = (d: MethodDoc, grants: GrantsTable) => {
      const r = decide(d, undefined, grants, "heuristics");
      return [r.identities, r.rule];
    };
    it.each([
      [
        "no @permissionId → everyone",
        doc({ permissionIds: [] }),
        table({}),
        ["visitor", "member", "admin"],
        "no-permission-id",
      ],
      [
        "MEMBER tag → member, admin",
        doc({ applicableIdentities: ["APP", "MEMBER"] }),
        table({}),
        ["member", "admin"],
        "member-identity-tag",
      ],
      [
        "granted permission",
        doc({}),
        table({ "X.DO": ["visitor", "member", "admin"] }),
        ["visitor", "member", "admin"],
        "grants-table",
      ],
      [
        "no union: an ungranted ADMIN_ id keeps the method admin only",
        doc({ permissionIds: ["X.ADMIN_DO", "X.DO"] }),
        table({ "X.DO": ["visitor", "member", "admin"] }),
        ["admin"],
        "grants-table",
      ],
      [
        "what every permission grants",
        doc({ permissionIds: ["X.A", "X.B"] }),
        table({ "X.A": ["visitor", "member", "admin"], "X.B": ["member", "admin"] }),
        ["member", "admin"],
        "grants-table",
      ],
      ["not granted → admin", doc({}), table({ OTHER: ["member"] }), ["admin"], "app-default"],
    ] as const)("%s", (_label, d, grants, identities, rule) => {
      expect(h(d, grants)).toEqual([identities, rule]);
    });
  });
});

describe("default grants table", () => {
  it("has a dev.wix.com page or a package JSDoc sentence as the source of every line", async () => {
    const raw = parse(await readFile(defaultGrantsFile(), "utf8")) as { grants: Record<string, { source: string }> };
    const entries = Object.entries(raw.grants);
    expect(entries.length).toBeGreaterThan(0);
    for (const [id, g] of entries)
      expect(g.source, id).toMatch(/^(https:\/\/dev\.wix\.com\/|@wix\/auto_sdk_\S+ \w+ JSDoc: ")/);
    expect(loadGrants(defaultGrantsFile()).grants.size).toBe(entries.length);
  });
});

type Spec = { methods: { name: string; identities: string[]; provenance: { rule: string } }[] };
async function importOne(pkg: string, grantsFile?: string): Promise<Spec> {
  const out = await mkdtemp(path.join(tmpdir(), "wix-authz-policy-"));
  try {
    // With a grants table: no facts, heuristics for the unverified (the table only matters there).
    const withGrants = grantsFile ? { grantsFile, factsDir: out, unverified: "heuristics" as const } : {};
    const r = await runImport({ packages: [pkg], outDir: out, cwd: REPO, ...withGrants });
    return parse(await readFile(r.packages[0]!.file, "utf8")) as Spec;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
const who = (spec: Spec, name: string) => spec.methods.find((m) => m.name === name)?.identities;

describe("identity matrix on the fixture packages (decided by facts/identities)", () => {
  it("members: current-member methods for sessions, own-profile edits for members, the rest for admins", async () => {
    const spec = await importOne("@wix/auto_sdk_members_members");
    expect(who(spec, "getCurrentMember")).toEqual(["visitor", "member"]);
    expect(who(spec, "updateMember")).toEqual(["member", "admin"]);
    expect(who(spec, "approveMember")).toEqual(["admin"]);
  });

  it("authentication: login and register are open; signOn is admin", async () => {
    const spec = await importOne("@wix/auto_sdk_identity_authentication");
    expect(who(spec, "loginV2")).toEqual(["visitor", "member", "admin"]);
    expect(who(spec, "registerV2")).toEqual(["visitor", "member", "admin"]);
    expect(who(spec, "signOn")).toEqual(["admin"]);
  });

  it("product reads for everyone, product writes for admins, redirect sessions for everyone (no Authentication section)", async () => {
    const stores = await importOne("@wix/auto_sdk_stores_products");
    expect(who(stores, "getProduct")).toEqual(["visitor", "member", "admin"]);
    expect(who(stores, "createProduct")).toEqual(["admin"]);
    expect(who(await importOne("@wix/auto_sdk_redirects_redirects"), "createRedirectSession")).toEqual([
      "visitor",
      "member",
      "admin",
    ]);
  });

  it("a user grants table replaces the default one (for unverified methods, under --unverified heuristics)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-grants-"));
    try {
      const file = path.join(dir, "grants.yaml");
      await writeFile(
        file,
        "grants:\n  WIX_STORES.MODIFY_PRODUCTS:\n    identities: [member, admin]\n    source: our site's Members role\n",
      );
      const spec = await importOne("@wix/auto_sdk_stores_products", file);
      expect(who(spec, "createProduct")).toEqual(["member", "admin"]);
      expect(who(spec, "getProduct")).toEqual(["admin"]); // READ_PRODUCTS is not in this table
      expect(spec.methods.find((m) => m.name === "createProduct")!.provenance.rule).toContain(
        "our site's Members role",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
