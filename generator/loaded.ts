// loaded: what the load stage hands on (parsed spec files with their positions), apart from the loader itself so that
// the stages reading it (positions, sources, validate) do not import the loader.
import type { Document, LineCounter } from "yaml";
import type { Diagnostic } from "../core/diagnostics.js";

export interface LoadedFile {
  /** Path shown to users: relative to cwd when inside it, posix separators. */
  readonly file: string;
  readonly text: string;
  /** The parsed value. */
  readonly data: unknown;
  /** YAML document with source ranges, parsed on first use. */
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export interface LoadedSpec {
  /** Sorted by `file`. */
  readonly files: readonly LoadedFile[];
  /** YAML syntax problems, and methods two spec sources define without an override. */
  readonly diagnostics: readonly Diagnostic[];
  /** One note per override (a later source's method replacing an earlier source's), to report; never errors. */
  readonly notes?: readonly Diagnostic[];
  /**
   * Data objects (`LoadedFile.data`) that passed the depth and shape checks in an earlier run, as read back from
   * generate's spec cache, each with what that run learnt of it. Such data is in the model's canonical form
   * (normalize.ts: object keys sorted, `required` lists sorted), which no rule's verdict depends on: validate skips
   * the two checks and the $ref walk for them (the cross-file rules still run on every file), and normalize freezes
   * them instead of copying. A run that finds a problem is checked again from the texts (run.ts), so its messages are
   * a cold run's.
   */
  readonly checked?: ReadonlyMap<unknown, CheckedFile>;
}

/** What an earlier run learnt of a spec file's data, kept beside it in generate's spec cache. */
export interface CheckedFile {
  /** Every `$ref` string in the data. */
  readonly refs: readonly string[];
  /** The hash of the file's part of types.d.ts's inputs (emit/index.ts, `typesDigests`). */
  readonly types: string;
}
