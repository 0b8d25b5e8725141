import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  businessMillisBetween,
  isOpen,
  MAX_INSTANT,
  MIN_INSTANT,
  nextClose,
  nextOpen,
  openIntervals,
} from '../../src/index.js';
import { calendarCaseArb } from '../../src/testing/arbitraries.js';
import { codeOf, params } from '../support/fc.js';

const DAY = 86_400_000;
// Amounts from a millisecond to a few weeks of business time, often round.
const amount = fc.oneof(
  fc.integer({ min: 1, max: 40 * DAY }),
  fc.integer({ min: 1, max: 24 * 60 }).map((m) => m * 60_000),
  fc.integer({ min: 1, max: 1000 }),
);

const add = addBusinessMillis;
const between = businessMillisBetween;

/** `add`, or the error code when the calendar cannot supply the time. */
function tryAdd(cal: Parameters<typeof add>[0], t: number, n: number): number | string {
  try {
    return add(cal, t, n);
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('§5 laws on random calendars in DST zones', () => {
  it('between(t, add(t, n)) = n for n ≥ 0, and add fails only when the time does not exist', () => {
    fc.assert(
      fc.property(calendarCaseArb(1), amount, ({ calendar, instants: [t = 0] }, n) => {
        const u = tryAdd(calendar, t, n);
        if (typeof u === 'number') {
          expect(u).toBeGreaterThanOrEqual(t);
          expect(between(calendar, t, u)).toBe(n);
          // Earliest: the last millisecond before u is open, so u - 1 would hold only n - 1.
          expect(isOpen(calendar, u - 1)).toBe(true);
        } else {
          expect(u).toBe('CALENDAR_NEVER_OPENS');
          expect(between(calendar, t, MAX_INSTANT - 1)).toBeLessThan(n);
        }
        expect(add(calendar, t, 0)).toBe(t);
      }),
      params(),
    );
  });

  it('add(add(t, a), b) = add(t, a + b) for a, b > 0', () => {
    fc.assert(
      fc.property(calendarCaseArb(1), amount, amount, ({ calendar, instants: [t = 0] }, a, b) => {
        const whole = tryAdd(calendar, t, a + b);
        const first = tryAdd(calendar, t, a);
        const stepped = typeof first === 'number' ? tryAdd(calendar, first, b) : first;
        expect(stepped).toBe(whole);
      }),
      params(),
    );
  });

  it('between(a, b) + between(b, c) = between(a, c), and between is antisymmetric', () => {
    fc.assert(
      fc.property(calendarCaseArb(3), ({ calendar, instants: [a = 0, b = 0, c = 0] }) => {
        expect(between(calendar, a, b) + between(calendar, b, c)).toBe(between(calendar, a, c));
        expect(between(calendar, b, a)).toBe(0 - between(calendar, a, b)); // 0, never -0
      }),
      params(),
    );
  });

  it('add is non-decreasing in t and strictly increasing in n', () => {
    fc.assert(
      fc.property(
        calendarCaseArb(2),
        amount,
        amount,
        ({ calendar, instants: [s = 0, t = 0] }, m, n) => {
          const [t1, t2] = s <= t ? [s, t] : [t, s];
          const [n1, n2] = m <= n ? [m, n] : [n, m];
          const u1 = tryAdd(calendar, t1, n1);
          const u2 = tryAdd(calendar, t2, n1);
          if (typeof u1 === 'number' && typeof u2 === 'number') expect(u1).toBeLessThanOrEqual(u2);
          const v1 = tryAdd(calendar, t1, n1);
          const v2 = tryAdd(calendar, t1, n2);
          if (typeof v1 === 'number' && typeof v2 === 'number') {
            if (n1 < n2) expect(v1).toBeLessThan(v2);
            else expect(v1).toBe(v2);
          }
        },
      ),
      params(),
    );
  });

  it('isOpen(t) = (between(t, t + 1) = 1)', () => {
    fc.assert(
      fc.property(calendarCaseArb(4), ({ calendar, instants }) => {
        for (const t of instants)
          expect(isOpen(calendar, t)).toBe(between(calendar, t, t + 1) === 1);
      }),
      params(),
    );
  });

  it('negative amounts: the latest u ≤ t with between(u, t) = n', () => {
    fc.assert(
      fc.property(calendarCaseArb(1), amount, ({ calendar, instants: [t = 0] }, n) => {
        const u = tryAdd(calendar, t, -n);
        if (typeof u === 'number') {
          expect(u).toBeLessThanOrEqual(t);
          expect(between(calendar, u, t)).toBe(n);
          expect(isOpen(calendar, u)).toBe(true);
        } else {
          expect(u).toBe('CALENDAR_NEVER_OPENS');
          expect(between(calendar, MIN_INSTANT, t)).toBeLessThan(n);
        }
      }),
      params(),
    );
  });

  it('nextOpen, nextClose and openIntervals agree with isOpen and between', () => {
    fc.assert(
      // Spans up to two weeks, so every interval can be checked one by one.
      fc.property(
        calendarCaseArb(1),
        fc.integer({ min: 1, max: 14 * DAY }),
        ({ calendar, instants: [from = 0] }, span) => {
          const to = from + span;
          const intervals = openIntervals(calendar, from, to);
          let sum = 0;
          let previousEnd = -Infinity;
          for (const { start, end } of intervals) {
            expect(start).toBeGreaterThan(previousEnd); // maximal: never touching
            expect(end).toBeGreaterThan(start);
            expect(isOpen(calendar, start)).toBe(true);
            if (start > from) expect(isOpen(calendar, start - 1)).toBe(false);
            if (end < to) expect(isOpen(calendar, end)).toBe(false);
            sum += end - start;
            previousEnd = end;
          }
          expect(sum).toBe(between(calendar, from, to));

          const opening = nextOpen(calendar, from);
          const open = isOpen(calendar, from);
          if (open) expect(opening).toBe(from);
          else {
            expect(opening).toBeGreaterThan(from);
            expect(between(calendar, from, opening)).toBe(0);
            expect(isOpen(calendar, opening)).toBe(true);
          }
          const closing = codeOf(() => nextClose(calendar, from)) ?? nextClose(calendar, from);
          if (typeof closing === 'number') {
            if (!open) expect(closing).toBe(from);
            else {
              expect(isOpen(calendar, closing)).toBe(false);
              expect(between(calendar, from, closing)).toBe(closing - from);
            }
          } else {
            expect(closing).toBe('CALENDAR_NEVER_CLOSES');
            expect(Object.values(calendar.week).every((w) => w.length > 0)).toBe(true);
          }
        },
      ),
      params(),
    );
  });
});
