import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  addBusinessMinutes,
  businessMillisBetween,
  businessMinutesBetween,
  defineCalendar,
  isOpen,
  nextClose,
  nextOpen,
  openIntervals,
} from '../../src/index.js';

const at = (iso: string): number => Date.parse(iso);
const H = 3_600_000;
const M = 60_000;

// The calendar of SPEC §3, verbatim.
const uk = defineCalendar({
  id: 'uk-support',
  version: 1,
  name: 'UK support desk',
  zone: 'Europe/London',
  week: {
    mon: ['09:00-17:00'],
    tue: ['09:00-12:00', '13:00-17:00'],
    fri: ['09:00-17:00', '22:00-06:00'],
  },
  overrides: [
    { date: '2026-12-25', windows: [], label: 'Christmas Day' },
    { date: '2026-12-24', windows: ['09:00-13:00'], label: 'Christmas Eve' },
  ],
});

const ny = (
  week: Record<string, string[]>,
  overrides: { date: string; windows: string[] }[] = [],
) => defineCalendar({ id: 'ny', zone: 'America/New_York', week, overrides });

describe('§3 calendar definition', () => {
  it('normalises the example: all weekdays present, overrides sorted by date', () => {
    expect(uk.week).toEqual({
      mon: ['09:00-17:00'],
      tue: ['09:00-12:00', '13:00-17:00'],
      wed: [],
      thu: [],
      fri: ['09:00-17:00', '22:00-06:00'],
      sat: [],
      sun: [],
    });
    expect(uk.overrides.map((o) => o.date)).toEqual(['2026-12-24', '2026-12-25']);
    expect(uk.version).toBe(1);
    expect(Object.isFrozen(uk.week.mon)).toBe(true);
  });

  it('treats adjacent windows as one continuous open period', () => {
    const cal = defineCalendar({
      id: 'a',
      zone: 'UTC',
      week: { mon: ['09:00-12:00', '12:00-17:00'] },
    });
    expect(cal.week.mon).toEqual(['09:00-17:00']);
    // 2026-11-23 is a Monday.
    expect(nextClose(cal, at('2026-11-23T10:00:00Z'))).toBe(at('2026-11-23T17:00:00Z'));
    expect(isOpen(cal, at('2026-11-23T12:00:00Z'))).toBe(true);
  });

  it('runs a Friday night window into Saturday 06:00', () => {
    // 2026-11-27 is a Friday; London is on GMT then.
    expect(isOpen(uk, at('2026-11-27T23:30:00Z'))).toBe(true);
    expect(isOpen(uk, at('2026-11-28T05:59:59.999Z'))).toBe(true);
    expect(isOpen(uk, at('2026-11-28T06:00:00Z'))).toBe(false);
    expect(businessMillisBetween(uk, at('2026-11-27T00:00:00Z'), at('2026-11-29T00:00:00Z'))).toBe(
      16 * H,
    );
  });

  it('lets an override replace only its own date: the night window before it is not cut', () => {
    // Fri 2026-12-25 is closed by override; Thu 24 is short. Fri 2027-01-01 has no override.
    expect(isOpen(uk, at('2026-12-24T12:59:00Z'))).toBe(true);
    expect(isOpen(uk, at('2026-12-24T13:00:00Z'))).toBe(false);
    expect(isOpen(uk, at('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isOpen(uk, at('2026-12-25T23:00:00Z'))).toBe(false);
    const closedSaturday = defineCalendar({
      id: 'b',
      zone: 'Europe/London',
      week: { fri: ['22:00-06:00'] },
      overrides: [{ date: '2026-11-28', windows: [] }],
    });
    expect(isOpen(closedSaturday, at('2026-11-28T03:00:00Z'))).toBe(true);
  });

  it('takes the union where an override overlaps the night window of the day before', () => {
    const cal = defineCalendar({
      id: 'c',
      zone: 'UTC',
      week: { fri: ['22:00-06:00'] },
      overrides: [{ date: '2026-11-28', windows: ['04:00-08:00'] }],
    });
    expect(openIntervals(cal, at('2026-11-27T00:00:00Z'), at('2026-11-29T00:00:00Z'))).toEqual([
      { start: at('2026-11-27T22:00:00Z'), end: at('2026-11-28T08:00:00Z') },
    ]);
  });
});

describe('§4 the open set and time zones', () => {
  it('opens a window whose start is in the spring-forward gap at the transition', () => {
    const cal = ny({ sun: ['02:30-10:00'] });
    expect(nextOpen(cal, at('2026-03-08T00:00:00Z'))).toBe(at('2026-03-08T07:00:00Z'));
    expect(isOpen(cal, at('2026-03-08T06:59:59.999Z'))).toBe(false);
    expect(openIntervals(cal, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toEqual([
      { start: at('2026-03-08T07:00:00Z'), end: at('2026-03-08T14:00:00Z') },
    ]);
  });

  it('makes a window lying wholly inside the gap empty', () => {
    const cal = ny({ sun: ['02:10-02:50'] });
    expect(businessMillisBetween(cal, at('2026-03-07T00:00:00Z'), at('2026-03-10T00:00:00Z'))).toBe(
      0,
    );
    // The next Sunday has no gap, so the window is an ordinary 40 minutes there.
    expect(nextOpen(cal, at('2026-03-08T00:00:00Z'))).toBe(at('2026-03-15T06:10:00Z'));
  });

  it('resolves a repeated wall time to its earlier occurrence', () => {
    const cal = ny({ sun: ['01:30-04:00'] });
    // 01:30 EDT = 05:30Z; 04:00 EST = 09:00Z: both passes of the repeated hour count.
    expect(openIntervals(cal, at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'))).toEqual([
      { start: at('2026-11-01T05:30:00Z'), end: at('2026-11-01T09:00:00Z') },
    ]);
    const early = ny({ sun: ['00:00-01:30'] });
    expect(
      businessMillisBetween(early, at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z')),
    ).toBe(1.5 * H);
    expect(isOpen(early, at('2026-11-01T06:45:00Z'))).toBe(false); // 01:45 EST, second pass
  });

  it('counts real elapsed time: a 23-hour and a 25-hour day', () => {
    const allDay = ny({ sun: ['00:00-24:00'] });
    expect(
      businessMillisBetween(allDay, at('2026-03-07T00:00:00Z'), at('2026-03-10T00:00:00Z')),
    ).toBe(23 * H);
    expect(
      businessMillisBetween(allDay, at('2026-10-31T00:00:00Z'), at('2026-11-03T00:00:00Z')),
    ).toBe(25 * H);
  });

  it('makes a night window across a transition an hour shorter or longer', () => {
    const night = ny({ sat: ['22:00-06:00'] });
    expect(
      businessMillisBetween(night, at('2026-03-07T12:00:00Z'), at('2026-03-08T18:00:00Z')),
    ).toBe(7 * H);
    expect(
      businessMillisBetween(night, at('2026-10-31T12:00:00Z'), at('2026-11-01T18:00:00Z')),
    ).toBe(9 * H);
  });

  it('gives a date that does not exist (Pacific/Apia 2011-12-30) only what lies past it', () => {
    const apia = defineCalendar({
      id: 'apia',
      zone: 'Pacific/Apia',
      week: {},
      overrides: [
        { date: '2011-12-30', windows: ['09:00-17:00'] },
        { date: '2011-12-29', windows: ['23:00-01:00'] },
      ],
    });
    // 2011-12-29 23:00 -10:00 = 12-30T09:00Z; the clock then jumps to 12-31 00:00 +14:00 = 12-30T10:00Z.
    // The night window keeps 23:00–24:00 of the 29th; 01:00 on the 30th never shows, so it
    // resolves to the jump: the window ends at 12-31 00:00 local.
    expect(openIntervals(apia, at('2011-12-28T00:00:00Z'), at('2012-01-02T00:00:00Z'))).toEqual([
      { start: at('2011-12-30T09:00:00Z'), end: at('2011-12-30T10:00:00Z') },
    ]);
    const night = defineCalendar({
      id: 'apia-night',
      zone: 'Pacific/Apia',
      week: {},
      overrides: [{ date: '2011-12-30', windows: ['22:00-06:00'] }],
    });
    expect(openIntervals(night, at('2011-12-28T00:00:00Z'), at('2012-01-02T00:00:00Z'))).toEqual([
      { start: at('2011-12-30T10:00:00Z'), end: at('2011-12-30T16:00:00Z') },
    ]);
  });
});

describe('§5 operations', () => {
  // Mon–Fri 09:00–17:00 in UTC keeps the arithmetic visible.
  const office = defineCalendar({
    id: 'office',
    zone: 'UTC',
    week: {
      mon: ['09:00-17:00'],
      tue: ['09:00-17:00'],
      wed: ['09:00-17:00'],
      thu: ['09:00-17:00'],
      fri: ['09:00-17:00'],
    },
  });

  it('isOpen: open at the start of an interval, closed at its end', () => {
    expect(isOpen(office, at('2026-11-26T09:00:00Z'))).toBe(true);
    expect(isOpen(office, at('2026-11-26T17:00:00Z'))).toBe(false);
    expect(isOpen(office, at('2026-11-26T08:59:59.999Z'))).toBe(false);
  });

  it('nextOpen and nextClose', () => {
    expect(nextOpen(office, at('2026-11-26T10:00:00Z'))).toBe(at('2026-11-26T10:00:00Z'));
    expect(nextOpen(office, at('2026-11-27T17:00:00Z'))).toBe(at('2026-11-30T09:00:00Z'));
    expect(nextClose(office, at('2026-11-26T10:00:00Z'))).toBe(at('2026-11-26T17:00:00Z'));
    expect(nextClose(office, at('2026-11-26T18:00:00Z'))).toBe(at('2026-11-26T18:00:00Z'));
  });

  it('between: measure in [a, b), negative when b < a, minutes not rounded', () => {
    const a = at('2026-11-26T16:00:00Z');
    const b = at('2026-11-27T10:00:30Z');
    expect(businessMillisBetween(office, a, b)).toBe(2 * H + 30_000);
    expect(businessMillisBetween(office, b, a)).toBe(-(2 * H + 30_000));
    expect(businessMinutesBetween(office, a, b)).toBe(120.5);
    expect(businessMillisBetween(office, a, a)).toBe(0);
  });

  it('add: the earliest instant at a close, not the next morning', () => {
    expect(addBusinessMinutes(office, at('2026-11-26T16:00:00Z'), 60)).toBe(
      at('2026-11-26T17:00:00Z'),
    );
    expect(addBusinessMinutes(office, at('2026-11-26T16:00:00Z'), 61)).toBe(
      at('2026-11-27T09:01:00Z'),
    );
    expect(addBusinessMillis(office, at('2026-11-27T16:00:00Z'), 2 * H)).toBe(
      at('2026-11-30T10:00:00Z'),
    );
  });

  it('add: zero is t, negative is the latest instant', () => {
    const t = at('2026-11-28T12:00:00Z'); // a Saturday
    expect(addBusinessMillis(office, t, 0)).toBe(t);
    // One business hour back from Monday 09:00 lands on Friday 16:00; zero hours back from
    // Monday 10:00 by 60 minutes lands exactly on Monday 09:00 (the latest such instant).
    expect(addBusinessMinutes(office, at('2026-11-30T09:00:00Z'), -60)).toBe(
      at('2026-11-27T16:00:00Z'),
    );
    expect(addBusinessMinutes(office, at('2026-11-30T10:00:00Z'), -60)).toBe(
      at('2026-11-30T09:00:00Z'),
    );
  });

  it('add minutes: converted with Math.round(n * 60000)', () => {
    const t = at('2026-11-26T09:00:00Z');
    expect(addBusinessMinutes(office, t, 1.5)).toBe(t + 90_000);
    expect(addBusinessMinutes(office, t, 0.0000083)).toBe(t); // 0.498 ms rounds to 0
    expect(addBusinessMinutes(office, t, 0.0000084)).toBe(t + 1); // 0.504 ms rounds to 1
  });

  it('openIntervals: maximal, clipped, ordered', () => {
    expect(openIntervals(office, at('2026-11-26T12:00:00Z'), at('2026-11-27T10:00:00Z'))).toEqual([
      { start: at('2026-11-26T12:00:00Z'), end: at('2026-11-26T17:00:00Z') },
      { start: at('2026-11-27T09:00:00Z'), end: at('2026-11-27T10:00:00Z') },
    ]);
    expect(openIntervals(office, at('2026-11-27T10:00:00Z'), at('2026-11-26T12:00:00Z'))).toEqual(
      [],
    );
  });

  it('CALENDAR_NEVER_OPENS: an empty week and only past overrides', () => {
    const past = defineCalendar({
      id: 'p',
      zone: 'UTC',
      week: {},
      overrides: [{ date: '2026-01-05', windows: ['09:00-10:00'] }],
    });
    expect(() => nextOpen(past, at('2026-11-26T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'CALENDAR_NEVER_OPENS' }),
    );
    expect(() => addBusinessMillis(past, at('2026-11-26T00:00:00Z'), 1)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_NEVER_OPENS' }),
    );
    expect(nextOpen(past, at('2026-01-01T00:00:00Z'))).toBe(at('2026-01-05T09:00:00Z'));
    expect(addBusinessMinutes(past, at('2026-11-26T00:00:00Z'), -60)).toBe(
      at('2026-01-05T09:00:00Z'),
    );
    expect(() => addBusinessMinutes(past, at('2026-11-26T00:00:00Z'), -61)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_NEVER_OPENS' }),
    );
    expect(nextClose(past, at('2026-11-26T00:00:00Z'))).toBe(at('2026-11-26T00:00:00Z'));
  });

  it('CALENDAR_NEVER_CLOSES: a 24×7 week and no closing override ahead', () => {
    const always = defineCalendar({
      id: 'always',
      zone: 'Europe/London',
      week: {
        mon: ['00:00-24:00'],
        tue: ['00:00-24:00'],
        wed: ['00:00-24:00'],
        thu: ['00:00-24:00'],
        fri: ['00:00-24:00'],
        sat: ['00:00-24:00'],
        sun: ['00:00-24:00'],
      },
      overrides: [{ date: '2026-12-25', windows: ['00:00-12:00'] }],
    });
    expect(nextClose(always, at('2026-11-26T00:00:00Z'))).toBe(at('2026-12-25T12:00:00Z'));
    expect(() => nextClose(always, at('2026-12-26T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'CALENDAR_NEVER_CLOSES' }),
    );
    expect(
      businessMillisBetween(always, at('2026-12-25T00:00:00Z'), at('2026-12-26T00:00:00Z')),
    ).toBe(12 * H);
  });

  it('rejects results outside the supported range', () => {
    expect(() => addBusinessMillis(office, at('2199-12-31T10:00:00Z'), 24 * H)).toThrow(
      expect.objectContaining({ code: 'INSTANT_OUT_OF_RANGE' }),
    );
    expect(() => addBusinessMillis(office, at('1900-01-01T10:00:00Z'), -2 * H)).toThrow(
      expect.objectContaining({ code: 'INSTANT_OUT_OF_RANGE' }),
    );
    expect(addBusinessMinutes(office, at('1900-01-01T10:00:00Z'), -60)).toBe(
      at('1900-01-01T09:00:00Z'),
    );
    void M;
  });
});

describe('amounts larger than the supported range', () => {
  const office = defineCalendar({ id: 'o', zone: 'UTC', week: { mon: ['09:00-17:00'] } });
  const holidayOnly = defineCalendar({
    id: 'h',
    zone: 'UTC',
    week: {},
    overrides: [{ date: '2026-01-05', windows: ['09:00-10:00'] }],
  });
  const t = Date.parse('2026-01-01T00:00:00Z');

  it('answers at once: out of range when the time exists beyond it, never opens when it does not', () => {
    expect(() => addBusinessMillis(office, t, Number.MAX_SAFE_INTEGER)).toThrow(
      expect.objectContaining({ code: 'INSTANT_OUT_OF_RANGE' }),
    );
    expect(() => addBusinessMillis(office, t, -Number.MAX_SAFE_INTEGER)).toThrow(
      expect.objectContaining({ code: 'INSTANT_OUT_OF_RANGE' }),
    );
    expect(() => addBusinessMillis(holidayOnly, t, Number.MAX_SAFE_INTEGER)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_NEVER_OPENS' }),
    );
    expect(() => addBusinessMillis(holidayOnly, t, -Number.MAX_SAFE_INTEGER)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_NEVER_OPENS' }),
    );
    expect(addBusinessMillis(holidayOnly, t, 3_600_000)).toBe(Date.parse('2026-01-05T10:00:00Z'));
  });
});
