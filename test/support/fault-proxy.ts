// Fault proxy: forwards runtime traffic to the emulator; resets, stalls or mangles chosen requests; records credentials.
import { Agent, createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mulberry32 } from "./random.js";

/** What the emulator cannot inject itself: transport-level failures and garbage bodies on any path. */
export type ProxyFaultKind = "reset" | "stall" | "garbage-json" | "status";

export interface ProxyFault {
  readonly kind: ProxyFaultKind;
  readonly pathPrefix?: string;
  /** How many matching requests take it (default 1). */
  readonly times?: number;
  /** For `status`: the status to answer with an empty body (Wix system errors are empty). */
  readonly status?: number;
}

export interface ProxyLogEntry {
  readonly method: string;
  readonly path: string;
  /** The `x-soak-call` header: which harness call sent this request. */
  readonly callId: string | undefined;
  fault?: ProxyFaultKind;
  status: number;
  requestId?: string;
}

/** One `/oauth2/token` exchange that reached the emulator: what went in, what came out. */
export interface GrantRecord {
  readonly grantType: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly refreshTokenIn: string | undefined;
  readonly accessTokenOut: string | undefined;
  readonly refreshTokenOut: string | undefined;
}

export interface ProxyOptions {
  /** Share (0..1) of requests carrying `x-soak-call` whose connection is reset before forwarding. */
  readonly resetRate?: number;
  readonly seed?: number;
}

export interface FaultProxy {
  readonly url: string;
  readonly log: readonly ProxyLogEntry[];
  readonly grants: readonly GrantRecord[];
  /** Every credential seen on the wire: Authorization values, tokens, codes, session tokens. */
  readonly secrets: ReadonlySet<string>;
  enqueue(fault: ProxyFault): void;
  close(): Promise<void>;
}

export const CALL_HEADER = "x-soak-call";
const HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

export async function startFaultProxy(target: string, options: ProxyOptions = {}): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const queue: { fault: ProxyFault; left: number }[] = [];
  const log: ProxyLogEntry[] = [];
  const grants: GrantRecord[] = [];
  const secrets = new Set<string>();
  const random = mulberry32(options.seed ?? 7);
  const keep = (value: unknown) => {
    if (typeof value === "string" && value.length >= 8) secrets.add(value.replace(/^bearer\s+/i, ""));
  };

  const pick = (path: string, tagged: boolean): ProxyFault | undefined => {
    const index = queue.findIndex((q) => q.fault.pathPrefix === undefined || path.startsWith(q.fault.pathPrefix));
    if (index >= 0) {
      const entry = queue[index]!;
      if (--entry.left <= 0) queue.splice(index, 1);
      return entry.fault;
    }
    const rate = options.resetRate ?? 0;
    return tagged && rate > 0 && random() < rate ? { kind: "reset" } : undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? "/", "http://proxy").pathname;
    const callHeader = req.headers[CALL_HEADER];
    const entry: ProxyLogEntry = { method: req.method ?? "GET", path, callId: single(callHeader), status: 0 };
    log.push(entry);
    keep(req.headers.authorization);
    const requestJson = parseJson(body.toString("utf8"));
    if (path === "/oauth2/token") for (const k of ["refreshToken", "code", "codeVerifier"]) keep(requestJson?.[k]);
    const fault = pick(path, callHeader !== undefined);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === "reset") return void req.socket.destroy();
    if (fault?.kind === "stall") return; // never answered: the client's timeout must fire
    if (fault?.kind === "status") {
      entry.status = fault.status ?? 500;
      return void res.writeHead(entry.status, { "content-length": 0, "x-wix-request-id": `proxy-${log.length}` }).end();
    }
    const answer = await send(upstream, agent, req, body);
    entry.status = answer.status;
    entry.requestId = single(answer.headers["x-wix-request-id"]);
    const text = answer.body.toString("utf8");
    const json = parseJson(text);
    for (const k of ["access_token", "refresh_token", "sessionToken"]) keep(json?.[k]);
    const location = single(answer.headers.location);
    if (location) keep(new URLSearchParams(location.replace(/^[^?#]*[?#]/, "")).get("code"));
    if (path === "/oauth2/token") grants.push(grantRecord(requestJson, json, answer.status, entry.requestId));
    const headers = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP_HEADERS.has(k)));
    if (fault?.kind === "garbage-json") {
      // A 200 whose JSON is cut short, as a broken proxy or a truncated transfer delivers.
      const broken = `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}`;
      entry.status = 200;
      return void res.writeHead(200, { ...headers, "content-type": "application/json" }).end(broken);
    }
    res.writeHead(answer.status, headers).end(answer.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    grants,
    secrets,
    enqueue: (fault) => queue.push({ fault, left: fault.times ?? 1 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Upstream {
  status: number;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

function send(target: URL, agent: Agent, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[] | undefined> = {
      ...req.headers,
      host: target.host,
      "content-length": String(body.length),
    };
    delete headers[CALL_HEADER];
    const out = forward(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    out.on("error", reject);
    out.end(body);
  });
}

function grantRecord(
  request: Record<string, unknown> | undefined,
  response: Record<string, unknown> | undefined,
  status: number,
  requestId: string | undefined,
): GrantRecord {
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  return {
    grantType: text(request?.grantType) ?? "unknown",
    status,
    requestId,
    refreshTokenIn: text(request?.refreshToken),
    accessTokenOut: status === 200 ? text(response?.access_token) : undefined,
    refreshTokenOut: status === 200 ? text(response?.refresh_token) : undefined,
  };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
