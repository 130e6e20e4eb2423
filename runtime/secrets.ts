// The secrets one client knows (API key, tokens, session tokens, a login's password), scrubbed from error texts. Part
// of the wire: secrets are learnt by the transport, the token endpoint and the session.

import { REDACTED, redactDeep, redactShapes, WixAuthzError } from "./wire-link.js";

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

  /**
   * Scrubs these secrets from a runtime error: message, stack, every field however nested (field violations are
   * arrays of objects), and the whole cause chain. Anything else is returned as it is.
   */
  scrub<E>(error: E): E {
    if (!(error instanceof WixAuthzError)) return error;
    const redact = (text: string) => this.redact(text);
    Object.assign(error, redactDeep({ ...error }, redact));
    error.message = redact(error.message);
    if (error.stack) error.stack = redact(error.stack);
    const cause: unknown = error.cause;
    if (cause instanceof WixAuthzError) this.scrub(cause);
    else if (cause instanceof Error) {
      cause.message = redact(cause.message);
      if (cause.stack) cause.stack = redact(cause.stack);
    }
    return error;
  }

  toJSON(): string {
    return `[${this.#secrets.size} secrets]`;
  }
}
