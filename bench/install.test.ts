// The install-size walk: every file under node_modules counted once; packages found at the top, in scopes and nested.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { installTable, measureTree } from "./install.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wix-authz-install-test-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

describe("measureTree", () => {
  it("counts each file's bytes once and finds top-level, scoped and nested packages", async () => {
    const dir = await tree({
      ".package-lock.json": "{}",
      "a/package.json": "{}",
      "a/lib/index.js": "12345",
      "@s/b/package.json": "{}",
      "@s/b/node_modules/c/package.json": "{}",
      "@s/b/node_modules/c/x.js": "1234567890",
      "d/package.json": "{}",
    });
    await mkdir(path.join(dir, ".bin"));
    await symlink("../a/lib/index.js", path.join(dir, ".bin/a"));
    const t = await measureTree(dir);
    expect(t.packages.sort()).toEqual(["@s/b", "a", "c", "d"]);
    // 2 + 4×2 (package.json) + 5 + 10 bytes, and the symlink's own length (its target path).
    expect(t.bytes).toBe(2 + 8 + 5 + 10 + "../a/lib/index.js".length);
    expect(t.files).toBe(8);
  });

  it("a table row per install, with the ratio to the peer and the goal verdict", () => {
    const row = { bytes: 500_000, diskBytes: 0, files: 1, packages: ["x", "y", "y"] };
    const text = installTable([
      { label: "ours", spec: "ours.tgz", ...row, goal: 1024 * 1024 },
      { label: "peer", spec: "@wix/sdk@1", ...row, bytes: 5_000_000, peer: true },
    ]);
    expect(text).toContain("| ours | 0.48 MB (500,000 B) | 0.00 MB | 1 | 2 (3 copies) | 0.10× | ✅ ≤ 1.00 MB |");
  });
});
