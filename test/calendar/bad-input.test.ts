import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  addBusinessMinutes,
  businessMillisBetween,
  type CalendarDefinition,
  defineCalendar,
  isOpen,
  nextClose,
  nextOpen,
  openIntervals,
} from '../../src/index.js';
import { caught } from '../support/errors.js';

const base = { id: 'x', zone: 'Europe/London', week: { mon: ['09:00-17:00'] } };

function rejects(
  definition: unknown,
  code: string,
  path: string | undefined,
  message?: RegExp,
): void {
  const copy = structuredClone(definition);
  const error = caught(() => defineCalendar(definition as CalendarDefinition));
  expect({ code: error.code, path: error.path }).toEqual({ code, path });
  if (message) expect(error.message).toMatch(message);
  // Never a mutated argument.
  expect(definition).toEqual(copy);
}

describe('§3 / §10 calendar definition validation', () => {
  it.each([
    ['not an object', null, 'INVALID_DEFINITION', undefined],
    ['an array', [], 'INVALID_DEFINITION', undefined],
    ['a string', 'uk', 'INVALID_DEFINITION', undefined],
    ['missing id', { zone: 'UTC', week: {} }, 'INVALID_DEFINITION', 'id'],
    ['empty id', { ...base, id: '' }, 'INVALID_DEFINITION', 'id'],
    ['numeric id', { ...base, id: 7 }, 'INVALID_DEFINITION', 'id'],
    ['unknown key', { ...base, timezone: 'UTC' }, 'INVALID_DEFINITION', 'timezone'],
    ['version zero', { ...base, version: 0 }, 'INVALID_DEFINITION', 'version'],
    ['fractional version', { ...base, version: 1.5 }, 'INVALID_DEFINITION', 'version'],
    ['name not a string', { ...base, name: 3 }, 'INVALID_DEFINITION', 'name'],
    ['missing zone', { id: 'x', week: {} }, 'INVALID_DEFINITION', 'zone'],
    ['zone not a string', { ...base, zone: 1 }, 'INVALID_DEFINITION', 'zone'],
    ['unknown zone', { ...base, zone: 'Mars/Olympus_Mons' }, 'UNKNOWN_ZONE', 'zone'],
    ['empty zone', { ...base, zone: '' }, 'UNKNOWN_ZONE', 'zone'],
    ['missing week', { id: 'x', zone: 'UTC' }, 'INVALID_DEFINITION', 'week'],
    ['week an array', { ...base, week: [] }, 'INVALID_DEFINITION', 'week'],
    [
      'unknown weekday',
      { ...base, week: { monday: ['09:00-17:00'] } },
      'INVALID_DEFINITION',
      'week.monday',
    ],
    [
      'weekday not a list',
      { ...base, week: { mon: '09:00-17:00' } },
      'INVALID_DEFINITION',
      'week.mon',
    ],
    [
      'window not a string',
      { ...base, week: { tue: ['09:00-12:00', 13] } },
      'INVALID_WINDOW',
      'week.tue[1]',
    ],
    ['malformed window', { ...base, week: { tue: ['9-5'] } }, 'INVALID_WINDOW', 'week.tue[0]'],
    ['one-digit hour', { ...base, week: { tue: ['9:00-17:00'] } }, 'INVALID_WINDOW', 'week.tue[0]'],
    [
      'hour out of range',
      { ...base, week: { wed: ['09:00-25:00'] } },
      'INVALID_WINDOW',
      'week.wed[0]',
    ],
    [
      'minute out of range',
      { ...base, week: { wed: ['09:60-17:00'] } },
      'INVALID_WINDOW',
      'week.wed[0]',
    ],
    [
      '24:00 as a start',
      { ...base, week: { wed: ['24:00-06:00'] } },
      'INVALID_WINDOW',
      'week.wed[0]',
    ],
    [
      '24:30 as an end',
      { ...base, week: { wed: ['22:00-24:30'] } },
      'INVALID_WINDOW',
      'week.wed[0]',
    ],
    [
      'start equal to end',
      { ...base, week: { thu: ['09:00-09:00'] } },
      'INVALID_WINDOW',
      'week.thu[0]',
    ],
    [
      'overlapping windows',
      { ...base, week: { tue: ['09:00-12:00', '11:00-17:00'] } },
      'OVERLAPPING_WINDOWS',
      'week.tue[1]',
    ],
    [
      'overlap with a night window',
      { ...base, week: { tue: ['22:00-06:00', '23:00-01:00'] } },
      'OVERLAPPING_WINDOWS',
      'week.tue[1]',
    ],
    [
      'night window into next day',
      { ...base, week: { fri: ['22:00-07:00'], sat: ['06:00-12:00'] } },
      'OVERLAPPING_WINDOWS',
      'week.fri[0]',
    ],
    [
      'Sunday night into Monday',
      { ...base, week: { sun: ['23:00-10:00'], mon: ['09:00-17:00'] } },
      'OVERLAPPING_WINDOWS',
      'week.sun[0]',
    ],
    ['overrides not a list', { ...base, overrides: {} }, 'INVALID_DEFINITION', 'overrides'],
    [
      'override not an object',
      { ...base, overrides: ['2026-12-25'] },
      'INVALID_DEFINITION',
      'overrides[0]',
    ],
    [
      'override unknown key',
      { ...base, overrides: [{ date: '2026-12-25', windows: [], note: 'x' }] },
      'INVALID_DEFINITION',
      'overrides[0].note',
    ],
    [
      'override without windows',
      { ...base, overrides: [{ date: '2026-12-25' }] },
      'INVALID_DEFINITION',
      'overrides[0].windows',
    ],
    [
      'override bad window',
      { ...base, overrides: [{ date: '2026-12-25', windows: ['x'] }] },
      'INVALID_WINDOW',
      'overrides[0].windows[0]',
    ],
    [
      'override overlapping windows',
      { ...base, overrides: [{ date: '2026-12-24', windows: ['09:00-13:00', '12:00-14:00'] }] },
      'OVERLAPPING_WINDOWS',
      'overrides[0].windows[1]',
    ],
    [
      'override label not a string',
      { ...base, overrides: [{ date: '2026-12-25', windows: [], label: 1 }] },
      'INVALID_DEFINITION',
      'overrides[0].label',
    ],
    [
      'date that does not parse',
      { ...base, overrides: [{ date: '25/12/2026', windows: [] }] },
      'INVALID_DATE',
      'overrides[0].date',
    ],
    [
      'date that does not exist',
      { ...base, overrides: [{ date: '2026-02-30', windows: [] }] },
      'INVALID_DATE',
      'overrides[0].date',
    ],
    [
      'date not a string',
      { ...base, overrides: [{ date: 20261225, windows: [] }] },
      'INVALID_DATE',
      'overrides[0].date',
    ],
    [
      'date out of range',
      { ...base, overrides: [{ date: '2300-01-01', windows: [] }] },
      'INVALID_DATE',
      'overrides[0].date',
    ],
    [
      'duplicate dates',
      {
        ...base,
        overrides: [
          { date: '2026-12-25', windows: [] },
          { date: '2026-12-26', windows: [] },
          { date: '2026-12-25', windows: ['10:00-11:00'] },
        ],
      },
      'DUPLICATE_DATE',
      'overrides[2].date',
    ],
  ])('%s', (_name, definition, code, path) => {
    rejects(definition, code, path);
  });

  it('says what was expected', () => {
    rejects(
      { ...base, week: { tue: ['9-5'] } },
      'INVALID_WINDOW',
      'week.tue[0]',
      /expected "HH:MM-HH:MM"/,
    );
    rejects({ ...base, zone: 'Europe/Lundon' }, 'UNKNOWN_ZONE', 'zone', /IANA time zone/);
    rejects(
      { ...base, timezone: 'x' },
      'INVALID_DEFINITION',
      'timezone',
      /unknown key "timezone"; expected only "id", "version"/,
    );
    rejects(
      { ...base, overrides: [{ date: '2026-02-30', windows: [] }] },
      'INVALID_DATE',
      'overrides[0].date',
      /2026-02-30/,
    );
  });

  it('accepts touching windows, a night window ending where the next day starts, and 24:00', () => {
    const cal = defineCalendar({
      ...base,
      week: {
        fri: ['22:00-06:00'],
        sat: ['06:00-12:00'],
        sun: ['00:00-24:00'],
        mon: ['09:00-12:00', '12:00-13:00'],
      },
    });
    expect(cal.week.sun).toEqual(['00:00-24:00']);
    expect(cal.week.mon).toEqual(['09:00-13:00']);
    // "22:00-00:00" is the same window as "22:00-24:00".
    expect(defineCalendar({ ...base, week: { mon: ['22:00-00:00'] } }).week.mon).toEqual([
      '22:00-24:00',
    ]);
  });

  it('never mutates the definition and returns deeply frozen values', () => {
    const definition = {
      ...base,
      week: { tue: ['13:00-17:00', '09:00-12:00'] },
      overrides: [{ date: '2026-12-25', windows: [] }],
    };
    const copy = structuredClone(definition);
    const cal = defineCalendar(definition);
    expect(definition).toEqual(copy);
    expect(Object.isFrozen(cal)).toBe(true);
    expect(Object.isFrozen(cal.overrides[0])).toBe(true);
    expect(Object.isFrozen(cal.overrides[0]?.windows)).toBe(true);
  });
});

describe('§2 / §10 instants', () => {
  const cal = defineCalendar({ id: 'utc', zone: 'UTC', week: { thu: ['09:00-17:00'] } });
  const nine = Date.parse('2026-11-26T09:00:00Z');

  it('accepts numbers, Dates, luxon DateTimes and ISO strings with an offset', () => {
    expect(nextClose(cal, nine)).toBe(nine + 8 * 3_600_000);
    expect(nextClose(cal, new Date(nine))).toBe(nine + 8 * 3_600_000);
    expect(nextClose(cal, DateTime.fromMillis(nine, { zone: 'Asia/Tokyo' }))).toBe(
      nine + 8 * 3_600_000,
    );
    expect(nextClose(cal, '2026-11-26T09:00:00Z')).toBe(nine + 8 * 3_600_000);
    expect(nextClose(cal, '2026-11-26T10:00:00+01:00')).toBe(nine + 8 * 3_600_000);
    expect(nextClose(cal, '2026-11-26T04:00-05:00')).toBe(nine + 8 * 3_600_000);
    expect(nextClose(cal, '2026-11-26T09:00:00.000000Z')).toBe(nine + 8 * 3_600_000);
    expect(isOpen(cal, '2026-11-26T08:59:59.9999Z')).toBe(false); // sub-millisecond digits truncate
  });

  it.each([
    ['NaN', Number.NaN, 'INVALID_INSTANT'],
    ['Infinity', Number.POSITIVE_INFINITY, 'INVALID_INSTANT'],
    ['a fraction', 1.5, 'INVALID_INSTANT'],
    ['an invalid Date', new Date(Number.NaN), 'INVALID_INSTANT'],
    ['an invalid DateTime', DateTime.invalid('test'), 'INVALID_INSTANT'],
    ['a string without an offset', '2026-11-26T09:00:00', 'INVALID_INSTANT'],
    ['a date only', '2026-11-26', 'INVALID_INSTANT'],
    ['garbage', 'tomorrow', 'INVALID_INSTANT'],
    ['a date that does not exist', '2026-02-30T09:00:00Z', 'INVALID_INSTANT'],
    ['hour 24', '2026-11-26T24:00:00Z', 'INVALID_INSTANT'],
    ['null', null, 'INVALID_INSTANT'],
    ['undefined', undefined, 'INVALID_INSTANT'],
    ['an object', {}, 'INVALID_INSTANT'],
    ['a bigint', 10n, 'INVALID_INSTANT'],
    ['before 1900', '1899-12-31T23:59:59.999Z', 'INSTANT_OUT_OF_RANGE'],
    ['2200 or later', '2200-01-01T00:00:00Z', 'INSTANT_OUT_OF_RANGE'],
    ['a huge number', 8.64e15, 'INSTANT_OUT_OF_RANGE'],
    ['beyond safe integers', 2 ** 60, 'INSTANT_OUT_OF_RANGE'],
  ])('rejects %s', (_name, input, code) => {
    const error = caught(() => isOpen(cal, input as number));
    expect(error.code).toBe(code);
    expect(error.path).toBe('t');
  });

  it('names the argument that was wrong', () => {
    expect(caught(() => businessMillisBetween(cal, nine, 'x')).path).toBe('b');
    expect(caught(() => businessMillisBetween(cal, 'x', nine)).path).toBe('a');
    expect(caught(() => openIntervals(cal, nine, 'x')).path).toBe('to');
    expect(caught(() => openIntervals(cal, 'x', nine)).path).toBe('from');
    expect(caught(() => nextOpen(cal, '2026-11-26T09:00')).message).toMatch(/no offset/);
  });

  it('accepts the edges of the supported range', () => {
    expect(isOpen(cal, '1900-01-01T00:00:00Z')).toBe(false);
    expect(isOpen(cal, '2199-12-31T23:59:59.999Z')).toBe(false);
  });
});

describe('§10 amounts and calendars', () => {
  const cal = defineCalendar({ id: 'utc', zone: 'UTC', week: { thu: ['09:00-17:00'] } });
  const t = Date.parse('2026-11-26T09:00:00Z');

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a fraction of a millisecond', 0.5],
    ['beyond safe integers', 2 ** 53],
    ['a string', '60'],
  ])('addBusinessMillis rejects %s', (_name, n) => {
    const error = caught(() => addBusinessMillis(cal, t, n as number));
    expect([error.code, error.path]).toEqual(['INVALID_AMOUNT', 'n']);
  });

  it.each([
    ['NaN', Number.NaN],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['too many minutes', 2 ** 50],
    ['null', null],
  ])('addBusinessMinutes rejects %s', (_name, n) => {
    expect(caught(() => addBusinessMinutes(cal, t, n as number)).code).toBe('INVALID_AMOUNT');
  });

  it.each([
    ['null', null],
    ['a definition', { id: 'x', zone: 'UTC', week: {} }],
    ['a string', 'uk-support'],
    ['a copy of a calendar with a forged fingerprint', { ...cal, fingerprint: '0'.repeat(64) }],
  ])('rejects %s as a calendar', (_name, value) => {
    const error = caught(() => isOpen(value as typeof cal, t));
    expect(error.code).toMatch(/INVALID_CALENDAR|FINGERPRINT_MISMATCH/);
  });
});
