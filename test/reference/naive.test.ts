import { describe, expect, it } from 'vitest';
import { NaiveCalendar, type NaiveDefinition, naiveOpenMinutes } from './naive.js';

const ms = (iso: string): number => {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`bad ISO ${iso}`);
  return value;
};
const HOUR = 3_600_000;
const MIN = 60_000;

const NY = 'America/New_York';

function cal(def: NaiveDefinition, from: string, to: string): NaiveCalendar {
  return new NaiveCalendar(def, ms(from), ms(to));
}

function intervals(c: NaiveCalendar): { start: string; end: string }[] {
  return c.openIntervals(c.fromMs, c.toMs).map(({ start, end }) => ({
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
  }));
}

describe('naive reference: New York spring forward (2026-03-08, a Sunday)', () => {
  const span = ['2026-03-07T00:00Z', '2026-03-10T00:00Z'] as const;

  it('a window 02:30-10:00 opens at the transition, 03:00 EDT = 07:00Z', () => {
    const c = cal({ zone: NY, week: { sun: ['02:30-10:00'] } }, ...span);
    expect(intervals(c)).toEqual([
      { start: '2026-03-08T07:00:00.000Z', end: '2026-03-08T14:00:00.000Z' },
    ]);
    expect(c.isOpen(ms('2026-03-08T06:59Z'))).toBe(false);
    expect(c.isOpen(ms('2026-03-08T07:00Z'))).toBe(true);
    expect(c.between(c.fromMs, c.toMs)).toBe(7 * HOUR);
  });

  it('a window 02:10-02:50 lying wholly inside the gap is empty', () => {
    const c = cal({ zone: NY, week: { sun: ['02:10-02:50'] } }, ...span);
    expect(intervals(c)).toEqual([]);
    expect(c.between(c.fromMs, c.toMs)).toBe(0);
    expect(c.nextOpen(c.fromMs)).toBeUndefined();
  });

  it('00:00-24:00 is 23 hours long', () => {
    const c = cal({ zone: NY, week: { sun: ['00:00-24:00'] } }, ...span);
    expect(intervals(c)).toEqual([
      { start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' },
    ]);
    expect(c.between(c.fromMs, c.toMs)).toBe(23 * HOUR);
  });

  it('a night window across the transition is an hour shorter', () => {
    const c = cal({ zone: NY, week: { sat: ['22:00-06:00'] } }, ...span);
    expect(intervals(c)).toEqual([
      { start: '2026-03-08T03:00:00.000Z', end: '2026-03-08T10:00:00.000Z' },
    ]);
  });
});

describe('naive reference: New York fall back (2026-11-01, a Sunday)', () => {
  const span = ['2026-10-31T00:00Z', '2026-11-03T00:00Z'] as const;

  it('01:30-04:00 covers both passes of the repeated hour: 05:30Z-09:00Z, 3.5 h', () => {
    const c = cal({ zone: NY, week: { sun: ['01:30-04:00'] } }, ...span);
    expect(intervals(c)).toEqual([
      { start: '2026-11-01T05:30:00.000Z', end: '2026-11-01T09:00:00.000Z' },
    ]);
    expect(c.between(c.fromMs, c.toMs)).toBe(3.5 * HOUR);
    // The second pass of 01:00-01:30 (06:00Z-06:30Z) is open: the high-water clock shows 01:59.
    expect(c.isOpen(ms('2026-11-01T06:00Z'))).toBe(true);
    expect(c.isOpen(ms('2026-11-01T06:15Z'))).toBe(true);
  });

  it('00:00-24:00 is 25 hours long', () => {
    const c = cal({ zone: NY, week: { sun: ['00:00-24:00'] } }, ...span);
    expect(intervals(c)).toEqual([
      { start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' },
    ]);
    expect(c.between(c.fromMs, c.toMs)).toBe(25 * HOUR);
  });

  it('01:00-01:30 is only the first pass; 02:00-03:00 starts after the second pass', () => {
    const first = cal({ zone: NY, week: { sun: ['01:00-01:30'] } }, ...span);
    expect(intervals(first)).toEqual([
      { start: '2026-11-01T05:00:00.000Z', end: '2026-11-01T05:30:00.000Z' },
    ]);
    const after = cal({ zone: NY, week: { sun: ['02:00-03:00'] } }, ...span);
    expect(intervals(after)).toEqual([
      { start: '2026-11-01T07:00:00.000Z', end: '2026-11-01T08:00:00.000Z' },
    ]);
  });

  it('00:00-02:00 runs through the whole repeated hour (resolve(02:00) = 07:00Z)', () => {
    const c = cal({ zone: NY, week: { sun: ['00:00-02:00'] } }, ...span);
    expect(intervals(c)).toEqual([
      { start: '2026-11-01T04:00:00.000Z', end: '2026-11-01T07:00:00.000Z' },
    ]);
  });
});

describe('naive reference: Pacific/Apia skipped 2011-12-30', () => {
  const span = ['2011-12-28T00:00Z', '2012-01-02T00:00Z'] as const;
  const apia = (windows: string[]): NaiveDefinition => ({
    zone: 'Pacific/Apia',
    week: {},
    overrides: [{ date: '2011-12-30', windows }],
  });

  it('09:00-17:00 on the missing date is empty', () => {
    const c = cal(apia(['09:00-17:00']), ...span);
    expect(intervals(c)).toEqual([]);
  });

  it('22:00-06:00 keeps 2011-12-31 00:00-06:00 local (UTC+14)', () => {
    const c = cal(apia(['22:00-06:00']), ...span);
    expect(c.openIntervals(c.fromMs, c.toMs)).toEqual([
      { start: ms('2011-12-31T00:00+14:00'), end: ms('2011-12-31T06:00+14:00') },
    ]);
    expect(intervals(c)).toEqual([
      { start: '2011-12-30T10:00:00.000Z', end: '2011-12-30T16:00:00.000Z' },
    ]);
  });

  it('the day before is still at UTC-10', () => {
    const c = cal(
      {
        zone: 'Pacific/Apia',
        week: {},
        overrides: [{ date: '2011-12-29', windows: ['09:00-17:00'] }],
      },
      ...span,
    );
    expect(c.openIntervals(c.fromMs, c.toMs)).toEqual([
      { start: ms('2011-12-29T09:00-10:00'), end: ms('2011-12-29T17:00-10:00') },
    ]);
  });
});

describe('naive reference: Europe/London in winter', () => {
  const span = ['2026-01-05T00:00Z', '2026-01-15T00:00Z'] as const; // Mon 5th .. Thu 15th

  it('an ordinary 09:00-17:00 day is 09:00Z-17:00Z', () => {
    const c = cal({ zone: 'Europe/London', week: { mon: ['09:00-17:00'] } }, ...span);
    expect(intervals(c)).toEqual([
      { start: '2026-01-05T09:00:00.000Z', end: '2026-01-05T17:00:00.000Z' },
      { start: '2026-01-12T09:00:00.000Z', end: '2026-01-12T17:00:00.000Z' },
    ]);
  });

  it('a Friday 22:00-06:00 window runs into Saturday', () => {
    const c = cal({ zone: 'Europe/London', week: { fri: ['22:00-06:00'] } }, ...span);
    expect(intervals(c)).toEqual([
      { start: '2026-01-09T22:00:00.000Z', end: '2026-01-10T06:00:00.000Z' },
    ]);
    expect(c.isOpen(ms('2026-01-10T05:59Z'))).toBe(true);
    expect(c.isOpen(ms('2026-01-10T06:00Z'))).toBe(false);
  });

  it('an empty override closes its date but does not cut the night window of the day before', () => {
    const week = { thu: ['22:00-06:00'], fri: ['09:00-17:00'] };
    const friClosed = cal(
      { zone: 'Europe/London', week, overrides: [{ date: '2026-01-09', windows: [] }] },
      ...span,
    );
    expect(intervals(friClosed)).toEqual([
      { start: '2026-01-08T22:00:00.000Z', end: '2026-01-09T06:00:00.000Z' },
    ]);
    const thuClosed = cal(
      { zone: 'Europe/London', week, overrides: [{ date: '2026-01-08', windows: [] }] },
      ...span,
    );
    expect(intervals(thuClosed)).toEqual([
      { start: '2026-01-09T09:00:00.000Z', end: '2026-01-09T17:00:00.000Z' },
    ]);
  });

  it('an override with windows replaces the template of its date only', () => {
    const c = cal(
      {
        zone: 'Europe/London',
        week: { mon: ['09:00-17:00'] },
        overrides: [{ date: '2026-01-12', windows: ['10:00-11:00', '23:00-01:00'] }],
      },
      ...span,
    );
    expect(intervals(c)).toEqual([
      { start: '2026-01-05T09:00:00.000Z', end: '2026-01-05T17:00:00.000Z' },
      { start: '2026-01-12T10:00:00.000Z', end: '2026-01-12T11:00:00.000Z' },
      { start: '2026-01-12T23:00:00.000Z', end: '2026-01-13T01:00:00.000Z' },
    ]);
  });

  it('adjacent windows are one open period; operations follow SPEC §5', () => {
    const c = cal(
      {
        zone: 'Europe/London',
        week: { mon: ['09:00-12:00', '12:00-17:00'], tue: ['09:00-17:00'] },
      },
      ...span,
    );
    const mon = (hhmm: string) => ms(`2026-01-05T${hhmm}Z`);
    const tue = (hhmm: string) => ms(`2026-01-06T${hhmm}Z`);
    expect(c.openIntervals(mon('00:00'), tue('00:00'))).toEqual([
      { start: mon('09:00'), end: mon('17:00') },
    ]);
    expect(c.openIntervals(mon('10:00'), mon('11:00'))).toEqual([
      { start: mon('10:00'), end: mon('11:00') },
    ]);
    expect(c.openIntervals(mon('11:00'), mon('10:00'))).toEqual([]);
    expect(c.nextClose(mon('10:00'))).toBe(mon('17:00'));
    expect(c.nextClose(mon('08:00'))).toBe(mon('08:00'));
    expect(c.nextClose(mon('17:00'))).toBe(mon('17:00'));
    expect(c.nextOpen(mon('10:00'))).toBe(mon('10:00'));
    expect(c.nextOpen(mon('17:00'))).toBe(tue('09:00'));
    expect(c.isOpen(mon('09:00'))).toBe(true);
    expect(c.isOpen(mon('17:00'))).toBe(false);
    // 60 business minutes from 16:00 is 17:00 (earliest), not the next morning.
    expect(c.add(mon('16:00'), 60 * MIN)).toBe(mon('17:00'));
    expect(c.add(mon('16:00'), 61 * MIN)).toBe(tue('09:01'));
    expect(c.add(tue('09:00'), -60 * MIN)).toBe(mon('16:00'));
    expect(c.add(tue('08:00'), -60 * MIN)).toBe(mon('16:00'));
    expect(c.add(tue('08:00'), 0)).toBe(tue('08:00'));
    expect(c.between(mon('16:00'), tue('10:00'))).toBe(2 * HOUR);
    expect(c.between(tue('10:00'), mon('16:00'))).toBe(-2 * HOUR);
    expect(c.between(mon('10:00'), mon('10:00'))).toBe(0);
  });

  it('answers that lie outside the span are undefined; inputs outside it throw', () => {
    const c = cal({ zone: 'Europe/London', week: { mon: ['09:00-17:00'] } }, ...span);
    expect(c.isOpen(c.toMs)).toBeUndefined();
    expect(c.nextOpen(ms('2026-01-12T17:00Z'))).toBeUndefined();
    expect(c.add(ms('2026-01-12T16:00Z'), 2 * HOUR)).toBeUndefined();
    expect(c.add(ms('2026-01-05T10:00Z'), -2 * HOUR)).toBeUndefined();
    expect(c.add(ms('2026-01-05T10:00Z'), -HOUR)).toBe(ms('2026-01-05T09:00Z'));
    const always = cal({ zone: 'Europe/London', week: { mon: ['00:00-24:00'] } }, ...span);
    expect(always.nextClose(ms('2026-01-05T10:00Z'))).toBe(ms('2026-01-06T00:00Z'));
    const allWeek = cal(
      {
        zone: 'UTC',
        week: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]),
        ),
      },
      ...span,
    );
    expect(allWeek.nextClose(allWeek.fromMs)).toBeUndefined();
    expect(() => c.isOpen(c.toMs + MIN)).toThrow();
    expect(() => c.isOpen(c.fromMs + 1)).toThrow();
    expect(() => c.add(c.fromMs, 1)).toThrow();
  });
});

describe('naive reference: other zones and cost', () => {
  it('Australia/Lord_Howe 30-minute DST: 2026-04-05 00:00-24:00 is 24.5 h', () => {
    // DST ends 2026-04-05 02:00 (+11) -> 01:30 (+10:30).
    const c = cal(
      { zone: 'Australia/Lord_Howe', week: { sun: ['00:00-24:00'] } },
      '2026-04-03T00:00Z',
      '2026-04-07T00:00Z',
    );
    expect(c.openIntervals(c.fromMs, c.toMs)).toEqual([
      { start: ms('2026-04-05T00:00+11:00'), end: ms('2026-04-06T00:00+10:30') },
    ]);
    expect(c.between(c.fromMs, c.toMs)).toBe(24.5 * HOUR);
  });

  it('the bitmap has one entry per minute of the span', () => {
    const bits = naiveOpenMinutes(
      { zone: 'UTC', week: { mon: ['09:00-09:03'] } },
      ms('2026-01-05T09:00Z'),
      ms('2026-01-05T09:05Z'),
    );
    expect([...bits]).toEqual([1, 1, 1, 0, 0]);
  });

  it('covers a 10-day span across a fall-back transition minute by minute', () => {
    const def: NaiveDefinition = {
      zone: NY,
      week: { mon: ['09:00-17:00'], fri: ['22:00-06:00'], sun: ['01:30-04:00'] },
    };
    const bits = naiveOpenMinutes(def, ms('2026-10-25T00:00Z'), ms('2026-11-04T00:00Z'));
    expect(bits.length).toBe(10 * 1440);
    // Sunday 2026-11-01 01:30 EDT to 04:00 EST is 3.5 hours; two Mondays of 8 hours; the
    // Friday night of 8 hours; Sunday 10-25's window (before the change) is 2.5 hours.
    expect(bits.reduce((sum, bit) => sum + bit, 0)).toBe(60 * (3.5 + 16 + 8 + 2.5));
  });
});
