// Token shapes scrubbed from every error text: Wix credentials never leave in a message, even when unregistered. The
// secrets a client knows (secrets.ts) are scrubbed by the wire, which learns them.

export const REDACTED = "[redacted]";
// Wix credential shapes (API keys `IST.…`, access `OauthNG.JWS.…`, refresh `JWS.…`), caught even when unregistered.
const TOKEN_SHAPE = /\b(?:IST|OauthNG\.JWS|JWS)\.[A-Za-z0-9._~+/=-]{8,}/g;

export function redactShapes(text: string): string {
  return text.replace(TOKEN_SHAPE, REDACTED);
}
