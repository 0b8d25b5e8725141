import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { setSharedTimelineBytes, sharedTimelineUse } from '../../src/calendar/shared-timelines.js';
import { chunkCacheUse, setChunkCacheBytes } from '../../src/calendar/timeline.js';
import { setZoneRulesBytes, zoneRulesUse } from '../../src/calendar/zone.js';
import {
  businessMillisBetween,
  type Calendar,
  defineCalendar,
  parseSnapshot,
  toSnapshot,
} from '../../src/index.js';
import { knownDocumentUse, setKnownDocumentBytes } from '../../src/shared/known-documents.js';

// The caches' memory, measured: what each cache counts must cover what its entries really
// retain, and a host re-parsing 2,000 calendars round-robin must stay under the bounds.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Live memory after full collections; compiled chunks' typed arrays live outside the heap. */
function liveBytes(): number {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const DAY = 86_400_000;
const FROM = Date.UTC(2025, 5, 2);
const TO = FROM + 3 * 365 * DAY; // crosses four 52-week chunks
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'UTC'];

function definition(i: number, overrides = i % 10 === 0 ? 60 : 0) {
  const open = `0${7 + (i % 3)}:${i % 2 ? '30' : '00'}`;
  const close = `${15 + (i % 4)}:00`;
  return {
    id: `memory-${i}`,
    zone: ZONES[i % ZONES.length] as string,
    week: {
      mon: [`${open}-12:00`, `13:00-${close}`],
      tue: [`${open}-${close}`],
      wed: [`${open}-${close}`],
      thu: [`${open}-12:00`, `13:00-${close}`],
      fri: [`${open}-${close}`],
    },
    overrides: Array.from({ length: overrides }, (_, d) => ({
      date: new Date(Date.UTC(2025, 0, 1) + d * 3 * DAY).toISOString().slice(0, 10),
      windows: d % 4 === 0 ? ['10:00-12:00'] : [],
    })),
  };
}

const defaults = {
  chunks: chunkCacheUse().limit,
  timelines: sharedTimelineUse().limit,
  documents: knownDocumentUse().limit,
  zones: zoneRulesUse().limit,
};
afterAll(() => {
  setChunkCacheBytes(defaults.chunks);
  setSharedTimelineBytes(defaults.timelines);
  setKnownDocumentBytes(defaults.documents);
  setZoneRulesBytes(defaults.zones);
});

describe('what each cache counts covers what its entries retain', () => {
  it.each([
    ['a small calendar', 0, 300],
    ['a calendar of 168 overrides', 168, 60],
    ['a calendar of 10,000 overrides', 10_000, 3],
  ])('a known document: %s', (_, overrides, copies) => {
    const text = JSON.stringify(toSnapshot(defineCalendar(definition(7, overrides))));
    setKnownDocumentBytes(64 * 2 ** 20);
    const before = knownDocumentUse().bytes;
    parseSnapshot(JSON.parse(text));
    const counted = knownDocumentUse().bytes - before;
    expect(counted).toBeGreaterThan(0);
    // Copies parsed with the cache switched off: each is a new document with its own rules.
    setKnownDocumentBytes(0);
    const held: Calendar[] = [];
    const start = liveBytes();
    for (let c = 0; c < copies; c++) held.push(parseSnapshot(JSON.parse(text)));
    const retained = (liveBytes() - start) / copies;
    expect(held[0]).not.toBe(held[1]);
    expect(retained).toBeGreaterThan(counted / 4); // the estimate is not absurdly large either
    expect(retained).toBeLessThanOrEqual(counted);
  });

  it('a shared timeline and its compiled chunks', () => {
    const calendars = Array.from({ length: 300 }, (_, i) => defineCalendar(definition(5_000 + i)));
    // Zone tables first, so that only timelines and chunks are measured.
    for (const zone of ZONES) {
      const warm = defineCalendar({ ...definition(9_999, 0), zone });
      businessMillisBetween(warm, FROM, TO);
    }
    const counted = () => chunkCacheUse().bytes + sharedTimelineUse().bytes;
    const countedBefore = counted();
    const start = liveBytes();
    for (const calendar of calendars) businessMillisBetween(calendar, FROM, TO);
    const retained = liveBytes() - start;
    const added = counted() - countedBefore;
    expect(added).toBeGreaterThan(0);
    expect(retained).toBeGreaterThan(added / 4);
    expect(retained).toBeLessThanOrEqual(added);
  });
});

describe('2,000 calendars re-parsed round-robin from JSON', () => {
  it('keep every cache within its bound in bytes, and the heap under their sum', () => {
    const texts = Array.from({ length: 2_000 }, (_, i) =>
      JSON.stringify(toSnapshot(defineCalendar(definition(i, i === 1_000 ? 10_000 : undefined)))),
    );
    const caches = () => ({
      chunks: chunkCacheUse(),
      timelines: sharedTimelineUse(),
      documents: knownDocumentUse(),
      zones: zoneRulesUse(),
    });
    const bound = (bytes: number) => {
      setChunkCacheBytes(bytes * 4);
      setSharedTimelineBytes(bytes * 2);
      setKnownDocumentBytes(bytes * 4);
      setZoneRulesBytes(bytes / 16);
    };
    // Whatever the caches held is dropped, so that the baseline holds none of it.
    bound(0);
    const baseline = liveBytes();
    // Bounds smaller than the defaults (10 MiB in all), so that every cache evicts constantly.
    bound(2 ** 20);
    const bounds = Object.values(caches()).reduce((sum, use) => sum + use.limit, 0);
    const first: number[] = [];
    const growth: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      texts.forEach((text, i) => {
        const between = businessMillisBetween(parseSnapshot(JSON.parse(text)), FROM, TO);
        // Evicted or not, the answer is the same.
        if (pass === 0) first.push(between);
        else expect(between).toBe(first[i]);
        if (i % 250 === 0) {
          for (const use of Object.values(caches()))
            expect(use.bytes).toBeLessThanOrEqual(use.limit);
        }
      });
      growth.push(liveBytes() - baseline);
    }
    for (const use of Object.values(caches())) {
      expect(use.bytes).toBeGreaterThan(use.limit / 8); // each cache was in use
      expect(use.bytes).toBeLessThanOrEqual(use.limit);
    }
    for (const bytes of growth) expect(bytes).toBeLessThanOrEqual(bounds);
  });
});
