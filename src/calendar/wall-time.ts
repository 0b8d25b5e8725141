import { PetSlaError } from '../errors.js';
import { deepFreeze, expectString } from '../shared/read.js';
import { formatIsoDate, MS_PER_DAY, MS_PER_MINUTE, parseIsoDate, weekdayOfDay } from './civil.js';
import { checkResult, toInstant } from './instant.js';
import { type InstantInput, WEEKDAYS, type Weekday } from './types.js';
import { readZone, zoneRules } from './zone.js';

/**
 * What a clock in `zone` shows at an instant: the local date, weekday and time of day, and
 * the zone's offset from UTC then. Plain, frozen data.
 *
 * @example
 * ```ts
 * const w: WallTime = wallTimeOf('2026-11-30T14:05:00Z', 'Europe/Berlin');
 * `${w.date} ${w.time} (${w.offset})`; // '2026-11-30 15:05 (+01:00)'
 * ```
 */
export interface WallTime {
  readonly zone: string;
  /** The local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly weekday: Weekday;
  /** The local time of day to the minute, `HH:MM`. */
  readonly time: string;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** The zone's offset from UTC in milliseconds (whole seconds; local mean times had seconds). */
  readonly offsetMs: number;
  /** The offset as text: `+01:00`, `-03:30`, or `+00:01:15` for an offset with seconds. */
  readonly offset: string;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function formatOffset(offsetMs: number): string {
  const total = Math.abs(offsetMs) / 1000;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const sign = offsetMs < 0 ? '-' : '+';
  return `${sign}${pad2(hours)}:${pad2(minutes)}${seconds === 0 ? '' : `:${pad2(seconds)}`}`;
}

/**
 * The wall time an instant shows in an IANA zone, read with the same zone rules the calendars
 * use (so labels, reports and texts agree with the business-time arithmetic). Deterministic:
 * the host's own zone and locale play no part.
 *
 * @example
 * ```ts
 * wallTimeOf('2026-11-01T05:30:00Z', 'America/New_York').time; // '01:30' (the first one: EDT)
 * wallTimeOf('2026-11-01T06:30:00Z', 'America/New_York').time; // '01:30' (the second: EST)
 * ```
 */
export function wallTimeOf(t: InstantInput, zone: string): WallTime {
  const instant = toInstant(t, 't');
  const name = readZone(zone, 'zone', 'UNKNOWN_ZONE');
  const rules = zoneRules(name);
  const offsetMs = rules.offsetAt(instant);
  const wall = instant + offsetMs;
  const days = Math.floor(wall / MS_PER_DAY);
  const ms = wall - days * MS_PER_DAY;
  const hour = Math.floor(ms / 3_600_000);
  const minute = Math.floor((ms % 3_600_000) / MS_PER_MINUTE);
  return deepFreeze({
    zone: name,
    date: formatIsoDate(days),
    weekday: WEEKDAYS[weekdayOfDay(days)] as Weekday,
    time: `${pad2(hour)}:${pad2(minute)}`,
    hour,
    minute,
    second: Math.floor((ms % MS_PER_MINUTE) / 1000),
    millisecond: ms % 1000,
    offsetMs,
    offset: formatOffset(offsetMs),
  });
}

const TIME = /^(\d{2}):(\d{2})$/;

/**
 * The instant a wall time of `zone` stands for, by the calendars' one rule: the first instant
 * at which the zone's clock shows that date and time or later. A time in a spring-forward gap
 * gives the transition itself; a time that occurs twice gives its earlier occurrence; a date
 * the zone skipped gives the first instant after it. `time` is `HH:MM` (`24:00` is the next
 * day's midnight) and defaults to midnight. See docs/semantics.md.
 *
 * @example
 * ```ts
 * resolveWallTime('America/New_York', '2026-03-08', '02:30'); // 2026-03-08T07:00:00Z (03:00 EDT)
 * resolveWallTime('Europe/London', '2026-11-01'); // 2026-11-01T00:00:00Z, local midnight
 * ```
 */
export function resolveWallTime(zone: string, date: string, time = '00:00'): number {
  const name = readZone(zone, 'zone', 'UNKNOWN_ZONE');
  const day = parseIsoDate(expectString(date, 'date', 'INVALID_DATE'));
  if (day === undefined) {
    throw new PetSlaError(
      'INVALID_DATE',
      `expected an existing date "YYYY-MM-DD", got ${JSON.stringify(date.slice(0, 40))}`,
      'date',
    );
  }
  const match = TIME.exec(expectString(time, 'time', 'INVALID_WINDOW'));
  const minutes = match === null ? Number.NaN : Number(match[1]) * 60 + Number(match[2]);
  if (match === null || Number(match[2]) > 59 || minutes > 1440) {
    throw new PetSlaError(
      'INVALID_WINDOW',
      `expected a time "HH:MM" from 00:00 to 24:00, got ${JSON.stringify(time.slice(0, 40))}`,
      'time',
    );
  }
  return checkResult(zoneRules(name).resolve(day * MS_PER_DAY + minutes * MS_PER_MINUTE), 'date');
}
