import { describe, PetSlaError } from '../errors.js';
import { type CalendarEngine, calendars } from './calendar-document.js';
import { sharedTimeline } from './shared-timelines.js';
import type { Timeline } from './timeline.js';
import type { Calendar } from './types.js';

/**
 * Anything accepted as a calendar: a calendar this library made, or a snapshot (validated and
 * fingerprint-checked, as by parseSnapshot). Anything else is INVALID_CALENDAR at `path`.
 */
export function calendarOf(value: unknown, path = 'calendar'): Calendar {
  return calendars.accept(
    value,
    (other) =>
      new PetSlaError(
        'INVALID_CALENDAR',
        `expected a calendar (from defineCalendar, reviseCalendar or parseSnapshot) or a calendar snapshot, got ${describe(other)}`,
        path,
      ),
  );
}

/** The engine behind anything accepted as a calendar (see {@link calendarOf}). */
export function timelineOf(value: unknown, path = 'calendar'): Timeline {
  const engine =
    calendars.data(value) ?? (calendars.data(calendarOf(value, path)) as CalendarEngine);
  let timeline = engine.timeline;
  if (timeline === undefined || timeline.retired) {
    timeline = sharedTimeline(engine.fingerprint, engine.rules);
    engine.timeline = timeline;
    // Same fingerprint, same rules: keeping one copy means a calendar never holds another
    // calendar's rules through a timeline once that timeline is retired.
    engine.rules = timeline.rules;
  }
  return timeline;
}
