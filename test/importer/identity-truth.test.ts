// Issue 14's defects, on the real packages: each of these put a method on a client Wix's page keeps it off.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../importer/index.js";
import { REPO } from "./package-facts.js";

type Spec = { methods: { name: string; identities: string[] }[] };
const PACKAGES = [
  "@wix/auto_sdk_ecom_checkout",
  "@wix/auto_sdk_ecom_cart",
  "@wix/auto_sdk_members_authentication",
  "@wix/auto_sdk_members_members",
];
let out: string;
const specs = new Map<string, Spec>();
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), "wix-authz-truth-"));
  const report = await runImport({ packages: PACKAGES, outDir: out, cwd: REPO });
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
