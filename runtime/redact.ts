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

  /**
   * Treats `value` as a secret while `run` runs, then forgets it: for a password, which must be scrubbed from what its
   * request produces but not kept in memory for the client's life. Passwords are shorter than tokens: 4 is enough.
   */
  async during<T>(value: unknown, run: () => Promise<T>): Promise<T> {
    const fresh = typeof value === "string" && value.length >= 4 && !this.#secrets.has(value);
    if (fresh) this.#secrets.add(value);
    try {
      return await run();
    } finally {
      if (fresh) this.#secrets.delete(value);
    }
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
