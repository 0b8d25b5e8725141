import { timelineOf } from './calendar-input.js';
import { toInstant } from './instant.js';
import type { Calendar, InstantInput } from './types.js';

/**
 * `t` itself if the calendar is closed then, else the end of the open period containing `t`
 * (touching windows count as one period, also across midnight). Throws
 * `CALENDAR_NEVER_CLOSES` when the calendar stays open for ever after `t`.
 *
 * @example
 * ```ts
 * nextClose(uk, '2026-11-26T10:00:00Z'); // Date.parse('2026-11-26T17:00:00Z')
 * ```
 */
export function nextClose(calendar: Calendar, t: InstantInput): number {
  const timeline = timelineOf(calendar);
  return timeline.nextClose(toInstant(t, 't'));
}
