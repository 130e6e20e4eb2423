// sources: several spec sources (folders or files, in order) merged into one spec, in the load stage. A method
// (namespace + name) defined by two sources is an error unless it is listed as an override: then the last source's
// definition replaces the earlier ones, and every override is reported (a note per replaced method) so that an
// upgraded catalogue method hidden by a user's copy is never silent.
import { ConfigError, type Diagnostic } from "../core/diagnostics.js";
import type { LoadedFile } from "./loaded.js";
import type { SpecInput } from "./files.js";
import { positionOf } from "./positions.js";

/** Diagnostic code of the note each override gives (reported by generate, check and validate; never an error). */
export const OVERRIDE_NOTE = "SPEC_METHOD_OVERRIDE";

interface Definition {
  readonly id: string;
  readonly file: LoadedFile;
  readonly index: number;
  readonly source: number;
}

export interface MergedFiles {
  readonly files: LoadedFile[];
  readonly diagnostics: Diagnostic[];
  readonly notes: Diagnostic[];
}

/** The method ids a file's raw (not yet validated) data defines, with their index in `methods`. */
function definitions(file: LoadedFile, source: number): Definition[] {
  const methods = (file.data as { methods?: unknown } | undefined)?.methods;
  if (!Array.isArray(methods)) return [];
  return methods.flatMap((m: unknown, index) => {
    const { namespace, name } = (m ?? {}) as { namespace?: unknown; name?: unknown };
    return typeof namespace === "string" && typeof name === "string"
      ? [{ id: `${namespace}.${name}`, file, index, source }]
      : [];
  });
}

function at(d: Definition, key?: string): { line: number; column: number } {
  return positionOf(d.file, key === undefined ? ["methods", d.index] : ["methods", d.index, key]);
}

/**
 * Applies the override rule across sources. `files` are sorted by name; `inputs` say which source each comes from
 * (no `source` on any input: one source, nothing to merge). Overridden methods are removed from the earlier file's
 * data and from its position-keeping document alike, so every other diagnostic keeps its line and column.
 */
export function mergeSources(
  files: readonly LoadedFile[],
  inputs: readonly SpecInput[],
  overrides: readonly string[],
): MergedFiles {
  const sourceOf = new Map(inputs.map((i) => [i.file, i.source ?? 0]));
  const wanted = new Set(overrides);
  const byId = new Map<string, Definition[]>();
  for (const file of files)
    for (const d of definitions(file, sourceOf.get(file.file) ?? 0)) {
      const list = byId.get(d.id) ?? [];
      list.push(d);
      byId.set(d.id, list);
    }
  const stale = [...wanted].filter((id) => new Set((byId.get(id) ?? []).map((d) => d.source)).size < 2);
  if (stale.length > 0)
    throw new ConfigError(
      stale
        .map((id) => {
          const defs = byId.get(id) ?? [];
          const where = defs.length === 0 ? "no spec source defines it" : `only ${defs[0]!.file.file} defines it`;
          return `"overrides" lists "${id}", but ${where}: an override replaces a method of an earlier spec source with a later source's one. Remove it from the list.`;
        })
        .join("\n"),
    );
  const diagnostics: Diagnostic[] = [];
  const notes: Diagnostic[] = [];
  const removed = new Map<LoadedFile, Set<number>>();
  for (const [id, defs] of byId) {
    const last = Math.max(...defs.map((d) => d.source));
    const earlier = defs.filter((d) => d.source !== last);
    if (earlier.length === 0) continue;
    const winners = defs.filter((d) => d.source === last);
    const winner = winners[0]!;
    const replaced = earlier.map((d) => `${d.file.file}:${at(d).line}`).join(", ");
    if (!wanted.has(id)) {
      diagnostics.push({
        code: "SPEC_OVERRIDE_UNDECLARED",
        severity: "error",
        message: `Method "${id}" is already defined by an earlier spec source, at ${replaced}. To replace it with this one, list "${id}" under "overrides" in wix-authz.config.json (or pass --override ${id}); otherwise rename or remove one of them.`,
        file: winner.file.file,
        ...at(winner, "name"),
      });
      continue;
    }
    notes.push({
      code: OVERRIDE_NOTE,
      severity: "warning",
      message: `"${id}" replaces the method of the same name at ${replaced} (listed in "overrides").`,
      file: winner.file.file,
      ...at(winner, "name"),
    });
    for (const d of earlier) {
      const set = removed.get(d.file) ?? new Set<number>();
      set.add(d.index);
      removed.set(d.file, set);
    }
  }
  return { files: files.map((f) => (removed.has(f) ? without(f, removed.get(f)!) : f)), diagnostics, notes };
}

/** The file without the given methods: in its data, and in its document when a diagnostic asks for positions. */
function without(file: LoadedFile, indices: ReadonlySet<number>): LoadedFile {
  const data = file.data as { methods: unknown[] };
  const kept = { ...data, methods: data.methods.filter((_, i) => !indices.has(i)) };
  let pruned = false;
  return {
    file: file.file,
    text: file.text,
    data: kept,
    get doc() {
      const doc = file.doc;
      if (!pruned) {
        for (const i of [...indices].sort((a, b) => b - a)) doc.deleteIn(["methods", i]);
        pruned = true;
      }
      return doc;
    },
    get lineCounter() {
      return file.lineCounter;
    },
  };
}
