// context: what every command gets from main.ts (output, working directory, a stop signal) and the shared options.
import { InvalidArgumentError, Option } from "commander";
import type { Io } from "./report.js";

export interface CliContext extends Io {
  /** Resolves when the user asks a long-running command (watch, emulate) to stop (Ctrl-C, SIGTERM). */
  readonly waitForStop: () => Promise<void>;
}

/** How a command reports a non-zero exit without throwing (e.g. `check` on stale output). */
export type SetExit = (code: number) => void;

/** `--spec` once: a second one used to be dropped silently (a folder holds any number of files, subfolders too). */
export const specOption = (): Option => {
  let given = false;
  return new Option("--spec <path>", "spec folder (every *.yaml in it and its subfolders) or a single spec file")
    .default("spec")
    .argParser((value: string) => {
      if (given)
        throw new InvalidArgumentError(
          "--spec may be given once; put every spec file in one folder (subfolders are read too).",
        );
      given = true;
      return value;
    });
};

export const outOption = (): Option =>
  new Option("--out <dir>", "output folder for the generated clients").default("generated");

export const strictFactsOption = (): Option =>
  new Option(
    "--strict-facts",
    "fail (exit 1) when a method disagrees with the identities Wix documents (facts/identities); warn otherwise",
  );
