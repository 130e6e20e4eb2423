// corpus: the valid spec sets mutations start from (the real spec, the golden fixture, and a minimal one-method spec).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Rng } from "./rng.js";
import type { SpecInput } from "./oracle.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");

const MINIMAL = `methods:
  - name: getThing
    namespace: things
    description: Gets a thing.
    http: { method: GET, path: '/things/v1/things/{id}' }
    identities: [visitor, member, admin]
    permissions: [THINGS.READ]
    request: { type: object, required: [id], properties: { id: { type: string } } }
    response: { type: object, properties: { thing: { $ref: '#/schemas/Thing' } } }
    provenance: { source: minimal fuzz seed }
schemas:
  Thing: { type: object, properties: { id: { type: string }, kind: { enum: [A, B] } } }
`;

function readFolder(dir: string): SpecInput[] {
  return readdirSync(path.join(ROOT, dir))
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => ({ file: `spec/${n}`, text: readFileSync(path.join(ROOT, dir, n), "utf8") }));
}

export interface Corpus {
  /** Picks a starting set: mostly small sets (fast), sometimes the whole real spec. */
  pick(rng: Rng): SpecInput[];
  /** The full real spec, used to fill the output folder that failed runs must leave untouched. */
  readonly full: readonly SpecInput[];
}

export function loadCorpus(): Corpus {
  const full = readFolder("spec");
  const golden = readFolder("test/fixtures/golden-spec");
  const common = full.find((f) => f.file === "spec/common.yaml");
  const others = full.filter((f) => f !== common);
  const minimal: SpecInput[] = [{ file: "spec/things.yaml", text: MINIMAL }];
  return {
    full,
    pick(rng) {
      const r = rng.next();
      if (r < 0.3) return golden;
      if (r < 0.55) return minimal;
      if (r < 0.95 || !common) return common ? [common, rng.pick(others)] : [rng.pick(full)];
      return full;
    },
  };
}
