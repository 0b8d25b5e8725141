import { calendars } from './calendar-document.js';
import type { Calendar, CalendarDefinition } from './types.js';

/**
 * Validates a calendar definition (docs/semantics.md §2) and returns the immutable, normalised
 * calendar. Every problem is a `PetSlaError` naming the field (`week.tue[1]`, `overrides[3].date`).
 *
 * @example
 * ```ts
 * const uk = defineCalendar({
 *   id: 'uk-support',
 *   zone: 'Europe/London',
 *   week: { mon: ['09:00-17:00'], tue: ['09:00-12:00', '13:00-17:00'], fri: ['09:00-17:00', '22:00-06:00'] },
 *   overrides: [{ date: '2026-12-25', windows: [], label: 'Christmas Day' }],
 * });
 * uk.version; // 1
 * ```
 */
export function defineCalendar(definition: CalendarDefinition): Calendar {
  return calendars.define(definition);
}
