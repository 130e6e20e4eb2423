// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time, and time per package/folder.
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { generationEnv, runNode } from "./proc.js";
import { removeDir, WIX_AUTHZ_BIN } from "./workspace.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script URL belongs: `node_modules/<pkg>`, a repo folder, or node internals. */
export function owner(url: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const repo = /\/(generator|runtime|emulator|bench|dist\/[a-z]+)\//.exec(url);
  if (repo) return repo[1]!;
  return url.startsWith("node:") ? "node internals" : url === "" ? "(native/gc/idle)" : url;
}

/** Inclusive time of the outermost calls to each named function (pipeline stages such as loadSpec, emit, formatFiles). */
function inclusiveByName(
  profile: CpuProfile,
  self: Map<number, number>,
  names: readonly string[],
): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const result = new Map<string, number>();
  const walk = (id: number, open: ReadonlySet<string>): number => {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    const inner = name && names.includes(name) && !open.has(name) ? new Set([...open, name]) : open;
    let us = self.get(id) ?? 0;
    for (const child of node.children ?? []) us += walk(child, inner);
    if (inner !== open) result.set(name, (result.get(name) ?? 0) + us);
    return us;
  };
  walk(profile.nodes[0]!.id, new Set());
  return result;
}

export const GENERATOR_STAGES = ["loadSpec", "validateSpec", "normalize", "emit", "formatFiles", "writeFiles"];

export function summarizeProfile(file: string, top = 15, stages: readonly string[] = GENERATOR_STAGES): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fnTime = new Map<string, number>();
  const ownerTime = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const key = `${functionName || "(anonymous)"} ${owner(url)}${url ? `:${lineNumber + 1}` : ""}`;
    fnTime.set(key, (fnTime.get(key) ?? 0) + us);
    ownerTime.set(owner(url), (ownerTime.get(owner(url)) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`;
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${pct(us).padStart(6)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  const stageRows = rows(inclusiveByName(profile, self, stages), stages.length);
  return [
    `total sampled: ${(total / 1000).toFixed(0)} ms`,
    "inclusive time by stage:",
    ...stageRows,
    "self time by package/folder:",
    ...rows(ownerTime, 10),
    "top functions by self time:",
    ...rows(fnTime, top),
  ].join("\n");
}

// CLI: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  console.log(summarizeProfile(process.argv[2]!, Number(process.argv[3] ?? 15)));
}

/** One cold `wix-authz generate` under `--cpu-prof`, summarized: the evidence when the generation target is missed. */
/** One `generate` under `node --cpu-prof`, summarized: cold (fresh output folder), or a no-change `rerun` after one. */
export async function profileGenerate(dir: string, rerun = false): Promise<string> {
  const profDir = `${dir}/cpu-profile`;
  await removeDir(profDir);
  await removeDir(`${dir}/out-profile`);
  const args = [WIX_AUTHZ_BIN, "generate", "--spec", "spec", "--out", "out-profile"];
  if (rerun) await runNode(args, dir, { env: generationEnv() });
  await runNode(
    ["--cpu-prof", `--cpu-prof-dir=${profDir}`, WIX_AUTHZ_BIN, "generate", "--spec", "spec", "--out", "out-profile"],
    dir,
    { env: generationEnv() },
  );
  const file = (await readdir(profDir)).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`node --cpu-prof wrote no profile into ${profDir}`);
  return summarizeProfile(`${profDir}/${file}`, 12);
}
