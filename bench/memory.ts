/**
 * Memory of pet-sla's compiled-calendar cache, measured through the public API only: define N
 * calendars, query each across `years` years (which compiles every part of the timeline the
 * query crosses), and read the heap after full collections at each step. `cacheUse` reads what
 * each cache counts against its bound in bytes (internal counters, for the printed lines).
 * Memory is read by `liveBytes` (test/support/memory.ts), `heapUsed + arrayBuffers`.
 */
import { sharedTimelineUse } from '../src/calendar/shared-timelines.js';
import { chunkCacheUse } from '../src/calendar/timeline.js';
import { zoneRulesUse } from '../src/calendar/zone.js';
import { knownStateUse } from '../src/clock/known-states.js';
import { businessMillisBetween, type Calendar, defineCalendar } from '../src/index.js';
import { knownDocumentUse } from '../src/shared/known-documents.js';
import { liveBytes } from '../test/support/memory.js';
import { DAY, definition } from './fixtures.js';

/** Each cache's counted bytes against its bound, e.g. `chunks 12.3 of 32 MiB, …`. */
export function cacheUse(): string {
  const caches = {
    chunks: chunkCacheUse(),
    timelines: sharedTimelineUse(),
    'known documents': knownDocumentUse(),
    zones: zoneRulesUse(),
    'known states': knownStateUse(),
  };
  return Object.entries(caches)
    .map(([name, { bytes, limit }]) => `${name} ${mib(bytes)} of ${mib(limit)}`)
    .join(', ');
}

export interface MemoryStep {
  /** Calendars alive and compiled over `years` years at this step. */
  readonly calendars: number;
  readonly years: number;
  /** Bytes held by the calendar values themselves (definitions, rules), before any query. */
  readonly definedBytes: number;
  /** Bytes added by compiling `years` years of each calendar (net of anything evicted). */
  readonly cacheBytes: number;
}

export interface MemoryReport {
  readonly steps: readonly MemoryStep[];
  /** Bytes still held, above the start, once every calendar is dropped. */
  readonly afterReleaseBytes: number;
}

/**
 * Grows a population of calendars to each count in `steps` (ascending), compiling `years`
 * years of every new one, and reads the memory at each step; then drops them all. Growing one
 * population (rather than measuring separate ones) keeps earlier measurements from being
 * counted, or evicted, in later ones.
 */
let population = 0;

export function measureCacheMemory(steps: readonly number[], years: number): MemoryReport {
  population++;
  const from = Date.parse('2025-01-01T00:00:00Z');
  const to = from + Math.round(years * 365.25) * DAY;
  const base = liveBytes();
  let calendars: Calendar[] = [];
  let definedBytes = 0;
  let cacheBytes = 0;
  const out: MemoryStep[] = [];
  for (const count of steps) {
    const first = calendars.length;
    const before = liveBytes();
    while (calendars.length < count) {
      calendars.push(defineCalendar(definition(`memory-${population}-${calendars.length}`)));
    }
    const defined = liveBytes();
    let check = 0;
    for (let i = first; i < count; i++) {
      check += businessMillisBetween(calendars[i] as Calendar, from, to);
    }
    const compiled = liveBytes();
    if (!(check > 0) && count > first) throw new Error('memory: unexpected result');
    definedBytes += defined - before;
    cacheBytes += compiled - defined;
    out.push({ calendars: count, years, definedBytes, cacheBytes });
  }
  calendars = [];
  return { steps: out, afterReleaseBytes: liveBytes() - base };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function describeStep(s: MemoryStep): string {
  const perCalendar = s.cacheBytes / s.calendars;
  return [
    `${s.calendars} calendars x ${s.years} years: cache ${mib(s.cacheBytes)}`,
    `(${kib(perCalendar)} per calendar, ${kib(perCalendar / s.years)} per calendar-year);`,
    `calendar values ${mib(s.definedBytes)} (${kib(s.definedBytes / s.calendars)} each)`,
  ].join(' ');
}
