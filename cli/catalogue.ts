// catalogue: the shipped catalogue (catalogue/spec/*.yaml, the import of the pinned @wix/auto_sdk_* packages) as
// `wix-authz init` selects from it: by domain (`stores`: the namespace's first segment), package
// (`@wix/auto_sdk_stores_products-v-3`, or its namespace `stores.productsV3`) or method
// (`stores.productsV3.queryProducts`). A selection brings the shared schemas its methods need — the `$ref` closure
// over `#/schemas/…`, across files — and nothing else. The copies keep the catalogue's text (comments, provenance).
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { isMap, isSeq, parseDocument, type Document } from "yaml";
import { ConfigError } from "../core/diagnostics.js";

export interface CatalogueFile {
  /** File name, e.g. `stores.productsV3.yaml`. */
  readonly name: string;
  readonly text: string;
  /** The npm package it was imported from (its header says so), e.g. `@wix/auto_sdk_stores_products-v-3`. */
  readonly packageName: string;
  readonly version: string;
  /** Namespaces of its methods (one per package today). */
  readonly namespaces: readonly string[];
  /** Method ids, in file order. */
  readonly methods: readonly string[];
  /** Shared schema names defined here. */
  readonly schemas: readonly string[];
  /** `$ref` targets of each method and each schema (by id or name). */
  readonly refs: ReadonlyMap<string, readonly string[]>;
}

export interface Catalogue {
  readonly dir: string;
  readonly files: readonly CatalogueFile[];
  /** Domains (first namespace segment), sorted. */
  readonly domains: readonly string[];
}

/** catalogue/spec of the running wix-authz package (sources and dist/ alike: through its package.json). */
export function shippedCatalogueDir(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve("wix-authz/package.json")), "catalogue/spec");
}

const HEADER = /^# Imported from (@wix\/[^@\s]+)@(\S+) /m;

function refsIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith("#/schemas/")) out.add(v.slice("#/schemas/".length));
      else refsIn(v, out);
    }
  return out;
}

export function readCatalogue(dir = shippedCatalogueDir()): Catalogue {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(".yaml"))
    .sort();
  const files = names.map((name): CatalogueFile => {
    const text = readFileSync(path.join(dir, name), "utf8");
    const data = (parseDocument(text).toJS() ?? {}) as {
      methods?: { namespace: string; name: string; request?: unknown; response?: unknown }[];
      schemas?: Record<string, unknown>;
    };
    const header = HEADER.exec(text);
    const refs = new Map<string, string[]>();
    const methods = (data.methods ?? []).map((m) => {
      const id = `${m.namespace}.${m.name}`;
      refs.set(id, [...refsIn(m, new Set())]);
      return id;
    });
    for (const [schema, body] of Object.entries(data.schemas ?? {}))
      refs.set(`#${schema}`, [...refsIn(body, new Set())]);
    return {
      name,
      text,
      packageName: header?.[1] ?? name.replace(/\.yaml$/, ""),
      version: header?.[2] ?? "",
      namespaces: [...new Set((data.methods ?? []).map((m) => m.namespace))],
      methods,
      schemas: Object.keys(data.schemas ?? {}),
      refs,
    };
  });
  const domains = [...new Set(files.flatMap((f) => f.namespaces.map((n) => n.split(".")[0]!)))].sort();
  return { dir, files, domains };
}

/** Method ids a selection names; every item that names nothing is reported at once, with what exists. */
export function selectMethods(catalogue: Catalogue, items: readonly string[]): Set<string> {
  const selected = new Set<string>();
  const unknown: string[] = [];
  const allMethods = new Set(catalogue.files.flatMap((f) => f.methods));
  for (const raw of items) {
    const item = raw.trim().replace(/@\d[^/]*$/, "");
    const byPackage = catalogue.files.filter((f) => f.packageName === item || f.namespaces.includes(item));
    const byDomain = catalogue.files.filter((f) => f.namespaces.some((n) => n.split(".")[0] === item));
    if (byPackage.length > 0) for (const f of byPackage) f.methods.forEach((m) => selected.add(m));
    else if (!item.includes(".") && byDomain.length > 0)
      for (const f of byDomain) f.methods.filter((m) => m.split(".")[0] === item).forEach((m) => selected.add(m));
    else if (allMethods.has(item)) selected.add(item);
    else unknown.push(raw);
  }
  if (unknown.length > 0)
    throw new ConfigError(
      `${unknown.map((u) => `"${u}"`).join(", ")} ${unknown.length === 1 ? "is" : "are"} not in the catalogue. Select a domain (${catalogue.domains.join(", ")}), a package (e.g. ${catalogue.files[0]?.packageName ?? "@wix/auto_sdk_…"} or its namespace ${catalogue.files[0]?.namespaces[0] ?? ""}) or a method (e.g. ${catalogue.files[0]?.methods[0] ?? ""}). \`wix-authz init --list\` lists them all.`,
    );
  return selected;
}

/** The shared schemas the methods need: their `$ref`s, and those schemas' `$ref`s, to the end. */
export function schemaClosure(catalogue: Catalogue, methods: ReadonlySet<string>): Set<string> {
  const refs = new Map<string, readonly string[]>();
  for (const f of catalogue.files) for (const [k, v] of f.refs) refs.set(k, v);
  const needed = new Set<string>();
  const queue = [...methods].flatMap((m) => refs.get(m) ?? []);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (needed.has(name)) continue;
    needed.add(name);
    queue.push(...(refs.get(`#${name}`) ?? []));
  }
  return needed;
}

export interface CopiedFile {
  readonly name: string;
  readonly text: string;
  readonly methods: number;
  readonly schemas: number;
}

/**
 * The selected part of each catalogue file, its editor comment pointing at `schemaRef` and a line saying where it
 * came from. A file copied whole keeps the catalogue's text byte for byte below the header.
 */
export function copySelection(
  catalogue: Catalogue,
  methods: ReadonlySet<string>,
  schemaRef: string,
  note: string,
): CopiedFile[] {
  const schemas = schemaClosure(catalogue, methods);
  const out: CopiedFile[] = [];
  for (const f of catalogue.files) {
    const keepMethods = f.methods.filter((m) => methods.has(m));
    const keepSchemas = f.schemas.filter((s) => schemas.has(s));
    if (keepMethods.length === 0 && keepSchemas.length === 0) continue;
    const whole = keepMethods.length === f.methods.length && keepSchemas.length === f.schemas.length;
    const body = whole ? f.text : pruned(f, new Set(keepMethods), new Set(keepSchemas));
    const text = body.replace(
      /^# yaml-language-server: \$schema=\S*\n/,
      `# yaml-language-server: $schema=${schemaRef}\n# ${note}\n`,
    );
    out.push({ name: f.name, text, methods: keepMethods.length, schemas: keepSchemas.length });
  }
  return out;
}

function pruned(f: CatalogueFile, methods: ReadonlySet<string>, schemas: ReadonlySet<string>): string {
  const doc: Document.Parsed = parseDocument(f.text);
  const seq = doc.get("methods");
  if (isSeq(seq)) {
    for (let i = seq.items.length - 1; i >= 0; i--) if (!methods.has(f.methods[i]!)) seq.items.splice(i, 1);
    if (seq.items.length === 0) doc.delete("methods");
  }
  const map = doc.get("schemas");
  if (isMap(map)) {
    map.items = map.items.filter((pair) => schemas.has(String((pair.key as { value?: unknown })?.value ?? pair.key)));
    if (map.items.length === 0) doc.delete("schemas");
  }
  return doc.toString({ lineWidth: 0 });
}
