// minimize: shrinks a failing case (drop files, then line chunks, then single lines) while the same violation persists.
import type { SpecInput } from "./oracle.js";

export type StillFails = (files: SpecInput[]) => boolean;

/** Greedy delta debugging on lines; `budget` caps the predicate runs and `maxMs` the time (crashes can be slow). */
export function minimize(
  files: readonly SpecInput[],
  stillFails: StillFails,
  budget = 300,
  maxMs = 20_000,
): SpecInput[] {
  let current = files.map((f) => ({ ...f }));
  let runs = 0;
  const deadline = performance.now() + maxMs;
  const tryCase = (candidate: SpecInput[]): boolean => {
    if (runs >= budget || performance.now() > deadline) return false;
    runs++;
    try {
      return stillFails(candidate);
    } catch {
      return false;
    }
  };
  for (let i = current.length - 1; i >= 0 && current.length > 1; i--) {
    const without = current.filter((_, j) => j !== i);
    if (tryCase(without)) current = without;
  }
  for (let fi = 0; fi < current.length; fi++) {
    let lines = current[fi]!.text.split("\n");
    const withLines = (ls: string[]) => current.map((f, j) => (j === fi ? { file: f.file, text: ls.join("\n") } : f));
    for (
      let chunk = Math.max(1, Math.floor(lines.length / 2));
      chunk >= 1;
      chunk = chunk === 1 ? 0 : Math.max(1, Math.floor(chunk / 2))
    ) {
      for (let start = 0; start < lines.length;) {
        const candidate = [...lines.slice(0, start), ...lines.slice(start + chunk)];
        if (candidate.length < lines.length && tryCase(withLines(candidate))) lines = candidate;
        else start += chunk;
        if (runs >= budget || performance.now() > deadline) break;
      }
      if (runs >= budget || performance.now() > deadline) break;
    }
    current = withLines(lines);
  }
  return current;
}
