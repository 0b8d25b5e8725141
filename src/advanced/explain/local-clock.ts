import {
  type Calendar,
  defineCalendar,
  MAX_INSTANT,
  MIN_INSTANT,
  openIntervals,
} from '../../index.js';

// Reading instants as wall time in a zone, for labels only. The advanced layer has no zone
// machinery of its own: every answer here comes from calendars asked through the public API,
// so wall time is read by exactly the rule the calendars themselves use (docs/semantics.md).
//
// A calendar open 00:00-24:00 on a date D opens at D's local midnight and closes at the next
// one. Opening every third date (three calendars) gives every local midnight without two open
// dates ever touching, even around a skipped date. A local day of exactly 24 hours has no offset
// change inside it, so its wall time is its midnight plus the time elapsed. On the rare day of
// another length, the offset change is pinned to the minute by bisection on the wall time,
// asking when a window 00:00-HH:MM of that date closes.

const MINUTE = 60_000;
const DAY = 86_400_000;

/** One local date of a zone: `day` counts days from 1970-01-01, [start, end) are its instants. */
export interface LocalDay {
  readonly day: number;
  readonly start: number;
  readonly end: number;
}

/** Wall-clock readings of one zone over a span of instants. */
export interface LocalClock {
  readonly zone: string;
  /** The wall-clock reading at t, as milliseconds since 1970-01-01T00:00 local time. */
  wallAt(t: number): number;
  /** The local dates that overlap [from, to), in order. */
  daysBetween(from: number, to: number): readonly LocalDay[];
}

const mod3 = (n: number): number => ((n % 3) + 3) % 3;
const isoDate = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const clamp = (t: number): number => Math.min(MAX_INSTANT - 1, Math.max(MIN_INSTANT, t));
const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function calendarOpenOn(zone: string, days: readonly number[], window: string): Calendar {
  return defineCalendar({
    id: 'pet-sla-local-time',
    zone,
    week: {},
    overrides: days.map((day) => ({ date: isoDate(day), windows: [window] })),
  });
}

/** Every local date whose midnight lies near [from, to], keyed by day number. */
function localDays(zone: string, from: number, to: number): LocalDay[] {
  const first = Math.max(Math.floor(from / DAY) - 2, Math.ceil(MIN_INSTANT / DAY));
  const last = Math.min(Math.floor(to / DAY) + 2, Math.floor(MAX_INSTANT / DAY) - 1);
  const found: LocalDay[] = [];
  for (let r = 0; r < 3; r++) {
    const days: number[] = [];
    for (let day = first; day <= last; day++) if (mod3(day) === r) days.push(day);
    if (days.length === 0) continue;
    const calendar = calendarOpenOn(zone, days, '00:00-24:00');
    for (const { start, end } of openIntervals(
      calendar,
      clamp((first - 2) * DAY),
      clamp((last + 3) * DAY),
    )) {
      // A local midnight lies within 14 hours of the same date's UTC midnight, so exactly one
      // of the three dates around it is of this calendar's class.
      const near = Math.round(start / DAY);
      const day = [near - 1, near, near + 1].find((d) => mod3(d) === r) as number;
      found.push({ day, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

interface OffsetChange {
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

/**
 * The zone's wall-clock readings over [from, to] (a margin of days either side is included;
 * instants further out are read by building the days around them).
 */
export function localClock(zone: string, from: number, to: number): LocalClock {
  let days = localDays(zone, from, to);
  const changes = new Map<number, OffsetChange>();

  const indexOf = (t: number): number => {
    let lo = 0;
    let hi = days.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = days[mid] as LocalDay;
      if (t < d.start) hi = mid - 1;
      else if (t >= d.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  };

  const dayOf = (t: number): { index: number; local: LocalDay } => {
    let index = indexOf(t);
    if (index < 0) {
      days = localDays(zone, Math.min(t, days[0]?.start ?? t), Math.max(t, days.at(-1)?.end ?? t));
      index = indexOf(t);
    }
    return { index, local: days[index] as LocalDay };
  };

  // The offset at a midnight that is a day or more away from an offset change.
  const offsetAtMidnight = (index: number, step: -1 | 1): number => {
    let i = index;
    for (let tries = 0; tries < 4; tries++) {
      const d = days[i];
      if (d !== undefined && d.end - d.start === DAY) return d.day * DAY - d.start;
      i += step;
    }
    const d = (days[index] ?? days[0]) as LocalDay;
    return d.day * DAY - d.start;
  };

  const changeIn = (index: number): OffsetChange => {
    const local = days[index] as LocalDay;
    const known = changes.get(local.day);
    if (known !== undefined) return known;
    if (index - 1 < 0) days = localDays(zone, local.start - 4 * DAY, local.end + 4 * DAY);
    const i = days.findIndex((d) => d.day === local.day);
    const before = offsetAtMidnight(i - 1, -1);
    const after = offsetAtMidnight(i + 1, 1);
    // closesAt(w): when the window 00:00-w of this date closes, i.e. where wall time w resolves.
    const closesAt = (minutes: number): number => {
      if (minutes === 0) return local.start;
      if (minutes === 1440) return local.end;
      const calendar = calendarOpenOn(zone, [local.day], `00:00-${hhmm(minutes)}`);
      const open = openIntervals(calendar, clamp(local.start - DAY), clamp(local.end + DAY));
      return open[0]?.end ?? local.start;
    };
    // Wall times shown before the change resolve with the old offset; find the first that does not.
    const shownBefore = (minutes: number): boolean =>
      closesAt(minutes) + before === local.day * DAY + minutes * MINUTE;
    let lo = -1;
    let hi = 1440;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (shownBefore(mid)) lo = mid;
      else hi = mid;
    }
    const at =
      after > before ? closesAt(hi) : Math.min(local.end, local.day * DAY + hi * MINUTE - before);
    const change = { at, before, after };
    changes.set(local.day, change);
    return change;
  };

  return {
    zone,
    wallAt(t: number): number {
      const { index, local } = dayOf(t);
      if (local.end - local.start === DAY) return local.day * DAY + (t - local.start);
      const change = changeIn(index);
      return t + (t < change.at ? change.before : change.after);
    },
    daysBetween(a: number, b: number): readonly LocalDay[] {
      dayOf(a);
      dayOf(Math.max(a, b - 1));
      return days.filter((d) => d.end > a && d.start < b);
    },
  };
}
