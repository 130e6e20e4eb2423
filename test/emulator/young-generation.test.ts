// A cold spec load holds V8's new space at 8 MB (two 4 MB semispaces), and lets it grow again after, also when the
// spec is bad: held in a fresh Node process on the built code, as `wix-authz emulate` runs (this test's own process
// has grown its new space long before). Sizes, not timings: V8 commits whole semispaces.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The new space's size after a cold catalogue load (cache written), after a bad spec's load, and after 40 MB kept. */
const PROBE = `
import { getHeapSpaceStatistics } from "node:v8";
const { loadSpecSource } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "dist/emulator/spec-source.js")).href)});
const [cwd, bad] = process.argv.slice(1);
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size;
await loadSpecSource([${JSON.stringify(path.join(ROOT, "catalogue/spec"))}], { cwd });
const loaded = newSpace();
const error = await loadSpecSource([bad], { cwd }).then(() => "none", (e) => e.constructor.name);
const kept = [];
for (let i = 0; i < 1_000_000; i++) kept.push({ i });
console.log(JSON.stringify({ loaded, error, grown: newSpace(), kept: kept.length }));
`;

describe("a cold spec load and V8's young generation", () => {
  it("holds the new space at 8 MB through the load and the cache write, and lets it grow after", async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), "wix-authz-young-"));
    dirs.push(cwd);
    const bad = path.join(cwd, "bad");
    await mkdir(bad);
    await writeFile(path.join(bad, "a.yaml"), "methods:\n  - name: [oops\n");
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", PROBE, cwd, bad]);
    const result = JSON.parse(stdout) as { loaded: number; error: string; grown: number };
    const MB = 1024 * 1024;
    expect(result.loaded).toBeLessThanOrEqual(8 * MB); // 32 MB when V8 grows it freely
    expect(result.error).toBe("SpecError");
    expect(result.grown).toBeGreaterThan(8 * MB);
  }, 60_000);
});
