import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  businessMillisBetween,
  isOpen,
  nextClose,
  nextOpen,
  openIntervals,
} from '../../src/index.js';
import { calendarCaseArb } from '../../src/testing/arbitraries.js';
import { type NaiveDefinition, naiveCalendar } from '../reference/naive.js';
import { codeOf, params } from '../support/fc.js';

const MIN = 60_000;
const DAY = 86_400_000;

// The engine against the naive minute-stepping reference (test/reference/naive.ts), on random
// calendars in DST zones, around each zone's offset changes. The reference knows nothing of
// the engine: it walks the span a minute at a time reading the wall clock with luxon.
describe('engine = naive reference', () => {
  it('agrees on the whole open set of a 10-day span and on every operation inside it', () => {
    fc.assert(
      fc.property(
        calendarCaseArb(1, { minuteAligned: true, spreadDays: 2 }),
        fc.array(fc.integer({ min: 0, max: 10 * 1440 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: -3 * 1440, max: 3 * 1440 }),
        ({ definition, calendar, instants: [anchor = 0] }, offsets, minutes) => {
          const from = anchor - 5 * DAY;
          const to = anchor + 5 * DAY;
          const naive = naiveCalendar(definition as unknown as NaiveDefinition, from, to);

          // The open set, minute by minute, as maximal intervals.
          expect(openIntervals(calendar, from, to)).toEqual(naive.openIntervals(from, to));

          const [p = 0, q = 0, r = 0, s = 0, u = 0, v = 0] = offsets.map((m) => from + m * MIN);
          expect(isOpen(calendar, p)).toBe(naive.isOpen(p) ?? isOpen(calendar, p));
          expect(businessMillisBetween(calendar, q, r)).toBe(naive.between(q, r));

          const n = minutes * MIN;
          const expectedAdd = naive.add(s, n);
          if (expectedAdd !== undefined)
            expect(addBusinessMillis(calendar, s, n)).toBe(expectedAdd);

          const expectedOpen = naive.nextOpen(u);
          if (expectedOpen !== undefined) expect(nextOpen(calendar, u)).toBe(expectedOpen);

          const expectedClose = naive.nextClose(v);
          if (expectedClose !== undefined) {
            expect(codeOf(() => nextClose(calendar, v)) ?? nextClose(calendar, v)).toBe(
              expectedClose,
            );
          }
        },
      ),
      params(1.5),
    );
  });
});
