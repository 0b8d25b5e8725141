import { afterAll, describe, expect, it } from 'vitest';
import { type CalendarEngine, calendars } from '../../src/calendar/calendar-document.js';
import { timelineOf } from '../../src/calendar/calendar-input.js';
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
import { liveBytes } from '../support/memory.js';

// The caches' memory, measured: what each cache counts must cover what its entries really
// retain, and a host re-parsing 2,000 calendars round-robin must stay under the bounds.

const DAY = 86_400_000;
const FROM = Date.UTC(2025, 5, 2);
const TO = FROM + 3 * 365 * DAY; // crosses four 52-week chunks
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'UTC'];

function definition(i: number, overrides = i % 10 === 0 ? 60 : 0, openEvery = 4) {
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
      windows: d % openEvery === 0 ? ['10:00-12:00'] : [],
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
    ['a small calendar', 0, 4, 300],
    ['a calendar of 168 overrides', 168, 4, 60],
    // The costliest shape measured for its JSON's length: every override day has a window.
    ['a calendar of 1,000 overrides, each with a window', 1_000, 1, 10],
    ['a calendar of 10,000 overrides', 10_000, 4, 3],
  ])('a known document: %s', (_, overrides, openEvery, copies) => {
    const text = JSON.stringify(toSnapshot(defineCalendar(definition(7, overrides, openEvery))));
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

describe('a timeline dropped from the shared ones keeps nothing alive', () => {
  // A WeakRef keeps its target alive until the current job ends: collect on a later one.
  const nextJob = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** Whether the object behind `ref` survives full collections. */
  const survives = (ref: WeakRef<object>): boolean => {
    liveBytes();
    return ref.deref() !== undefined;
  };
  // The timeline's private arrays, read for this test only.
  const insides = (calendar: Calendar) =>
    timelineOf(calendar) as unknown as {
      chunks: (object | undefined)[];
      totals: Float64Array;
    };

  it('not its chunks nor its arrays, though a calendar still points to it', async () => {
    const calendar = defineCalendar(definition(90_001));
    businessMillisBetween(calendar, FROM, TO);
    // Only weak references out of this function, so that the test holds nothing itself.
    const refs = (() => {
      const { chunks, totals } = insides(calendar);
      return [
        new WeakRef(chunks.find((c) => c !== undefined) as object),
        new WeakRef(chunks),
        new WeakRef(totals),
      ];
    })();
    expect(refs.every(survives)).toBe(true);
    setSharedTimelineBytes(0);
    setSharedTimelineBytes(defaults.timelines);
    await nextJob();
    for (const ref of refs) expect(survives(ref)).toBe(false);
    // The calendar is still usable: it takes a fresh shared timeline.
    expect(businessMillisBetween(calendar, FROM, TO)).toBeGreaterThan(0);
  });

  it("not another calendar's copy of the same rules", async () => {
    let defined: Calendar | undefined = defineCalendar(definition(90_002));
    const parsed = parseSnapshot(JSON.parse(JSON.stringify(defined)));
    expect(parsed).not.toBe(defined);
    const rulesOf = (calendar: Calendar) =>
      new WeakRef((calendars.data(calendar) as CalendarEngine).rules);
    const copies = [rulesOf(defined), rulesOf(parsed)];
    businessMillisBetween(defined, FROM, TO);
    businessMillisBetween(parsed, FROM, TO); // on the timeline compiled for `defined`
    defined = undefined;
    setSharedTimelineBytes(0);
    setSharedTimelineBytes(defaults.timelines);
    await nextJob();
    // `parsed` keeps one copy of its rules alive, not two.
    expect(copies.filter(survives)).toHaveLength(1);
    expect(businessMillisBetween(parsed, FROM, TO)).toBeGreaterThan(0);
  });
});

describe('2,000 calendars re-parsed round-robin from JSON', () => {
  const texts = Array.from({ length: 2_000 }, (_, i) =>
    JSON.stringify(toSnapshot(defineCalendar(definition(i, i === 1_000 ? 10_000 : undefined)))),
  );
  const caches = () => ({
    chunks: chunkCacheUse(),
    timelines: sharedTimelineUse(),
    documents: knownDocumentUse(),
    zones: zoneRulesUse(),
  });
  const first: number[] = [];

  /**
   * Runs `passes` round-robin passes under these bounds (smaller than the defaults, so that
   * every cache evicts constantly) and checks the caches' use and the memory after each.
   */
  function roundRobin(
    passes: number,
    bounds: { chunks: number; timelines: number; documents: number },
  ) {
    const bound = (scale: number) => {
      setChunkCacheBytes(bounds.chunks * scale);
      setSharedTimelineBytes(bounds.timelines * scale);
      setKnownDocumentBytes(bounds.documents * scale);
      setZoneRulesBytes(64 * 1024 * scale);
    };
    // Whatever the caches held is dropped, so that the baseline holds none of it.
    bound(0);
    const baseline = liveBytes();
    bound(1);
    const total = bounds.chunks + bounds.timelines + bounds.documents + 64 * 1024;
    const growth: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      texts.forEach((text, i) => {
        const between = businessMillisBetween(parseSnapshot(JSON.parse(text)), FROM, TO);
        // Evicted or not, the answer is the same.
        if (first.length < texts.length) first.push(between);
        else expect(between).toBe(first[i]);
        if (i % 250 === 0) {
          for (const use of Object.values(caches()))
            expect(use.bytes).toBeLessThanOrEqual(use.limit);
        }
      });
      growth.push(liveBytes() - baseline);
    }
    for (const bytes of growth) expect(bytes).toBeLessThanOrEqual(total);
    for (const use of Object.values(caches())) {
      expect(use.bytes).toBeGreaterThan(use.limit / 8); // each cache was in use
      expect(use.bytes).toBeLessThanOrEqual(use.limit);
    }
  }

  const MiB = 2 ** 20;
  it('stay within the bounds while known documents outlive the shared timelines', () => {
    roundRobin(3, { chunks: 4 * MiB, timelines: 1 * MiB, documents: 8 * MiB });
  });

  it('stay within the bounds while the chunk cache is the tightest', () => {
    roundRobin(2, { chunks: 1 * MiB, timelines: 4 * MiB, documents: 2 * MiB });
  });
});
