// What `wix-authz emulate` loads before its ready line (the built CLI, as users run it): the module graph, not timing.
// A warm start (model cached) loads no validator, parser or generator stage; a cold one only what loading a spec needs.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PRELOAD = path.join(ROOT, "test/support/module-log.mjs");
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Starts `emulate --spec spec` in `cwd`, waits for the ready line, stops it; the files it had loaded, repo-relative. */
function loadedByStart(cwd: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const args = ["--import", PRELOAD, path.join(ROOT, "bin/wix-authz.js"), "emulate"];
    const child = spawn(process.execPath, [...args, "--spec", path.join(ROOT, "spec"), "--port", "0"], { cwd });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/^serving /m.test(out)) child.kill("SIGINT");
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (!/^serving /m.test(out)) return reject(new Error(`emulate exited with ${code} before it was ready:\n${err}`));
      const root = `file://${ROOT}/`;
      const files = [...err.matchAll(/^module (\S+)$/gm)].map((m) => m[1]!);
      resolve([...new Set(files.filter((f) => f.startsWith(root)).map((f) => f.slice(root.length)))].sort());
    });
  });
}

/** Never needed to start serving: the request validators' ajv-formats, ajv's compiler (the spec's validator is
 * compiled ahead of time, core/validators/, and needs only ajv's small runtime helpers), the careful YAML parser, the
 * emit stage. */
const NEVER = [
  /^node_modules\/(ajv-formats|yaml|prettier|ts-morph|typescript)\//,
  /^node_modules\/ajv\/(?!dist\/runtime\/|package\.json$)/,
  /^dist\/(importer|exporter|generator\/emit)\//,
  /^dist\/generator\/(format|write|run)\.js$/,
  /^dist\/emulator\/validate\.js$/,
];
/** A warm start reads the cached model: nothing that parses or checks a spec either (the config file's precompiled
 * validator, which every command loads, needs one of ajv's runtime helpers). */
const NOT_WARM = [
  /^node_modules\/js-yaml\//,
  /^node_modules\/ajv\/dist\/runtime\/equal\.js$/,
  /^dist\/core\/validators\/spec-schema/,
  /^dist\/generator\/(load|load-model|validate|rules|normalize)\.js$/,
];

describe("emulator start: what it loads", () => {
  it("a cold start loads only what reading a spec needs; a warm one not even that", async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), "wix-authz-start-modules-"));
    dirs.push(cwd);
    const cold = await loadedByStart(cwd);
    expect(cold).toContain("dist/emulator/index.js");
    expect(cold).toContain("dist/generator/load.js"); // the probe sees the loader when it runs
    expect(cold.filter((f) => NEVER.some((re) => re.test(f)))).toEqual([]);
    const warm = await loadedByStart(cwd);
    expect(warm).toContain("dist/emulator/index.js");
    expect(warm.filter((f) => [...NEVER, ...NOT_WARM].some((re) => re.test(f)))).toEqual([]);
  }, 120_000);
});
