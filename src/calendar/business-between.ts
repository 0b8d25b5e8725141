import { timelineOf } from './calendar-input.js';
import { MS_PER_MINUTE } from './civil.js';
import { toInstant } from './instant.js';
import type { Calendar, InstantInput } from './types.js';

/**
 * The business time (ms) in [a, b): how long the calendar is open between the two instants.
 * Negative when `b` is before `a`.
 *
 * @example
 * ```ts
 * businessMillisBetween(uk, '2026-11-26T16:00:00Z', '2026-11-27T10:00:00Z'); // 7_200_000
 * ```
 */
export function businessMillisBetween(
  calendar: Calendar,
  a: InstantInput,
  b: InstantInput,
): number {
  const timeline = timelineOf(calendar);
  const from = toInstant(a, 'a');
  const to = toInstant(b, 'b');
  if (from === to) return 0;
  if (from < to) return timeline.measure(from, to);
  const measure = timeline.measure(to, from);
  return measure === 0 ? 0 : -measure; // never -0
}

/**
 * {@link businessMillisBetween} in minutes (ms / 60000, not rounded).
 *
 * @example
 * ```ts
 * businessMinutesBetween(uk, '2026-11-26T16:00:00Z', '2026-11-27T10:00:00Z'); // 120
 * ```
 */
export function businessMinutesBetween(
  calendar: Calendar,
  a: InstantInput,
  b: InstantInput,
): number {
  return businessMillisBetween(calendar, a, b) / MS_PER_MINUTE;
}
