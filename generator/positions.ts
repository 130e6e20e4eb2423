// positions: JSON path inside a loaded YAML file → line and column of the node (or its key).
import type { Node, Pair } from "yaml";
import { carefulYaml } from "./careful-yaml.js";
import type { LoadedFile } from "./loaded.js";

export type JsonPath = readonly (string | number)[];

interface Located {
  readonly node?: Node;
  readonly key?: Node;
}

function locate(file: LoadedFile, jsonPath: JsonPath): Located {
  const { isMap, isPair, isScalar, isSeq } = carefulYaml();
  let current: unknown = file.doc.contents;
  let key: Node | undefined;
  for (const segment of jsonPath) {
    if (isMap(current)) {
      const pair = current.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { node: current as Node, key };
      key = pair.key as Node;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === "number") {
      const item = current.items[segment];
      if (item === undefined) return { node: current as Node };
      key = undefined;
      current = isPair(item) ? item.value : item;
    } else {
      break;
    }
  }
  return { node: (current ?? undefined) as Node | undefined, key };
}

/** Position of the value at `jsonPath` (or the nearest existing ancestor). `preferKey` points at the key instead. */
export function positionOf(file: LoadedFile, jsonPath: JsonPath, preferKey = false): { line: number; column: number } {
  const { node, key } = locate(file, jsonPath);
  const target = preferKey && key ? key : (node ?? key);
  const offset = target?.range?.[0] ?? 0;
  const pos = file.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Renders a JSON path the way users read it: methods[3].http.path */
export function formatPath(jsonPath: JsonPath): string {
  let out = "";
  for (const seg of jsonPath) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += /^[A-Za-z_$][\w$]*$/.test(seg) ? (out ? `.${seg}` : seg) : `[${JSON.stringify(seg)}]`;
  }
  return out || "(root)";
}
