// spec-mutators: mutations aimed at the semantic rules (collisions, path parameters) and at YAML anchors and aliases.
import { isMap, isScalar, isSeq, type Document, type Scalar } from "yaml";
import type { Slot, TreeMutator } from "./tree-mutators.js";

const methodSlots = (all: Slot[]) => all.filter((s) => s.path.length === 2 && s.path[0] === "methods" && isMap(s.node));

export const SPEC_MUTATORS: Record<string, TreeMutator> = {
  duplicateMethod(_doc, rng, all) {
    const list = all.find((x) => x.path.length === 1 && x.path[0] === "methods")?.node;
    const methods = methodSlots(all);
    const m = methods.length ? rng.pick(methods) : undefined;
    if (!m || !isSeq(list) || !isMap(m.node)) return;
    const copy = m.node.clone();
    if (rng.chance(0.5) && isMap(copy)) copy.set("name", `${String(copy.get("name"))}Copy`);
    list.items.push(copy);
    return `duplicateMethod ${m.path.join(".")}`;
  },
  collideNames(doc, rng, all) {
    const methods = methodSlots(all);
    if (methods.length < 1) return;
    const a = rng.pick(methods).node as Document["contents"];
    const b = rng.pick(methods).node as Document["contents"];
    if (!isMap(a) || !isMap(b)) return;
    const what = rng.pick(["route", "name", "nsMethod", "typeName", "reserved"] as const);
    if (what === "route")
      a.set(
        "http",
        doc.createNode({ method: b.getIn(["http", "method"]) ?? "GET", path: b.getIn(["http", "path"]) ?? "/x" }),
      );
    else if (what === "name") a.set("name", b.get("name"));
    else if (what === "nsMethod") a.set("namespace", `${String(b.get("namespace"))}.${String(b.get("name"))}`);
    else if (what === "typeName")
      a.set(
        "namespace",
        String(b.get("namespace"))
          .replace(/\.(\w+)$/, (_m, seg: string) => `${seg.charAt(0).toUpperCase()}${seg.slice(1)}`)
          .replace(/^(\w)/, (c) => c.toLowerCase()),
      );
    else a.set("namespace", rng.pick(["auth", "then", "auth.sub", "x.constructor", "x.prototype"]));
    return `collideNames ${what}`;
  },
  pathParam(doc, rng, all) {
    const paths = all.filter(
      (x) => x.path.length === 4 && x.path[2] === "http" && x.path[3] === "path" && isScalar(x.node),
    );
    if (!paths.length) return;
    const slot = rng.pick(paths);
    const node = slot.node as Scalar;
    const param = rng.pick(["id", "__proto__", "constructor", "new", "a_b", "x"]);
    const value = rng.chance(0.3) ? `${String(node.value)}/{${param}}/{${param}}` : `${String(node.value)}/{${param}}`;
    const next = doc.createNode(value) as Scalar;
    // Block and quoted scalars move the text away from where the key starts: positions must still land in the file.
    next.type = rng.pick(["PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_FOLDED", "BLOCK_LITERAL"] as const);
    slot.set(next);
    const request = all.find(
      (x) => x.path.length === 3 && x.path[0] === "methods" && x.path[1] === slot.path[1] && x.path[2] === "request",
    );
    if (request && isMap(request.node) && rng.chance(0.6)) {
      request.node.set("type", "object");
      request.node.setIn(
        ["properties", param],
        doc.createNode({ type: rng.pick(["string", "integer", "object", "boolean"]) }),
      );
      if (rng.chance(0.7)) request.node.set("required", doc.createNode([param]));
    }
    return `pathParam {${param}} as ${next.type}`;
  },
  aliasCycle(doc, rng, all) {
    const maps = all.filter((x) => isMap(x.node));
    const s = maps.length ? rng.pick(maps) : undefined;
    if (!s || !isMap(s.node)) return;
    const anchor = doc.createAlias(s.node, "loop");
    s.node.set(rng.pick(["properties", "items", "x-loop"]), rng.chance(0.5) ? anchor : doc.createNode({ a: anchor }));
    return `aliasCycle at ${s.path.join(".")}`;
  },
  aliasMany(doc, rng, all) {
    const target = all.find((x) => isMap(x.node) && x.path.includes("properties"));
    const host = all.find((x) => x.path[x.path.length - 1] === "properties" && isMap(x.node));
    if (!target || !host || !isMap(host.node) || target.node === host.node) return;
    const n = rng.pick([3, 60, 101, 400]);
    for (let i = 0; i < n; i++) host.node.set(`alias${i}`, doc.createAlias(target.node as never, "shared"));
    return `aliasMany ${n}`;
  },
};
