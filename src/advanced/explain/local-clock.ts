import { MAX_INSTANT, MIN_INSTANT, resolveWallTime, wallTimeOf } from '../../index.js';
import { formatIsoDate, MS_PER_DAY } from '../../shared/civil.js';

// Wall time in a zone, for labels only, read with the calendar layer's own zone rules
// (wallTimeOf, resolveWallTime), so that labels agree with the business-time arithmetic.

const DAY = MS_PER_DAY;

/** One local date of a zone: `day` counts days from 1970-01-01, [start, end) are its instants. */
export interface LocalDay {
  readonly day: number;
  readonly start: number;
  readonly end: number;
}

/** Wall-clock readings of one zone. */
export interface LocalClock {
  readonly zone: string;
  /** The wall-clock reading at t, as milliseconds since 1970-01-01T00:00 local time. */
  wallAt(t: number): number;
  /** The local dates that overlap [from, to), in order (a date the zone skipped has none). */
  daysBetween(from: number, to: number): readonly LocalDay[];
}

/** The wall clock of `zone` (UNKNOWN_ZONE at `zone` if it is not one). */
export function localClock(zone: string): LocalClock {
  wallTimeOf(0, zone);
  // Dates at the edges of the supported range resolve outside it: clamp them to the range.
  const midnight = (day: number): number =>
    day * DAY >= MAX_INSTANT
      ? MAX_INSTANT
      : (day + 2) * DAY <= MIN_INSTANT
        ? MIN_INSTANT
        : Math.max(MIN_INSTANT, resolveWallTime(zone, formatIsoDate(day)));
  const wallAt = (t: number): number => t + wallTimeOf(t, zone).offsetMs;
  return {
    zone,
    wallAt,
    daysBetween(from: number, to: number): readonly LocalDay[] {
      const days: LocalDay[] = [];
      let day = Math.floor(wallAt(Math.max(from, MIN_INSTANT)) / DAY);
      let start = midnight(day);
      while (start < to && start < MAX_INSTANT) {
        const end = midnight(day + 1);
        if (end > start && end > from) days.push({ day, start, end });
        day += 1;
        start = end;
      }
      return days;
    },
  };
}
