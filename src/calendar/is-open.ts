import { timelineOf } from './calendar-input.js';
import { toInstant } from './instant.js';
import type { Calendar, InstantInput } from './types.js';

/**
 * Whether the calendar is open at `t`. Intervals are half-open: open at a window's start,
 * closed at its end.
 *
 * @example
 * ```ts
 * isOpen(uk, '2026-11-26T09:00:00Z'); // true
 * isOpen(uk, '2026-11-26T17:00:00Z'); // false
 * ```
 */
export function isOpen(calendar: Calendar, t: InstantInput): boolean {
  const timeline = timelineOf(calendar);
  return timeline.isOpen(toInstant(t, 't'));
}
