// careful-yaml: the position-keeping `yaml` parser, loaded on first use. A spec the fast parser (js-yaml) reads
// without a problem never needs it, so a valid spec's load (validate, generate, the emulator's start) skips its
// module graph (about 2 MB and a tenth of a second of start-up).
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let loaded: typeof Yaml | undefined;

export function carefulYaml(): typeof Yaml {
  return (loaded ??= createRequire(import.meta.url)("yaml") as typeof Yaml);
}
