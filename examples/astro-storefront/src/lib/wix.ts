// The site's Wix session: HttpOnly cookie, renewed in src/middleware.ts, one client per request. Server only.
import { createWixSession, type WixSession } from "@wix-authz/runtime";
import { createMemberClient, type MemberClient } from "../../generated/member.js";
import { createVisitorClient, type VisitorClient } from "../../generated/visitor.js";

/** The Wix Stores app id: cart line items reference products through it. */
export const STORES_APP_ID = "215238eb-22a5-4c36-9e7b-e7c08025e04e";

let session: WixSession<VisitorClient, MemberClient> | undefined;

/** Made on first use, from the server's environment at run time (not inlined at build time). */
export function wix(): WixSession<VisitorClient, MemberClient> {
  return (session ??= createWixSession({
    clientId: required("WIX_CLIENT_ID"),
    baseUrl: process.env.WIX_BASE_URL || undefined, // empty: the real Wix; the emulator's URL in development
    createVisitorClient,
    createMemberClient,
  }));
}

/** What the browser's visitor client needs (the product search island): public values, no token, no key. */
export function browserConfig(): { clientId: string; baseUrl?: string } {
  const baseUrl = process.env.WIX_BASE_URL || undefined;
  return { clientId: required("WIX_CLIENT_ID"), ...(baseUrl ? { baseUrl } : {}) };
}

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md).`);
  return value;
}
