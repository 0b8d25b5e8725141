import { describe, PetSlaError } from '../errors.js';
import { isPlainObject } from '../shared/read.js';
import { registeredTimeline } from './registry.js';
import { parseSnapshot } from './snapshot.js';
import type { Timeline } from './timeline.js';
import type { Calendar } from './types.js';

// A snapshot object that is not one of the library's own frozen values may be changed by its
// owner between calls, so it is re-validated unless its JSON text is unchanged since it was
// last parsed (a far cheaper check than re-hashing it).
const parsedSnapshots = new WeakMap<
  object,
  { readonly text: string; readonly calendar: Calendar }
>();

function calendarFromSnapshot(snapshot: object): Calendar {
  const text = JSON.stringify(snapshot);
  const seen = parsedSnapshots.get(snapshot);
  if (seen !== undefined && seen.text === text) return seen.calendar;
  const calendar = parseSnapshot(snapshot);
  parsedSnapshots.set(snapshot, { text, calendar });
  return calendar;
}

/**
 * The engine behind anything accepted as a calendar: a calendar this library made, or a
 * snapshot (validated and fingerprint-checked, as by parseSnapshot).
 */
export function timelineOf(calendar: unknown, path = 'calendar'): Timeline {
  const timeline = registeredTimeline(calendar);
  if (timeline !== undefined) return timeline;
  if (isPlainObject(calendar) && 'schema' in calendar) {
    return registeredTimeline(calendarFromSnapshot(calendar)) as Timeline;
  }
  throw new PetSlaError(
    'INVALID_CALENDAR',
    `expected a calendar (from defineCalendar, reviseCalendar or parseSnapshot) or a calendar snapshot, got ${describe(calendar)}`,
    path,
  );
}
