// Server-only admin entry (`@wix-authz/runtime/admin`): API-key clients; browsers get admin-browser.js instead.

import { buildClient, type Call, type ClientCore } from "./client.js";
import { WixConfigError } from "./errors.js";
import { wireFor } from "#load-wire";
import { checkTransportOptions, requireString, snapshotTransport } from "./options.js";
import type { MethodTable, TransportOptions } from "./types.js";

interface AdminBase extends TransportOptions {
  /** A Wix API key (`IST.…`). Keep it in a server-side secret store; it never appears in errors or logs. */
  apiKey: string;
  /**
   * Allows constructing an admin client where `window`/`document` exist. Anyone who can open devtools there can
   * read the key: only for trusted runtimes that look like browsers (some test environments, Electron main).
   */
  dangerouslyAllowAdminClientInBrowser?: boolean;
  /** Sends calls the spec says admins may not make, to observe the server's answer. */
  dangerouslySkipIdentityGuard?: boolean;
}

/** Site-level calls send `wix-site-id`; account-level calls send `wix-account-id`: exactly one. */
export type AdminOptions = AdminBase &
  ({ siteId: string; accountId?: undefined } | { accountId: string; siteId?: undefined });

/** The client type is the generated `AdminClient`, built from the table (the generator guarantees they agree). */
export function createAdminRuntime<A extends object>(options: AdminOptions, table: MethodTable): A {
  if (typeof options !== "object" || options === null)
    throw new WixConfigError("options", "expected { apiKey, siteId } or { apiKey, accountId }.");
  // Workers (dedicated, shared, service) have no window or document, but their code is served to browsers too.
  const g = globalThis as { window?: unknown; document?: unknown; WorkerGlobalScope?: unknown };
  const where =
    g.window !== undefined || g.document !== undefined
      ? "window/document exist"
      : g.WorkerGlobalScope !== undefined
        ? "a Web Worker or Service Worker"
        : undefined;
  if (where !== undefined && options.dangerouslyAllowAdminClientInBrowser !== true) {
    throw new WixConfigError(
      "createAdminClient",
      `refusing to create an admin client in a browser-like environment (${where}): it would expose your API key ` +
        "to every visitor. Call admin methods from server code. If this runtime is not a browser, pass dangerouslyAllowAdminClientInBrowser: true.",
    );
  }
  const apiKey = requireString("apiKey", options.apiKey);
  const hasSite = options.siteId !== undefined;
  const hasAccount = options.accountId !== undefined;
  if (hasSite === hasAccount) {
    throw new WixConfigError(
      "siteId | accountId",
      hasSite
        ? "pass exactly one of siteId and accountId, not both (Wix rejects both headers)."
        : "pass siteId (site-level APIs) or accountId (account-level APIs).",
    );
  }
  checkTransportOptions(options);
  checkKeyTransport(options.baseUrl);
  const fixedHeaders: Record<string, string> = hasSite
    ? { authorization: apiKey, "wix-site-id": requireString("siteId", options.siteId) }
    : { authorization: apiKey, "wix-account-id": requireString("accountId", options.accountId) };
  const label = `[Wix admin client ${hasSite ? `site ${options.siteId}` : `account ${options.accountId}`}]`;
  const transportOptions = snapshotTransport(options);
  let core: ClientCore | undefined;
  // The transport is the wire's (load-wire.ts), as for visitor and member clients; on a server it loads at once.
  const call: Call = async (id, d, request, callOptions) => {
    const wire = await wireFor(id);
    core ??= {
      identity: "admin",
      transport: new wire.Transport(transportOptions),
      secrets: new wire.SecretSet(apiKey),
      credentials: { fixedHeaders },
      dangerouslySkipIdentityGuard: options.dangerouslySkipIdentityGuard === true,
      label,
    };
    return wire.callMethod(core, id, d, request, callOptions);
  };
  return buildClient(label, table, undefined, call) as A;
}

export type { MethodTable } from "./types.js";

/** An API key travels only over TLS; plain http only to this machine (the emulator). */
function checkKeyTransport(baseUrl: string | undefined): void {
  if (baseUrl === undefined) return;
  const url = new URL(baseUrl);
  if (url.protocol === "https:") return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // RFC 6761: localhost and *.localhost always resolve to loopback.
  const loopback =
    host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
  if (!loopback)
    throw new WixConfigError(
      "baseUrl",
      `an admin client sends its API key: use https: (plain http is allowed only to loopback, for the emulator), got ${url.origin}.`,
    );
}
