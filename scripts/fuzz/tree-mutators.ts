// tree-mutators: structural mutations of one parsed spec file (yaml Document API), each a plausible author mistake or attack.
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Document, type Pair } from "yaml";
import { GLOBAL_TYPE_NAMES, HOSTILE_KEYS, INJECTION_TEXTS, WEIRD_SCALARS } from "../../test/support/payloads.js";
import type { Rng } from "./rng.js";

type Path = readonly (string | number)[];

/** A value slot in the tree: where it is, and how to replace or remove it. */
export interface Slot {
  readonly path: Path;
  readonly node: unknown;
  readonly pair?: Pair;
  readonly parent?: YAMLMap | YAMLSeq;
  set(value: unknown): void;
}

export function slots(doc: Document): Slot[] {
  const out: Slot[] = [];
  const walk = (node: unknown, path: Path) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : "?";
        const p = [...path, key];
        out.push({ path: p, node: pair.value, pair, parent: node, set: (v) => (pair.value = v) });
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = [...path, i];
        out.push({ path: p, node: item, parent: node, set: (v) => (node.items[i] = v) });
        walk(item, p);
      });
    }
  };
  walk(doc.contents, []);
  return out;
}

export const last = (s: Slot) => s.path[s.path.length - 1];
export const pathHas = (s: Slot, key: string) => s.path.includes(key);
export const named = (key: string) => (s: Slot) => last(s) === key;

function valueNode(doc: Document, rng: Rng): unknown {
  const text = rng.pick(WEIRD_SCALARS);
  const parsed = parseDocument(`v: ${text}\n`, { uniqueKeys: false });
  const node = isMap(parsed.contents) ? parsed.contents.items[0]?.value : undefined;
  return node ?? doc.createNode(text);
}

function randomValue(doc: Document, rng: Rng): unknown {
  switch (rng.int(0, 9)) {
    case 0:
      return doc.createNode(rng.pick(INJECTION_TEXTS));
    case 1:
      return doc.createNode(rng.int(-5, 1e6));
    case 2:
      return doc.createNode(rng.chance(0.5));
    case 3:
      return doc.createNode(null);
    case 4:
      return new YAMLSeq();
    case 5:
      return new YAMLMap();
    case 6:
      return doc.createNode([rng.pick(HOSTILE_KEYS), 1]);
    case 7:
      return doc.createNode({ [rng.pick(HOSTILE_KEYS)]: rng.pick(INJECTION_TEXTS) });
    case 8:
      return doc.createNode("x".repeat(rng.size(120_000)));
    default:
      return valueNode(doc, rng);
  }
}

/** Deep nesting as flow text (the yaml printer is quadratic on deep block trees): replaces DEEP_MARK after printing. */
export const DEEP_MARK = "__fuzz_deep_nesting__";

export function deepText(depth: number, wrap: string): string {
  const open =
    {
      items: "{items: ",
      properties: "{properties: {a: ",
      allOf: "{allOf: [",
      additionalProperties: "{additionalProperties: ",
    }[wrap] ?? "{items: ";
  const close = { items: "}", properties: "}}", allOf: "]}", additionalProperties: "}" }[wrap] ?? "}";
  return `${open.repeat(depth)}{type: string}${close.repeat(depth)}`;
}

export type TreeMutator = (doc: Document, rng: Rng, all: Slot[]) => string | undefined;

export function pickSlot(all: Slot[], rng: Rng, filter: (s: Slot) => boolean = () => true): Slot | undefined {
  const list = all.filter(filter);
  return list.length ? rng.pick(list) : undefined;
}

export const TREE_MUTATORS: Record<string, TreeMutator> = {
  deleteKey(_doc, rng, all) {
    const s = pickSlot(all, rng, (x) => !!x.pair);
    if (!s?.pair || !isMap(s.parent)) return;
    s.parent.items.splice(s.parent.items.indexOf(s.pair), 1);
    return `deleteKey ${s.path.join(".")}`;
  },
  duplicateKey(doc, rng, all) {
    const s = pickSlot(all, rng, (x) => !!x.pair);
    if (!s?.pair || !isMap(s.parent)) return;
    const copy = s.pair.clone();
    if (rng.chance(0.5)) copy.value = randomValue(doc, rng);
    s.parent.items.splice(s.parent.items.indexOf(s.pair) + 1, 0, copy);
    return `duplicateKey ${s.path.join(".")}`;
  },
  renameKey(_doc, rng, all) {
    const s = pickSlot(all, rng, (x) => !!x.pair && isScalar(x.pair.key));
    if (!s?.pair) return;
    const old = String((s.pair.key as Scalar).value);
    const name =
      rng.chance(0.3) && old.length > 1
        ? old.slice(0, -1)
        : rng.pick([...HOSTILE_KEYS, ...GLOBAL_TYPE_NAMES, "items", "properties", "$ref", "enum", "x-note", "type"]);
    s.pair.key = new Scalar(name);
    return `renameKey ${s.path.join(".")} → ${JSON.stringify(name)}`;
  },
  retype(doc, rng, all) {
    const s = pickSlot(all, rng);
    if (!s) return;
    s.set(randomValue(doc, rng));
    return `retype ${s.path.join(".")}`;
  },
  emptyValue(doc, rng, all) {
    const s = pickSlot(all, rng);
    if (!s) return;
    s.set(rng.pick([() => doc.createNode(""), () => new YAMLMap(), () => new YAMLSeq(), () => doc.createNode(null)])());
    return `emptyValue ${s.path.join(".")}`;
  },
  unknownIdentity(doc, rng, all) {
    const s = pickSlot(all, rng, named("identities"));
    if (!s || !isSeq(s.node)) return;
    const bad = rng.pick(["guest", "Admin", "", "visitor ", "owner", "member", "__proto__"]);
    if (rng.chance(0.5) && s.node.items.length) s.node.items[rng.int(0, s.node.items.length - 1)] = doc.createNode(bad);
    else s.node.items.push(doc.createNode(bad));
    return `identity ${JSON.stringify(bad)} at ${s.path.join(".")}`;
  },
  danglingRef(doc, rng, all) {
    const target = rng.pick([
      "#/schemas/Nope",
      "#/schemas/",
      "#/definitions/Money",
      "other.yaml#/schemas/Money",
      "#/schemas/money",
      "#/schemas/Record",
      "#/schemas/__proto__",
      "#/schemas/Constructor",
    ]);
    const s = pickSlot(all, rng, named("$ref"));
    if (s && rng.chance(0.6)) s.set(doc.createNode(target));
    else {
      const at = pickSlot(
        all,
        rng,
        (x) =>
          isMap(x.node) &&
          (pathHas(x, "properties") || named("request")(x) || named("response")(x) || named("items")(x)),
      );
      if (!at) return;
      at.set(doc.createNode({ $ref: target }));
    }
    return `danglingRef ${target}`;
  },
  cyclicSchema(doc, rng, all) {
    const shape = rng.pick(["pure", "pair", "allOf", "oneOf", "anyOf", "items", "property", "additional"] as const);
    const ref = (n: string) => ({ $ref: `#/schemas/${n}` });
    const schemas: Record<string, unknown> = {
      pure: { Cyc: ref("Cyc") },
      pair: { Cyc: ref("Cyd"), Cyd: ref("Cyc") },
      allOf: { Cyc: { allOf: [ref("Cyc")] } },
      oneOf: { Cyc: { oneOf: [ref("Cyc"), { type: "string" }] } },
      anyOf: { Cyc: { anyOf: [ref("Cyd")] }, Cyd: { allOf: [ref("Cyc")] } },
      items: { Cyc: { type: "array", items: ref("Cyc") } },
      property: { Cyc: { type: "object", required: ["next"], properties: { next: ref("Cyc") } } },
      additional: { Cyc: { type: "object", additionalProperties: ref("Cyc") } },
    }[shape] as Record<string, unknown>;
    if (!isMap(doc.contents)) return;
    for (const [name, schema] of Object.entries(schemas)) doc.setIn(["schemas", name], doc.createNode(schema));
    const use = pickSlot(all, rng, (x) => named("request")(x) || named("response")(x));
    if (use && rng.chance(0.7)) use.set(doc.createNode(ref("Cyc")));
    return `cyclicSchema ${shape}${use ? ` used at ${use.path.join(".")}` : ""}`;
  },
  deepNesting(doc, rng, all) {
    const s = pickSlot(
      all,
      rng,
      (x) => isMap(x.node) && (pathHas(x, "schemas") || named("request")(x) || named("response")(x)),
    );
    if (!s) return;
    const depth = rng.pick([8, 8, 60, 300, 1000, 3000]);
    const wrap = rng.pick(["items", "properties", "allOf", "additionalProperties"]);
    s.set(doc.createNode(`${DEEP_MARK}${depth}:${wrap}`));
    return `deepNesting ${depth} ${wrap} at ${s.path.join(".")}`;
  },
  hugeValue(doc, rng, all) {
    const s = pickSlot(
      all,
      rng,
      (x) => isScalar(x.node) || named("properties")(x) || named("enum")(x) || named("identities")(x),
    );
    if (!s) return;
    // Collections stay ≤ 2000 items: validation time grows with the square of the error count (see the fuzz report).
    const n = rng.pick([100, 2000, 30_000]);
    const items = Math.min(n, 2000);
    if (named("properties")(s))
      s.set(doc.createNode(Object.fromEntries(Array.from({ length: items }, (_, i) => [`p${i}`, { type: "string" }]))));
    else if (isSeq(s.node))
      s.set(doc.createNode(Array.from({ length: items }, (_, i) => (rng.chance(0.5) ? `V${i}` : "member"))));
    else s.set(doc.createNode(rng.pick(["x", "ab{", "é", "/a"]).repeat(n)));
    return `hugeValue ${n} at ${s.path.join(".")}`;
  },
  weirdScalar(doc, rng, all) {
    const s = pickSlot(all, rng, (x) => isScalar(x.node));
    if (!s) return;
    s.set(valueNode(doc, rng));
    return `weirdScalar at ${s.path.join(".")}`;
  },
};
