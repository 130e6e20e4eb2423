// A browser app's esbuild split build, and which of its outputs a browser loads before the app's code runs
// (bench/bundle.ts and the e2e bundle test build and read the initial load the same way).
import { build, type BuildResult, type Metafile } from "esbuild";

/** How a production browser build bundles (minified ESM for current browsers, in memory), split or not. */
export const BROWSER_BUNDLE = {
  bundle: true,
  minify: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  write: false,
  logLevel: "silent",
} as const;

/** The app at `entry` as a browser build splits it (minified ESM, in memory), and its initial outputs. */
export async function browserBuild(
  entry: string,
  outdir: string,
  workingDir: string,
  conditions?: string[],
): Promise<{ result: BuildResult<{ write: false; metafile: true }>; initial: Set<string> }> {
  const result = await build({
    ...BROWSER_BUNDLE,
    entryPoints: [entry],
    splitting: true,
    outdir,
    absWorkingDir: workingDir,
    metafile: true,
    ...(conditions && { conditions }),
  });
  return { result, initial: initialOutputs(result.metafile) };
}

/** Outputs the entry imports statically, transitively: what a browser loads before the app's code runs. */
export function initialOutputs(metafile: Metafile): Set<string> {
  // esbuild gives each dynamic-import chunk an entryPoint too: the app's entry is the one no output imports.
  const imported = new Set(Object.values(metafile.outputs).flatMap((o) => o.imports.map((i) => i.path)));
  const entry = Object.keys(metafile.outputs).find(
    (file) => metafile.outputs[file]!.entryPoint !== undefined && !imported.has(file),
  );
  if (entry === undefined) throw new Error("bundle: the build has no entry output");
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const i of metafile.outputs[file]!.imports) if (i.kind === "import-statement" && !i.external) visit(i.path);
  };
  visit(entry);
  return initial;
}
