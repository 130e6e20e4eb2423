// validate / generate / check against facts/identities: a method on a known Wix route that disagrees with the
// identities or permission ids Wix documents is a positioned warning (an error with --strict-facts); overrides silence.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, THING_SCHEMA, writeTree } from "./helpers.js";

/** members.deleteMyMember as Wix's page has it: DELETE /members/v1/members/my, admin only, MEMBERS.MEMBER_DELETE. */
const deleteMyMember = (identities: string, extra: string[] = [], permissions = "[MEMBERS.MEMBER_DELETE]") =>
  [
    `${THING_SCHEMA}methods:`,
    "  - name: deleteMyMember",
    "    namespace: members.members",
    "    http: { method: DELETE, path: /members/v1/members/my }",
    `    identities: ${identities}`,
    `    permissions: ${permissions}`,
    "    request: { type: object }",
    "    response: { type: object }",
    ...extra,
    "",
  ].join("\n");
const URL = "https://dev.wix.com/docs/sdk/backend-modules/members/members/delete-my-member";
const OVERRIDE = [
  "    provenance:",
  "      source: hand-written",
  "      override:",
  "        identities: [visitor, member, admin]",
  "        reason: Our site lets visitors delete the member they just created.",
];

describe("the spec against Wix's documented identities", () => {
  it("validate warns, positioned on identities, naming the evidence; exit 0", async () => {
    const dir = await writeTree({ "spec/a.yaml": deleteMyMember("[visitor, member, admin]") });
    const { code, stdout, stderr } = await runCli(["validate"], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("— valid (1 warning)");
    expect(stderr).toContain(
      `spec/a.yaml:7:17 - warning SPEC_IDENTITY_DISAGREES_WITH_WIX: members.members.deleteMyMember lists visitor, member, admin, but Wix documents admin. ${URL} says: "When building apps without Blocks or for headless projects, you can only call this method directly when authenticated as a Wix app or Wix user identity.`,
    );
    expect(stderr).toContain(`7 |     identities: [visitor, member, admin]\n${" ".repeat(20)}^`);
    expect(stderr).toContain("Found 1 warning");
  });

  it("--strict-facts makes it an error (exit 1) on validate, generate and check", async () => {
    const dir = await writeTree({ "spec/a.yaml": deleteMyMember("[visitor, member, admin]") });
    for (const command of ["validate", "generate", "check"]) {
      const { code, stderr } = await runCli([command, "--strict-facts"], dir);
      expect([command, code]).toEqual([command, 1]);
      expect(stderr).toContain("error SPEC_IDENTITY_DISAGREES_WITH_WIX");
    }
  });

  it("generate prints the warning, writes the clients, and repeats it on a cached rerun", async () => {
    const dir = await writeTree({ "spec/a.yaml": deleteMyMember("[visitor, member, admin]") });
    for (const run of [1, 2]) {
      const { code, stdout, stderr } = await runCli(["generate"], dir);
      expect([run, code]).toEqual([run, 0]);
      expect(stderr).toContain("warning SPEC_IDENTITY_DISAGREES_WITH_WIX");
      if (run === 2) expect(stdout).toContain("nothing changed since the last run");
    }
  });

  it("an explicit override silences it and is recorded in the JSDoc", async () => {
    const dir = await writeTree({ "spec/a.yaml": deleteMyMember("[visitor, member, admin]", OVERRIDE) });
    const { code, stderr } = await runCli(["generate", "--strict-facts"], dir);
    expect([code, stderr]).toEqual([0, ""]);
    const clients = await readFile(path.join(dir, "generated/clients.d.ts"), "utf8");
    expect(clients).toContain("@identityOverride Our site lets visitors delete the member they just created.");
  });

  it("an override that no longer describes the method does not silence it", async () => {
    const dir = await writeTree({ "spec/a.yaml": deleteMyMember("[member, admin]", OVERRIDE) });
    const { stderr } = await runCli(["validate"], dir);
    expect(stderr).toContain(
      "lists member, admin, but Wix documents admin (provenance.override lists visitor, member, admin, not what the method lists).",
    );
  });

  it("permission ids that differ get their own warning; agreeing methods and unknown routes get none", async () => {
    const wrong = await writeTree({ "spec/a.yaml": deleteMyMember("[admin]", [], "[MEMBERS.MEMBER_READ]") });
    expect((await runCli(["validate"], wrong)).stderr).toContain(
      "spec/a.yaml:8:18 - warning SPEC_PERMISSIONS_DISAGREE_WITH_WIX: members.members.deleteMyMember lists permissions MEMBERS.MEMBER_READ, but @wix/auto_sdk_members_members deleteMyMember carries MEMBERS.MEMBER_DELETE.",
    );
    const right = await writeTree({ "spec/a.yaml": deleteMyMember("[admin]") });
    expect((await runCli(["validate"], right)).stderr).toBe("");
    const unknown = await writeTree({
      "spec/a.yaml": deleteMyMember("[visitor, member, admin]").replace("/members/v1/members/my", "/ours/v1/my"),
    });
    expect((await runCli(["validate"], unknown)).stderr).toBe("");
  });

  it("path parameter names do not matter when matching a route", async () => {
    const spec = deleteMyMember("[visitor, member, admin]", [], "[MEMBERS.MEMBER_APPROVE]")
      .replace("deleteMyMember", "approve")
      .replace("DELETE, path: /members/v1/members/my", "POST, path: '/members/v1/members/{memberId}/approve'")
      .replace(
        "request: { type: object }",
        "request: { type: object, required: [memberId], properties: { memberId: { type: string } } }",
      );
    const { stderr } = await runCli(["validate"], await writeTree({ "spec/a.yaml": spec }));
    expect(stderr).toContain("members.members.approve lists visitor, member, admin, but Wix documents admin.");
  });

  it("an unverified method says so in the generated JSDoc", async () => {
    const spec = deleteMyMember("[admin]", [
      "    provenance:",
      "      source: '@wix/auto_sdk_x@1.0.0'",
      "      unverified: no identity fact for this method",
    ]).replace("/members/v1/members/my", "/ours/v1/my");
    const dir = await writeTree({ "spec/a.yaml": spec });
    expect((await runCli(["generate"], dir)).code).toBe(0);
    expect(await readFile(path.join(dir, "generated/clients.d.ts"), "utf8")).toContain(
      "@unverified no identity fact for this method",
    );
  });
});
