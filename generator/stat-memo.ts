// stat-memo: the content hash of each spec file as the last generate read it, with the file's stat (size, inode,
// modification and change times in nanoseconds). A file whose stat is the same is known by that hash without being
// read: a run that parses only the changed files reads only them. The change time moves on every write and cannot
// be set back, and a file changed within a second of being recorded is not recorded (it may change again within the
// clock's resolution), so a stat that matches means the same bytes. Safe to delete: a missing record reads every file.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BigIntStats } from "node:fs";
import { ConfigError } from "../core/diagnostics.js";
import { readOptional, sealed, unsealed } from "./fs-sync.js";

const TAG = "wix-authz-stat-1";
/** A file changed this recently before its stat was taken is not recorded (nanoseconds). */
const SETTLED_NS = 1_000_000_000n;

const statKey = (s: BigIntStats) => `${s.size}:${s.ino}:${s.dev}:${s.mtimeNs}:${s.ctimeNs}`;

export interface StatMemo {
  /** The recorded hash of the file at `file` when its stat is the recorded one, else undefined. */
  digest(file: string, stats: BigIntStats): string | undefined;
  /** Notes a file's stat (taken at `at`, wall-clock nanoseconds) and hash, for the record. */
  saw(file: string, stats: BigIntStats, digest: string, at: bigint): void;
  /** The record of this run's files, to write after the run; undefined when it would be the last one's. */
  record(): { readonly path: string; readonly text: string } | undefined;
}

export async function openStatMemo(cacheDir: string): Promise<StatMemo> {
  const file = path.join(cacheDir, "spec-stats.json");
  const bytes = readOptional(file);
  const old = unsealed(TAG, bytes) as Record<string, [string, string]> | undefined;
  const seen: Record<string, [string, string]> = {};
  return {
    digest(p, stats) {
      const known = old && Object.hasOwn(old, p) ? old[p] : undefined;
      return Array.isArray(known) && known[0] === statKey(stats) && typeof known[1] === "string" ? known[1] : undefined;
    },
    saw(p, stats, digest, at) {
      if (at - stats.ctimeNs >= SETTLED_NS && at - stats.mtimeNs >= SETTLED_NS) seen[p] = [statKey(stats), digest];
    },
    record() {
      const text = sealed(TAG, Object.fromEntries(Object.entries(seen).sort(([a], [b]) => (a < b ? -1 : 1))));
      return bytes !== undefined && text === bytes.toString("utf8") ? undefined : { path: file, text };
    },
  };
}

/** A file's bytes, read now, checked against the hash it was known by (a file changed during the run is refused). */
export function readKnown(file: string, digest: string): Buffer {
  const bytes = readFileSync(file);
  if (createHash("sha256").update(bytes).digest("hex") !== digest)
    throw new ConfigError(`${file} changed while wix-authz was reading it: run the command again.`);
  return bytes;
}
