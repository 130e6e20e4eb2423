// Every relative link in README.md resolves inside the published package (npm's own file list), so a reader of the
// README on npm or in node_modules never meets a dead link.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Relative link targets of a Markdown text (inline links and images; not http(s):, mailto: or #anchors). */
export function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...withoutCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(target))
    .map((target) => target.split("#")[0]!)
    .filter((target) => target !== "");
}

it("finds links the way Markdown writes them", () => {
  expect(
    relativeLinks('[a](docs/a.md) [b](https://x.test/y) ![c](img/c.png "t") [d](#top) [e](e.md#part) `[f](f.md)`'),
  ).toEqual(["docs/a.md", "img/c.png", "e.md"]);
});

it("every relative link in README.md is a file the package ships", async () => {
  const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    maxBuffer: 1 << 26,
  });
  const shipped = new Set((JSON.parse(stdout) as [{ files: { path: string }[] }])[0].files.map((f) => f.path));
  const links = relativeLinks(await readFile(path.join(ROOT, "README.md"), "utf8"));
  const dead = links.filter((link) => {
    const file = path.posix.normalize(link.replace(/^\.\//, ""));
    return !shipped.has(file) && ![...shipped].some((f) => f.startsWith(`${file.replace(/\/$/, "")}/`));
  });
  expect(dead).toEqual([]);
}, 120_000);
