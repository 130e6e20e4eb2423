// Bounded collections: the emulator may run for days on a laptop, so every table forgets its oldest entries.

/** A Map that keeps at most `limit` entries; inserting one more evicts the oldest (insertion order). */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    for (const oldest of this.keys()) {
      if (this.size <= this.limit) break;
      this.delete(oldest);
    }
    return this;
  }
}

/**
 * Drops the oldest entries of `list` (in place) once it holds more than `limit`. A tenth of the limit goes at once,
 * so a long run pays one splice per limit/10 pushes, not a shift per push.
 */
export function trimOldest(list: unknown[], limit: number): void {
  if (list.length <= limit) return;
  list.splice(0, list.length - limit + Math.floor(limit / 10));
}
