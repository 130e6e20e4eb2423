// A tiny static server for the built storefront: index.html for `/` and `/callback`, files from the build folder.

import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
};
/** Pages of the single-page app: each gets index.html, and main.ts looks at location.pathname. */
const PAGES = new Set(["/", "/callback"]);

/** The build-folder file for a request path, or undefined: only plain names inside the folder (no `..`, no dot files). */
function fileFor(url: string): string | undefined {
  const path = new URL(url, "http://localhost").pathname;
  if (PAGES.has(path)) return "index.html";
  let file: string;
  try {
    file = normalize(decodeURIComponent(path)).replace(/^[/\\]+/, "");
  } catch {
    return undefined; // a malformed %-escape
  }
  return file.split(/[/\\]/).some((part) => part.startsWith(".")) || !TYPES[extname(file)] ? undefined : file;
}

export interface StaticServer {
  /** `http://<host>:<port>`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startStaticServer(options: {
  root: string;
  host?: string;
  port?: number;
}): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const file = fileFor(req.url ?? "/");
    if (req.method !== "GET" || file === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    readFile(join(options.root, file)).then(
      (body) => res.writeHead(200, { "content-type": TYPES[extname(file)]!, "cache-control": "no-store" }).end(body),
      () => res.writeHead(404, { "content-type": "text/plain" }).end("Not found"),
    );
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
