import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  businessMillisBetween,
  type Calendar,
  type CalendarDefinition,
  defineCalendar,
  isOpen,
  nextClose,
  nextOpen,
  openIntervals,
  PetSlaError,
  parseSnapshot,
  toSnapshot,
  WEEKDAYS,
  type Weekday,
} from '../../src/index.js';
import {
  calendarArb,
  calendarCaseArb,
  calendarDefinitionArb,
} from '../../src/testing/arbitraries.js';
import { params } from '../support/fc.js';
import { independentFingerprint } from '../support/independent-fingerprint.js';

// SPEC §6 on random calendars (DST zones, night windows, split and shuffled windows, overrides).

const DAY = 86_400_000;

/** The value, or the code of the PetSlaError thrown instead (CALENDAR_NEVER_OPENS, ...). */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    if (error instanceof PetSlaError) return error.code;
    throw error;
  }
}

/** SPEC §6 fingerprint, recomputed without the library: sorted keys, no whitespace, node:crypto. */

// Windows as minutes: [start, end) from the start of their date, end up to start + 1439.
type Minutes = [number, number];

function parse(window: string): Minutes {
  const [sh, sm, eh, em] = window.split(/[:-]/).map(Number) as [number, number, number, number];
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  return [start, end <= start ? end + 1440 : end];
}

const hhmm = (m: number): string =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Writes a window; `midnight` says how to write an end at midnight ("24:00" or "00:00"). */
function format([start, end]: Minutes, midnight: '24:00' | '00:00' = '24:00'): string {
  const endText =
    end === 1440 ? (start === 0 ? '24:00' : midnight) : hhmm(end > 1440 ? end - 1440 : end);
  return `${hhmm(start)}-${endText}`;
}

/** A window that the notation can express: start within the day, shorter than a day. */
const writable = ([start, end]: Minutes): boolean =>
  start >= 0 &&
  start < 1440 &&
  end > start &&
  (end - start < 1440 || (start === 0 && end === 1440));

/** Deterministic choices drawn from a list of numbers that fast-check generated. */
function chooser(noise: readonly number[]): (k: number) => number {
  let i = 0;
  return (k) => {
    const value = (noise[i % noise.length] ?? 0) + i * 7919;
    i++;
    return value % k;
  };
}

/**
 * The same definition written differently: every list of windows split at random points into
 * touching pieces and shuffled, midnight written either way, closed days written out or left
 * out, overrides shuffled, the default version written out.
 */
function rewrite(definition: CalendarDefinition, noise: readonly number[]): CalendarDefinition {
  const choose = chooser(noise);
  const shuffle = <T>(items: readonly T[]): T[] =>
    items
      .map((item) => ({ item, key: choose(1000) }))
      .sort((a, b) => a.key - b.key)
      .map(({ item }) => item);
  const rewriteWindows = (windows: readonly string[]): string[] => {
    const pieces: Minutes[] = [];
    for (const text of windows) {
      let rest = parse(text);
      // Up to two cuts; the second piece must still start within the day.
      for (let cut = 0; cut < 2; cut++) {
        const room = Math.min(rest[1], 1440) - rest[0];
        if (room < 2 || choose(3) === 0) break;
        const at = rest[0] + 1 + choose(room - 1);
        pieces.push([rest[0], at]);
        rest = [at, rest[1]];
      }
      pieces.push(rest);
    }
    return shuffle(pieces.map((w) => format(w, choose(2) === 0 ? '24:00' : '00:00')));
  };
  const week: Partial<Record<Weekday, string[]>> = {};
  for (const day of WEEKDAYS) {
    const windows = definition.week[day];
    if (windows === undefined) {
      if (choose(2) === 0) week[day] = [];
    } else if (windows.length > 0 || choose(2) === 0) {
      week[day] = rewriteWindows(windows);
    }
  }
  const overrides = shuffle(definition.overrides ?? []).map((o) => ({
    ...o,
    windows: rewriteWindows(o.windows),
  }));
  return {
    id: definition.id,
    ...(choose(2) === 0 ? { version: 1 } : {}),
    zone: definition.zone,
    week: shuffleKeys(week, choose),
    ...(overrides.length > 0 || choose(2) === 0 ? { overrides } : {}),
  };
}

function shuffleKeys<T extends object>(object: T, choose: (k: number) => number): T {
  const entries = Object.entries(object).map((e) => ({ e, key: choose(1000) }));
  entries.sort((a, b) => a.key - b.key);
  return Object.fromEntries(entries.map(({ e }) => e)) as T;
}

describe('§6 snapshots of random calendars', () => {
  it('parseSnapshot(JSON of toSnapshot(c)) is c: same fingerprint, same text, same answers', () => {
    fc.assert(
      fc.property(
        calendarCaseArb(4),
        fc.integer({ min: 1, max: 20 * DAY }),
        ({ definition, calendar, instants }, n) => {
          const stored = JSON.stringify(toSnapshot(calendar));
          const parsed = parseSnapshot(JSON.parse(stored));
          // Compiled timelines are shared by fingerprint, so `parsed` and `calendar` may share
          // one; the twin (same rules, another id, so another fingerprint) never does, which
          // makes the comparison below one between two independently compiled calendars.
          const twin = defineCalendar({ ...definition, id: `${definition.id}-twin` });
          expect(parsed).not.toBe(calendar);
          expect(parsed.fingerprint).toBe(calendar.fingerprint);
          expect(JSON.stringify(parsed)).toBe(stored);
          expect(independentFingerprint(JSON.parse(stored))).toBe(calendar.fingerprint);

          const both = <T>(f: (c: Calendar) => T): void => {
            const expected = outcome(() => f(twin));
            expect(outcome(() => f(parsed))).toEqual(expected);
            expect(outcome(() => f(calendar))).toEqual(expected);
          };
          for (const t of instants) {
            both((c) => isOpen(c, t));
            both((c) => nextOpen(c, t));
            both((c) => nextClose(c, t));
            both((c) => addBusinessMillis(c, t, n));
            both((c) => addBusinessMillis(c, t, -n));
            both((c) => businessMillisBetween(c, t, t + 7 * DAY));
            both((c) => openIntervals(c, t - 2 * DAY, t + 2 * DAY));
          }
          const [a = 0, b = 0] = instants;
          both((c) => businessMillisBetween(c, a, b));
          // The stored JSON itself, unparsed, is accepted wherever a calendar is.
          const t = instants[2] ?? 0;
          expect(outcome(() => nextOpen(JSON.parse(stored) as Calendar, t))).toEqual(
            outcome(() => nextOpen(twin, t)),
          );
        },
      ),
      params(),
    );
  });

  it('definitions that differ only in order, splitting and notation give the same snapshot', () => {
    fc.assert(
      fc.property(
        calendarDefinitionArb(),
        fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 64 }),
        (definition, noise) => {
          const rewritten = rewrite(definition, noise);
          const a = defineCalendar(definition);
          const b = defineCalendar(rewritten);
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
          // A snapshot's own content, read as a definition, is already in normal form.
          const { schema: _, fingerprint: __, ...content } = a;
          expect(defineCalendar(content).fingerprint).toBe(a.fingerprint);
        },
      ),
      params(),
    );
  });

  it('moving one edge of one window by a minute changes the fingerprint', () => {
    fc.assert(
      fc.property(
        calendarArb(),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        fc.constantFrom(-1, 1),
        (calendar, where, which, endEdge, delta) => {
          // Every window of the normal form: a weekday's or an override's.
          const places: { day?: Weekday; override?: number }[] = [
            ...WEEKDAYS.filter((day) => calendar.week[day].length > 0).map((day) => ({ day })),
            ...calendar.overrides
              .map((o, override) => ({ override, n: o.windows.length }))
              .filter(({ n }) => n > 0)
              .map(({ override }) => ({ override })),
          ];
          fc.pre(places.length > 0);
          const place = places[where % places.length] as (typeof places)[number];
          const list =
            place.day !== undefined
              ? calendar.week[place.day]
              : (calendar.overrides[place.override ?? 0]?.windows ?? []);
          const index = which % list.length;
          const [start, end] = parse(list[index] as string);
          const moved: Minutes = endEdge ? [start, end + delta] : [start + delta, end];
          if (!writable(moved)) return;
          const windows = list.map((w, i) => (i === index ? format(moved) : w));
          const definition: CalendarDefinition = {
            id: calendar.id,
            zone: calendar.zone,
            week:
              place.day !== undefined ? { ...calendar.week, [place.day]: windows } : calendar.week,
            overrides: calendar.overrides.map((o, i) =>
              i === place.override ? { ...o, windows } : o,
            ),
          };
          let changed: Calendar;
          try {
            changed = defineCalendar(definition);
          } catch (error) {
            // Moved onto a neighbour: not a valid calendar, so nothing to compare.
            expect(error).toBeInstanceOf(PetSlaError);
            expect((error as PetSlaError).code).toBe('OVERLAPPING_WINDOWS');
            return;
          }
          expect(changed.fingerprint).not.toBe(calendar.fingerprint);
          expect({ week: changed.week, overrides: changed.overrides }).not.toEqual({
            week: calendar.week,
            overrides: calendar.overrides,
          });
          // Moving it back restores the fingerprint.
          const back = defineCalendar({
            ...definition,
            week: calendar.week,
            overrides: calendar.overrides,
          });
          expect(back.fingerprint).toBe(calendar.fingerprint);
        },
      ),
      params(),
    );
  });
});
