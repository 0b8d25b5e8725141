import { PetSlaError } from '../errors.js';
import { evictLeastRecentlyUsed } from '../shared/least-recently-used.js';
import { MS_PER_DAY, MS_PER_MINUTE, weekdayOfDay } from './civil.js';
import { checkResult, formatInstant } from './instant.js';
import { MAX_INSTANT, MIN_INSTANT } from './types.js';
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
const TIMELINE_END = ORIGIN + CHUNK_COUNT * CHUNK_MS;
// A window of day d lies between d 00:00 and d+2 00:00 local; a local time is within 26 hours
// of the same UTC reading. So day d can only open instants in this band around it.
const DAY_REACH_BEFORE = 26 * 3_600_000;
const DAY_REACH_AFTER = 2 * MS_PER_DAY + 26 * 3_600_000;

// Every interval boundary is a whole second (windows are whole minutes, offsets and
// transitions whole seconds, chunk edges whole days), so a chunk stores seconds from its start
// in Int32Arrays: 12 bytes an interval, and still exact to the millisecond.
export interface Chunk {
  readonly from: number;
  readonly to: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Business seconds in the chunk before interval i. */
  readonly before: Int32Array;
  /** Business milliseconds in the whole chunk. */
  readonly total: number;
  /** Last use, on the cache's clock (the only mutable field; invisible to results). */
  used: number;
}

const chunkStart = (k: number): number => ORIGIN + k * CHUNK_MS;
const chunkIndexOf = (t: number): number => Math.floor((t - ORIGIN) / CHUNK_MS);

/** Number of elements of the ascending `values` that are ≤ `x`. */
function countAtMost(values: Int32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const startOf = (c: Chunk, i: number): number => c.from + (c.starts[i] as number) * 1000;
const endOf = (c: Chunk, i: number): number => c.from + (c.ends[i] as number) * 1000;
/** Business seconds in the chunk up to the end of interval i. */
const reachOf = (c: Chunk, i: number): number =>
  (c.before[i] as number) + (c.ends[i] as number) - (c.starts[i] as number);

/** Index of the interval that starts at or before t, or -1. */
const intervalAtOrBefore = (c: Chunk, t: number): number =>
  countAtMost(c.starts, (t - c.from) / 1000) - 1;

/** Business time (ms) in the chunk before instant t (t within or at the edges of the chunk). */
function prefix(c: Chunk, t: number): number {
  const i = intervalAtOrBefore(c, t);
  if (i < 0) return 0;
  return (c.before[i] as number) * 1000 + Math.min(t, endOf(c, i)) - startOf(c, i);
}

/**
 * Index of the first interval whose cumulative end (ms) is > c (c in [0, total)). Business time
 * is whole milliseconds, so "reaches need" is "ends after need − 1".
 */
function intervalEndingAfter(chunk: Chunk, c: number): number {
  let lo = 0;
  let hi = chunk.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reachOf(chunk, mid) * 1000 > c) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A maximal open period of a calendar, `[start, end)` in epoch milliseconds, as
 * {@link openIntervals} returns it: adjacent windows are merged into one interval.
 *
 * @example
 * ```ts
 * for (const { start, end } of openIntervals(uk, '2026-11-23T00:00:00Z', '2026-11-30T00:00:00Z')) {
 *   console.log(new Date(start).toISOString(), `${(end - start) / 60_000} min`);
 * }
 * ```
 */
export interface Interval {
  /** The first open instant (epoch ms). */
  readonly start: number;
  /** The first instant after `start` at which the calendar is closed (exclusive). */
  readonly end: number;
}

// The cache of compiled chunks is bounded in bytes across all calendars together: past the
// limit, the least recently used chunks are dropped (and compiled again if asked for). Results
// are the same either way. What a chunk retains was measured (node 20, heapUsed +
// arrayBuffers over thousands of chunks): 12 bytes an interval for its three Int32Arrays, plus
// about 650-690 bytes for the chunk object and the three typed arrays with their buffers.
const CHUNK_BYTES = 768;
const BYTES_PER_INTERVAL = 12;
/** Default bound on the bytes of compiled chunks kept, all calendars together. */
export const CHUNK_CACHE_BYTES = 32 * 1024 * 1024;
let cacheLimit = CHUNK_CACHE_BYTES;
let cacheUsed = 0;
let clock = 0;
const holders = new Set<Timeline>();

/** Internal: the chunk cache's use, for tests and the memory benchmarks. */
export function chunkCacheUse(): { bytes: number; limit: number; timelines: number } {
  return { bytes: cacheUsed, limit: cacheLimit, timelines: holders.size };
}

/** Internal: changes the chunk cache's bound (tests use a tiny one to prove eviction invisible). */
export function setChunkCacheBytes(limit: number): void {
  cacheLimit = limit;
  evictIfNeeded();
}

const bytesOf = (c: Chunk): number => CHUNK_BYTES + BYTES_PER_INTERVAL * c.starts.length;

function evictIfNeeded(): void {
  cacheUsed = evictLeastRecentlyUsed(
    cacheUsed,
    cacheLimit,
    () => {
      const all: { timeline: Timeline; k: number; used: number }[] = [];
      for (const timeline of holders) timeline.listChunks(all);
      return all;
    },
    ({ timeline, k }) => timeline.dropChunk(k),
  );
}

// What a timeline retains besides its chunks and rules, measured as above: the `chunks` array
// and the `totals` Float64Array of one slot per 52-week chunk of the supported range (302 each)
// and the object itself, about 5.3 KB.
/** Estimated bytes of a timeline without its chunks and rules. */
export const TIMELINE_BYTES = 5_632;
/** Estimated bytes of a retired timeline: the object alone, its arrays dropped. */
export const RETIRED_TIMELINE_BYTES = 256;
// A retired timeline keeps no arrays: only calls already running on it may still use it.
const NO_CHUNKS: readonly (Chunk | undefined)[] = Object.freeze([]);
const NO_TOTALS = new Float64Array(0);

// What compiled rules retain, measured as above for rules of 0 to 10,000 overrides: about 1.4
// KB for the week (seven window lists and the map), 70-80 bytes an override day and 130-160 a
// window.
const RULES_BYTES = 1_536;
const BYTES_PER_OVERRIDE = 96;
const BYTES_PER_WINDOW = 160;

/** Estimated bytes retained by compiled rules (the zone's shared tables are counted apart). */
export function rulesBytes(rules: CalendarRules): number {
  let windows = 0;
  for (const day of rules.week) windows += day.length;
  for (const day of rules.overrides.values()) windows += day.length;
  return RULES_BYTES + BYTES_PER_OVERRIDE * rules.overrides.size + BYTES_PER_WINDOW * windows;
}

export class Timeline {
  readonly rules: CalendarRules;
  private chunks: (Chunk | undefined)[] = new Array(CHUNK_COUNT);
  /** Business ms per chunk, kept when a chunk is evicted so long spans stay cheap. */
  private totals = new Float64Array(CHUNK_COUNT).fill(Number.NaN);
  private liveChunks = 0;
  /**
   * Dropped from the shared timelines: it keeps nothing, and whoever holds it fetches the
   * shared one again (a call already running on it still gets right answers, uncached).
   */
  retired = false;
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
      if (this.retired) return chunk;
      this.chunks[k] = chunk;
      this.totals[k] = chunk.total;
      this.liveChunks++;
      holders.add(this);
      cacheUsed += bytesOf(chunk);
      chunk.used = ++clock;
      evictIfNeeded();
    } else chunk.used = ++clock;
    return chunk;
  }

  private total(k: number): number {
    // NaN when not compiled yet, undefined once retired.
    const known = this.totals[k];
    return known !== undefined && known >= 0 ? known : this.chunk(k).total;
  }

  /** Internal, for the cache: lists this timeline's compiled chunks. */
  listChunks(into: { timeline: Timeline; k: number; used: number }[]): void {
    this.chunks.forEach((chunk, k) => {
      if (chunk !== undefined) into.push({ timeline: this, k, used: chunk.used });
    });
  }

  /** Internal, for the cache: forgets chunk k and returns the bytes it was counted for. */
  dropChunk(k: number): number {
    const chunk = this.chunks[k];
    if (chunk === undefined) return 0;
    this.chunks[k] = undefined;
    if (--this.liveChunks === 0) holders.delete(this);
    return bytesOf(chunk);
  }

  /**
   * Internal, for the shared timelines: drops every chunk (and its count) and the arrays, so
   * that a calendar still pointing here keeps only this small object alive.
   */
  retire(): void {
    for (let k = 0; k < this.chunks.length; k++) cacheUsed -= this.dropChunk(k);
    holders.delete(this);
    this.chunks = NO_CHUNKS as (Chunk | undefined)[];
    this.totals = NO_TOTALS;
    this.liveChunks = 0;
    this.retired = true;
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
    const count = starts.length;
    const relStarts = new Int32Array(count);
    const relEnds = new Int32Array(count);
    const before = new Int32Array(count);
    let seconds = 0;
    for (let i = 0; i < count; i++) {
      const start = ((starts[i] as number) - from) / 1000;
      const end = ((ends[i] as number) - from) / 1000;
      // Cannot happen (see above); if it ever did, an Int32Array would silently truncate.
      if (!Number.isInteger(start) || !Number.isInteger(end)) {
        throw new Error(
          `pet-sla internal error: an interval boundary of calendar "${this.rules.id}" is not a whole second`,
        );
      }
      relStarts[i] = start;
      relEnds[i] = end;
      before[i] = seconds;
      seconds += end - start;
    }
    return { from, to, starts: relStarts, ends: relEnds, before, total: seconds * 1000, used: 0 };
  }

  isOpen(t: number): boolean {
    const chunk = this.chunk(chunkIndexOf(t));
    const i = intervalAtOrBefore(chunk, t);
    return i >= 0 && endOf(chunk, i) > t;
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
    for (let k = ka + 1; k < kb; k++) sum += this.total(k);
    return sum + prefix(this.chunk(kb), b);
  }

  /** The earliest u ≥ t with business time [t, u) = n, n > 0. */
  advance(t: number, n: number): number {
    // More business time than the timeline has instants: no need to walk it to know.
    if (n > TIMELINE_END - t) throw this.exhausted('after', t, 'addBusinessMillis');
    let k = chunkIndexOf(t);
    let chunk = this.chunk(k);
    let need = n + prefix(chunk, t);
    let total = chunk.total;
    // Whole chunks are skipped on their totals alone; only the last one is searched.
    while (need > total) {
      need -= total;
      k++;
      if (k >= CHUNK_COUNT || (this.templateEmpty && chunkStart(k) > this.overridesTo)) {
        throw this.exhausted('after', t, 'addBusinessMillis');
      }
      total = this.total(k);
    }
    chunk = this.chunk(k);
    const i = intervalEndingAfter(chunk, need - 1);
    return checkResult(startOf(chunk, i) + need - (chunk.before[i] as number) * 1000, 'result');
  }

  /** The latest u ≤ t with business time [u, t) = n, n > 0. */
  retreat(t: number, n: number): number {
    if (n > t - ORIGIN) throw this.exhausted('before', t, 'addBusinessMillis');
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
      have = this.total(k);
    }
    chunk = this.chunk(k);
    const c = have - need;
    const i = intervalEndingAfter(chunk, c);
    return checkResult(startOf(chunk, i) + c - (chunk.before[i] as number) * 1000, 'result');
  }

  nextOpen(t: number): number {
    for (let k = chunkIndexOf(t); k < CHUNK_COUNT; k++) {
      if (this.templateEmpty && chunkStart(k) > this.overridesTo) break;
      const chunk = this.chunk(k);
      const i = intervalAtOrBefore(chunk, t);
      if (i >= 0 && endOf(chunk, i) > t) return t;
      if (i + 1 < chunk.starts.length) return checkResult(startOf(chunk, i + 1), 'result');
    }
    throw this.exhausted('after', t, 'nextOpen');
  }

  nextClose(t: number): number {
    let k = chunkIndexOf(t);
    let chunk = this.chunk(k);
    const i = intervalAtOrBefore(chunk, t);
    if (i < 0 || endOf(chunk, i) <= t) return t;
    let end = endOf(chunk, i);
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
      if (chunk.starts.length === 0 || startOf(chunk, 0) !== end) break;
      end = endOf(chunk, 0);
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
      const first = Math.max(0, intervalAtOrBefore(chunk, from));
      for (let i = first; i < chunk.starts.length; i++) {
        const start = Math.max(startOf(chunk, i), from);
        const end = Math.min(endOf(chunk, i), to);
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
