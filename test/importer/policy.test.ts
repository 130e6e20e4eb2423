// The identity policy: each rule on synthetic metadata, the rules on real fixture methods, and a user grants table.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { defaultGrantsFile, loadGrants, type GrantsTable } from "../../importer/grants.js";
import type { MethodDoc } from "../../importer/jsdoc.js";
import { runImport } from "../../importer/index.js";
import { decideIdentities } from "../../importer/policy.js";
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

describe("decideIdentities", () => {
  const none = table({});
  it.each([
    ["no JSDoc → admin", undefined, none, ["admin"], "no-metadata"],
    [
      "no @permissionId → everyone",
      doc({ permissionIds: [] }),
      none,
      ["visitor", "member", "admin"],
      "no-permission-id",
    ],
    [
      "MEMBER tag → member, admin",
      doc({ applicableIdentities: ["APP", "MEMBER"] }),
      none,
      ["member", "admin"],
      "member-identity-tag",
    ],
    [
      "visitor-or-member note",
      doc({ description: "> This method requires [visitor or member authentication](https://x)." }),
      none,
      ["visitor", "member"],
      "visitor-or-member-note",
    ],
    [
      "granted permission",
      doc({}),
      table({ "X.DO": ["visitor", "member", "admin"] }),
      ["visitor", "member", "admin"],
      "grants-table",
    ],
    [
      "any granted permission of several",
      doc({ permissionIds: ["X.ADMIN", "X.DO"] }),
      table({ "X.DO": ["member", "admin"] }),
      ["member", "admin"],
      "grants-table",
    ],
    ["APP only, not granted → admin", doc({}), table({ OTHER: ["member"] }), ["admin"], "app-default"],
    [
      "rules from the package win over the table",
      doc({ applicableIdentities: ["MEMBER"] }),
      table({ "X.DO": ["visitor", "member"] }),
      ["member", "admin"],
      "member-identity-tag",
    ],
  ] as const)("%s", (_label, input, grants, identities, rule) => {
    const d = decideIdentities(input, grants);
    expect([d.identities, d.rule]).toEqual([identities, rule]);
    expect(d.text.startsWith(`${rule}: `)).toBe(true);
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
    const r = await runImport({ packages: [pkg], outDir: out, cwd: REPO, ...(grantsFile ? { grantsFile } : {}) });
    return parse(await readFile(r.packages[0]!.file, "utf8")) as Spec;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
const who = (spec: Spec, name: string) => spec.methods.find((m) => m.name === name)?.identities;

describe("identity matrix on the fixture packages (wix-protocol.md 5.4)", () => {
  it("members: current-member methods for sessions, own-profile edits for members, the rest for admins", async () => {
    const spec = await importOne("@wix/auto_sdk_members_members");
    expect(who(spec, "getCurrentMember")).toEqual(["visitor", "member"]);
    expect(who(spec, "updateMember")).toEqual(["member", "admin"]);
    expect(who(spec, "approveMember")).toEqual(["admin"]);
  });

  it("authentication: login and register are open; signOn (APP, not granted) is admin", async () => {
    const spec = await importOne("@wix/auto_sdk_identity_authentication");
    expect(who(spec, "loginV2")).toEqual(["visitor", "member", "admin"]);
    expect(who(spec, "registerV2")).toEqual(["visitor", "member", "admin"]);
    expect(who(spec, "signOn")).toEqual(["admin"]);
  });

  it("default grants: product reads for everyone, product writes for admins, redirect sessions for visitors and members", async () => {
    const stores = await importOne("@wix/auto_sdk_stores_products");
    expect(who(stores, "getProduct")).toEqual(["visitor", "member", "admin"]);
    expect(who(stores, "createProduct")).toEqual(["admin"]);
    expect(who(await importOne("@wix/auto_sdk_redirects_redirects"), "createRedirectSession")).toEqual([
      "visitor",
      "member",
    ]);
  });

  it("a user grants table replaces the default one", async () => {
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
