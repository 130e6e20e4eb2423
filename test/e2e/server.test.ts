// The storefront's static server: the app page for / and /callback, build files, nothing outside the build folder.

import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startStaticServer, type StaticServer } from "../../examples/storefront/server.js";

let root: string;
let server: StaticServer;

beforeAll(async () => {
  const parent = await mkdtemp(join(tmpdir(), "wix-authz-static-"));
  root = join(parent, "site");
  await mkdir(root);
  await writeFile(join(root, "index.html"), "<p>app</p>");
  await writeFile(join(root, "main.js"), "console.log(1)");
  await writeFile(join(root, ".env"), "SECRET=1");
  await writeFile(join(parent, "outside.js"), "outside");
  server = await startStaticServer({ root });
});
afterAll(async () => {
  await server?.close();
  await rm(join(root, ".."), { recursive: true, force: true });
});

const get = async (path: string, method = "GET") => {
  const res = await fetch(`${server.url}${path}`, { method });
  return [res.status, res.headers.get("content-type"), await res.text()];
};

test.each([
  ["/", [200, "text/html; charset=utf-8", "<p>app</p>"]],
  ["/callback", [200, "text/html; charset=utf-8", "<p>app</p>"]],
  ["/callback?code=x", [200, "text/html; charset=utf-8", "<p>app</p>"]],
  ["/main.js", [200, "text/javascript; charset=utf-8", "console.log(1)"]],
  ["/missing.js", [404, "text/plain", "Not found"]],
  ["/.env", [404, "text/plain", "Not found"]],
  ["/..%2foutside.js", [404, "text/plain", "Not found"]],
  ["/%2e%2e/outside.js", [404, "text/plain", "Not found"]],
  ["/%E0%A4%A", [404, "text/plain", "Not found"]],
  ["/index.ts", [404, "text/plain", "Not found"]],
])("GET %s", async (path, expected) => {
  expect(await get(path)).toEqual(expected);
});

test("only GET is served", async () => {
  expect((await get("/main.js", "POST"))[0]).toBe(404);
});
