// config: finds wix-authz.config.json (the working directory, then each parent), checks it against
// config/schema.json with ajv and resolves its paths against its own folder. Every command reads it; flags win.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Ajv, ErrorObject } from "ajv";
import { ConfigError } from "../core/diagnostics.js";
import { CONFIG_FILE, UNSUPPORTED_CONFIG_FILES, type ConfigFile, type ProjectConfig } from "../core/config.js";
import { displayPath } from "../generator/files.js";

/** config/schema.json, through the package's own export (sources and dist/ alike). */
export function configSchema(): Record<string, unknown> & { properties: Record<string, { description?: string }> } {
  return createRequire(import.meta.url)("wix-authz/config/schema.json") as ReturnType<typeof configSchema>;
}

let validator: ReturnType<Ajv["compile"]> | undefined;

/** The config file for `cwd`: `explicit` (--config) if given, else the nearest wix-authz.config.json upward. */
export function findConfigFile(cwd: string, explicit?: string): string | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(`Config file not found: ${displayPath(file, cwd)} (--config).`);
    return file;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    const other = UNSUPPORTED_CONFIG_FILES.find((name) => existsSync(path.join(dir, name)));
    if (other)
      throw new ConfigError(
        `${displayPath(path.join(dir, other), cwd)}: wix-authz reads its configuration from ${CONFIG_FILE} only (JSON: the CLI runs on plain Node with no TypeScript or module loader, and editors check the JSON against its schema). Move the settings to ${CONFIG_FILE}.`,
      );
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Reads and checks the nearest config (or `explicit`); undefined when there is none. */
export async function loadProjectConfig(cwd: string, explicit?: string): Promise<ProjectConfig | undefined> {
  const file = findConfigFile(cwd, explicit);
  return file === undefined ? undefined : readProjectConfig(file, cwd);
}

export async function readProjectConfig(file: string, cwd: string): Promise<ProjectConfig> {
  const shown = displayPath(file, cwd);
  const text = await readFile(file, "utf8");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${shown}${jsonErrorPosition(text, error)}: not valid JSON (${(error as Error).message}).`);
  }
  // ajv loads only when there is a config to check: every command reads this module, most runs have no config.
  validator ??= new (await import("ajv")).Ajv({ allErrors: true, strict: true, verbose: true }).compile(configSchema());
  if (!validator(data)) {
    const lines = usefulErrors(validator.errors ?? []).map((e) => `  ${describe(e, data)}`);
    throw new ConfigError(`${shown} is not a valid wix-authz config:\n${lines.join("\n")}`);
  }
  const config = data as ConfigFile;
  const dir = path.dirname(file);
  const abs = (p: string) => path.resolve(dir, p);
  const spec = config.spec === undefined ? undefined : typeof config.spec === "string" ? [config.spec] : config.spec;
  return {
    file,
    dir,
    ...(spec && { spec: spec.map(abs) }),
    overrides: config.overrides ?? [],
    ...(config.out !== undefined && { out: abs(config.out) }),
    ...(config.prettier !== undefined && {
      prettier: typeof config.prettier === "string" ? abs(config.prettier) : config.prettier,
    }),
    ...(config.strictFacts !== undefined && { strictFacts: config.strictFacts }),
    ...(config.catalogue && { catalogue: { dir: abs(config.catalogue.dir), select: config.catalogue.select } }),
    ...(config.import?.out !== undefined && { importOut: abs(config.import.out) }),
    ...(config.emulate && { emulate: config.emulate }),
  };
}

/** `:line:column` of a JSON.parse failure, when the engine's message gives its position. */
function jsonErrorPosition(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return `:${lc[1]}:${lc[2]}`;
  const pos = /position (\d+)/.exec(message);
  if (!pos) return "";
  const before = text.slice(0, Number(pos[1])).split("\n");
  return `:${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** Drops oneOf summaries when a branch error explains the value (as the spec validator does). */
function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const out: ErrorObject[] = [];
  for (const list of byPath.values()) {
    const types = list.filter((e) => e.keyword === "type" || e.keyword === "oneOf");
    const rest = list.filter((e) => e.keyword !== "type" && e.keyword !== "oneOf");
    out.push(...rest);
    if (rest.length === 0 && types.length > 0) out.push(types.find((e) => e.keyword === "oneOf") ?? types[0]!);
  }
  return out;
}

function keyOf(instancePath: string): string {
  if (instancePath === "") return "the top level";
  const parts = instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  return `"${parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join("")}"`;
}

function valueAt(data: unknown, instancePath: string): unknown {
  let v = data;
  for (const seg of instancePath.slice(1).split("/").filter(Boolean))
    v = v == null ? undefined : (v as Record<string, unknown>)[seg.replace(/~1/g, "/").replace(/~0/g, "~")];
  return v;
}

/** What the schema expects at a path, from its own words (the property's description or type). */
function expected(e: ErrorObject): string {
  const schema = e.parentSchema as { description?: string; type?: string; oneOf?: { type?: string }[] } | undefined;
  if (e.keyword === "oneOf" && schema?.oneOf)
    return schema.oneOf.map((s) => (s.type === "array" ? "a list" : `a ${s.type ?? "value"}`)).join(" or ");
  const type = String((e.params as { type?: unknown }).type ?? schema?.type ?? "value");
  return type === "array" ? "a list" : type === "integer" ? "a whole number" : `a ${type}`;
}

function describe(e: ErrorObject, data: unknown): string {
  const key = keyOf(e.instancePath);
  const got = JSON.stringify(valueAt(data, e.instancePath));
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).join(", ");
      const name = String(p.additionalProperty);
      const hint = /import.*(ext|style)|extension/i.test(name)
        ? " (generated code imports its siblings as ./x.js, which every bundler and nodenext resolve: there is no import style to choose)"
        : "";
      return `unknown key "${name}" in ${key}${hint}; expected one of: ${allowed}`;
    }
    case "required":
      return `${key} is missing the key "${String(p.missingProperty)}"`;
    case "type":
    case "oneOf":
      return `${key} must be ${expected(e)}, got ${got}`;
    case "pattern":
      return `${key} must be a method id such as "stores.productsV3.queryProducts" (namespace.name), got ${got}`;
    case "minItems":
      return `${key} must not be empty`;
    case "minLength":
      return `${key} must not be an empty string`;
    case "uniqueItems":
      return `${key} lists the same value twice`;
    case "minimum":
    case "maximum":
      return `${key} must be ${e.message ?? "in range"}, got ${got}`;
    default:
      return `${key}: ${e.message ?? e.keyword}, got ${got}`;
  }
}
