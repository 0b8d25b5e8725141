import { deepFreeze } from '../shared/read.js';
import { timelineOf } from './calendar-input.js';
import { toInstant } from './instant.js';
import type { Interval } from './timeline.js';
import type { Calendar, InstantInput } from './types.js';

export type { Interval };

/**
 * The maximal open intervals of the calendar clipped to [from, to), in order, as
 * `{ start, end }` epoch milliseconds (`end` exclusive). Empty when `to` ≤ `from`.
 *
 * @example
 * ```ts
 * openIntervals(uk, '2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z');
 * // [{ start: Date.parse('2026-11-26T09:00:00Z'), end: Date.parse('2026-11-26T17:00:00Z') }]
 * ```
 */
export function openIntervals(
  calendar: Calendar,
  from: InstantInput,
  to: InstantInput,
): readonly Interval[] {
  const timeline = timelineOf(calendar);
  const a = toInstant(from, 'from');
  const b = toInstant(to, 'to');
  return deepFreeze(a < b ? timeline.intervals(a, b) : []);
}
