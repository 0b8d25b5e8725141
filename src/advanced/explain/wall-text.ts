import { civilFromDays, MS_PER_DAY, weekdayOfDay } from '../../shared/civil.js';
import type { LocalClock } from './local-clock.js';

// Fixed English names: the text is the same on every host, whatever its locale.
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Wall-clock text of instants in one zone. */
export interface WallText {
  /** 'Thu 26 Nov 2026' */
  day(t: number): string;
  /** 'Thu 26 Nov' */
  shortDay(t: number): string;
  /** '15:10', with ':05' or ':05.250' when the instant has seconds or milliseconds. */
  time(t: number): string;
  /** 'Thu 26 Nov 2026 15:10' */
  dateTime(t: number): string;
  /** 'UTC+05:30', 'UTC-03:30', 'UTC+00:00' */
  offset(t: number): string;
  /** 'Thu 26 Nov 2026 15:10 (UTC+00:00)' */
  instant(t: number): string;
  /** Whether a and b fall on the same local date. */
  sameDay(a: number, b: number): boolean;
}

/** The local day of wall milliseconds (milliseconds since 1970-01-01T00:00 local time). */
const dayOfWall = (wall: number): number => Math.floor(wall / MS_PER_DAY);

/** 'Thu 26 Nov' for wall milliseconds (milliseconds since 1970-01-01T00:00 local time). */
export function dayName(wall: number): string {
  const days = dayOfWall(wall);
  const { month, day } = civilFromDays(days);
  return `${WEEKDAYS[weekdayOfDay(days)]} ${pad(day)} ${MONTHS[month - 1]}`;
}

export function wallText(clock: LocalClock): WallText {
  const day = (t: number): string => {
    const wall = clock.wallAt(t);
    return `${dayName(wall)} ${civilFromDays(dayOfWall(wall)).year}`;
  };
  const time = (t: number): string => {
    const wall = clock.wallAt(t);
    const ofDay = wall - dayOfWall(wall) * MS_PER_DAY;
    const seconds = Math.floor(ofDay / 1000) % 60;
    const ms = ofDay % 1000;
    const tail =
      ms !== 0 ? `:${pad(seconds)}.${pad(ms, 3)}` : seconds !== 0 ? `:${pad(seconds)}` : '';
    return `${pad(Math.floor(ofDay / 3_600_000))}:${pad(Math.floor(ofDay / 60_000) % 60)}${tail}`;
  };
  const offset = (t: number): string => {
    const seconds = Math.round((clock.wallAt(t) - t) / 1000);
    const abs = Math.abs(seconds);
    const rest = abs % 60 === 0 ? '' : `:${pad(abs % 60)}`;
    return `UTC${seconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${rest}`;
  };
  const localDay = (t: number): number => dayOfWall(clock.wallAt(t));
  return {
    day,
    shortDay: (t) => dayName(clock.wallAt(t)),
    time,
    dateTime: (t) => `${day(t)} ${time(t)}`,
    offset,
    instant: (t) => `${day(t)} ${time(t)} (${offset(t)})`,
    sameDay: (a, b) => localDay(a) === localDay(b),
  };
}

/** Business time, exactly: '5h 35m', '45m', '0m', '30m 0.001s', '2h 0m 15s'. */
export function exactDuration(ms: number): string {
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor(abs / 60_000) % 60;
  const seconds = Math.floor(abs / 1000) % 60;
  const millis = abs % 1000;
  const main = hours > 0 ? `${hours}h ${minutes}m` : `${minutes}m`;
  const tail =
    millis !== 0 ? ` ${seconds}.${pad(millis, 3)}s` : seconds !== 0 ? ` ${seconds}s` : '';
  return `${main}${tail}`;
}
