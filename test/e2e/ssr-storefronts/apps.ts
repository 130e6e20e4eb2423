// The Next.js and Astro example storefronts as the e2e runs them: copied out of examples/ into the folder where the
// packed tarball and the pinned frameworks are installed, generated with the installed CLI, built once, then started.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { AppFiles } from "../frameworks/apps.js";

const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));
/** What a user's checkout of the example has: no build output, no generated code, no installed packages. */
const SKIP = new Set(["node_modules", "generated", ".next", "dist", ".astro", "next-env.d.ts"]);

export interface StorefrontApp {
  readonly name: "next-storefront" | "astro-storefront";
  /** The build command, relative to the installed `node_modules/.bin`. */
  readonly build: readonly [string, ...string[]];
  /** The production server: a command and its arguments for a port. */
  start(bin: string, port: number): [string, string[]];
  /** Folders of browser output (every file a browser may be sent), and of server output. */
  readonly clientDirs: readonly string[];
  readonly serverDirs: readonly string[];
  /** Its product list is a React island searching from the browser (ssr-storefronts/island.ts). */
  readonly island?: boolean;
}

export const APPS: readonly StorefrontApp[] = [
  {
    name: "next-storefront",
    build: ["next", "build"],
    start: (bin, port) => [join(bin, "next"), ["start", "-H", "127.0.0.1", "-p", String(port)]],
    clientDirs: [".next/static"],
    serverDirs: [".next/server"],
  },
  {
    name: "astro-storefront",
    build: ["astro", "build"],
    start: () => [process.execPath, ["dist/server/entry.mjs"]],
    clientDirs: ["dist/client"],
    serverDirs: ["dist/server"],
    island: true,
  },
];

/** The example's files as its repository folder holds them. */
export function exampleFiles(name: string): AppFiles {
  const root = join(EXAMPLES, name);
  const files: AppFiles = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (SKIP.has(entry)) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, "utf8");
    }
  };
  walk(root);
  return files;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RunningApp {
  readonly url: string;
  readonly log: () => string;
  stop(): Promise<void>;
}

/** Starts the built app and waits until it answers. */
export async function startApp(
  app: StorefrontApp,
  dir: string,
  bin: string,
  env: Record<string, string>,
): Promise<RunningApp> {
  const port = await freePort();
  const [cmd, args] = app.start(bin, port);
  const child: ChildProcess = spawn(cmd, args, {
    cwd: dir,
    env: { ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port), NO_COLOR: "1" },
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app.name} exited (${child.exitCode}):\n${log}`);
    const up = await fetch(`${url}/api/admin/products`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > until) throw new Error(`${app.name} did not start in 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    log: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
