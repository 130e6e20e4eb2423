// MemoryTokenStore, the public in-memory store. A module of its own: its inspect key is computed, so a bundler keeps
// the class wherever its module is bundled; here, only an app that imports it bundles it.

import type { TokenStore, Tokens } from "./tokens.js";

/** A store in a variable, for apps that keep tokens themselves. Its string and JSON forms never show the tokens. */
export class MemoryTokenStore implements TokenStore {
  #tokens: Tokens | null;

  constructor(initial?: Tokens | null) {
    this.#tokens = initial ?? null;
  }

  get(): Tokens | null {
    return this.#tokens;
  }

  set(tokens: Tokens | null): void {
    this.#tokens = tokens;
  }

  toJSON(): string {
    return this.toString();
  }

  toString(): string {
    return `[MemoryTokenStore ${this.#tokens ? this.#tokens.role : "empty"}]`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
