import { calendars } from './calendar-document.js';
import type { Calendar, CalendarDefinition } from './types.js';

/**
 * What {@link reviseCalendar} may change; each field given replaces the old one whole, so
 * spread the old value to keep what you do not change. `id` never changes.
 *
 * @example
 * ```ts
 * const changes: CalendarChanges = { week: { ...uk.week, sat: ['10:00-14:00'] } };
 * const v2 = reviseCalendar(uk, changes); // same id, version 2, Saturdays open
 * ```
 */
export type CalendarChanges = Partial<
  Pick<CalendarDefinition, 'name' | 'zone' | 'week' | 'overrides'>
>;

/**
 * The next version of a calendar: `version + 1`, `previous` = the fingerprint of the version
 * it replaces, and the given fields replaced whole. The old calendar is untouched; keep its
 * snapshot for the tickets bound to it.
 *
 * @example
 * ```ts
 * const v2 = reviseCalendar(uk, { overrides: [...uk.overrides, { date: '2027-01-01', windows: [] }] });
 * v2.version; // 2
 * v2.previous === uk.fingerprint; // true
 * ```
 */
export function reviseCalendar(calendar: Calendar, changes: CalendarChanges): Calendar {
  return calendars.revise(calendar, changes);
}
