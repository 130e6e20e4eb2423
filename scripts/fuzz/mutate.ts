// mutate: builds one fuzz case from an iteration seed: a corpus set plus 1–4 tree, text or file-set mutations.
import { parseDocument } from "yaml";
import type { Corpus } from "./corpus.js";
import type { SpecInput } from "./oracle.js";
import { createRng, type Rng } from "./rng.js";
import { injectionMutators } from "./inject-mutators.js";
import { SPEC_MUTATORS } from "./spec-mutators.js";
import { FILE_MUTATORS, TEXT_MUTATORS } from "./text-mutators.js";
import { DEEP_MARK, deepText, slots, TREE_MUTATORS, type TreeMutator } from "./tree-mutators.js";

export interface FuzzCase {
  readonly seed: number;
  readonly files: SpecInput[];
  /** What was done, in order (for reports and reproducers). */
  readonly mutations: string[];
}

const TREE: [string, TreeMutator][] = Object.entries({ ...TREE_MUTATORS, ...SPEC_MUTATORS, ...injectionMutators() });

function treeMutation(file: SpecInput, rng: Rng): { text: string; note: string } | undefined {
  // Re-parsing and re-printing a very deep or huge file costs seconds: damage it as text instead.
  if (file.text.length > 200_000 || (file.text.match(/\{/g)?.length ?? 0) > 2000) return undefined;
  const doc = parseDocument(file.text, { uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    const [name, mutator] = rng.pick(TREE);
    try {
      const note = mutator(doc, rng, slots(doc));
      if (note === undefined) continue;
      const text = doc.toString({ lineWidth: rng.pick([0, 80]) });
      return {
        text: text.replace(new RegExp(`${DEEP_MARK}(\\d+):(\\w+)`, "g"), (_m, d: string, w: string) =>
          deepText(Number(d), w),
        ),
        note,
      };
    } catch (error) {
      // The yaml API refuses some edits and cannot print some trees (e.g. very deep ones): a fuzzer limit, not a finding.
      return { text: file.text, note: `${name} (skipped: ${(error as Error).message.split("\n")[0]})` };
    }
  }
  return undefined;
}

function textMutation(file: SpecInput, rng: Rng): { text: string; note: string } {
  const [, mutator] = rng.pick(Object.entries(TEXT_MUTATORS));
  return mutator(file.text, rng);
}

export function makeCase(corpus: Corpus, seed: number): FuzzCase {
  const rng = createRng(seed);
  let files = corpus.pick(rng).map((f) => ({ ...f }));
  const mutations: string[] = [];
  const count = rng.pick([1, 1, 1, 2, 2, 3, 4]);
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    if (r < 0.1) {
      const [, mutator] = rng.pick(Object.entries(FILE_MUTATORS));
      const result = mutator(files, rng);
      if (result) {
        files = result.files;
        mutations.push(result.note);
      }
      continue;
    }
    const index = rng.int(0, files.length - 1);
    const file = files[index]!;
    const result = (r < 0.68 ? treeMutation(file, rng) : undefined) ?? textMutation(file, rng);
    files[index] = { file: file.file, text: result.text };
    mutations.push(`${file.file}: ${result.note}`);
  }
  return { seed, files, mutations };
}
