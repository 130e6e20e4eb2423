// disk: runs the real CLI (`wix-authz generate`) on a case and checks exit code, stderr, and the untouched output folder.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../cli/main.js";
import type { SpecInput, Violation } from "./oracle.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** File names on disk: the display path's last segment (`spec/<name>`). */
export function diskName(file: SpecInput): string {
  return file.file.slice(file.file.lastIndexOf("/") + 1);
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) out.set(name, await readFile(path.join(dir, name), "latin1"));
  return out;
}

/** A work folder with `spec/` (rewritten per case) and `generated/` (a real earlier output plus a hand-written file). */
export class DiskHarness {
  private constructor(
    readonly root: string,
    private baseline: Map<string, string>,
  ) {}

  static async create(seedSpec: readonly SpecInput[]): Promise<DiskHarness> {
    const root = await mkdtemp(path.join(tmpdir(), "wix-authz-fuzz-"));
    const harness = new DiskHarness(root, new Map());
    await harness.writeSpec(seedSpec);
    const first = await harness.cli(["generate", "--spec", "spec", "--out", "generated"]);
    if (first.code !== 0) throw new Error(`fuzz setup: generating the seed spec failed:\n${first.stderr}`);
    await writeFile(path.join(root, "generated", "NOTES.md"), "hand-written file next to generated ones\n");
    harness.baseline = await snapshot(path.join(root, "generated"));
    return harness;
  }

  async writeSpec(files: readonly SpecInput[]): Promise<void> {
    const spec = path.join(this.root, "spec");
    await rm(spec, { recursive: true, force: true });
    await mkdir(spec, { recursive: true });
    for (const f of files) await writeFile(path.join(spec, diskName(f)), f.text, "utf8");
  }

  async cli(argv: readonly string[]): Promise<CliResult> {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, {
      cwd: this.root,
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      waitForStop: () => new Promise(() => {}),
    });
    return { code, stdout, stderr };
  }

  /** For a case the in-process pipeline rejected: exit 1, a clean message, and `generated/` byte-identical. */
  async checkFailedGenerate(files: readonly SpecInput[]): Promise<Violation[]> {
    await this.writeSpec(files);
    const result = await this.cli(["generate", "--spec", "spec", "--out", "generated"]);
    const out: Violation[] = [];
    const firstLine = (t: string) => t.split("\n").find((l) => l.trim()) ?? "";
    if (result.code === 2)
      out.push({
        kind: "exit-2",
        signature: `exit 2: ${firstLine(result.stderr.split("output below.")[1] ?? result.stderr).slice(0, 120)}`,
        detail: result.stderr.slice(0, 4000),
      });
    else if (/^\s+at .+:\d+:\d+\)?$/m.test(result.stderr))
      out.push({ kind: "stack-trace", signature: "stack trace on stderr", detail: result.stderr.slice(0, 4000) });
    if (result.code === 0)
      out.push({
        kind: "cli-mismatch",
        signature: "CLI generate succeeded where the in-process pipeline failed",
        detail: result.stdout,
      });
    const now = await snapshot(path.join(this.root, "generated"));
    const changed = [...new Set([...now.keys(), ...this.baseline.keys()])].filter(
      (k) => now.get(k) !== this.baseline.get(k),
    );
    if (changed.length) {
      out.push({
        kind: "dirty-output",
        signature: "failed generate changed the output folder",
        detail: changed.join(", "),
      });
      await this.restore();
    }
    return out;
  }

  private async restore(): Promise<void> {
    const dir = path.join(this.root, "generated");
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    for (const [name, text] of this.baseline) await writeFile(path.join(dir, name), text, "latin1");
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
