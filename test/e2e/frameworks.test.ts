// The generated clients build unmodified where users build: the packed tarball and the pinned frameworks installed in
// a temp folder outside the repo, one tiny app per framework, each framework's production build, no configuration.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { astroApp, nextApp, nodeApp, viteApp } from "./frameworks/apps.js";
import { astroGuardApp, nextGuardApp, viteGuardApp } from "./frameworks/guard-apps.js";
import { createApp, installPacked, readTree, run, type Run } from "./frameworks/setup.js";

const BUILD = 300_000;
/** A method only admins may call: its name must reach server output and no browser chunk. */
const ADMIN_ONLY = "approveMember";
const QUIET = { NEXT_TELEMETRY_DISABLED: "1", ASTRO_TELEMETRY_DISABLED: "1", CI: "1" };
const timings: Record<string, number> = {};
let root = "";
let bin = "";

function timed(name: string, r: Run): Run {
  timings[name] = r.seconds;
  return r;
}

beforeAll(async () => {
  const installed = await installPacked();
  root = installed.root;
  bin = join(root, "node_modules/.bin");
  Object.assign(timings, installed.timings);
}, BUILD);

afterAll(async () => {
  console.log(`framework build timings (s): ${JSON.stringify(timings)}`);
  if (root) await rm(root, { recursive: true, force: true });
});

describe("Next.js 16 (App Router)", () => {
  let app = "";
  beforeAll(async () => {
    app = await createApp(root, "next-app", nextApp);
  }, BUILD);

  test.each([
    ["Turbopack", []],
    ["webpack", ["--webpack"]],
  ])(
    "next build (%s) succeeds; the admin client reaches the server output and no client chunk",
    async (bundler, flags) => {
      await rm(join(app, ".next"), { recursive: true, force: true });
      const r = timed(`next build (${bundler})`, await run(join(bin, "next"), ["build", ...flags], app, QUIET));
      expect(r.output).not.toContain("Module not found");
      expect(r.ok, r.output).toBe(true);
      const browser = readTree(join(app, ".next/static"), [".js"]);
      expect(browser).toContain("getCurrentCart");
      expect(browser).not.toContain(ADMIN_ONLY);
      expect(readTree(join(app, ".next/server"), [".js"])).toContain(ADMIN_ONLY);
    },
    BUILD,
  );
});

test(
  "Astro 5 SSR build (Node adapter) with a server island and a React island succeeds; the admin client stays on the server",
  async () => {
    const app = await createApp(root, "astro-app", astroApp);
    const r = timed("astro build", await run(join(bin, "astro"), ["build"], app, QUIET));
    expect(r.ok, r.output).toBe(true);
    const client = join(app, "dist/client");
    const browser = readTree(client, [".js"]);
    expect(browser).toContain("getCurrentCart");
    expect(browser).not.toContain(ADMIN_ONLY);
    expect(browser).not.toContain("createAdminClient");
    // The React island's own chunk (named after its component) calls the visitor method in the browser.
    const island = readdirSync(join(client, "_astro")).filter((f) => /^AddToCart\.[\w-]+\.js$/.test(f));
    expect(island).toHaveLength(1);
    expect(readFileSync(join(client, "_astro", island[0]!), "utf8")).toContain("addToCurrentCart");
    const server = readTree(join(app, "dist/server"), [".mjs", ".js"]);
    expect(server).toContain(ADMIN_ONLY);
    // The server island is built as its own server-rendered component, the visitor client inside it.
    expect(server).toContain('id="stock"');
  },
  BUILD,
);

test(
  "Vite 7 build of a browser app using the visitor client succeeds",
  async () => {
    const app = await createApp(root, "vite-app", viteApp);
    const r = timed("vite build", await run(join(bin, "vite"), ["build"], app, QUIET));
    expect(r.ok, r.output).toBe(true);
    const browser = readTree(join(app, "dist"), [".js"]);
    expect(browser).toContain("getCurrentCart");
    expect(browser).not.toContain(ADMIN_ONLY);
  },
  BUILD,
);

test(
  `Node ${process.versions.node} ESM, moduleResolution nodenext: tsc compiles the app and node runs it`,
  async () => {
    const app = await createApp(root, "node-app", nodeApp);
    const tsc = timed("tsc (nodenext)", await run(join(bin, "tsc"), ["-p", "."], app));
    expect(tsc.output.trim()).toBe("");
    expect(tsc.ok).toBe(true);
    const node = await run(process.execPath, ["dist/main.js"], app);
    expect(node.output.trim()).toBe("function function");
  },
  BUILD,
);

describe("the admin guard: browser code importing the admin client fails the build, naming the user's file", () => {
  const never = /externali[sz]e|rollupOptions\.external|as external/i;

  test.each([
    ["Turbopack", []],
    ["webpack", ["--webpack"]],
  ])(
    "Next.js (%s): a client component",
    async (bundler, flags) => {
      const app = await createApp(root, `next-guard-${bundler}`, nextGuardApp);
      const r = timed(`next build, guard (${bundler})`, await run(join(bin, "next"), ["build", ...flags], app, QUIET));
      expect(r.ok).toBe(false);
      expect(r.output).toContain("is server only. It holds your Wix API key");
      expect(r.output).toContain("app/bad-admin.tsx");
      expect(r.output).not.toMatch(never);
    },
    BUILD,
  );

  test(
    "Vite with wix-authz/vite: vite build names src/main.ts; the plugin's type fits Vite's",
    async () => {
      const app = await createApp(root, "vite-guard", viteGuardApp);
      const tsc = await run(join(bin, "tsc"), ["-p", "."], app);
      expect(tsc.output.trim()).toBe("");
      const r = timed("vite build, guard", await run(join(bin, "vite"), ["build"], app, QUIET));
      expect(r.ok).toBe(false);
      expect(r.output).toContain("src/main.ts imports the admin client (../generated/admin.js), which is server only");
      expect(r.output).not.toMatch(never);
    },
    BUILD,
  );

  test(
    "Vite dev server with wix-authz/vite: the module answers with the error (the overlay) and the server keeps running",
    async () => {
      const app = join(root, "vite-guard");
      const port = await freePort();
      // NO_COLOR: with CI=true Vite colors its output, and the escapes split "localhost:<port>" in the ready line.
      const dev = spawn(join(bin, "vite"), ["--port", String(port), "--strictPort"], {
        cwd: app,
        env: { ...process.env, NO_COLOR: "1" },
      });
      let log = "";
      dev.stdout.on("data", (d) => (log += d));
      dev.stderr.on("data", (d) => (log += d));
      try {
        await waitFor(
          () => stripVTControlCharacters(log).includes(`localhost:${port}`),
          () => log,
        );
        const body = await (await fetch(`http://localhost:${port}/src/main.ts`)).text();
        expect(body).toContain("src/main.ts imports the admin client (../generated/admin.js), which is server only");
        await new Promise((r) => setTimeout(r, 1000));
        expect(dev.exitCode, log).toBe(null);
        expect((await fetch(`http://localhost:${port}/`)).status).toBe(200);
      } finally {
        dev.kill();
      }
    },
    BUILD,
  );

  test(
    "Astro with wix-authz/vite: a page <script> (browser code) names the page",
    async () => {
      const app = await createApp(root, "astro-guard", astroGuardApp);
      const r = timed("astro build, guard", await run(join(bin, "astro"), ["build"], app, QUIET));
      expect(r.ok).toBe(false);
      expect(r.output).toContain("src/pages/index.astro imports the admin client (../../generated/admin.js)");
      expect(r.output).not.toMatch(never);
    },
    BUILD,
  );
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitFor(ready: () => boolean, describe: () => string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out; output so far:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
