import fc from 'fast-check';
import moment from 'moment';
import 'moment-business-time';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, defineCalendar, isOpen } from '../../src/index.js';
import { params } from '../support/fc.js';

declare module 'moment' {
  interface Moment {
    addWorkingTime(amount: number, unit: moment.unitOfTime.DurationConstructor): moment.Moment;
    subtractWorkingTime(amount: number, unit: moment.unitOfTime.DurationConstructor): moment.Moment;
    isWorkingTime(): boolean;
  }
}

// A second independent implementation: moment-business-time, the most used JavaScript library
// for business time. It has no time zones, so the comparison runs in UTC (moment.utc) where
// both must agree exactly. Its workingDiff is known to be wrong when the end lies before the
// day's last window (upstream issue #42), so only adding and subtracting time and opening hours
// are compared.
const windows = ['09:00-12:00', '13:00-17:00'];
const holidays = ['2026-12-25', '2026-12-28', '2027-01-01', '2027-04-02'];
const calendar = defineCalendar({
  id: 'peer',
  zone: 'UTC',
  week: { mon: windows, tue: windows, wed: windows, thu: windows, fri: windows },
  overrides: holidays.map((date) => ({ date, windows: [] })),
});
const hours = ['09:00:00', '12:00:00', '13:00:00', '17:00:00'];
moment.updateLocale('en', {
  workinghours: { 0: null, 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: null },
  holidays,
} as moment.LocaleSpecification);

const minuteIn2026 = fc
  .integer({ min: 0, max: 364 * 1440 })
  .map((m) => Date.UTC(2026, 10, 1) + m * 60_000 - 200 * 86_400_000);

describe('agreement with moment-business-time (UTC)', () => {
  it('adds whole minutes of business time to the same instant', () => {
    fc.assert(
      fc.property(minuteIn2026, fc.integer({ min: 1, max: 60 * 24 * 20 }), (t, minutes) => {
        const theirs = moment.utc(t).addWorkingTime(minutes, 'minutes').valueOf();
        expect(addBusinessMinutes(calendar, t, minutes)).toBe(theirs);
      }),
      params(),
    );
  });

  it('subtracts business time to the same instant', () => {
    fc.assert(
      fc.property(minuteIn2026, fc.integer({ min: 1, max: 60 * 24 * 20 }), (t, minutes) => {
        const theirs = moment.utc(t).subtractWorkingTime(minutes, 'minutes').valueOf();
        expect(addBusinessMinutes(calendar, t, -minutes)).toBe(theirs);
      }),
      params(),
    );
  });

  it("agrees on opening hours (inside minutes: moment counts a window's end as open)", () => {
    // At 12:00 exactly, moment-business-time says working time; SPEC §2 makes a window's end
    // exclusive, so pet-sla says closed. Half a minute in, both readings must agree.
    expect(isOpen(calendar, Date.parse('2026-11-18T12:00:00Z'))).toBe(false);
    fc.assert(
      fc.property(minuteIn2026, (t) => {
        expect(isOpen(calendar, t + 30_000)).toBe(moment.utc(t + 30_000).isWorkingTime());
      }),
      params(),
    );
  });
});
