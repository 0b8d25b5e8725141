import { describe, PetSlaError } from '../errors.js';
import { registeredTimeline } from './registry.js';
import type { Timeline } from './timeline.js';

/** The engine behind anything accepted as a calendar, or INVALID_CALENDAR. */
export function timelineOf(calendar: unknown, path = 'calendar'): Timeline {
  const timeline = registeredTimeline(calendar);
  if (timeline !== undefined) return timeline;
  throw new PetSlaError(
    'INVALID_CALENDAR',
    `expected a calendar made by defineCalendar, reviseCalendar or parseSnapshot, got ${describe(calendar)}`,
    path,
  );
}
