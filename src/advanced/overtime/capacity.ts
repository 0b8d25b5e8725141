import {
  addBusinessMillis,
  businessMillisBetween,
  type Interval,
  isPetSlaError,
  MAX_INSTANT,
  openIntervals,
} from '../../index.js';
import type { StaffedCalendar } from './read-input.js';

/** How far ahead the roster's open intervals are read at a time. */
const WINDOW_MS = 7 * 86_400_000;

/**
 * C(d) for due dates asked in non-decreasing order: the agent-milliseconds the roster works in
 * [now, d); a due date at or before `now` has none. It walks the roster's open intervals a
 * week at a time (a board with a due date every minute asks tens of thousands of times), and
 * measures a far jump directly. Products past 2^53 may round, but only where capacity already
 * exceeds any total of work (which is kept a safe integer), so every comparison stays exact.
 */
export function rosterCapacityReader(
  roster: StaffedCalendar,
  now: number,
): (dueAt: number) => number {
  let from = now; // the window read: [from, to), with `before` business ms in [now, from)
  let to = now;
  let before = 0;
  let intervals: readonly Interval[] = [];
  let next = 0; // intervals before `next` end at or before the last date asked
  let passed = 0; // their business time
  const readWindow = (start: number, end: number, measured: number) => {
    from = start;
    to = Math.min(end, MAX_INSTANT - 1);
    before = measured;
    intervals = openIntervals(roster.calendar, from, to);
    next = 0;
    passed = 0;
  };
  return (dueAt) => {
    if (dueAt <= now) return 0;
    if (dueAt > to) {
      if (dueAt <= to + WINDOW_MS) {
        const whole = intervals.reduce((sum, i) => sum + (i.end - i.start), 0);
        readWindow(to, dueAt + WINDOW_MS, before + whole);
      } else {
        readWindow(dueAt, dueAt + WINDOW_MS, businessMillisBetween(roster.calendar, now, dueAt));
      }
    }
    while (next < intervals.length && (intervals[next] as Interval).end <= dueAt) {
      const done = intervals[next] as Interval;
      passed += done.end - done.start;
      next++;
    }
    const current = intervals[next];
    const partial = current !== undefined && current.start < dueAt ? dueAt - current.start : 0;
    return roster.agents * (before + passed + partial);
  };
}

/** ⌈a / b⌉ for safe integers a ≥ 0, b ≥ 1, without the rounding of a float division. */
function ceilDiv(a: number, b: number): number {
  const rest = a % b;
  return (a - rest) / b + (rest === 0 ? 0 : 1);
}

/**
 * When the roster alone has done `workMs` agent-milliseconds counted from `now`: the first
 * whole millisecond u with agents × business time [now, u) ≥ workMs. The agents share the
 * work, so when it does not divide evenly among them the last millisecond is only partly
 * used: the wall-clock business time needed is ⌈workMs / agents⌉. `null` when the roster
 * never has that much open time ahead (or not before the supported range ends).
 */
export function finishOnRoster(
  roster: StaffedCalendar,
  now: number,
  workMs: number,
): number | null {
  try {
    return addBusinessMillis(roster.calendar, now, ceilDiv(workMs, roster.agents));
  } catch (error) {
    if (
      isPetSlaError(error, 'CALENDAR_NEVER_OPENS') ||
      isPetSlaError(error, 'INSTANT_OUT_OF_RANGE')
    )
      return null;
    throw error;
  }
}

/** Parts of `open` outside `taken`; both sorted, disjoint and non-touching (maximal). */
function outside(open: readonly Interval[], taken: readonly Interval[]): Interval[] {
  const parts: Interval[] = [];
  let j = 0;
  for (const interval of open) {
    let start = interval.start;
    while (j < taken.length && (taken[j] as Interval).end <= start) j++;
    for (let k = j; k < taken.length && start < interval.end; k++) {
      const t = taken[k] as Interval;
      if (t.start >= interval.end) break;
      if (t.start > start) parts.push({ start, end: t.start });
      start = Math.max(start, t.end);
    }
    if (start < interval.end) parts.push({ start, end: interval.end });
  }
  return parts;
}

/**
 * E(d) for due dates asked in non-decreasing order: the agent-milliseconds overtime adds in
 * [now, d), i.e. its open time outside the roster's open set (rostered hours are already
 * counted in C), times its agents. Built once for [now, horizon), read in one pass.
 */
export function overtimeCapacityReader(
  overtime: StaffedCalendar,
  roster: StaffedCalendar,
  now: number,
  horizon: number,
): (dueAt: number) => number {
  const extra =
    horizon <= now
      ? []
      : outside(
          openIntervals(overtime.calendar, now, horizon),
          openIntervals(roster.calendar, now, horizon),
        );
  let next = 0;
  let before = 0; // business time of the extra intervals before `next`
  return (dueAt) => {
    while (next < extra.length && (extra[next] as Interval).end <= dueAt) {
      const done = extra[next] as Interval;
      before += done.end - done.start;
      next++;
    }
    const current = extra[next];
    const partial = current !== undefined && current.start < dueAt ? dueAt - current.start : 0;
    return overtime.agents * (before + partial);
  };
}
