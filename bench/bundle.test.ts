// The bench's split browser build of the one-method visitor app: which chunks load first, and that neither the login
// flows nor the wire are among them (a structural check from esbuild's metafile; sizes are only reported by the bench).

import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Metafile } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { initialOutputs } from "../test/support/initial-outputs.js";
import { bundleApp, OURS_APP, type Chunk } from "./bundle.js";
import { REPO } from "./workspace.js";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

type Imports = Metafile["outputs"][string]["imports"];
const output = (imports: Imports, entryPoint?: string) => ({ bytes: 1, inputs: {}, exports: [], imports, entryPoint });

describe("initialOutputs", () => {
  it("follows static imports from the entry, transitively, and stops at dynamic ones", () => {
    const metafile: Metafile = {
      inputs: {},
      outputs: {
        "out/app.js": output(
          [
            { path: "out/chunk-a.js", kind: "import-statement" },
            { path: "out/flows.js", kind: "dynamic-import" },
          ],
          "app.ts",
        ),
        "out/chunk-a.js": output([{ path: "out/chunk-b.js", kind: "import-statement" }]),
        "out/chunk-b.js": output([]),
        "out/flows.js": output([
          { path: "out/chunk-a.js", kind: "import-statement" },
          { path: "out/chunk-c.js", kind: "import-statement" },
        ]),
        "out/chunk-c.js": output([]),
      },
    };
    expect([...initialOutputs(metafile)].sort()).toEqual(["out/app.js", "out/chunk-a.js", "out/chunk-b.js"]);
  });
});

/** Modules that only a login needs: they must sit in lazy chunks. */
const LOGIN_ONLY =
  /(?:^|\/)(?:runtime\/(?:dist\/)?(?:auth-flows|login|direct-login|pkce)\.[jt]s|node_modules\/oauth4webapi\/.*)$/;

/** The wire: what only a call needs (transport, token endpoint, token session, secrets, request encoding, the call). */
const WIRE_MODULES = [
  "call",
  "clock",
  "connect",
  "oauth",
  "request",
  "retry",
  "secrets",
  "session",
  "transport",
  "wire-link",
];
const WIRE = new RegExp(`(?:^|/)runtime/(?:dist/)?(?:${WIRE_MODULES.join("|")})\\.[jt]s$`);

async function visitorAppChunks(conditions: string[] | undefined): Promise<Chunk[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-split-"));
  dirs.push(dir);
  await writeFile(path.join(dir, "app.ts"), OURS_APP(path.join(REPO, "generated")));
  return bundleApp(path.join(dir, "app.ts"), path.join(dir, "out"), conditions);
}

describe.each([
  ["sources (wix-authz-source)", ["wix-authz-source"]],
  ["dist/ (default conditions)", undefined],
])("the one-method visitor app, split build from %s", (_label, conditions) => {
  it("loads no login-flow module and no oauth4webapi up front; they are in lazy chunks", async () => {
    if (!conditions && !existsSync(path.join(REPO, "runtime/dist/index.js")))
      throw new Error("dist/ is missing: run `npm run build` first (the default conditions bundle the built runtime).");
    const chunks = await visitorAppChunks(conditions);
    const inputs = (initial: boolean) =>
      chunks.filter((c) => c.initial === initial).flatMap((c) => Object.keys(c.inputs).filter((i) => c.inputs[i]! > 0));
    // The control: the initial load holds the client, so the search below looks at the right inputs.
    expect(inputs(true).some((i) => /runtime\/(?:dist\/)?client\.[jt]s$/.test(i))).toBe(true);
    expect(inputs(true).filter((i) => LOGIN_ONLY.test(i))).toEqual([]);
    const module = (input: string) =>
      input.includes("oauth4webapi") ? "oauth4webapi" : path.basename(input).replace(/\.[jt]s$/, "");
    const lazy = new Set(
      inputs(false)
        .filter((i) => LOGIN_ONLY.test(i))
        .map(module),
    );
    expect([...lazy].sort()).toEqual(["auth-flows", "direct-login", "login", "oauth4webapi", "pkce"]);
  });

  it("loads no wire module up front: the whole wire is one lazy chunk, which the first call loads", async () => {
    const chunks = await visitorAppChunks(conditions);
    const wireInputs = (c: Chunk) => Object.keys(c.inputs).filter((i) => c.inputs[i]! > 0 && WIRE.test(i));
    // The control: the initial load holds the lazy client, which starts the wire's load.
    const initial = chunks.filter((c) => c.initial);
    expect(
      initial.flatMap((c) => Object.keys(c.inputs)).some((i) => /runtime\/(?:dist\/)?lazy-client\.[jt]s$/.test(i)),
    ).toBe(true);
    expect(initial.flatMap(wireInputs)).toEqual([]);
    const holders = chunks.filter((c) => wireInputs(c).length > 0);
    expect(holders).toHaveLength(1);
    expect(holders[0]!.initial).toBe(false);
    expect(
      wireInputs(holders[0]!)
        .map((i) => path.basename(i).replace(/\.[jt]s$/, ""))
        .sort(),
    ).toEqual(WIRE_MODULES);
  });

  it("scrubs a client's secrets from errors in the wire only: no secret is known before the wire learns it", async () => {
    const chunks = await visitorAppChunks(conditions);
    // Method names survive minification: `scrub(e){` defines the method (the core's `auth` only calls it).
    const defines = (c: Chunk) => /(?:^|[{};,])scrub\([\w$,]*\)\{/.test(c.code);
    // The control and the claim at once: the method is defined once, in the lazy chunk that holds the wire.
    expect(
      chunks.filter(defines).map((c) => ({
        initial: c.initial,
        wire: Object.keys(c.inputs).some((i) => WIRE.test(i)),
      })),
    ).toEqual([{ initial: false, wire: true }]);
  });

  it("reads no session up front: `auth.getSession()` gets the session's facts from the wire's token session", async () => {
    const chunks = await visitorAppChunks(conditions);
    // Method names survive minification: `.peek(` reads the stored tokens, `info(){` answers getSession.
    const wire = chunks.filter((c) => Object.keys(c.inputs).some((i) => WIRE.test(i)));
    expect(wire.map((c) => /\binfo\(\)\{/.test(c.code))).toEqual([true]);
    expect(chunks.filter((c) => c.initial && /\.peek\(/.test(c.code)).map((c) => c.file)).toEqual([]);
  });

  it("makes no token store up front: a client given none gets its in-memory store from the wire", async () => {
    const chunks = await visitorAppChunks(conditions);
    const initial = chunks.filter((c) => c.initial).map((c) => c.code);
    // The control: the app holds a client (the construction checks name the store option).
    expect(initial.join("\n")).toContain("pass either tokens or store, not both.");
    // The public MemoryTokenStore (its string form names it) is for apps that import it; this app does not.
    expect(initial.join("\n")).not.toContain("MemoryTokenStore");
  });

  it("hands the wire and the login flows one list of core values: each class is named once in the initial load", async () => {
    const chunks = await visitorAppChunks(conditions);
    const initial = chunks.filter((c) => c.initial).map((c) => c.code);
    // Keys survive minification: `WixApiError:` is a class handed to a lazy chunk by name.
    const named = (key: string) => initial.join("\n").split(`${key}:`).length - 1;
    for (const key of ["WixApiError", "WixConfigError", "WixResponseError", "WixLoginError"])
      expect(named(key), key).toBe(1);
  });

  it("loads one chunk up front: the flows and the wire import nothing from the core, so esbuild splits out no shared chunk", async () => {
    const chunks = await visitorAppChunks(conditions);
    const initial = chunks.filter((c) => c.initial);
    // The control: the app does have a lazy chunk, so the single initial chunk is not a build without splitting.
    expect(chunks.filter((c) => !c.initial).length).toBeGreaterThan(0);
    expect(initial.map((c) => path.basename(c.file))).toEqual(["app.js"]);
  });
});
