// The wire's default clock, the real one: the twin of types.ts's public systemClock (test/runtime/wire.test.ts holds
// them to the same behaviour). The wire cannot import that core module, and linking it would put a clock in every
// page's initial load; this way an app ships the public one only if it imports it.

import type { Clock } from "./types.js";

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
