// Client checks shared by redirect sessions, the authorize page and recovery: known client ids, allowed redirect URIs.
import type { ClientConfig, ResolvedOptions } from "./options.js";

export function findClient(options: ResolvedOptions, clientId: string | undefined): ClientConfig | undefined {
  return clientId === undefined ? undefined : options.clients.find((c) => c.clientId === clientId);
}

/** Exact match, as Wix does (scheme, host, port, path, query); a configured `:*` port matches any port. */
export function redirectUriAllowed(client: ClientConfig, uri: string): boolean {
  return client.redirectUris.some((allowed) => allowed === uri || portWildcardMatch(allowed, uri));
}

/** Whether `origin` is the origin of one of the client's allowed redirect URIs (post-flow URLs, web_message). */
export function originAllowed(client: ClientConfig, origin: string): boolean {
  return client.redirectUris.some((allowed) => {
    const allowedOrigin = allowed.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]*).*$/i, "$1");
    return allowedOrigin === origin || portWildcardMatch(allowedOrigin, origin);
  });
}

function portWildcardMatch(pattern: string, value: string): boolean {
  const star = pattern.indexOf(":*");
  if (star < 0) return false;
  const head = pattern.slice(0, star + 1);
  const tail = pattern.slice(star + 2);
  if (!value.startsWith(head) || !value.endsWith(tail)) return false;
  const port = value.slice(head.length, value.length - tail.length);
  return /^[1-9][0-9]{0,4}$/.test(port) && Number(port) <= 65_535;
}

export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.origin === "null" ? undefined : parsed.origin;
  } catch {
    return undefined;
  }
}
