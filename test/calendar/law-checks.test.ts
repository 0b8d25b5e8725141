import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMillis } from '../../src/index.js';
import {
  CalendarLawError,
  calendarCaseArb,
  checkCalendarLaws,
  libraryCalendar,
} from '../../src/testing/index.js';
import { params } from '../support/fc.js';

const amount = fc.integer({ min: 1, max: 20 * 86_400_000 });

describe('pet-sla/testing: checkCalendarLaws', () => {
  it('holds for the library on random calendars in DST zones', () => {
    fc.assert(
      fc.property(
        calendarCaseArb(3),
        fc.array(amount, { minLength: 1, maxLength: 2 }),
        ({ calendar, instants }, amounts) => {
          checkCalendarLaws(calendar, instants, amounts);
        },
      ),
      params(0.5),
    );
  });

  it('catches a wrapper that rounds results to the minute', () => {
    const rounding = {
      ...libraryCalendar,
      addBusinessMillis: (
        c: Parameters<typeof addBusinessMillis>[0],
        t: Parameters<typeof addBusinessMillis>[1],
        n: number,
      ) => Math.ceil(addBusinessMillis(c, t, n) / 60_000) * 60_000,
    };
    const [{ calendar, instants }] = fc.sample(
      calendarCaseArb(2, { zones: ['Europe/London'] }).filter((c) =>
        Object.values(c.calendar.week).some((w) => w.length > 0),
      ),
      { seed: 3, numRuns: 1 },
    ) as [ReturnType<typeof calendarCaseArb> extends fc.Arbitrary<infer C> ? C : never];
    expect(() => checkCalendarLaws(calendar, instants, [1_234, 61_001], rounding)).toThrow(
      CalendarLawError,
    );
  });
});
