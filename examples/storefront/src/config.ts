// Build-time settings of the storefront: esbuild's `define` replaces these names (see build.ts).

declare const __WIX_CLIENT_ID__: string;
declare const __WIX_BASE_URL__: string;

export const config = {
  /** Your Headless OAuth app's client id (public: it is not a secret). */
  clientId: __WIX_CLIENT_ID__,
  /** Empty means the real Wix (https://www.wixapis.com); the dev script points it at the local emulator. */
  baseUrl: __WIX_BASE_URL__ === "" ? undefined : __WIX_BASE_URL__,
  /** Must be on the OAuth app's allowed redirect URIs. */
  redirectUri: `${location.origin}/callback`,
};

/** The Wix Stores app id: cart line items reference products through it. */
export const STORES_APP_ID = "215238eb-22a5-4c36-9e7b-e7c08025e04e";
