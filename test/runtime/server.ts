// A tiny real HTTP server on 127.0.0.1 for transport tests: handlers get the parsed request, return status/body.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  rawBody: string;
  json: unknown;
}
export type Handler = (req: SeenRequest, res: ServerResponse) => unknown;

export async function startServer(
  handler: Handler,
): Promise<{ url: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const request: SeenRequest = {
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      headers: req.headers,
      rawBody,
      json: rawBody && req.headers["content-type"]?.includes("json") ? JSON.parse(rawBody) : undefined,
    };
    seen.push(request);
    try {
      await handler(request, res);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": typeof body === "string" ? "text/html" : "application/json",
    "x-wix-request-id": "srv-1",
    ...headers,
  });
  res.end(text);
}
