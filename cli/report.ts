// report: how results and failures read on the terminal (shared by the CLI commands and watch mode).
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, SpecError, formatDiagnostic, type Diagnostic } from "../core/diagnostics.js";

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

/** Exit codes: 0 ok, 1 user error or stale output, 2 internal error. */
export const EXIT = { ok: 0, user: 1, internal: 2 } as const;

/** The code of an override note (generator/sources.ts; kept here so reporting loads no generator code). */
const OVERRIDE_NOTE = "SPEC_METHOD_OVERRIDE";

/**
 * Warnings on stderr, like errors (source line and caret), then one count line; they never change the exit code.
 * Overrides (a later spec source's method replacing an earlier one's, as the config allows) are listed first, one
 * line each, so that a catalogue method hidden by the user's own is never silent.
 */
export function reportWarnings(all: readonly Diagnostic[], io: Io): void {
  const overrides = all.filter((d) => d.code === OVERRIDE_NOTE);
  for (const d of overrides) io.stderr(`override: ${d.file}:${d.line}:${d.column} ${d.message}\n`);
  const warnings = all.filter((d) => d.code !== OVERRIDE_NOTE);
  if (warnings.length === 0) return;
  const texts = new Map<string, string | undefined>();
  const source = (file: string) => {
    if (!texts.has(file))
      texts.set(
        file,
        (() => {
          try {
            return readFileSync(path.resolve(io.cwd, file), "utf8");
          } catch {
            return undefined;
          }
        })(),
      );
    return texts.get(file);
  };
  for (const d of warnings) io.stderr(formatDiagnostic(d, source(d.file)) + "\n");
  const n = warnings.length;
  io.stderr(
    `Found ${n} warning${n === 1 ? "" : "s"}: the spec disagrees with Wix's documented identities (--strict-facts makes them errors).\n`,
  );
}

export function reportFailure(error: unknown, io: Io): number {
  if (error instanceof SpecError) {
    for (const d of error.diagnostics) io.stderr(formatDiagnostic(d, error.sources.get(d.file)) + "\n");
    const n = error.diagnostics.length;
    const files = new Set(error.diagnostics.map((d) => d.file)).size;
    io.stderr(
      `Found ${n} error${n === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}. Nothing was written.\n`,
    );
    return EXIT.user;
  }
  if (error instanceof ConfigError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT.user;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(`internal error: wix-authz failed unexpectedly. Please report this with the output below.\n${detail}\n`);
  return EXIT.internal;
}

/** `3 files written, 2 unchanged, 1 stale removed`: one line for a generate run. */
export function summary(written: number, unchanged: number, removed: number): string {
  const parts = [`${written} file${written === 1 ? "" : "s"} written`, `${unchanged} unchanged`];
  if (removed) parts.push(`${removed} stale removed`);
  return parts.join(", ");
}
