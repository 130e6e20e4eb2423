// The README's user path, followed in a temp folder outside the repository: pack, install the tarball, `wix-authz
// init` with a few domains, `npm run wix:generate`, type-check the README's first-calls block with
// moduleResolution bundler and nodenext, then run it (visitor query and cart, member direct login, admin call)
// against `wix-authz emulate` started from the config. The block is extracted from README.md, so it cannot drift.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SITE_ID,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_PASSWORD,
  STORES_APP_ID,
} from "../../emulator/index.js";
import { blockModule, firstCallsBlock } from "../readme/blocks.js";
import { installPacked, run } from "./frameworks/setup.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const DOMAINS = ["stores", "ecom", "members"];

let project: string;
let emulator: ChildProcess | undefined;

const bin = (name: string) => path.join(project, "node_modules/.bin", name);

beforeAll(async () => {
  ({ root: project } = await installPacked({ only: ["typescript", "@types/node"], prefix: "wix-authz-user-path-" }));
}, 600_000);
afterAll(async () => {
  emulator?.kill("SIGTERM");
  if (project) await rm(project, { recursive: true, force: true });
});

describe("the README's user path, from the packed tarball", () => {
  it("init with a few domains writes the config, the spec folder and the scripts, and prints the next command", async () => {
    expect(project.startsWith(REPO)).toBe(false);
    const init = await run(bin("wix-authz"), ["init", "--domain", ...DOMAINS], project);
    expect(init.ok, init.output).toBe(true);
    expect(init.output).toContain("Next: npm run wix:generate");
    const config = JSON.parse(await readFile(path.join(project, "wix-authz.config.json"), "utf8"));
    expect(config).toMatchObject({ spec: ["spec/wix"], out: "generated", catalogue: { select: DOMAINS } });
    // The editor comments name the schemas where they are in a user project: the installed package.
    expect(existsSync(path.join(project, config.$schema))).toBe(true);
    expect(config.$schema).toBe("./node_modules/wix-authz/config/schema.json");
    const files = await readdir(path.join(project, "spec/wix"));
    expect(files.length).toBeGreaterThan(DOMAINS.length);
    for (const f of files) {
      const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(
        await readFile(path.join(project, "spec/wix", f), "utf8"),
      )?.[1];
      expect(ref).toBe("../../node_modules/wix-authz/spec/schema.json");
    }
    const pkg = JSON.parse(await readFile(path.join(project, "package.json"), "utf8"));
    expect(pkg.scripts["wix:generate"]).toBe("wix-authz generate");
  });

  it("npm run wix:generate writes the clients; wix:check passes", async () => {
    const gen = await run("npm", ["run", "--silent", "wix:generate"], project);
    expect(gen.ok, gen.output).toBe(true);
    expect(gen.output).toMatch(/generated: \d+ files written, 0 unchanged \(\d+ methods\)/);
    const check = await run("npm", ["run", "--silent", "wix:check"], project);
    expect(check.ok, check.output).toBe(true);
  }, 120_000);

  it("the README's first calls type-check with moduleResolution bundler and nodenext", async () => {
    const readme = await readFile(path.join(project, "node_modules/wix-authz/README.md"), "utf8");
    await writeFile(path.join(project, "first-calls.ts"), blockModule(firstCallsBlock(readme)));
    const base = { strict: true, skipLibCheck: false, target: "es2022", types: ["node"] };
    const configs = {
      "tsconfig.bundler.json": { ...base, module: "esnext", moduleResolution: "bundler", noEmit: true },
      // No outDir: first-calls.js lands beside generated/, as the README's import says.
      "tsconfig.nodenext.json": { ...base, module: "nodenext", moduleResolution: "nodenext" },
    };
    for (const [file, compilerOptions] of Object.entries(configs)) {
      await writeFile(path.join(project, file), JSON.stringify({ compilerOptions, files: ["first-calls.ts"] }));
      const tsc = await run(bin("tsc"), ["-p", file, "--pretty", "false"], project);
      expect([file, tsc.ok, tsc.output.trim()]).toEqual([file, true, ""]);
    }
    expect(existsSync(path.join(project, "first-calls.js"))).toBe(true);
  }, 180_000);

  it("run against `wix-authz emulate` started from the config: visitor query and cart, member login, admin call", async () => {
    const child = spawn(bin("wix-authz"), ["emulate"], { cwd: project });
    emulator = child;
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    for (let i = 0; i < 600 && !/serving .*\n/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url, out).toBeDefined();
    expect(out).toMatch(/serving .*spec\/wix \(\d+ methods\)/);
    // The README's calls go to www.wixapis.com; here that is the emulator. Every call is recorded.
    const runner = [
      "const real = globalThis.fetch;",
      "const seen = [];",
      "globalThis.fetch = async (input, init) => {",
      "  const target = String(input instanceof Request ? input.url : input);",
      `  const res = await real(target.replace("https://www.wixapis.com", ${JSON.stringify(url)}), init);`,
      "  seen.push(`${init?.method ?? 'GET'} ${new URL(target).pathname} ${res.status}`);",
      "  return res;",
      "};",
      `Object.assign(globalThis, ${JSON.stringify({
        clientId: DEFAULT_CLIENT_ID,
        redirectUri: "http://localhost:3000/callback",
        appId: STORES_APP_ID,
        email: DEMO_MEMBER_EMAIL,
        password: DEMO_MEMBER_PASSWORD,
      })});`,
      "await import('./first-calls.js');",
      "console.log(JSON.stringify(seen));",
    ].join("\n");
    await writeFile(path.join(project, "run-first-calls.mjs"), runner);
    const ran = await run(process.execPath, ["run-first-calls.mjs"], project, {
      WIX_API_KEY: DEFAULT_API_KEY,
      WIX_SITE_ID: DEFAULT_SITE_ID,
    });
    expect(ran.ok, ran.output).toBe(true);
    const seen = JSON.parse(ran.output.trim().split("\n").filter(Boolean).at(-1)!) as string[];
    const api = seen.filter((s) => !/oauth2|redirect-session|iam\//.test(s));
    expect(api).toEqual([
      "GET /stores-reader/v1/products/query-platformized 200",
      "POST /ecom/v1/carts/current/add-to-cart 200",
      "GET /members/v1/members/my 200",
      "POST /stores/v1/products 200",
    ]);
    expect(seen).toContain("POST /_api/iam/authentication/v2/login 200");
  }, 120_000);
});
