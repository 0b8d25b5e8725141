import { toInstant } from './instant.js';
import type { InstantInput } from './types.js';

/**
 * Reads any accepted instant (epoch milliseconds, a `Date`, a luxon `DateTime`, an ISO-8601
 * string with an offset or `Z`) as epoch milliseconds, by exactly the rules every other
 * function applies to its instant arguments (docs/semantics.md). A string without an offset
 * is ambiguous and refused; instants outside 1900–2200 are `INSTANT_OUT_OF_RANGE`.
 *
 * @example
 * ```ts
 * toEpochMillis('2026-11-30T09:00:00+01:00'); // 1796025600000
 * toEpochMillis(new Date(0)); // 0
 * ```
 */
export function toEpochMillis(t: InstantInput): number {
  return toInstant(t, 't');
}
