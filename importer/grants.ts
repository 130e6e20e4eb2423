// grants: the grants table (permission id → identities, with a source per line) read from YAML and checked.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { IDENTITIES, isIdentity, missingIncluders, ordered, type Identity } from "../core/identity.js";
import { ImportError } from "./errors.js";

export interface Grant {
  readonly identities: readonly Identity[];
  readonly source: string;
  readonly note?: string;
}
export interface GrantsTable {
  /** File the table came from, for provenance and messages. */
  readonly file: string;
  readonly grants: ReadonlyMap<string, Grant>;
}

const PERMISSION = /^[A-Za-z0-9_.:-]+$/;

/** The table shipped with wix-authz (importer/default-grants.yaml; also found from dist/importer/). */
export function defaultGrantsFile(): string {
  const candidates = ["./default-grants.yaml", "../../importer/default-grants.yaml"].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

export function loadGrants(file: string): GrantsTable {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ImportError(
      "IMPORT_BAD_GRANTS",
      `Cannot read grants file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = parse(text, { uniqueKeys: true });
  } catch (err) {
    throw new ImportError("IMPORT_BAD_GRANTS", `${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  return { file, grants: parseGrants(data, file) };
}

function parseGrants(data: unknown, file: string): Map<string, Grant> {
  const bad = (where: string, what: string): ImportError =>
    new ImportError("IMPORT_BAD_GRANTS", `${file}: ${where}: ${what}`);
  const table = (data as { grants?: unknown } | null)?.grants;
  if (!table || typeof table !== "object" || Array.isArray(table))
    throw bad("grants", "expected a top-level `grants:` mapping of permission id → { identities, source }");
  const out = new Map<string, Grant>();
  for (const [permission, raw] of Object.entries(table)) {
    const where = `grants.${permission}`;
    if (!PERMISSION.test(permission)) throw bad(where, "a permission id has only letters, digits and _ . : -");
    const entry = (raw ?? {}) as { identities?: unknown; source?: unknown; note?: unknown };
    if (!Array.isArray(entry.identities) || entry.identities.length === 0)
      throw bad(where, `identities must be a non-empty list of ${IDENTITIES.join(", ")}`);
    const unknown = (entry.identities as unknown[]).find((i) => !isIdentity(i));
    if (unknown !== undefined)
      throw bad(where, `unknown identity ${JSON.stringify(unknown)}; expected one of ${IDENTITIES.join(", ")}`);
    const identities = ordered(entry.identities as Identity[]);
    const [broken] = missingIncluders(identities);
    if (broken)
      throw bad(
        where,
        `grants ${broken[0]} but not ${broken[1]}; ${broken[1]}s can call everything ${broken[0]}s can, add ${broken[1]}`,
      );
    if (typeof entry.source !== "string" || entry.source.trim() === "")
      throw bad(where, "source is required: the page or sentence that says Wix grants this permission");
    const note = typeof entry.note === "string" ? entry.note : undefined;
    out.set(permission, { identities, source: entry.source, ...(note ? { note } : {}) });
  }
  return out;
}
