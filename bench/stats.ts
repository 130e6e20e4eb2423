// Statistics and formatting for bench tables: median, min–max, ratio to the peer.

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError("summarize: no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** `1,234 ms (1,200–1,300)`: the median with the range it came from. */
export function fmt(s: Summary, unit: string, digits = 0): string {
  const n = (v: number) => v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${n(s.median)} ${unit} (${n(s.min)}–${n(s.max)})`;
}

/** Ratio of medians, ours / peer, with the verdict against a `≤ target` goal. */
export function ratio(ours: Summary | number, peer: Summary | number, target?: number): string {
  const a = typeof ours === "number" ? ours : ours.median;
  const b = typeof peer === "number" ? peer : peer.median;
  if (b === 0) return "n/a";
  const r = a / b;
  const text = `${r.toFixed(r < 0.1 ? 3 : 2)}×`;
  return target === undefined ? text : `${text} ${r <= target ? "✅" : "❌"} (target ≤ ${target}×)`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Milliseconds since `start` (from `performance.now()`). */
export const since = (start: number) => performance.now() - start;
