// GET/DELETE request decoding: query string → request object (dotted keys nest, repeated keys are arrays, `.r` JSON).
import { WixValidationError } from "./http.js";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Rebuilds the request object the client flattened. Values stay strings (or string arrays); the method's schema
 * coerces them afterwards (ajv `coerceTypes: "array"`), since only the schema knows that `limit` is a number.
 */
export function decodeQuery(params: URLSearchParams): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const packed = params.get(".r");
  if (packed !== null) Object.assign(result, decodePacked(packed));
  const keys = [...new Set(params.keys())].filter((k) => k !== ".r");
  for (const key of keys) {
    const values = params.getAll(key);
    const path = key.split(".");
    if (path.some((segment) => segment === "" || FORBIDDEN_KEYS.has(segment))) {
      throw violation(key, "is not a valid query parameter name");
    }
    let target = result;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment] ?? {};
      if (typeof next !== "object" || Array.isArray(next))
        throw violation(key, "conflicts with another query parameter");
      target[segment] = next;
      target = next as Record<string, unknown>;
    }
    const last = path[path.length - 1]!;
    if (last in target) throw violation(key, "conflicts with another query parameter");
    target[last] = values.length === 1 ? values[0] : values;
  }
  return result;
}

/** `.r=<base64url(JSON)>`: how @wix/sdk-runtime sends payloads too complex for flat query parameters. */
function decodePacked(packed: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(packed, "base64url").toString("utf8"));
  } catch {
    throw violation(".r", "must be base64url-encoded JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw violation(".r", "must encode a JSON object");
  }
  return value as Record<string, unknown>;
}

function violation(field: string, description: string): WixValidationError {
  return new WixValidationError([{ field, description, violatedRule: "VALIDATION" }]);
}

/** The inverse, for tests and tools: the wire form the runtime is expected to send. */
export function encodeQuery(request: Readonly<Record<string, unknown>>): URLSearchParams {
  const params = new URLSearchParams();
  const walk = (prefix: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) for (const item of value) params.append(prefix, String(item));
    else if (typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) walk(prefix === "" ? key : `${prefix}.${key}`, inner);
    } else params.append(prefix, String(value));
  };
  walk("", request);
  return params;
}
