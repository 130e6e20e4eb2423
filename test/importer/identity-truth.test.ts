// Issue 14's defects, on the real packages: each of these put a method on a client Wix's page keeps it off.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReport, runImport } from "../../importer/index.js";
import { REPO } from "./package-facts.js";

type Spec = {
  methods: {
    name: string;
    identities: string[];
    provenance: { rule: string; evidence?: { url: string; quote: string }[]; unverified?: string };
  }[];
};
const PACKAGES = [
  "@wix/auto_sdk_ecom_checkout",
  "@wix/auto_sdk_ecom_cart",
  "@wix/auto_sdk_members_authentication",
  "@wix/auto_sdk_members_members",
];
let out: string;
let summary: string;
const specs = new Map<string, Spec>();
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), "wix-authz-truth-"));
  const report = await runImport({ packages: PACKAGES, outDir: out, cwd: REPO });
  summary = formatReport(report);
  for (const p of report.packages) specs.set(p.package, parse(await readFile(p.file, "utf8")) as Spec);
}, 60_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});
const who = (pkg: string, name: string) => specs.get(pkg)?.methods.find((m) => m.name === name)?.identities;

describe("no union over permission ids lets a visitor in", () => {
  it.each([
    ["@wix/auto_sdk_ecom_checkout", "createCheckout"],
    ["@wix/auto_sdk_ecom_checkout", "addToCheckout"],
    ["@wix/auto_sdk_ecom_checkout", "updateCheckout"],
    ["@wix/auto_sdk_ecom_cart", "addToCart"],
  ])("%s %s (ECOM.ADMIN_MODIFY_* + ECOM.MODIFY_*, page: Wix app or Wix user only) is admin only", (pkg, name) => {
    expect(who(pkg, name)).toEqual(["admin"]);
  });
});

describe("no permission id is not a grant", () => {
  it("members.authentication.block (blocking any member) is admin only", () => {
    expect(who("@wix/auto_sdk_members_authentication", "block")).toEqual(["admin"]);
  });
  it("members.authentication.changeLoginEmail is for a member (own email) or a site collaborator", () => {
    expect(who("@wix/auto_sdk_members_authentication", "changeLoginEmail")).toEqual(["member", "admin"]);
  });
});

describe("a JSDoc note does not override the page's Authentication section", () => {
  it("members.deleteMyMember is admin only though its JSDoc says visitor or member", () => {
    expect(who("@wix/auto_sdk_members_members", "deleteMyMember")).toEqual(["admin"]);
  });
  it("members.getCurrentMember keeps the note the page also carries: visitor and member", () => {
    expect(who("@wix/auto_sdk_members_members", "getCurrentMember")).toEqual(["visitor", "member"]);
  });
});

describe("provenance and the import summary", () => {
  it("a verified method records the rule and the page's URL and sentence; an unverified one says why", () => {
    const checkout = specs.get("@wix/auto_sdk_ecom_checkout")!.methods;
    const create = checkout.find((m) => m.name === "createCheckout")!;
    expect(create.provenance.rule).toMatch(
      /^wix-facts: docs-admin-only \(identities\/ecom.yaml, checked 2026-12-01\)$/,
    );
    expect(create.provenance.evidence?.[0]).toMatchObject({ url: expect.stringMatching(/^https:\/\/dev\.wix\.com\//) });
    expect(create.provenance.unverified).toBeUndefined();
    const charge = checkout.find((m) => m.name === "createOrderAndCharge")!;
    expect([charge.identities, charge.provenance.rule]).toEqual([
      ["admin"],
      "app-default: unverified, so admin only (fail closed)",
    ]);
    expect(charge.provenance.unverified).toContain("page for this method was not found");
  });

  it("the summary counts verified and unverified per package, lists the unverified, and totals them", () => {
    expect(summary).toContain("15 methods (13 verified, 2 unverified)");
    expect(summary).toContain(
      "  unverified (no identity fact): createOrderAndCharge → admin; markCheckoutAsCompletedAndRedirectToUrl → admin",
    );
    expect(summary).toMatch(/\d+ methods imported from 4 packages \(\d+ verified against Wix's pages, 3 unverified\)/);
  });
});
