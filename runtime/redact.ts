// Secret scrubbing: known secrets (API key, tokens, session tokens) and Wix token shapes never leave in text.

const REDACTED = "[redacted]";
// Wix credential shapes (API keys `IST.…`, access `OauthNG.JWS.…`, refresh `JWS.…`), caught even when unregistered.
const TOKEN_SHAPE = /\b(?:IST|OauthNG\.JWS|JWS)\.[A-Za-z0-9._~+/=-]{8,}/g;

/** The secrets one runtime holds; shared by its errors so server echoes of a secret are scrubbed too. */
export class SecretSet {
  readonly #secrets = new Set<string>();

  add(value: string | null | undefined): void {
    // Short values would blank out ordinary words; real credentials are long.
    if (typeof value === "string" && value.length >= 8) this.#secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      out = out.split(secret).join(REDACTED);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join(REDACTED);
    }
    return redactShapes(out);
  }

  toJSON(): string {
    return `[${this.#secrets.size} secrets]`;
  }
}

export function redactShapes(text: string): string {
  return text.replace(TOKEN_SHAPE, REDACTED);
}
