/**
 * Naive reference model of a calendar's open set (SPEC §2–§5), used only by tests to check the
 * fast engine in `src/`. It deliberately imports nothing from `src/`.
 *
 * Model. Let wall(u) be the calendar's local wall-clock reading at instant u, and
 * M(t) = max over u <= t of wall(u) (the "high-water" wall time: equal to wall(t) except in a
 * repeated fall-back hour, where it stays at the highest time already shown). Instant t is open
 * iff M(t) lies in [D s, D e) for some window [s, e) of some local date D's schedule (the
 * override for D if any, else the weekly template of D's weekday; a window whose end is <= its
 * start ends on D+1). This equals SPEC §4's rule "resolve(W) = the first instant at which the
 * clock shows W or later": M is non-decreasing and M(t) >= W exactly when t >= resolve(W).
 *
 * Everything is done in whole minutes: every zone used with this reference has whole-minute
 * offsets that change on minute boundaries (checked), and windows are whole minutes, so each
 * minute [t, t + 60000) is wholly open or wholly closed, and M over it is decided by the running
 * maximum of the wall minute shown at each minute start (in the repeated hour, M sits inside the
 * last minute shown before the clock went back, 01:59:59.999 in New York).
 */
import { IANAZone } from 'luxon';

export type NaiveWeekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface NaiveDefinition {
  zone: string;
  week: Partial<Record<NaiveWeekday, string[]>>;
  overrides?: { date: string; windows: string[] }[];
}

export interface NaiveInterval {
  start: number;
  end: number;
}

const MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;
/** How far before `fromMs` the running maximum of the wall clock is started. */
const PRESCAN_MINUTES = 2 * MINUTES_PER_DAY;
/**
 * Offsets are sampled every SAMPLE_MINUTES; where two neighbouring samples differ, every minute
 * between them is computed. Assumes no zone changes its offset and back again within 30 minutes
 * (true of every tzdb zone). Done only because luxon's `offset` costs ~10 µs a call.
 */
const SAMPLE_MINUTES = 30;
/** JS `Date.getUTCDay()` order. */
const WEEKDAYS: readonly NaiveWeekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const zoneCache = new Map<string, IANAZone>();

function zoneOf(name: string): IANAZone {
  let zone = zoneCache.get(name);
  if (zone === undefined) {
    zone = IANAZone.create(name);
    if (!zone.isValid) throw new Error(`naive: unknown zone ${name}`);
    zoneCache.set(name, zone);
  }
  return zone;
}

function offsetMinutes(zone: IANAZone, ms: number): number {
  const offset = zone.offset(ms);
  if (!Number.isInteger(offset)) {
    throw new Error(`naive: zone ${zone.name} has a non-whole-minute offset at ${ms}`);
  }
  return offset;
}

/** Offsets (minutes) at the minute starts startMs + i * 60000, i in [0, count). */
function minuteOffsets(zone: IANAZone, startMs: number, count: number): Int32Array {
  const out = new Int32Array(count);
  if (count === 0) return out;
  const at = (i: number): number => offsetMinutes(zone, startMs + i * MINUTE);
  let a = 0;
  let offA = at(0);
  out[0] = offA;
  while (a < count - 1) {
    const b = Math.min(a + SAMPLE_MINUTES, count - 1);
    const offB = at(b);
    if (offA === offB) {
      out.fill(offA, a, b + 1);
    } else {
      let prev = offA;
      for (let i = a + 1; i <= b; i++) {
        const off = i === b ? offB : at(i);
        if (off !== prev) {
          // The change must happen exactly at this minute start, not somewhere inside the minute.
          const justBefore = offsetMinutes(zone, startMs + i * MINUTE - 1);
          if (justBefore !== prev) {
            throw new Error(`naive: zone ${zone.name} changes offset inside a minute near ${i}`);
          }
        }
        out[i] = off;
        prev = off;
      }
    }
    a = b;
    offA = offB;
  }
  return out;
}

/** "HH:MM" -> minutes after midnight (24:00 -> 1440). Input is assumed valid. */
function parseTime(text: string): number {
  const match = /^(\d\d):(\d\d)$/.exec(text);
  if (match === null) throw new Error(`naive: bad time ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** "HH:MM-HH:MM" -> [start, end] in minutes after midnight of its own date (end may be > 1440). */
function parseWindow(text: string): readonly [number, number] {
  const parts = text.split('-');
  const startText = parts[0];
  const endText = parts[1];
  if (parts.length !== 2 || startText === undefined || endText === undefined) {
    throw new Error(`naive: bad window ${text}`);
  }
  const start = parseTime(startText);
  const end = parseTime(endText);
  // End <= start: the window runs past midnight and ends on the next date.
  return [start, end <= start ? end + MINUTES_PER_DAY : end];
}

/** Local date as a count of days since 1970-01-01 -> "YYYY-MM-DD". */
function isoDate(day: number): string {
  return new Date(day * MINUTES_PER_DAY * MINUTE).toISOString().slice(0, 10);
}

function weekdayOf(day: number): NaiveWeekday {
  const weekday = WEEKDAYS[new Date(day * MINUTES_PER_DAY * MINUTE).getUTCDay()];
  if (weekday === undefined) throw new Error('naive: unreachable');
  return weekday;
}

/** Schedules per local day, as wall-minute intervals [start, end) on the "wall minutes" axis. */
class Schedules {
  private readonly cache = new Map<number, readonly (readonly [number, number])[]>();
  private readonly overrides: Map<string, string[]>;

  constructor(private readonly def: NaiveDefinition) {
    this.overrides = new Map((def.overrides ?? []).map((o) => [o.date, o.windows]));
  }

  /** Windows of local day `day`, in wall minutes since 1970-01-01T00:00 local. */
  of(day: number): readonly (readonly [number, number])[] {
    let windows = this.cache.get(day);
    if (windows === undefined) {
      const texts = this.overrides.get(isoDate(day)) ?? this.def.week[weekdayOf(day)] ?? [];
      const base = day * MINUTES_PER_DAY;
      windows = texts.map((text) => {
        const [start, end] = parseWindow(text);
        return [base + start, base + end] as const;
      });
      this.cache.set(day, windows);
    }
    return windows;
  }

  /** Is high-water wall minute `m` inside some window of some date? */
  contains(m: number): boolean {
    const day = Math.floor(m / MINUTES_PER_DAY);
    // A window starts on its own date and ends at latest before the next date's end.
    for (const d of [day - 1, day]) {
      for (const [start, end] of this.of(d)) {
        if (start <= m && m < end) return true;
      }
    }
    return false;
  }
}

function checkMinute(ms: number, what: string): void {
  if (!Number.isSafeInteger(ms) || ms % MINUTE !== 0) {
    throw new Error(`naive: ${what} ${ms} is not a whole minute`);
  }
}

/** Bitmap of the minutes [fromMs + i * 60000, +60000) for i in [0, (toMs - fromMs) / 60000): 1 = open. */
export function naiveOpenMinutes(def: NaiveDefinition, fromMs: number, toMs: number): Uint8Array {
  checkMinute(fromMs, 'fromMs');
  checkMinute(toMs, 'toMs');
  if (toMs < fromMs) throw new Error('naive: toMs < fromMs');
  const zone = zoneOf(def.zone);
  const schedules = new Schedules(def);
  const count = (toMs - fromMs) / MINUTE;
  const startMs = fromMs - PRESCAN_MINUTES * MINUTE;
  const offsets = minuteOffsets(zone, startMs, PRESCAN_MINUTES + count);
  const bits = new Uint8Array(count);
  let highWater = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < PRESCAN_MINUTES + count; i++) {
    // Wall minute shown at this minute start, counted from 1970-01-01T00:00 local.
    const wall = startMs / MINUTE + i + (offsets[i] ?? 0);
    highWater = Math.max(highWater, wall);
    const k = i - PRESCAN_MINUTES;
    if (k >= 0) bits[k] = schedules.contains(highWater) ? 1 : 0;
  }
  return bits;
}

/**
 * The naive open set over the span [fromMs, toMs), with the SPEC §5 operations answered by
 * walking the minute bitmap. Inputs must be whole minutes inside [fromMs, toMs] (else it throws:
 * that is a bug in the test). A result that cannot be decided inside the span is `undefined`.
 */
export class NaiveCalendar {
  readonly bits: Uint8Array;

  constructor(
    readonly def: NaiveDefinition,
    readonly fromMs: number,
    readonly toMs: number,
  ) {
    this.bits = naiveOpenMinutes(def, fromMs, toMs);
  }

  private index(t: number): number {
    checkMinute(t, 'instant');
    if (t < this.fromMs || t > this.toMs) {
      throw new Error(`naive: instant ${t} outside the span [${this.fromMs}, ${this.toMs}]`);
    }
    return (t - this.fromMs) / MINUTE;
  }

  private at(i: number): number {
    return this.fromMs + i * MINUTE;
  }

  private open(i: number): boolean {
    return this.bits[i] === 1;
  }

  isOpen(t: number): boolean | undefined {
    const i = this.index(t);
    return i < this.bits.length ? this.open(i) : undefined;
  }

  /** Business ms in [a, b); negative (minus that of [b, a)) when b < a. */
  between(a: number, b: number): number {
    if (b < a) return 0 - this.between(b, a); // 0, never -0
    const end = this.index(b);
    let minutes = 0;
    for (let i = this.index(a); i < end; i++) if (this.open(i)) minutes++;
    return minutes * MINUTE;
  }

  /** n > 0: earliest u >= t with between(t, u) = n; n < 0: latest u <= t with between(u, t) = -n. */
  add(t: number, n: number): number | undefined {
    checkMinute(n, 'amount');
    const i = this.index(t);
    if (n === 0) return t;
    let need = Math.abs(n) / MINUTE;
    if (n > 0) {
      for (let j = i; j < this.bits.length; j++) {
        if (this.open(j) && --need === 0) return this.at(j + 1);
      }
    } else {
      for (let j = i - 1; j >= 0; j--) {
        if (this.open(j) && --need === 0) return this.at(j);
      }
    }
    return undefined;
  }

  /** t if open, else the start of the next open minute. */
  nextOpen(t: number): number | undefined {
    for (let j = this.index(t); j < this.bits.length; j++) if (this.open(j)) return this.at(j);
    return undefined;
  }

  /** t if closed, else the end of the maximal open run containing t. */
  nextClose(t: number): number | undefined {
    for (let j = this.index(t); j < this.bits.length; j++) if (!this.open(j)) return this.at(j);
    return undefined;
  }

  /** Maximal open runs clipped to [from, to), in order. Empty when to <= from. */
  openIntervals(from: number, to: number): NaiveInterval[] {
    const first = this.index(from);
    const end = this.index(to);
    const out: NaiveInterval[] = [];
    let runStart: number | undefined;
    for (let i = first; i <= end; i++) {
      const open = i < end && this.open(i);
      if (open && runStart === undefined) runStart = i;
      if (!open && runStart !== undefined) {
        out.push({ start: this.at(runStart), end: this.at(i) });
        runStart = undefined;
      }
    }
    return out;
  }
}

export function naiveCalendar(def: NaiveDefinition, fromMs: number, toMs: number): NaiveCalendar {
  return new NaiveCalendar(def, fromMs, toMs);
}
