// Secret scrubbing: known secrets (API key, tokens, session tokens) and Wix token shapes never leave in text.

const REDACTED = "[redacted]";
// Wix credential shapes (API keys `IST.…`, access `OauthNG.JWS.…`, refresh `JWS.…`), caught even when unregistered.
const TOKEN_SHAPE = /\b(?:IST|OauthNG\.JWS|JWS)\.[A-Za-z0-9._~+/=-]{8,}/g;

/** The secrets one runtime holds; shared by its errors so server echoes of a secret are scrubbed too. */
export class SecretSet {
  readonly #secrets = new Set<string>();

  /** Returns whether `value` is newly registered. Passwords pass a smaller `minLength` than tokens need. */
  add(value: unknown, minLength = 8): boolean {
    // Short values would blank out ordinary words; real credentials are long.
    const fresh = typeof value === "string" && value.length >= minLength && !this.#secrets.has(value);
    if (fresh) this.#secrets.add(value);
    return fresh;
  }

  forget(value: string): void {
    this.#secrets.delete(value);
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
