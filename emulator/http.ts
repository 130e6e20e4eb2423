// Wire helpers: request bodies (JSON or form-urlencoded) in, Wix-shaped JSON / HTML / OAuth error responses out.
import type { IncomingMessage, ServerResponse } from "node:http";

/** A Wix API error: `{message, details:{applicationError|validationError}}` with an HTTP status. */
export class WixApiError extends Error {
  override readonly name = "WixApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface FieldViolation {
  readonly field: string;
  readonly description: string;
  readonly violatedRule: string;
  readonly ruleName?: string;
  readonly data?: Record<string, unknown>;
}

/** 400 INVALID_ARGUMENT with `details.validationError.fieldViolations`. */
export class WixValidationError extends Error {
  override readonly name = "WixValidationError";
  constructor(readonly violations: readonly FieldViolation[]) {
    super(`INVALID_ARGUMENT: ${violations.map((v) => `"${v.field}" ${v.description}`).join("; ")}`);
  }
}

/** An RFC 6749 error from the token endpoint: `{error, error_description}`. */
export class OAuthError extends Error {
  override readonly name = "OAuthError";
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

const MAX_BODY_BYTES = 1_048_576;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new WixApiError(413, "PAYLOAD_TOO_LARGE", "Request body exceeds 1 MiB");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON object body, or a form-urlencoded body into a flat object of strings. Empty body is `{}`. */
export function parseBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (text.trim() === "") return {};
  if ((contentType ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WixValidationError([
      { field: "body", description: "must be a JSON object (the body is not valid JSON)", violatedRule: "FORMAT" },
    ]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new WixValidationError([{ field: "body", description: "must be a JSON object", violatedRule: "TYPE" }]);
  }
  return value as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(html);
}

export function sendRedirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(302, { location, "cache-control": "no-store", "content-length": 0, ...headers });
  res.end();
}

export function wixErrorBody(error: WixApiError): unknown {
  return {
    message: error.message,
    details: { applicationError: { code: error.code, description: error.message, data: error.data } },
  };
}

export function validationErrorBody(error: WixValidationError): unknown {
  return { message: error.message, details: { validationError: { fieldViolations: error.violations } } };
}

export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof WixApiError) {
    const wait = error.data["retryAfterSeconds"];
    if (error.status === 429 && typeof wait === "number") res.setHeader("retry-after", String(wait));
    return sendJson(res, error.status, wixErrorBody(error));
  }
  if (error instanceof WixValidationError) return sendJson(res, 400, validationErrorBody(error));
  if (error instanceof OAuthError) {
    return sendJson(res, error.status, { error: error.error, error_description: error.description });
  }
  throw error;
}

/** Reads a field in camelCase or snake_case (`clientId` / `client_id`); the token endpoint accepts both. */
export function field(body: Record<string, unknown>, camel: string): string | undefined {
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const value = body[camel] ?? body[snake];
  return typeof value === "string" ? value : undefined;
}

export function objectField(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === "object" && inner !== null && !Array.isArray(inner)
    ? (inner as Record<string, unknown>)
    : undefined;
}
