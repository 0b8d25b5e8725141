import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  localMidnightAfter,
  type Period,
  periodContaining,
  periodFromLabel,
  readPeriods,
} from '../../../src/advanced/shared/period.js';
import { codeAndPath } from '../../support/errors.js';
import { params } from '../../support/fc.js';

const at = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;

/** The parts of a period a test states by hand. */
function shape(p: Period): Record<string, string | number> {
  return {
    label: p.label,
    unit: p.unit,
    zone: p.zone,
    from: new Date(p.from).toISOString(),
    to: new Date(p.to).toISOString(),
    firstDay: p.firstDay,
    endDay: p.endDay,
  };
}

describe('labels', () => {
  it('reads each unit, London', () => {
    const z = 'Europe/London';
    expect(shape(periodFromLabel('2026-11', z))).toEqual({
      label: '2026-11',
      unit: 'month',
      zone: z,
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      firstDay: '2026-11-01',
      endDay: '2026-12-01',
    });
    // 1 October is still on summer time (UTC+1).
    expect(shape(periodFromLabel('2026-Q4', z))).toMatchObject({
      unit: 'quarter',
      from: '2026-09-30T23:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      firstDay: '2026-10-01',
      endDay: '2027-01-01',
    });
    // ISO week 1 of 2026 starts Monday 29 December 2025; week 48 is 47 weeks later.
    expect(shape(periodFromLabel('2026-W48', z))).toMatchObject({
      unit: 'week',
      from: '2026-11-23T00:00:00.000Z',
      to: '2026-11-30T00:00:00.000Z',
      firstDay: '2026-11-23',
      endDay: '2026-11-30',
    });
    expect(shape(periodFromLabel('2026', z))).toMatchObject({
      unit: 'year',
      from: '2026-01-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
    expect(shape(periodFromLabel('2026-11-30', z))).toMatchObject({
      label: '2026-11-30',
      unit: 'day',
      from: '2026-11-30T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      endDay: '2026-12-01',
    });
  });

  it('numbers ISO weeks within their week-year', () => {
    // 2026 starts on a Thursday, so it has 53 ISO weeks; 2027 starts on a Friday: 52.
    expect(shape(periodFromLabel('2026-W53', 'UTC'))).toMatchObject({
      firstDay: '2026-12-28',
      endDay: '2027-01-04',
    });
    expect(shape(periodFromLabel('2027-W01', 'UTC'))).toMatchObject({
      firstDay: '2027-01-04',
      endDay: '2027-01-11',
    });
    expect(shape(periodFromLabel('2026-W01', 'UTC'))).toMatchObject({ firstDay: '2025-12-29' });
    // 2020 is a leap year starting on a Wednesday: 53 weeks too.
    expect(periodFromLabel('2020-W53', 'UTC').firstDay).toBe('2020-12-28');
    expect(codeAndPath(() => periodFromLabel('2027-W53', 'UTC'))).toEqual({
      code: 'INVALID_PERIOD',
      path: undefined,
    });
    // Friday 1 January 2027 lies in the last week of 2026; Monday 30 December 2024 in 2025-W01.
    expect(periodContaining(at('2027-01-01T12:00:00Z'), 'UTC', 'week').label).toBe('2026-W53');
    expect(periodContaining(at('2024-12-30T00:00:00Z'), 'UTC', 'week').label).toBe('2025-W01');
    expect(periodContaining(at('2024-12-29T23:59:59.999Z'), 'UTC', 'week').label).toBe('2024-W52');
  });

  it('rejects labels that name no period', () => {
    for (const label of [
      '2026-13',
      '2026-00',
      '2026-Q0',
      '2026-Q5',
      '2026-W00',
      '2026-W54',
      '2026-w48',
      '26-11',
      '2026-02-30',
      '2026-11-1',
      ' 2026',
      '',
      'November',
    ]) {
      expect(
        codeAndPath(() => periodFromLabel(label, 'UTC', 'period')),
        label,
      ).toEqual({
        code: 'INVALID_PERIOD',
        path: 'period',
      });
    }
    expect(codeAndPath(() => periodFromLabel(2026 as unknown as string, 'UTC', 'p'))).toEqual({
      code: 'INVALID_PERIOD',
      path: 'p',
    });
  });

  it('keeps to the supported dates', () => {
    for (const label of ['1899', '2200', '0050-01-01', '1900-01-01', '2199-12-31', '2199']) {
      expect(codeAndPath(() => periodFromLabel(label, 'UTC', 'p')).code, label).toBe(
        'INSTANT_OUT_OF_RANGE',
      );
    }
    expect(periodFromLabel('1900-01-02', 'Pacific/Kiritimati').firstDay).toBe('1900-01-02');
    expect(periodFromLabel('2199-12-30', 'Etc/GMT+12').endDay).toBe('2199-12-31');
  });
});

describe('boundaries at resolved local midnight', () => {
  const hours = (p: Period): number => (p.to - p.from) / HOUR;

  it('follows ordinary DST changes (London)', () => {
    const spring = periodFromLabel('2026-03-29', 'Europe/London');
    expect(shape(spring)).toMatchObject({
      from: '2026-03-29T00:00:00.000Z',
      to: '2026-03-29T23:00:00.000Z',
    });
    expect(hours(spring)).toBe(23);
    expect(hours(periodFromLabel('2026-10-25', 'Europe/London'))).toBe(25);
  });

  it('resolves a midnight that falls in a gap to the transition (Santiago, Havana, Beirut)', () => {
    // Santiago, 6 September 2026: 00:00 -04 jumps to 01:00 -03 at 04:00Z.
    expect(shape(periodFromLabel('2026-09-06', 'America/Santiago'))).toMatchObject({
      from: '2026-09-06T04:00:00.000Z',
      to: '2026-09-07T03:00:00.000Z',
    });
    expect(shape(periodFromLabel('2026-09-05', 'America/Santiago'))).toMatchObject({
      from: '2026-09-05T04:00:00.000Z',
      to: '2026-09-06T04:00:00.000Z',
    });
    // Havana, 8 March 2026: 00:00 -05 jumps to 01:00 -04 at 05:00Z.
    expect(shape(periodFromLabel('2026-03-08', 'America/Havana'))).toMatchObject({
      from: '2026-03-08T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z',
    });
    // Beirut, 29 March 2026: 00:00 +02 jumps to 01:00 +03 at 22:00Z the day before.
    expect(shape(periodFromLabel('2026-03-29', 'Asia/Beirut'))).toMatchObject({
      from: '2026-03-28T22:00:00.000Z',
      to: '2026-03-29T21:00:00.000Z',
    });
    // A month whose first midnight is skipped starts at the transition too.
    expect(shape(periodFromLabel('2026-W36', 'America/Santiago'))).toMatchObject({
      firstDay: '2026-08-31',
      to: '2026-09-07T03:00:00.000Z',
    });
  });

  it('resolves a midnight shown twice to its earlier occurrence (Havana)', () => {
    // Havana, 1 November 2026: 01:00 -04 falls back to 00:00 -05 at 05:00Z, so 00:00 is shown
    // at 04:00Z and again at 05:00Z.
    const day = periodFromLabel('2026-11-01', 'America/Havana');
    expect(shape(day)).toMatchObject({
      from: '2026-11-01T04:00:00.000Z',
      to: '2026-11-02T05:00:00.000Z',
    });
    expect(hours(day)).toBe(25);
    expect(hours(periodFromLabel('2026-10-31', 'America/Havana'))).toBe(24);
    expect(periodContaining(at('2026-11-01T04:30:00Z'), 'America/Havana', 'day').label).toBe(
      '2026-11-01',
    );
    expect(periodContaining(at('2026-11-01T03:59:59.999Z'), 'America/Havana', 'day').label).toBe(
      '2026-10-31',
    );
  });

  it('gives the 25-hour day before a fall-back at midnight (Santiago, Beirut)', () => {
    // Santiago, 5 April 2026: 00:00 -03 falls back to 23:00 -04 on the 4th at 03:00Z.
    expect(shape(periodFromLabel('2026-04-04', 'America/Santiago'))).toMatchObject({
      from: '2026-04-04T03:00:00.000Z',
      to: '2026-04-05T04:00:00.000Z',
    });
    expect(hours(periodFromLabel('2026-10-24', 'Asia/Beirut'))).toBe(25);
  });

  it('gives a skipped date an empty period (Apia, 30 December 2011)', () => {
    const skipped = periodFromLabel('2011-12-30', 'Pacific/Apia');
    expect(skipped.from).toBe(at('2011-12-30T10:00:00Z'));
    expect(skipped.to).toBe(skipped.from);
    expect(periodContaining(skipped.from, 'Pacific/Apia', 'day').label).toBe('2011-12-31');
    expect(periodContaining(skipped.from - 1, 'Pacific/Apia', 'day').label).toBe('2011-12-29');
  });
});

describe('readPeriods', () => {
  it('lists consecutive periods of a range', () => {
    const input = { zone: 'Europe/London', unit: 'month', from: '2026-09-01', to: '2026-12-01' };
    const copy = structuredClone(input);
    const periods = readPeriods(input, 'periods');
    expect(periods.map((p) => p.label)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(periods[0]?.to).toBe(periods[1]?.from);
    expect(input).toEqual(copy);
    expect(Object.isFrozen(periods) && Object.isFrozen(periods[0])).toBe(true);
    expect(
      readPeriods(
        { zone: 'Europe/Berlin', unit: 'week', from: '2026-12-21', to: '2027-01-11' },
        'p',
      ).map((p) => p.label),
    ).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(
      readPeriods({ zone: 'UTC', unit: 'quarter', from: '2026-07-01', to: '2027-04-01' }, 'p').map(
        (p) => p.label,
      ),
    ).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
    expect(
      readPeriods({ zone: 'UTC', unit: 'year', from: '2025-01-01', to: '2027-01-01' }, 'p').map(
        (p) => p.label,
      ),
    ).toEqual(['2025', '2026']);
    expect(
      readPeriods({ zone: 'UTC', unit: 'day', from: '2026-02-27', to: '2026-03-02' }, 'p').map(
        (p) => p.label,
      ),
    ).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('reads a label with a zone', () => {
    expect(readPeriods('2026-Q4', 'period', 'Europe/London').map(shape)).toEqual([
      shape(periodFromLabel('2026-Q4', 'Europe/London')),
    ]);
    expect(readPeriods({ zone: 'UTC', label: '2026-W48' }, 'periods')[0]?.firstDay).toBe(
      '2026-11-23',
    );
  });

  it('rejects a from or to that does not start a period', () => {
    const range = (unit: string, from: string, to: string) => ({ zone: 'UTC', unit, from, to });
    const cases: [unknown, string][] = [
      [range('month', '2026-11-02', '2026-12-01'), 'periods.from'],
      [range('month', '2026-11-01', '2026-12-15'), 'periods.to'],
      [range('week', '2026-11-24', '2026-12-07'), 'periods.from'],
      [range('week', '2026-11-23', '2026-12-06'), 'periods.to'],
      [range('quarter', '2026-11-01', '2027-01-01'), 'periods.from'],
      [range('year', '2026-02-01', '2027-01-01'), 'periods.from'],
      [range('month', '2026-11-01', '2026-11-01'), 'periods.to'],
      [range('month', '2026-12-01', '2026-11-01'), 'periods.to'],
      [range('month', '2026-11-31', '2026-12-01'), 'periods.from'],
      [range('month', '2026/11/01', '2026-12-01'), 'periods.from'],
      [range('fortnight', '2026-11-01', '2026-12-01'), 'periods.unit'],
      [{ zone: 'UTC', unit: 'month', from: '2026-11-01' }, 'periods.to'],
      [{ zone: 'UTC', unit: 'month', from: 20261101, to: '2026-12-01' }, 'periods.from'],
      [{ ...range('month', '2026-11-01', '2026-12-01'), label: '2026-11' }, 'periods.unit'],
      [{ ...range('month', '2026-11-01', '2026-12-01'), step: 1 }, 'periods.step'],
      [{ zone: 42, unit: 'month', from: '2026-11-01', to: '2026-12-01' }, 'periods.zone'],
      [{ zone: 'UTC', label: 2026 }, 'periods.label'],
      [{ zone: 'UTC', label: '2026-14' }, 'periods.label'],
      [null, 'periods'],
      [['2026-11'], 'periods'],
      ['2026-11', 'periods'],
    ];
    for (const [input, path] of cases) {
      expect(
        codeAndPath(() => readPeriods(input, 'periods')),
        JSON.stringify(input),
      ).toEqual({
        code: 'INVALID_PERIOD',
        path,
      });
    }
  });

  it('names an unknown zone', () => {
    expect(
      codeAndPath(() =>
        readPeriods(
          { zone: 'Mars/Olympus', unit: 'month', from: '2026-11-01', to: '2026-12-01' },
          'periods',
        ),
      ),
    ).toEqual({ code: 'UNKNOWN_ZONE', path: 'periods.zone' });
    expect(codeAndPath(() => periodContaining(0, 'Mars/Olympus', 'day'))).toEqual({
      code: 'UNKNOWN_ZONE',
      path: 'zone',
    });
  });

  it('says what was expected', () => {
    expect(() =>
      readPeriods({ zone: 'UTC', unit: 'week', from: '2026-11-24', to: '2026-12-07' }, 'periods'),
    ).toThrow('periods.from: 2026-11-24 does not start a week; expected a Monday');
  });
});

describe('periodContaining and localMidnightAfter', () => {
  it('finds the local period of an instant', () => {
    expect(periodContaining(at('2026-11-30T23:30:00Z'), 'Europe/Berlin', 'month').label).toBe(
      '2026-12',
    );
    expect(periodContaining(at('2026-11-30T22:59:59.999Z'), 'Europe/Berlin', 'month').label).toBe(
      '2026-11',
    );
    expect(periodContaining(at('2026-12-31T23:00:00Z'), 'Europe/Berlin', 'year').label).toBe(
      '2027',
    );
    expect(periodContaining(at('2026-09-30T23:00:00Z'), 'Europe/London', 'quarter').label).toBe(
      '2026-Q4',
    );
    expect(periodContaining(at('2026-01-01T05:00:00Z'), 'America/New_York', 'day').label).toBe(
      '2026-01-01',
    );
    expect(periodContaining(at('2026-01-01T04:59:59Z'), 'America/New_York', 'day').label).toBe(
      '2025-12-31',
    );
  });

  it('rejects instants it cannot place', () => {
    expect(codeAndPath(() => periodContaining(Number.NaN, 'UTC', 'day')).code).toBe(
      'INVALID_INSTANT',
    );
    expect(codeAndPath(() => periodContaining(1.5, 'UTC', 'day')).code).toBe('INVALID_INSTANT');
    expect(codeAndPath(() => periodContaining(at('1899-12-31T00:00:00Z'), 'UTC', 'day')).code).toBe(
      'INSTANT_OUT_OF_RANGE',
    );
    expect(codeAndPath(() => periodContaining(0, 'UTC', 'decade' as unknown as 'day'))).toEqual({
      code: 'INVALID_PERIOD',
      path: 'unit',
    });
  });

  it('counts local days for deadlines', () => {
    expect(localMidnightAfter('2026-12-01', 15, 'Europe/London')).toBe(at('2026-12-16T00:00:00Z'));
    expect(localMidnightAfter('2026-03-20', 15, 'Europe/London')).toBe(at('2026-04-03T23:00:00Z'));
    expect(localMidnightAfter('2026-09-01', 5, 'America/Santiago')).toBe(
      at('2026-09-06T04:00:00Z'),
    );
    expect(localMidnightAfter('2026-11-01', 0, 'UTC')).toBe(at('2026-11-01T00:00:00Z'));
    expect(codeAndPath(() => localMidnightAfter('2026-11-31', 1, 'UTC', 'claim')).code).toBe(
      'INVALID_PERIOD',
    );
    expect(codeAndPath(() => localMidnightAfter('2026-11-01', 1.5, 'UTC', 'claim')).code).toBe(
      'INVALID_PERIOD',
    );
  });
});

// A naive reference: step through whole minutes with luxon's offsets until the zone's clock
// first shows the date's midnight or later. Offsets of the zones below are whole minutes.
function naiveMidnight(date: string, zone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`);
  const tz = IANAZone.create(zone);
  for (let t = wall - 16 * HOUR; ; t += 60_000) {
    if (t + tz.offset(t) * 60_000 >= wall) return t;
  }
}

describe('agrees with a naive reference', () => {
  const zones = [
    'Europe/London',
    'America/Santiago',
    'America/Havana',
    'Asia/Beirut',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/St_Johns',
    'Europe/Dublin',
    'Pacific/Apia',
    'Asia/Kolkata',
  ];
  const dayArb = fc
    .integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2040, 0, 1) / 86_400_000 })
    .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

  it('on the midnight that starts a day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), dayArb, (zone, date) => {
        const day = periodFromLabel(date, zone);
        expect(day.from).toBe(naiveMidnight(date, zone));
        expect(day.to).toBe(naiveMidnight(day.endDay, zone));
      }),
      params(0.1),
    );
  });

  it('on which period holds an instant', () => {
    const unitArb = fc.constantFrom('day', 'week', 'month', 'quarter', 'year' as const);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        dayArb,
        fc.integer({ min: -30 * HOUR, max: 30 * HOUR }),
        unitArb,
        (zone, date, shift, unit) => {
          const t = Date.parse(`${date}T00:00:00Z`) + shift;
          const p = periodContaining(t, zone, unit as 'day');
          expect(p.from <= t && t < p.to).toBe(true);
          expect(p.from).toBe(naiveMidnight(p.firstDay, zone));
          expect(p.to).toBe(naiveMidnight(p.endDay, zone));
          expect(periodFromLabel(p.label, zone)).toEqual(p);
        },
      ),
      params(0.1),
    );
  });
});
