// Test helpers for the generator: temp folders with spec files, and the CLI run in-process.
import { mkdtemp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { main } from "../../cli/main.js";

export async function tempDir(prefix = "wix-authz-"): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** Writes `files` (relative path → text) under a new temp folder and returns it. */
export async function writeTree(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

export async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort())
    out[name] = await readFile(path.join(dir, name), "utf8");
  return out;
}

export async function runCli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    waitForStop: () => new Promise(() => {}),
  });
  return { code, stdout, stderr };
}

/** A minimal valid method, as YAML lines indented for a `methods:` list. */
export function method(
  over: { name?: string; namespace?: string; identities?: string; verb?: string; path?: string; request?: string } = {},
): string {
  return [
    `  - name: ${over.name ?? "getThing"}`,
    `    namespace: ${over.namespace ?? "things.things"}`,
    `    http: { method: ${over.verb ?? "GET"}, path: '${over.path ?? "/things/v1/things/{id}"}' }`,
    `    identities: ${over.identities ?? "[visitor, member, admin]"}`,
    `    permissions: [THINGS.READ]`,
    `    request: ${over.request ?? "{ type: object, required: [id], properties: { id: { type: string } } }"}`,
    `    response: { type: object, properties: { thing: { $ref: '#/schemas/Thing' } } }`,
  ].join("\n");
}

export const THING_SCHEMA = "schemas:\n  Thing: { type: object, properties: { id: { type: string } } }\n";

/** A spec text without its method `name` (the list item, up to the next method). */
export function withoutMethod(text: string, name: string): string {
  const start = text.indexOf(`  - name: ${name}\n`);
  expect(start, `the text has a method ${name}`).toBeGreaterThan(0);
  return text.slice(0, start) + text.slice(text.indexOf("  - name: ", start + 1));
}

/** Removes method `name` from the spec file `file` of the tree at `dir`. */
export async function removeMethod(dir: string, file: string, name: string): Promise<void> {
  const p = path.join(dir, "spec", file);
  await writeFile(p, withoutMethod(await readFile(p, "utf8"), name));
}
