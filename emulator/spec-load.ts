// spec-load: the emulator's cold load — the generator's parser, validator and normalizer, one file at a time. Each
// text is decoded from its bytes only while it is parsed, and its data is detached from it (fresh JSON strings, not
// slices of the text), so no spec text stays in the heap: a cold catalogue start peaks ~6 MB lower. A problem is
// reported by the generator's own path (positions from the text, decoded again), so diagnostics are unchanged.
import type { ApiModel } from "../core/model.js";
import type { SpecBytes, SpecInput } from "../generator/files.js";
import { mergeParsed, parseFast, parseSpecTexts, type LoadedFile } from "../generator/load.js";
import { modelFromLoaded } from "../generator/load-model.js";

/**
 * Loads, validates and normalizes as loadApiModel does (SpecError listing every problem), from the files' bytes.
 * `step` runs after each file's parse and after its detach, the bulk of the load's allocation: where the caller
 * (spec-source) decides to hold V8's new space (young-generation.ts).
 */
export function modelFromBytes(
  files: readonly SpecBytes[],
  overrides: readonly string[],
  step: () => void = () => undefined,
): ApiModel {
  const inputs: SpecInput[] = files.map((f) => ({
    file: f.file,
    ...(f.source !== undefined && { source: f.source }),
    get text() {
      return f.bytes.toString("utf8");
    },
  }));
  const loaded: LoadedFile[] = [];
  for (const input of [...inputs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const data = parseFast(input.file, input.text);
    step();
    // The careful parser decides for the whole spec, exactly as generate reads it.
    if (data === undefined) return modelFromLoaded(parseSpecTexts(decoded(inputs), { overrides }));
    loaded.push(detachedFile(input, detach(data)));
    step();
  }
  return modelFromLoaded(mergeParsed({ files: loaded, diagnostics: [] }, inputs, { overrides }));
}

/** The inputs with their texts decoded (spreading reads each text getter once). */
const decoded = (inputs: readonly SpecInput[]): SpecInput[] => inputs.map((i) => ({ ...i }));

/** A loaded file holding its bytes, not its text: the text and the position-keeping document are made when asked. */
function detachedFile(input: SpecInput, data: unknown): LoadedFile {
  let full: LoadedFile | undefined;
  const positions = () => (full ??= parseSpecTexts([{ file: input.file, text: input.text }]).files[0]!);
  return {
    file: input.file,
    data,
    get text() {
      return input.text;
    },
    get doc() {
      return positions().doc;
    },
    get lineCounter() {
      return positions().lineCounter;
    },
  };
}

/**
 * The data as fresh JSON values when JSON holds it exactly (no non-finite number, no -0: js-yaml's core schema makes
 * nothing else): strings parsed from the text are slices that keep the whole text alive; JSON.parse's are not.
 */
function detach(data: unknown): unknown {
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0))) return data;
    if (typeof value === "object" && value !== null) for (const v of Object.values(value)) stack.push(v);
  }
  return JSON.parse(JSON.stringify(data)) as unknown;
}
