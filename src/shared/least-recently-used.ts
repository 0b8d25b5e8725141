// The eviction rule of the caches that stamp each entry with its last use: once over the limit,
// drop the least recently used entries until a quarter of the limit is free again, so that
// the (sorting) eviction runs once per many additions rather than on each one.

/**
 * The bytes still used after evicting from `entries()` (asked for only when over `limit`),
 * least recently used first; `drop` forgets one entry and returns the bytes it was counted for.
 */
export function evictLeastRecentlyUsed<T extends { readonly used: number }>(
  used: number,
  limit: number,
  entries: () => T[],
  drop: (entry: T) => number,
): number {
  if (used <= limit) return used;
  const target = limit * 0.75;
  let left = used;
  for (const entry of entries().sort((a, b) => a.used - b.used)) {
    if (left <= target) break;
    left -= drop(entry);
  }
  return left;
}
