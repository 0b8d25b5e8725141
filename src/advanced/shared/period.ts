import { describe, PetSlaError } from '../../errors.js';
import { MAX_INSTANT, MIN_INSTANT, resolveWallTime, wallTimeOf } from '../../index.js';
import {
  type CivilDate,
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  MS_PER_DAY,
  parseIsoDate,
  weekdayOfDay,
} from '../../shared/civil.js';
import { isPlainObject } from '../../shared/read.js';

// Reporting periods: calendar days, ISO weeks, months, quarters and years of one zone. A
// period runs from the local midnight that starts its first day to the one that starts the
// day after its last, each midnight resolved by the calendar's rule (the first instant that
// shows that wall time or later). The zone rules stay in the calendar layer (resolveWallTime,
// wallTimeOf) and the civil-date arithmetic in the shared one: here are only the units.

/**
 * The length of a reporting period: `day`, `week` (ISO, Monday to Sunday), `month`,
 * `quarter` or `year`.
 *
 * @example
 * ```ts
 * const unit: PeriodUnit = 'month';
 * ```
 */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * Consecutive periods of one unit in one zone: `from` (a local date that starts a period of
 * the unit) up to `to` (exclusive, also a period start).
 *
 * @example
 * ```ts
 * const autumn: PeriodRange = { zone: 'Europe/London', unit: 'month', from: '2026-09-01', to: '2026-12-01' };
 * ```
 */
export interface PeriodRange {
  readonly zone: string;
  readonly unit: PeriodUnit;
  readonly from: string;
  readonly to: string;
}

/**
 * One reporting period, resolved: `[from, to)` in epoch milliseconds, and the local days it
 * covers (`endDay` exclusive).
 *
 * @example
 * ```ts
 * const p: Period = periodFromLabel('2026-11', 'Europe/London');
 * // { label: '2026-11', unit: 'month', zone: 'Europe/London', from: Date.parse('2026-11-01T00:00Z'),
 * //   to: Date.parse('2026-12-01T00:00Z'), firstDay: '2026-11-01', endDay: '2026-12-01' }
 * ```
 */
export interface Period {
  /** `'2026-11-30'`, `'2026-W48'`, `'2026-11'`, `'2026-Q4'` or `'2026'`. */
  readonly label: string;
  readonly unit: PeriodUnit;
  readonly zone: string;
  /** The resolved local midnight that starts `firstDay` (epoch ms). */
  readonly from: number;
  /** The resolved local midnight that starts `endDay` (epoch ms), exclusive. */
  readonly to: number;
  readonly firstDay: string;
  readonly endDay: string;
}

const UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'year'];
const DAY = MS_PER_DAY;
// Local dates whose midnight can be found without leaving the supported instants: no zone is
// more than 15 hours from UTC.
const FIRST_DAY = Math.floor(MIN_INSTANT / DAY) + 1;
const LAST_DAY = Math.floor((MAX_INSTANT - 1) / DAY);

// ---------------------------------------------------------------------------------------------
// Units of civil dates (day numbers: days since 1970-01-01).

/** The day number of the first of a month; a month past 12 runs on into the next years. */
function firstOfMonth(year: number, month: number): number {
  const extraYears = Math.floor((month - 1) / 12);
  return daysFromCivil(year + extraYears, month - 12 * extraYears, 1);
}

const civilOf = (days: number): CivilDate => civilFromDays(days);
const weekdayOf = weekdayOfDay;
const isoDate = formatIsoDate;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The Monday that starts ISO week 1 of `weekYear` (the week holding its first Thursday). */
function firstMondayOfWeekYear(weekYear: number): number {
  const jan4 = daysFromCivil(weekYear, 1, 4);
  return jan4 - weekdayOf(jan4);
}

function isoWeekLabel(monday: number): string {
  const thursday = monday + 3;
  const weekYear = civilOf(thursday).year;
  const week = Math.floor((monday - firstMondayOfWeekYear(weekYear)) / 7) + 1;
  return `${isoDate(thursday).slice(0, 4)}-W${pad2(week)}`;
}

/** The first day of the period of `unit` that contains local day `days`. */
function periodStart(days: number, unit: PeriodUnit): number {
  const { year, month } = civilOf(days);
  switch (unit) {
    case 'day':
      return days;
    case 'week':
      return days - weekdayOf(days);
    case 'month':
      return firstOfMonth(year, month);
    case 'quarter':
      return firstOfMonth(year, month - ((month - 1) % 3));
    case 'year':
      return firstOfMonth(year, 1);
  }
}

/** The first day of the period after the one starting on `start`. */
function periodEnd(start: number, unit: PeriodUnit): number {
  const { year, month } = civilOf(start);
  switch (unit) {
    case 'day':
      return start + 1;
    case 'week':
      return start + 7;
    case 'month':
      return firstOfMonth(year, month + 1);
    case 'quarter':
      return firstOfMonth(year, month + 3);
    case 'year':
      return firstOfMonth(year + 1, 1);
  }
}

function labelOf(start: number, unit: PeriodUnit): string {
  const date = isoDate(start);
  switch (unit) {
    case 'day':
      return date;
    case 'week':
      return isoWeekLabel(start);
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${(civilOf(start).month + 2) / 3}`;
    case 'year':
      return date.slice(0, 4);
  }
}

// ---------------------------------------------------------------------------------------------
// Resolved local midnights, by the calendar layer's rule.

/** The zone, checked to be an IANA zone (UNKNOWN_ZONE at `path` otherwise). */
function checkZone(zone: string, path: string): void {
  try {
    wallTimeOf(0, zone);
  } catch (error) {
    if (error instanceof PetSlaError && error.code === 'UNKNOWN_ZONE') {
      throw new PetSlaError(
        'UNKNOWN_ZONE',
        `expected an IANA time zone such as "Europe/London", got ${describe(zone)}`,
        path,
      );
    }
    throw error;
  }
}

function outOfRange(days: number, path: string): PetSlaError {
  return new PetSlaError(
    'INSTANT_OUT_OF_RANGE',
    `the local date ${isoDate(days)} is outside the supported dates; expected dates from ${isoDate(FIRST_DAY)} to ${isoDate(LAST_DAY)}`,
    path,
  );
}

/** resolve(local midnight starting day `days`) in `zone` (a skipped date: the next day's). */
function midnightOf(days: number, zone: string, path: string): number {
  if (days < FIRST_DAY || days > LAST_DAY) throw outOfRange(days, path);
  try {
    return resolveWallTime(zone, isoDate(days));
  } catch (error) {
    if (error instanceof PetSlaError && error.code === 'INSTANT_OUT_OF_RANGE') {
      throw outOfRange(days, path);
    }
    throw error;
  }
}

function periodOf(start: number, unit: PeriodUnit, zone: string, path: string): Period {
  const end = periodEnd(start, unit);
  return Object.freeze({
    label: labelOf(start, unit),
    unit,
    zone,
    from: midnightOf(start, zone, path),
    to: midnightOf(end, zone, path),
    firstDay: isoDate(start),
    endDay: isoDate(end),
  });
}

// ---------------------------------------------------------------------------------------------
// Reading periods from untrusted input.

function invalid(message: string, path: string): PetSlaError {
  return new PetSlaError('INVALID_PERIOD', message, path);
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function readZone(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') {
    throw invalid(
      `expected an IANA time zone such as "Europe/London", got ${describe(value)}`,
      path,
    );
  }
  checkZone(value, path);
  return value;
}

function readUnit(value: unknown, path: string): PeriodUnit {
  if (!UNITS.includes(value as PeriodUnit)) {
    throw invalid(
      `expected one of ${UNITS.map((u) => `"${u}"`).join(', ')}, got ${describe(value)}`,
      path,
    );
  }
  return value as PeriodUnit;
}

const EXAMPLE_START: Readonly<Record<PeriodUnit, string>> = {
  day: 'any date',
  week: 'a Monday',
  month: 'the first day of a month, e.g. 2026-11-01',
  quarter: 'the first day of a quarter (1 January, April, July or October)',
  year: 'a 1 January',
};

function readBoundary(value: unknown, unit: PeriodUnit, path: string): number {
  const days = typeof value === 'string' ? parseIsoDate(value) : undefined;
  if (days === undefined) {
    throw invalid(`expected a local date "YYYY-MM-DD" that exists, got ${describe(value)}`, path);
  }
  if (periodStart(days, unit) !== days) {
    throw invalid(
      `${value as string} does not start a ${unit}; expected ${EXAMPLE_START[unit]}`,
      path,
    );
  }
  if (days < FIRST_DAY || days > LAST_DAY) throw outOfRange(days, path);
  return days;
}

const LABEL_FORMS =
  'a period label: "2026-11-30" (day), "2026-W48" (ISO week), "2026-11" (month), "2026-Q4" (quarter) or "2026" (year)';

/** The unit and first day of a label, or undefined when it names no period. */
function parseLabel(label: string): { unit: PeriodUnit; start: number } | undefined {
  let match = /^(\d{4})$/.exec(label);
  if (match !== null) return { unit: 'year', start: firstOfMonth(Number(match[1]), 1) };
  match = /^(\d{4})-Q([1-4])$/.exec(label);
  if (match !== null) {
    return { unit: 'quarter', start: firstOfMonth(Number(match[1]), 3 * Number(match[2]) - 2) };
  }
  match = /^(\d{4})-(\d{2})$/.exec(label);
  if (match !== null) {
    const month = Number(match[2]);
    return month >= 1 && month <= 12
      ? { unit: 'month', start: firstOfMonth(Number(match[1]), month) }
      : undefined;
  }
  match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (match !== null) {
    const weekYear = Number(match[1]);
    const week = Number(match[2]);
    const start = firstMondayOfWeekYear(weekYear) + 7 * (week - 1);
    // Week 53 exists only in long ISO years: its Monday must still belong to the week-year.
    return week >= 1 && isoWeekLabel(start) === label ? { unit: 'week', start } : undefined;
  }
  const day = parseIsoDate(label);
  return day === undefined ? undefined : { unit: 'day', start: day };
}

/**
 * The period a label names in `zone`: `'2026-11-30'` (a day), `'2026-W48'` (an ISO week,
 * Monday to Sunday, numbered within its ISO week-year), `'2026-11'`, `'2026-Q4'` or `'2026'`.
 * A label that names no period is `INVALID_PERIOD`; an unknown zone `UNKNOWN_ZONE`.
 *
 * @example
 * ```ts
 * periodFromLabel('2026-W53', 'UTC'); // { firstDay: '2026-12-28', endDay: '2027-01-04', … }
 * ```
 */
export function periodFromLabel(label: string, zone: string, path = ''): Period {
  const parsed = typeof label === 'string' ? parseLabel(label) : undefined;
  if (parsed === undefined) throw invalid(`expected ${LABEL_FORMS}, got ${describe(label)}`, path);
  readZone(zone, path === '' ? 'zone' : path);
  return periodOf(parsed.start, parsed.unit, zone, path);
}

const RANGE_KEYS = ['zone', 'unit', 'from', 'to'];
const LABEL_KEYS = ['zone', 'label'];

/**
 * Reads untrusted period input into resolved periods, in order: a range
 * `{ zone, unit, from, to }` (local dates, `from` starting a period of the unit, `to` exclusive
 * and also a period start), a single labelled period `{ zone, label }`, or a label string
 * with `zone` given by the caller. Every problem is `INVALID_PERIOD` (an unknown zone
 * `UNKNOWN_ZONE`) naming the field under `path`.
 *
 * @example
 * ```ts
 * readPeriods({ zone: 'Europe/London', unit: 'month', from: '2026-10-01', to: '2026-12-01' }, 'periods');
 * // [{ label: '2026-10', … }, { label: '2026-11', … }]
 * readPeriods('2026-Q4', 'period', 'Europe/London'); // [{ label: '2026-Q4', … }]
 * ```
 */
export function readPeriods(input: unknown, path: string, zone?: string): readonly Period[] {
  if (typeof input === 'string') {
    if (zone === undefined) {
      throw invalid(
        `a period label needs a zone; expected { zone, label: ${JSON.stringify(input)} } or { zone, unit, from, to }`,
        path,
      );
    }
    return Object.freeze([periodFromLabel(input, zone, path)]);
  }
  if (!isPlainObject(input)) {
    throw invalid(
      `expected periods { zone, unit, from, to }, { zone, label } or a label, got ${describe(input)}`,
      path,
    );
  }
  const allowed = 'label' in input ? LABEL_KEYS : RANGE_KEYS;
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) {
      throw invalid(
        `unknown key "${key}"; expected only ${allowed.map((k) => `"${k}"`).join(', ')}`,
        join(path, key),
      );
    }
  }
  const readZoneOf = (): string => readZone(input.zone, join(path, 'zone'));
  if ('label' in input) {
    const zoneName = readZoneOf();
    if (typeof input.label !== 'string') {
      throw invalid(`expected ${LABEL_FORMS}, got ${describe(input.label)}`, join(path, 'label'));
    }
    return Object.freeze([periodFromLabel(input.label, zoneName, join(path, 'label'))]);
  }
  const zoneName = readZoneOf();
  const unit = readUnit(input.unit, join(path, 'unit'));
  const from = readBoundary(input.from, unit, join(path, 'from'));
  const to = readBoundary(input.to, unit, join(path, 'to'));
  if (to <= from) {
    throw invalid(
      `expected a date after "from" (${isoDate(from)}): "to" is exclusive, so it must be at least ${isoDate(periodEnd(from, unit))}`,
      join(path, 'to'),
    );
  }
  const periods: Period[] = [];
  for (let start = from; start < to; start = periodEnd(start, unit)) {
    periods.push(periodOf(start, unit, zoneName, path));
  }
  return Object.freeze(periods);
}

/**
 * The period of `unit` in `zone` that contains `instant` (epoch ms): the local date the zone's
 * clock shows then, widened to its day, ISO week, month, quarter or year.
 *
 * @example
 * ```ts
 * periodContaining(Date.parse('2026-11-30T23:30:00Z'), 'Europe/Berlin', 'month').label; // '2026-12'
 * ```
 */
export function periodContaining(instant: number, zone: string, unit: PeriodUnit): Period {
  if (!Number.isSafeInteger(instant) || instant < MIN_INSTANT || instant >= MAX_INSTANT) {
    throw new PetSlaError(
      Number.isSafeInteger(instant) ? 'INSTANT_OUT_OF_RANGE' : 'INVALID_INSTANT',
      `expected an instant (epoch ms) from ${new Date(MIN_INSTANT).toISOString()} to ${new Date(MAX_INSTANT).toISOString()}, got ${describe(instant)}`,
      'instant',
    );
  }
  readZone(zone, 'zone');
  readUnit(unit, 'unit');
  // The day whose period holds the instant is the last whose resolved midnight is not after
  // it: the date the zone's clock shows then, or a later one when the clock was turned back
  // across midnight (it shows the day before again, after that day has ended).
  let local = parseIsoDate(wallTimeOf(instant, zone).date) as number;
  while (local < LAST_DAY && midnightOf(local + 1, zone, 'instant') <= instant) local += 1;
  if (local < FIRST_DAY) throw outOfRange(local, 'instant');
  return periodOf(periodStart(local, unit), unit, zone, 'instant');
}

/**
 * The resolved local midnight `days` local days after the date `day` in `zone` (claim
 * deadlines: "15 days after the period's end").
 *
 * @example
 * ```ts
 * localMidnightAfter('2026-12-01', 15, 'Europe/London'); // Date.parse('2026-12-16T00:00:00Z')
 * ```
 */
export function localMidnightAfter(day: string, days: number, zone: string, path = ''): number {
  const start = typeof day === 'string' ? parseIsoDate(day) : undefined;
  if (start === undefined) {
    throw invalid(`expected a local date "YYYY-MM-DD" that exists, got ${describe(day)}`, path);
  }
  if (!Number.isSafeInteger(days) || Math.abs(days) > LAST_DAY - FIRST_DAY) {
    throw invalid(`expected a whole number of days, got ${describe(days)}`, path);
  }
  readZone(zone, path === '' ? 'zone' : path);
  return midnightOf(start + days, zone, path);
}
