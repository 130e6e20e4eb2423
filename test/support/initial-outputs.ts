// Which outputs of an esbuild split build a browser loads before the app's code runs (bench/bundle.ts and the e2e
// bundle test read the initial load the same way).
import type { Metafile } from "esbuild";

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
