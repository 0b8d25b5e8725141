import { describe, PetSlaError } from '../errors.js';
import { daysFromCivil, daysInMonth, MS_PER_DAY } from './civil.js';
import { type InstantInput, MAX_INSTANT, MIN_INSTANT } from './types.js';

// Strict RFC 3339 profile: a string without an offset is ambiguous (which zone?), so it is
// refused rather than read in the host's zone as `Date.parse` would.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

function invalid(path: string, what: string): PetSlaError {
  return new PetSlaError(
    'INVALID_INSTANT',
    `expected an instant (integer epoch milliseconds, a valid Date, a luxon DateTime, or an ISO-8601 string with an offset such as "2026-03-08T09:00:00-05:00"), got ${what}`,
    path,
  );
}

function parseIsoInstant(text: string, path: string): number {
  const m = ISO_INSTANT.exec(text);
  if (m === null) throw invalid(path, `${describe(text)}, which is not an ISO-8601 date-time`);
  if (m[8] === undefined && m[9] === undefined) {
    throw new PetSlaError(
      'INVALID_INSTANT',
      `the string "${text}" has no offset, so it names no single instant; add "Z" or an offset such as "+01:00"`,
      path,
    );
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  // Sub-millisecond digits are truncated, as JavaScript's own Date does.
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalid(path, `${describe(text)}, whose date does not exist`);
  }
  if (hour > 23 || minute > 59 || second > 59) {
    throw invalid(path, `${describe(text)}, whose time of day is out of range`);
  }
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) throw invalid(path, `${describe(text)}, whose offset is out of range`);
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    millis
  );
}

/** ISO text of an instant for messages; never throws, even for values no Date can hold. */
export function formatInstant(t: number): string {
  return Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : String(t);
}

function checkRange(t: number, path: string, role: string): number {
  if (t < MIN_INSTANT || t >= MAX_INSTANT) {
    throw new PetSlaError(
      'INSTANT_OUT_OF_RANGE',
      `${role} ${formatInstant(t)} is outside the supported range 1900-01-01T00:00Z (inclusive) to 2200-01-01T00:00Z (exclusive)`,
      path,
    );
  }
  return t;
}

/** Reads any {@link InstantInput} as epoch milliseconds, or throws a typed error naming `path`. */
export function toInstant(input: unknown, path: string): number {
  let t: number;
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) throw invalid(path, describe(input));
    // -0 is the same instant as 0, and results never carry a sign on zero.
    t = input === 0 ? 0 : input;
  } else if (typeof input === 'string') {
    t = parseIsoInstant(input, path);
  } else if (input instanceof Date) {
    t = input.getTime();
    if (Number.isNaN(t)) throw invalid(path, 'an invalid Date');
  } else if (
    typeof input === 'object' &&
    input !== null &&
    typeof (input as { toMillis?: unknown }).toMillis === 'function'
  ) {
    if ((input as { isValid?: unknown }).isValid === false)
      throw invalid(path, 'an invalid DateTime');
    t = (input as { toMillis(): unknown }).toMillis() as number;
    if (typeof t !== 'number' || !Number.isInteger(t))
      throw invalid(path, 'an object whose toMillis() is not an integer');
  } else {
    throw invalid(path, describe(input));
  }
  return checkRange(t, path, 'the input');
}

/** Guards a computed result: results outside the supported range are errors, never values. */
export function checkResult(t: number, path: string): number {
  return checkRange(t, path, 'the result');
}
