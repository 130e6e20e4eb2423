// inject-mutators: put hostile text, reserved words and global type names into every spec slot that reaches the output.
import { isMap, isScalar, Scalar, type Pair } from "yaml";
import { GLOBAL_TYPE_NAMES, HOSTILE_KEYS, INJECTION_TEXTS, RESERVED_WORDS } from "../../test/support/payloads.js";
import { last, named, pathHas, pickSlot, type TreeMutator } from "./tree-mutators.js";

export function injectionMutators(): Record<string, TreeMutator> {
  const text =
    (keys: readonly string[]): TreeMutator =>
    (doc, rng, all) => {
      const s = pickSlot(all, rng, (x) => keys.includes(String(last(x))) && isScalar(x.node));
      if (!s) return;
      s.set(doc.createNode(rng.pick(INJECTION_TEXTS)));
      return `injectText ${s.path.join(".")}`;
    };
  return {
    injectText: text([
      "description",
      "title",
      "source",
      "note",
      "rule",
      "fqn",
      "reason",
      "replacedBy",
      "format",
      "pattern",
    ]),
    injectName: (doc, rng, all) => {
      const s = pickSlot(all, rng, (x) => (named("name")(x) || named("namespace")(x)) && isScalar(x.node));
      if (!s) return;
      const word = rng.pick(RESERVED_WORDS);
      const value =
        named("namespace")(s) && rng.chance(0.5)
          ? `${String((s.node as Scalar).value)}.${word}`
          : rng.chance(0.8)
            ? word
            : rng.pick(INJECTION_TEXTS);
      s.set(doc.createNode(value));
      return `injectName ${s.path.join(".")} = ${JSON.stringify(value)}`;
    },
    injectEnum: (doc, rng, all) => {
      const s = pickSlot(all, rng, (x) => isMap(x.node) && (pathHas(x, "properties") || pathHas(x, "schemas")));
      if (!s || !isMap(s.node)) return;
      const key = rng.pick(["enum", "const"]);
      s.node.set(
        key,
        doc.createNode(
          key === "enum" ? [rng.pick(INJECTION_TEXTS), rng.pick(INJECTION_TEXTS)] : rng.pick(INJECTION_TEXTS),
        ),
      );
      return `injectEnum ${key} at ${s.path.join(".")}`;
    },
    injectProperty: (doc, rng, all) => {
      const s = pickSlot(all, rng, (x) => named("properties")(x) && isMap(x.node));
      if (!s || !isMap(s.node)) return;
      const key = rng.pick([...HOSTILE_KEYS, ...INJECTION_TEXTS]);
      s.node.items.push(
        doc.createPair(key, {
          type: rng.pick(["string", "object", "integer"]),
          description: rng.pick(INJECTION_TEXTS),
        }) as Pair,
      );
      return `injectProperty ${JSON.stringify(key)} at ${s.path.join(".")}`;
    },
    injectSchemaName: (doc, rng, all) => {
      const s = pickSlot(all, rng, (x) => x.path.length === 2 && x.path[0] === "schemas" && !!x.pair);
      if (!s?.pair) return;
      const name = rng.pick(GLOBAL_TYPE_NAMES);
      s.pair.key = new Scalar(name);
      if (rng.chance(0.7))
        for (const r of all.filter(
          (x) => named("$ref")(x) && isScalar(x.node) && (x.node as Scalar).value === `#/schemas/${String(last(s))}`,
        ))
          r.set(doc.createNode(`#/schemas/${name}`));
      return `injectSchemaName ${String(last(s))} → ${name}`;
    },
  };
}
