// Node consumers of the packed packages, on this Node (20.19+) and on Node 22: an ESM app (moduleResolution nodenext)
// and a CommonJS app (require() of the ES modules), each type-checked and compiled by tsc, then run against the
// emulator on loopback. Node 22 is the official binary published on the npm registry as node-<platform>-<arch>.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_SITE_ID,
  startEmulator,
  type RunningEmulator,
} from "wix-authz/emulator";
import { nodeCjsApp, nodeEsmApp } from "./frameworks/node-apps.js";
import { createApp, installPacked, run } from "./frameworks/setup.js";

const SLOW = 300_000;
/** Node 22, pinned: the `node-<platform>-<arch>` package holds the release's `bin/node`. */
const NODE_22 = "22.23.5";
const EXPECTED = { products: 2, created: "Node mug", refused: "WixIdentityError" };

let root = "";
let emulator: RunningEmulator;
let node22 = "";
const apps: Record<"esm" | "cjs", string> = { esm: "", cjs: "" };

beforeAll(async () => {
  const installed = await installPacked({ only: ["typescript", "@types/node"] });
  root = installed.root;
  emulator = await startEmulator();
  const nodeRoot = join(root, "node22");
  const pkg = `node-${process.platform}-${process.arch}`;
  const install = await run(
    "npm",
    ["install", "--prefix", nodeRoot, "--no-save", "--no-audit", "--no-fund", `${pkg}@${NODE_22}`],
    root,
  );
  if (!install.ok) throw new Error(`npm could not install Node ${NODE_22} (${pkg}):\n${install.output}`);
  node22 = join(nodeRoot, "node_modules", pkg, "bin/node");
  apps.esm = await createApp(root, "node-esm", nodeEsmApp);
  apps.cjs = await createApp(root, "node-cjs", nodeCjsApp);
  for (const app of Object.values(apps)) {
    const tsc = await run(join(root, "node_modules/.bin/tsc"), ["-p", "."], app);
    if (!tsc.ok || tsc.output.trim() !== "") throw new Error(`tsc failed in ${app}:\n${tsc.output}`);
  }
}, SLOW);

afterAll(async () => {
  await emulator?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const env = () => ({
  WIX_BASE_URL: emulator.url,
  WIX_CLIENT_ID: DEFAULT_CLIENT_ID,
  WIX_API_KEY: DEFAULT_API_KEY,
  WIX_SITE_ID: DEFAULT_SITE_ID,
});

test("tsc compiled the CommonJS app's imports of the ES modules to require() calls", async () => {
  const out = await readFile(join(apps.cjs, "dist/main.cjs"), "utf8");
  expect(out).toContain('require("@wix-authz/runtime")');
  expect(out).toContain('require("../generated/visitor.js")');
  expect(out).toContain('require("../generated/admin.js")');
  expect(out).not.toMatch(/\bimport\s*\(/);
});

describe.each([
  ["this Node", () => process.execPath],
  [`Node ${NODE_22}`, () => node22],
])("%s", (_name, node) => {
  test("is the Node the test names", async () => {
    const r = await run(node(), ["-p", "process.version"], root);
    expect(r.ok, r.output).toBe(true);
    expect(r.output.trim()).toBe(node() === process.execPath ? process.version : `v${NODE_22}`);
  });

  test.each([
    ["ESM (nodenext)", "esm", "dist/main.js"],
    ["CommonJS (require of ESM)", "cjs", "dist/main.cjs"],
  ] as const)(
    "%s: the compiled app calls the emulator as visitor and admin; nothing on stderr",
    async (_kind, app, main) => {
      const r = await run(node(), [main], apps[app], env());
      expect(r.ok, r.output).toBe(true);
      // run() joins stdout and stderr: one JSON line and nothing else, so no warning (require(esm), module type).
      expect(JSON.parse(r.output.trim())).toEqual(EXPECTED);
    },
    SLOW,
  );
});

test(
  `Node ${NODE_22} type stripping: node runs the ESM app's TypeScript source as is (every import is a real .js file)`,
  async () => {
    const r = await run(node22, ["src/main.ts"], apps.esm, env());
    expect(r.ok, r.output).toBe(true);
    expect(JSON.parse(r.output.trim())).toEqual(EXPECTED);
  },
  SLOW,
);
