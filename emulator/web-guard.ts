// The emulator's web surface: which Host headers it answers (DNS rebinding) and which origins it serves and answers
// with CORS headers (a page elsewhere must not read admin data with the documented key, nor post to it).
import { isIP } from "node:net";
import { originAllowed } from "./clients.js";
import type { ResolvedOptions } from "./options.js";

/** Routes that browsers navigate to (HTML pages): never readable cross-origin, so no page can read a form token. */
const PAGE_PATHS = [
  /^\/_api\/oauth2\/authorize\/?$/,
  /^\/_api\/iam\/authentication\/v1\/logout\/?$/,
  /^\/_r\//,
  /^\/checkout\/?$/,
];

/** The host name of a Host header, lowercased (IPv6 without brackets); undefined when it does not parse. */
function hostName(header: string): string | undefined {
  if (!URL.canParse(`http://${header}`)) return undefined;
  return new URL(`http://${header}`).hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
}

/**
 * Loopback names, IP literals (a rebinding attack needs a DNS name), the configured bind host and `allowedHosts`.
 * No Host at all (HTTP/1.0) cannot come from a browser.
 */
export function hostAllowed(options: ResolvedOptions, header: string | undefined): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  if (name === undefined) return false;
  if (name === "localhost" || name.endsWith(".localhost") || isIP(name) !== 0) return true;
  return [options.host, ...options.allowedHosts].some((h) => h.toLowerCase() === name);
}

/** Host names in messages: what the header said, without the port. */
export function shownHost(header: string | undefined): string {
  return hostName(header ?? "") ?? String(header);
}

/** This machine's names: loopback names and addresses, the bind host and `allowedHosts` (never any IP literal). */
function ownHost(options: ResolvedOptions, host: string): boolean {
  const name = hostName(host);
  if (name === undefined) return false;
  if (name === "localhost" || name.endsWith(".localhost") || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name))
    return true;
  return [options.host, ...options.allowedHosts].some((h) => h.toLowerCase() === name);
}

/**
 * The emulator's own pages (this machine's names on its port: an Origin is the page's, not a rebinding target, so an
 * IP literal elsewhere is not ours), the origins of every client's allowed redirect URIs (the apps that call it
 * from a browser), and `allowedOrigins`.
 */
export function originServed(options: ResolvedOptions, self: string, origin: string): boolean {
  if (!URL.canParse(origin) || !URL.canParse(self)) return false;
  const port = Number(new URL(self).port || 80);
  const url = new URL(origin);
  if (url.origin !== origin) return false; // "null", or not a bare origin
  if (url.protocol === "http:" && Number(url.port || 80) === port && ownHost(options, url.host)) return true;
  const extra = { clientId: "", redirectUris: options.allowedOrigins };
  return [...options.clients, extra].some((client) => originAllowed(client, origin));
}

export function isPagePath(path: string): boolean {
  return PAGE_PATHS.some((p) => p.test(path));
}
