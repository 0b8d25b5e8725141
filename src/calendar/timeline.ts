import { PetSlaError } from '../errors.js';
import { MS_PER_DAY, MS_PER_MINUTE, weekdayOfDay } from './civil.js';
import { checkResult, formatInstant, MAX_INSTANT, MIN_INSTANT } from './instant.js';
import type { MinuteWindow } from './window.js';
import type { ZoneRules } from './zone.js';

/** The calendar's rules in the form the engine reads them. */
export interface CalendarRules {
  readonly id: string;
  readonly zone: ZoneRules;
  /** Template windows by weekday, 0 = Monday. */
  readonly week: readonly (readonly MinuteWindow[])[];
  /** Override windows by day number (days since 1970-01-01, local). */
  readonly overrides: ReadonlyMap<number, readonly MinuteWindow[]>;
}

// The open set is compiled into chunks of 52 weeks of UTC time. Each chunk holds its open
// intervals (clipped to the chunk) with running totals, so that measuring and adding business
// time are a binary search and some arithmetic, whatever the span.
const CHUNK_MS = 364 * MS_PER_DAY;
// The timeline reaches a week beyond the supported range on both sides, so that everything an
// override inside the range can open is on it, and a result just outside is seen as such.
const ORIGIN = MIN_INSTANT - 7 * MS_PER_DAY;
const CHUNK_COUNT = Math.ceil((MAX_INSTANT + 7 * MS_PER_DAY - ORIGIN) / CHUNK_MS);
// A window of day d lies between d 00:00 and d+2 00:00 local; a local time is within 26 hours
// of the same UTC reading. So day d can only open instants in this band around it.
const DAY_REACH_BEFORE = 26 * 3_600_000;
const DAY_REACH_AFTER = 2 * MS_PER_DAY + 26 * 3_600_000;

export interface Chunk {
  readonly from: number;
  readonly to: number;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Business time in the chunk before interval i. */
  readonly before: Float64Array;
  readonly total: number;
}

const chunkStart = (k: number): number => ORIGIN + k * CHUNK_MS;
export const chunkIndexOf = (t: number): number => Math.floor((t - ORIGIN) / CHUNK_MS);

/** Number of elements of the ascending `values` that are ≤ `x`. */
function countAtMost(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Business time in the chunk before instant t (t within or at the edges of the chunk). */
function prefix(chunk: Chunk, t: number): number {
  const i = countAtMost(chunk.starts, t) - 1;
  if (i < 0) return 0;
  const start = chunk.starts[i] as number;
  return (chunk.before[i] as number) + Math.min(t, chunk.ends[i] as number) - start;
}

/** Index of the first interval whose cumulative end is ≥ c (c in (0, total]). */
function intervalReaching(chunk: Chunk, c: number): number {
  let lo = 0;
  let hi = chunk.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const reach =
      (chunk.before[mid] as number) + (chunk.ends[mid] as number) - (chunk.starts[mid] as number);
    if (reach >= c) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first interval whose cumulative end is > c (c in [0, total)). */
function intervalBeyond(chunk: Chunk, c: number): number {
  let lo = 0;
  let hi = chunk.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const reach =
      (chunk.before[mid] as number) + (chunk.ends[mid] as number) - (chunk.starts[mid] as number);
    if (reach > c) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface Interval {
  readonly start: number;
  readonly end: number;
}

export class Timeline {
  readonly rules: CalendarRules;
  private readonly chunks: (Chunk | undefined)[] = new Array(CHUNK_COUNT);
  /** No template window at all: only overrides ever open, so open time is finite. */
  private readonly templateEmpty: boolean;
  /** The template covers every minute of the week: without overrides it never closes. */
  private readonly templateFull: boolean;
  /** Instants before/after which overrides no longer reach (empty when there are none). */
  private readonly overridesFrom: number;
  private readonly overridesTo: number;

  constructor(rules: CalendarRules) {
    this.rules = rules;
    this.templateEmpty = rules.week.every((day) => day.length === 0);
    this.templateFull = coversWholeWeek(rules.week);
    let first = Infinity;
    let last = -Infinity;
    for (const day of rules.overrides.keys()) {
      first = Math.min(first, day);
      last = Math.max(last, day);
    }
    this.overridesFrom = first * MS_PER_DAY - DAY_REACH_BEFORE;
    this.overridesTo = last * MS_PER_DAY + DAY_REACH_AFTER;
  }

  private chunk(k: number): Chunk {
    let chunk = this.chunks[k];
    if (chunk === undefined) {
      chunk = this.compile(k);
      this.chunks[k] = chunk;
    }
    return chunk;
  }

  private compile(k: number): Chunk {
    const from = chunkStart(k);
    const to = chunkStart(k + 1);
    const { zone, week, overrides } = this.rules;
    const starts: number[] = [];
    const ends: number[] = [];
    const firstDay = Math.floor((from - DAY_REACH_AFTER) / MS_PER_DAY);
    const lastDay = Math.floor((to + DAY_REACH_BEFORE) / MS_PER_DAY);
    for (let day = firstDay; day <= lastDay; day++) {
      const windows = overrides.get(day) ?? (week[weekdayOfDay(day)] as readonly MinuteWindow[]);
      const midnight = day * MS_PER_DAY;
      for (const w of windows) {
        // Starts come out in ascending order (days ascend, windows are sorted, resolve is
        // monotone), so intervals merge in one pass; overlaps from overrides become unions.
        const start = Math.max(zone.resolve(midnight + w.start * MS_PER_MINUTE), from);
        const end = Math.min(zone.resolve(midnight + w.end * MS_PER_MINUTE), to);
        if (end <= start) continue;
        const last = ends.length - 1;
        if (last >= 0 && start <= (ends[last] as number))
          ends[last] = Math.max(ends[last] as number, end);
        else {
          starts.push(start);
          ends.push(end);
        }
      }
    }
    const before = new Float64Array(starts.length);
    let total = 0;
    for (let i = 0; i < starts.length; i++) {
      before[i] = total;
      total += (ends[i] as number) - (starts[i] as number);
    }
    return {
      from,
      to,
      starts: Float64Array.from(starts),
      ends: Float64Array.from(ends),
      before,
      total,
    };
  }

  isOpen(t: number): boolean {
    const chunk = this.chunk(chunkIndexOf(t));
    const i = countAtMost(chunk.starts, t) - 1;
    return i >= 0 && (chunk.ends[i] as number) > t;
  }

  /** Business time in [a, b), a ≤ b. */
  measure(a: number, b: number): number {
    const ka = chunkIndexOf(a);
    const kb = chunkIndexOf(b);
    if (ka === kb) {
      const chunk = this.chunk(ka);
      return prefix(chunk, b) - prefix(chunk, a);
    }
    const first = this.chunk(ka);
    let sum = first.total - prefix(first, a);
    for (let k = ka + 1; k < kb; k++) sum += this.chunk(k).total;
    return sum + prefix(this.chunk(kb), b);
  }

  /** The earliest u ≥ t with business time [t, u) = n, n > 0. */
  advance(t: number, n: number): number {
    let k = chunkIndexOf(t);
    let chunk = this.chunk(k);
    let need = n + prefix(chunk, t);
    while (need > chunk.total) {
      need -= chunk.total;
      k++;
      if (k >= CHUNK_COUNT || (this.templateEmpty && chunkStart(k) > this.overridesTo)) {
        throw this.exhausted('after', t, 'addBusinessMillis');
      }
      chunk = this.chunk(k);
    }
    const i = intervalReaching(chunk, need);
    return checkResult((chunk.starts[i] as number) + need - (chunk.before[i] as number), 'result');
  }

  /** The latest u ≤ t with business time [u, t) = n, n > 0. */
  retreat(t: number, n: number): number {
    let k = chunkIndexOf(t);
    let chunk = this.chunk(k);
    let have = prefix(chunk, t);
    let need = n;
    while (need > have) {
      need -= have;
      k--;
      if (k < 0 || (this.templateEmpty && chunkStart(k + 1) < this.overridesFrom)) {
        throw this.exhausted('before', t, 'addBusinessMillis');
      }
      chunk = this.chunk(k);
      have = chunk.total;
    }
    const c = have - need;
    const i = intervalBeyond(chunk, c);
    return checkResult((chunk.starts[i] as number) + c - (chunk.before[i] as number), 'result');
  }

  nextOpen(t: number): number {
    for (let k = chunkIndexOf(t); k < CHUNK_COUNT; k++) {
      if (this.templateEmpty && chunkStart(k) > this.overridesTo) break;
      const chunk = this.chunk(k);
      const i = countAtMost(chunk.starts, t) - 1;
      if (i >= 0 && (chunk.ends[i] as number) > t) return t;
      if (i + 1 < chunk.starts.length) return checkResult(chunk.starts[i + 1] as number, 'result');
    }
    throw this.exhausted('after', t, 'nextOpen');
  }

  nextClose(t: number): number {
    let k = chunkIndexOf(t);
    let chunk = this.chunk(k);
    const i = countAtMost(chunk.starts, t) - 1;
    if (i < 0 || (chunk.ends[i] as number) <= t) return t;
    let end = chunk.ends[i] as number;
    // An open period may run on through chunk boundaries; follow it.
    while (end === chunk.to) {
      if (this.templateFull && end > this.overridesTo) {
        throw new PetSlaError(
          'CALENDAR_NEVER_CLOSES',
          `calendar "${this.rules.id}" is open at ${formatInstant(t)} and never closes after it: its week is open around the clock and no override ahead closes it`,
          't',
        );
      }
      k++;
      if (k >= CHUNK_COUNT) break;
      chunk = this.chunk(k);
      if (chunk.starts.length === 0 || chunk.starts[0] !== end) break;
      end = chunk.ends[0] as number;
    }
    return checkResult(end, 'result');
  }

  /** The maximal open intervals clipped to [from, to), from < to. */
  intervals(from: number, to: number): Interval[] {
    const out: Interval[] = [];
    let pendingStart = Number.NaN;
    let pendingEnd = Number.NaN;
    for (let k = chunkIndexOf(from); k <= chunkIndexOf(to - 1); k++) {
      const chunk = this.chunk(k);
      const first = Math.max(0, countAtMost(chunk.starts, from) - 1);
      for (let i = first; i < chunk.starts.length; i++) {
        const start = Math.max(chunk.starts[i] as number, from);
        const end = Math.min(chunk.ends[i] as number, to);
        if (start >= to) break;
        if (end <= start) continue;
        if (start === pendingEnd) pendingEnd = end;
        else {
          if (!Number.isNaN(pendingStart)) out.push({ start: pendingStart, end: pendingEnd });
          pendingStart = start;
          pendingEnd = end;
        }
      }
    }
    if (!Number.isNaN(pendingStart)) out.push({ start: pendingStart, end: pendingEnd });
    return out;
  }

  private exhausted(direction: 'after' | 'before', t: number, operation: string): PetSlaError {
    if (!this.templateEmpty) {
      return new PetSlaError(
        'INSTANT_OUT_OF_RANGE',
        `${operation}: the answer lies ${direction} the supported range (1900-01-01T00:00Z to 2200-01-01T00:00Z)`,
        'result',
      );
    }
    return new PetSlaError(
      'CALENDAR_NEVER_OPENS',
      `${operation}: calendar "${this.rules.id}" has no (or not enough) open time ${direction} ${formatInstant(t)}: its week has no windows and no override ${direction === 'after' ? 'ahead' : 'before'} opens it`,
      't',
    );
  }
}

/** Whether the template's windows, laid on one week (wrapping Sunday into Monday), cover it. */
function coversWholeWeek(week: readonly (readonly MinuteWindow[])[]): boolean {
  const WEEK = 7 * 1440;
  const pieces: [number, number][] = [];
  week.forEach((windows, weekday) => {
    for (const w of windows) {
      const start = weekday * 1440 + w.start;
      const end = weekday * 1440 + w.end;
      if (end <= WEEK) pieces.push([start, end]);
      else pieces.push([start, WEEK], [0, end - WEEK]);
    }
  });
  pieces.sort((a, b) => a[0] - b[0]);
  let reach = 0;
  for (const [start, end] of pieces) {
    if (start > reach) return false;
    reach = Math.max(reach, end);
  }
  return reach >= WEEK;
}

export const TIMELINE_LIMITS = { MIN_INSTANT, MAX_INSTANT };
