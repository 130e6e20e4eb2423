// The catalogue workload's own parts: the one-description edit changes exactly one method's description (nothing
// else of the spec), and the table states each goal's verdict.
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadApiModel } from "../generator/load-model.js";
import { catalogueSection, catalogueTable, descriptionEditor, type CatalogueRow } from "./catalogue.js";
import { summarize } from "./stats.js";
import { REPO } from "./workspace.js";

describe("bench/catalogue", () => {
  it("the incremental edit changes one method's description and nothing else, differently each run", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-bench-"));
    await cp(path.join(REPO, "catalogue", "spec"), path.join(dir, "spec"), { recursive: true });
    const edit = await descriptionEditor(path.join(dir, "spec"));
    // Each catalogue file is a whole spec (its $refs resolve in it): the edited file alone is enough to compare.
    const before = await loadApiModel(edit.file, dir);
    const seen = new Set<string>();
    for (const run of [0, 1]) {
      await edit.change(run);
      const after = await loadApiModel(edit.file, dir);
      const changed = after.methods.filter((m, i) => JSON.stringify(m) !== JSON.stringify(before.methods[i]));
      expect(changed.map((m) => m.id)).toHaveLength(1);
      const [one] = changed;
      const old = before.methods.find((m) => m.id === one!.id)!;
      expect({ ...one, description: old.description }).toEqual(old);
      expect(edit.label).toContain(one!.name);
      seen.add(one!.description);
      expect(after.schemas).toEqual(before.schemas);
    }
    expect(seen.size).toBe(2);
    await edit.restore();
    expect(await loadApiModel(edit.file, dir)).toEqual(before);
  });

  it("states each target's verdict", () => {
    const row: CatalogueRow = {
      methods: 300,
      schemas: 2000,
      exportMs: 1,
      cold: summarize([6000]),
      peer: summarize([3000]),
      rerun: summarize([300]),
      incremental: summarize([500]),
      route: summarize([700]),
      coldFirst: summarize([6500]),
      start: summarize([40]),
      incrementalWritten: "",
      oursBytes: 1,
      peerBytes: 1,
      edited: "x",
    };
    const text = catalogueTable(row);
    expect(text).toContain("| 2.00× | ❌ |");
    expect(text).toContain("0.050× ✅ (target ≤ 0.1×)");
    expect(text).toContain("0.083× ✅ (target ≤ 0.1×)");
    expect(text).toContain("0.12× ❌ (target ≤ 0.1×)");
  });

  it("sets a missed incremental target against what a fresh process pays before it handles a change", () => {
    const row: CatalogueRow = {
      methods: 300,
      schemas: 2000,
      exportMs: 1,
      cold: summarize([1000]),
      peer: summarize([3000]),
      rerun: summarize([80]),
      incremental: summarize([250]),
      route: summarize([260]),
      coldFirst: summarize([1300]),
      start: summarize([40]),
      incrementalWritten: "",
      oursBytes: 1,
      peerBytes: 1,
      edited: "x",
      profile: "(profile)",
    };
    const text = catalogueSection(row);
    expect(text).toContain("(`wix-authz generate\n--help`, median of the same runs) 40 ms (0.040× cold)");
    expect(text).toContain("80 ms (0.080× cold)");
    expect(text).toContain("Of the 100 ms the goal allows one changed method, that leaves 20 ms");
    expect(text).toContain("here that part took 170 ms (a description) and\n180 ms (a route).");
    expect(text).toContain("cold with an\nempty code cache took 1,300 ms");
  });
});
