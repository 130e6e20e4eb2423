// wix-authz.config.json and several spec sources: found upward, checked with named errors, read by every command
// (flags win), sources merged with explicit, reported overrides.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { SpecError } from "../../core/diagnostics.js";
import { describe, expect, it } from "vitest";
import { runEmulateCommand, withConfig } from "../../cli/emulate.js";
import { loadApiModel } from "../../generator/load-model.js";
import { call } from "../emulator/helpers.js";
import { method, runCli, THING_SCHEMA, writeTree } from "../generator/helpers.js";

const BASE = `${THING_SCHEMA}methods:\n${method()}\n${method({ name: "listThings", path: "/things/v1/things", request: "{ type: object }" })}\n`;
/** The user's own getThing: members only (a deliberate change of the catalogue's). */
const MINE = `methods:\n${method({ identities: "[member, admin]" })}\n`;
const OTHER = `methods:\n${method({ name: "countThings", path: "/things/v1/count", request: "{ type: object }" })}\n`;
const config = (value: object) => JSON.stringify(value, null, 2);
const ROOT = path.resolve(import.meta.dirname, "../..");

describe("several spec sources", () => {
  it("are merged in order: a repeated --spec adds a source, subfolders included", async () => {
    const dir = await writeTree({ "wix/things.yaml": BASE, "app/deep/er/other.yaml": OTHER });
    const { code, stdout } = await runCli(["validate", "--spec", "wix", "--spec", "app"], dir);
    expect([code, stdout]).toEqual([0, "wix, app: 3 methods, 1 shared schemas in 2 files — valid\n"]);
  });

  it("a method two sources define is an error naming both places and how to override", async () => {
    const dir = await writeTree({ "wix/things.yaml": BASE, "app/mine.yaml": MINE });
    const { code, stderr } = await runCli(["generate", "--spec", "wix", "--spec", "app"], dir);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'app/mine.yaml:2:11 - error SPEC_OVERRIDE_UNDECLARED: Method "things.things.getThing" is already defined by an earlier spec source, at wix/things.yaml:4. To replace it with this one, list "things.things.getThing" under "overrides" in wix-authz.config.json (or pass --override things.things.getThing)',
    );
    expect(stderr).toContain("Nothing was written.");
  });

  it("an override replaces the earlier method, and generate, check and validate report it", async () => {
    const dir = await writeTree({
      "wix-authz.config.json": config({ spec: ["wix", "app"], overrides: ["things.things.getThing"] }),
      "wix/things.yaml": BASE,
      "app/mine.yaml": MINE,
    });
    const line =
      'override: app/mine.yaml:2:11 "things.things.getThing" replaces the method of the same name at wix/things.yaml:4 (listed in "overrides").\n';
    for (const command of ["validate", "generate", "check"]) {
      const r = await runCli([command], dir);
      expect([command, r.code]).toEqual([command, 0]);
      expect(r.stderr).toContain(line);
    }
    // Reported again when generate skips an unchanged run.
    expect((await runCli(["generate"], dir)).stderr).toContain(line);
    const model = await loadApiModel(["wix", "app"], dir, { overrides: ["things.things.getThing"] });
    expect(model.methods.map((m) => [m.id, m.identities, m.source.file])).toEqual([
      ["things.things.getThing", ["member", "admin"], "app/mine.yaml"],
      ["things.things.listThings", ["visitor", "member", "admin"], "wix/things.yaml"],
    ]);
    const clients = await readFile(path.join(dir, "generated/clients.d.ts"), "utf8");
    expect(clients).toMatch(/getThing: Blocked<"things\.things\.getThing may only be called by: member, admin/);
  });

  it("an override that replaces nothing is an error (a stale entry would hide nothing silently)", async () => {
    const dir = await writeTree({ "wix/things.yaml": BASE, "app/other.yaml": OTHER });
    const r = await runCli(["validate", "--spec", "wix", "--spec", "app", "--override", "things.things.nothing"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"overrides" lists "things.things.nothing", but no spec source defines it');
  });

  it("a positioned error in an earlier source's file keeps its line after an override removed a method", async () => {
    // The second method of wix/things.yaml has an unknown key; the first one is overridden (removed).
    const text = BASE.replace(
      "    permissions: [THINGS.READ]\n    request: { type: object }",
      "    permissions: [THINGS.READ]\n    bogus: 1\n    request: { type: object }",
    );
    const dir = await writeTree({ "wix/things.yaml": text, "app/mine.yaml": MINE });
    const r = await runCli(["validate", "--spec", "wix", "--spec", "app", "--override", "things.things.getThing"], dir);
    expect(r.code).toBe(1);
    const lineNo = text.split("\n").findIndex((l) => l.includes("bogus")) + 1;
    expect(r.stderr).toContain(`wix/things.yaml:${lineNo}:5 - error SPEC_UNKNOWN_KEY: Unknown key "bogus"`);
  });

  it("a folder given twice, or inside another, is refused", async () => {
    const dir = await writeTree({ "spec/things.yaml": BASE, "spec/app/other.yaml": OTHER });
    const r = await runCli(["validate", "--spec", "spec", "--spec", "spec/app"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("spec/app/other.yaml is in two spec sources, spec and spec/app");
  });
});

describe("wix-authz.config.json", () => {
  it("is found upward from the working directory; its paths are relative to its own folder", async () => {
    const dir = await writeTree({
      "wix-authz.config.json": config({ spec: ["specs/wix", "specs/app"], out: "src/wix" }),
      "specs/wix/things.yaml": BASE,
      "specs/app/other.yaml": OTHER,
      "src/pages/.keep": "",
    });
    const r = await runCli(["generate"], path.join(dir, "src/pages"));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`using ${path.join(dir, "wix-authz.config.json")}`);
    // Paths read from the config's folder, wherever the command runs: the same generated headers and messages.
    expect(r.stdout).toMatch(/^src\/wix: \d+ files written, 0 unchanged \(3 methods\)\n$/);
    expect(await readFile(path.join(dir, "src/wix/visitor.js"), "utf8")).toContain("Generated by wix-authz");
    const check = await runCli(["check"], dir);
    expect([check.code, check.stdout]).toEqual([0, "src/wix is up to date with specs/wix, specs/app\n"]);
  });

  it("flags override it", async () => {
    const dir = await writeTree({
      "wix-authz.config.json": config({ spec: ["wix", "app"], out: "gen" }),
      "wix/things.yaml": BASE,
      "app/other.yaml": OTHER,
    });
    const r = await runCli(["generate", "--spec", "wix", "--out", "elsewhere"], dir);
    expect([r.code, r.stdout]).toEqual([0, expect.stringMatching(/^elsewhere: .*\(2 methods\)\n$/)]);
    const stale = await runCli(["check", "--out", "gen"], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("Run: npx wix-authz generate --out gen\n");
  });

  it.each([
    [{ spec: 3 }, '"spec" must be a string or a list, got 3'],
    [{ spec: [] }, '"spec" must not be empty'],
    [{ out: "" }, '"out" must not be an empty string'],
    [{ prettier: 1 }, '"prettier" must be a boolean or a string, got 1'],
    [{ overrides: ["getThing"] }, '"overrides[0]" must be a method id such as "stores.productsV3.queryProducts"'],
    [{ emulate: { port: 70000 } }, '"emulate.port" must be must be <= 65535, got 70000'],
    [{ spek: ["spec"] }, 'unknown key "spek" in the top level; expected one of: $schema, spec, overrides, out'],
    [{ importExtension: ".js" }, "there is no import style to choose"],
    [{ catalogue: { dir: "x" } }, '"catalogue" is missing the key "select"'],
  ])("%j is refused naming the file, the key and what is expected", async (value, message) => {
    const dir = await writeTree({ "wix-authz.config.json": JSON.stringify(value), "spec/things.yaml": BASE });
    const r = await runCli(["validate"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: wix-authz.config.json is not a valid wix-authz config:\n  ");
    expect(r.stderr).toContain(message);
  });

  it("broken JSON is refused with its position", async () => {
    const dir = await writeTree({ "wix-authz.config.json": '{\n  "spec": ["spec"],\n}\n' });
    const r = await runCli(["generate"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: wix-authz\.config\.json:3:1: not valid JSON/);
  });

  it("a .ts or .mjs config is refused with the reason (JSON only)", async () => {
    const dir = await writeTree({ "wix-authz.config.ts": "export default {}", "spec/things.yaml": BASE });
    const r = await runCli(["validate"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("wix-authz.config.ts: wix-authz reads its configuration from wix-authz.config.json");
  });

  it('"prettier": false writes unformatted output; a path names the Prettier config to use', async () => {
    const dir = await writeTree({
      "wix-authz.config.json": config({ spec: "spec", prettier: false }),
      "spec/things.yaml": BASE,
      "tabs.json": JSON.stringify({ useTabs: true }),
    });
    expect((await runCli(["generate"], dir)).code).toBe(0);
    const off = await readFile(path.join(dir, "generated/visitor.d.ts"), "utf8");
    await writeFile(path.join(dir, "wix-authz.config.json"), config({ spec: "spec", prettier: "tabs.json" }));
    expect((await runCli(["generate"], dir)).code).toBe(0);
    const tabs = await readFile(path.join(dir, "generated/types.d.ts"), "utf8");
    expect(tabs).toMatch(/\n\t[a-z]/);
    expect((await runCli(["generate", "--no-cache"], dir)).code).toBe(0);
    expect(off).not.toEqual(await readFile(path.join(dir, "generated/visitor.d.ts"), "utf8"));
  });

  it("emulate serves the config's merged sources on the config's port", async () => {
    const dir = await writeTree({
      "wix-authz.config.json": config({ spec: ["wix", "app"], emulate: { host: "127.0.0.1" } }),
      "wix/things.yaml": BASE,
      "app/other.yaml": OTHER,
    });
    const out: string[] = [];
    const em = await runEmulateCommand(await withConfig({}, dir), { out: (l) => out.push(l), err: () => {} });
    try {
      expect(out[1]).toBe("serving wix, app (3 methods)");
      expect(em.model.methods.map((m) => m.id)).toContain("things.things.countThings");
      const token = await call(em, "POST", "/oauth2/token", {
        body: { clientId: "9b0a7e2c-5f1d-4c3b-8a6e-2d4f6a8c0e1b", grantType: "anonymous" },
      });
      expect(token.status).toBe(200);
    } finally {
      await em.close();
    }
  });

  it("emulate serves the config's override (the method the clients were generated for), and refuses an undeclared one", async () => {
    const files = { "wix/things.yaml": BASE, "app/mine.yaml": MINE };
    const dir = await writeTree({
      ...files,
      "wix-authz.config.json": config({ spec: ["wix", "app"], overrides: ["things.things.getThing"] }),
    });
    const em = await runEmulateCommand(await withConfig({}, dir), { out: () => {}, err: () => {} });
    try {
      const served = em.model.methods.map((m) => [m.id, m.identities, m.source.file]);
      expect(served).toContainEqual(["things.things.getThing", ["member", "admin"], "app/mine.yaml"]);
    } finally {
      await em.close();
    }
    const bare = await writeTree({ ...files, "wix-authz.config.json": config({ spec: ["wix", "app"] }) });
    const refused = await runEmulateCommand(await withConfig({}, bare), { out: () => {}, err: () => {} }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SpecError);
    expect((refused as SpecError).diagnostics.map((d) => d.code)).toEqual(["SPEC_OVERRIDE_UNDECLARED"]);
  });

  it("emulate without a config or --spec serves ./spec when there is one (as generate reads it)", async () => {
    const dir = await writeTree({ "spec/things.yaml": BASE });
    const out: string[] = [];
    const em = await runEmulateCommand(await withConfig({}, dir), { out: (l) => out.push(l), err: () => {} });
    try {
      expect(out[1]).toBe("serving spec (2 methods)");
    } finally {
      await em.close();
    }
  });

  it("import writes to the config's import.out, with an editor comment that finds the format schema", async () => {
    // Inside the repository, so the installed @wix packages resolve from it as from a user's project.
    await mkdir(path.join(ROOT, ".tmp"), { recursive: true });
    const dir = await mkdtemp(path.join(ROOT, ".tmp/config-import-"));
    try {
      await writeFile(path.join(dir, "wix-authz.config.json"), config({ spec: ["spec"], import: { out: "imported" } }));
      const r = await runCli(["import", "@wix/auto_sdk_members_members"], dir);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        'note: imported is not among the spec sources of wix-authz.config.json: add it to "spec"',
      );
      const text = await readFile(path.join(dir, "imported/members.members.yaml"), "utf8");
      const ref = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
      expect(ref && path.resolve(dir, "imported", ref)).toBe(path.join(ROOT, "spec/schema.json"));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
