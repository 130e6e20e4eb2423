// The secrets one client knows (API key, tokens, session tokens, a login's password), scrubbed from error texts. Part
// of the wire: secrets are learnt by the transport, the token endpoint and the session.

import { REDACTED, redactShapes } from "./wire-link.js";

/** The secrets one runtime holds; shared by its errors so server echoes of a secret are scrubbed too. */
export class SecretSet {
  readonly #secrets = new Set<string>();

  constructor(...known: string[]) {
    for (const secret of known) this.add(secret);
  }

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
