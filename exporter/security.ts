// security: the three identities as OpenAPI security schemes, read from the identity table (core/identity.ts).
// Wix takes the credential raw in `Authorization` with no `Bearer` prefix (the SDK's OAuthStrategy and the REST
// authentication page: "Authorization: <token>"), so each scheme is an API-key-style header, not `http bearer`
// (a tool would prefix `Bearer `). An API key also needs the site: `wix-site-id` (site-level calls).
import { IDENTITIES, identityInfo, type Identity } from "../core/identity.js";

type Json = Record<string, unknown>;

/** The scheme that carries the site id next to an API key. */
export const SITE_ID_SCHEME = "wixSiteId";

const CREDENTIAL_TEXT: Record<string, string> = {
  "oauth-anonymous":
    "An anonymous visitor's OAuth access token from POST https://www.wixapis.com/oauth2/token (grantType anonymous, the site's OAuth client ID), sent raw: `Authorization: <token>`, no `Bearer` prefix.",
  "oauth-member":
    "A logged-in member's OAuth access token (POST https://www.wixapis.com/oauth2/token after a member login), sent raw: `Authorization: <token>`, no `Bearer` prefix.",
  "api-key":
    "A Wix API key (server only, never in a browser), sent raw: `Authorization: <API key>`, together with the `wix-site-id` header.",
};

export function securitySchemes(): Json {
  const schemes: Json = {};
  for (const identity of IDENTITIES) {
    const info = identityInfo(identity);
    schemes[identity] = {
      type: "apiKey",
      in: "header",
      name: "Authorization",
      description: `${info.title}: ${info.summary}. ${CREDENTIAL_TEXT[info.credential] ?? ""}`.trim(),
      "x-wix-identity": identity,
      "x-wix-credential": info.credential,
    };
  }
  if (IDENTITIES.some((i) => identityInfo(i).credential === "api-key")) {
    schemes[SITE_ID_SCHEME] = {
      type: "apiKey",
      in: "header",
      name: "wix-site-id",
      description: "The site an API key acts on (its meta site id); sent with the API key on site-level calls.",
    };
  }
  return schemes;
}

/** One alternative per identity allowed (OpenAPI: any one requirement object suffices). */
export function securityOf(identities: readonly Identity[]): Json[] {
  return identities.map((identity) =>
    identityInfo(identity).credential === "api-key" ? { [identity]: [], [SITE_ID_SCHEME]: [] } : { [identity]: [] },
  );
}
