import { timelineOf } from './calendar-input.js';
import { toInstant } from './instant.js';
import type { Calendar, InstantInput } from './types.js';

/**
 * `t` itself if the calendar is open then, else the start of its next open interval.
 * Throws `CALENDAR_NEVER_OPENS` when no open time follows `t`.
 *
 * @example
 * ```ts
 * nextOpen(uk, '2026-11-26T18:30:00Z'); // Date.parse('2026-11-27T09:00:00Z')
 * ```
 */
export function nextOpen(calendar: Calendar, t: InstantInput): number {
  const timeline = timelineOf(calendar);
  return timeline.nextOpen(toInstant(t, 't'));
}
