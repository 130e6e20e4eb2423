// Secret audit: every error, log line and serialized object a run produced, searched for every credential it saw.
import { format, inspect } from "node:util";

export interface Leak {
  /** Where the text came from (`error WixApiError`, `console.warn`, `object client`). */
  readonly source: string;
  /** The first characters of the leaked credential, enough to identify it in a report. */
  readonly preview: string;
}

const PREFIX = 16;
const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;

export class SecretAudit {
  readonly #texts: { source: string; text: string }[] = [];

  get size(): number {
    return this.#texts.length;
  }

  /** Every rendering an app might log: message, stack, JSON, util.inspect, String, and the same for the cause. */
  recordError(error: unknown, source = "error"): void {
    const label = `${source} ${error instanceof Error ? error.name : typeof error}`;
    this.recordObject(error, label);
    if (error instanceof Error) {
      this.add(label, error.message);
      this.add(label, error.stack ?? "");
      if (error.cause !== undefined) this.recordError(error.cause, `${label} cause`);
    }
  }

  recordObject(value: unknown, source = "object"): void {
    this.add(
      source,
      safe(() => JSON.stringify(value)),
    );
    this.add(
      source,
      safe(() => inspect(value, { depth: 8, showHidden: true, getters: true })),
    );
    this.add(
      source,
      safe(() => String(value)),
    );
    this.add(
      source,
      safe(() => `${value as string}`),
    );
  }

  add(source: string, text: string | undefined): void {
    if (text) this.#texts.push({ source, text });
  }

  /** Routes console output through the audit (still printed unless `quiet`); returns the undo function. */
  captureConsole(quiet = false): () => void {
    const originals = CONSOLE_METHODS.map((name) => [name, console[name]] as const);
    for (const [name, original] of originals) {
      console[name] = (...args: unknown[]) => {
        this.add(`console.${name}`, format(...args));
        if (!quiet) original.apply(console, args);
      };
    }
    return () => {
      for (const [name, original] of originals) console[name] = original;
    };
  }

  /** Each credential (≥ 16 chars, raw or URL-encoded) found in any recorded text. Linear in the text size. */
  findLeaks(secrets: Iterable<string>): Leak[] {
    const byPrefix = new Map<string, string[]>();
    for (const secret of secrets) {
      for (const form of new Set([secret, encodeURIComponent(secret)])) {
        if (form.length < PREFIX) continue;
        const key = form.slice(0, PREFIX);
        byPrefix.set(key, [...(byPrefix.get(key) ?? []), form]);
      }
    }
    const leaks: Leak[] = [];
    for (const { source, text } of this.#texts) {
      for (let i = 0; i + PREFIX <= text.length; i++) {
        const candidates = byPrefix.get(text.slice(i, i + PREFIX));
        const hit = candidates?.find((form) => text.startsWith(form, i));
        if (hit) leaks.push({ source, preview: `${hit.slice(0, 12)}…` });
      }
    }
    return leaks;
  }
}

function safe(render: () => string | undefined): string | undefined {
  try {
    return render();
  } catch (error) {
    return `[render failed: ${error instanceof Error ? error.message : String(error)}]`;
  }
}
