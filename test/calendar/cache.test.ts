import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { timelineOf } from '../../src/calendar/calendar-input.js';
import { setSharedTimelineBytes, sharedTimelineUse } from '../../src/calendar/shared-timelines.js';
import { chunkCacheUse, setChunkCacheBytes } from '../../src/calendar/timeline.js';
import { setZoneRulesBytes, zoneRulesUse } from '../../src/calendar/zone.js';
import {
  addBusinessMillis,
  businessMillisBetween,
  defineCalendar,
  isOpen,
  nextClose,
  nextOpen,
  openIntervals,
  parseSnapshot,
  reviseCalendar,
} from '../../src/index.js';
import { calendarCaseArb } from '../../src/testing/arbitraries.js';
import { params } from '../support/fc.js';

const DAY = 86_400_000;
const defaultLimit = chunkCacheUse().limit;
const defaultShared = sharedTimelineUse().limit;
const defaultZones = zoneRulesUse().limit;

function answers(calendar: Parameters<typeof isOpen>[0], instants: readonly number[]): unknown[] {
  const attempt = (f: () => unknown): unknown => {
    try {
      return f();
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };
  return instants.flatMap((t) => [
    attempt(() => isOpen(calendar, t)),
    attempt(() => nextOpen(calendar, t)),
    attempt(() => nextClose(calendar, t)),
    attempt(() => addBusinessMillis(calendar, t, 3 * DAY + 7)),
    attempt(() => addBusinessMillis(calendar, t, -(DAY + 11))),
    attempt(() => businessMillisBetween(calendar, t - 400 * DAY, t + 3 * 365 * DAY)),
    attempt(() => openIntervals(calendar, t - DAY, t + 2 * DAY)),
  ]);
}

describe('the compiled-timeline cache (invisible, bounded, keyed by fingerprint)', () => {
  afterEach(() => {
    setChunkCacheBytes(defaultLimit);
    setSharedTimelineBytes(defaultShared);
    setZoneRulesBytes(defaultZones);
  });

  it('gives the same answers with a cache so small that it evicts constantly', () => {
    fc.assert(
      fc.property(calendarCaseArb(3), ({ definition, instants }) => {
        setChunkCacheBytes(defaultLimit);
        const roomy = answers(defineCalendar(definition), instants);
        setChunkCacheBytes(4_000); // about one chunk: nearly every access recompiles
        const cramped = answers(defineCalendar({ ...definition, id: 'other' }), instants);
        expect(cramped).toEqual(roomy);
        expect(chunkCacheUse().bytes).toBeLessThanOrEqual(4_000);
      }),
      params(0.25),
    );
  });

  it('gives the same answers when timelines and zone tables are dropped between calls', () => {
    fc.assert(
      fc.property(calendarCaseArb(3), ({ definition, instants }) => {
        const roomy = answers(defineCalendar(definition), instants);
        const calendar = defineCalendar({ ...definition, id: 'retired' });
        const crampedAnswers: unknown[] = [];
        for (const t of instants) {
          // Every shared timeline and every zone table is dropped before each instant.
          setSharedTimelineBytes(0);
          setZoneRulesBytes(0);
          setSharedTimelineBytes(defaultShared);
          setZoneRulesBytes(defaultZones);
          crampedAnswers.push(...answers(calendar, [t]));
        }
        expect(crampedAnswers).toEqual(roomy);
      }),
      params(0.05), // re-reading zone tables from luxon is slow: 10 cases,
    );
  });

  it('retires a timeline dropped from the shared ones: its chunks are no longer kept', () => {
    const calendar = defineCalendar({ id: 'retire', zone: 'UTC', week: { mon: ['09:00-17:00'] } });
    businessMillisBetween(calendar, Date.UTC(2020, 0, 1), Date.UTC(2030, 0, 1));
    const before = timelineOf(calendar);
    const held = chunkCacheUse().bytes;
    setSharedTimelineBytes(0);
    expect(before.retired).toBe(true);
    expect(sharedTimelineUse()).toMatchObject({ bytes: 0, timelines: 0 });
    // Ten years of chunks (11 or 12 of them, each at least 768 bytes) are no longer counted.
    expect(chunkCacheUse().bytes).toBeLessThanOrEqual(held - 11 * 768);
    setSharedTimelineBytes(defaultShared);
    const after = timelineOf(calendar);
    expect(after).not.toBe(before);
    expect(after.retired).toBe(false);
    expect(timelineOf(calendar)).toBe(after);
  });

  it('keeps the shared timelines within their bound in bytes', () => {
    setSharedTimelineBytes(200_000);
    for (let i = 0; i < 100; i++) {
      const calendar = defineCalendar({
        id: `many-${i}`,
        zone: 'UTC',
        week: { fri: ['09:00-17:00'] },
      });
      isOpen(calendar, Date.UTC(2026, 0, 2, 12));
      expect(sharedTimelineUse().bytes).toBeLessThanOrEqual(200_000);
    }
    // Each counts at least its fixed 5.5 KiB: about 200,000 / 7,000 of them fit.
    expect(sharedTimelineUse().timelines).toBeGreaterThan(10);
    expect(sharedTimelineUse().timelines).toBeLessThan(40);
  });

  it('stays within its bound after evicting', () => {
    const calendar = defineCalendar({
      id: 'dense',
      zone: 'Europe/Paris',
      week: { mon: ['09:00-10:00', '11:00-12:00'], wed: ['09:00-17:00'] },
    });
    setChunkCacheBytes(20_000);
    for (let year = 0; year < 40; year++)
      businessMillisBetween(calendar, Date.UTC(2000 + year, 0, 1), Date.UTC(2000 + year, 11, 31));
    const { bytes, limit } = chunkCacheUse();
    expect(limit).toBe(20_000);
    expect(bytes).toBeLessThanOrEqual(20_000);
    expect(bytes).toBeGreaterThan(0);
  });

  it('shares a timeline between a calendar and the same calendar parsed from JSON', () => {
    const calendar = defineCalendar({ id: 'shared', zone: 'UTC', week: { tue: ['09:00-17:00'] } });
    const parsed = parseSnapshot(JSON.parse(JSON.stringify(calendar)));
    expect(parsed).not.toBe(calendar);
    expect(timelineOf(parsed)).toBe(timelineOf(calendar));
  });

  it("never lets a revised calendar reuse its predecessor's timeline", () => {
    const v1 = defineCalendar({ id: 'rev', zone: 'UTC', week: { tue: ['09:00-17:00'] } });
    const t = Date.UTC(2026, 10, 24, 12); // a Tuesday
    expect(isOpen(v1, t)).toBe(true);
    const v2 = reviseCalendar(v1, { week: { tue: ['09:00-11:00'] } });
    expect(timelineOf(v2)).not.toBe(timelineOf(v1));
    expect(isOpen(v2, t)).toBe(false);
    expect(isOpen(v1, t)).toBe(true);
    // Even a revision that changes nothing but the version has its own timeline.
    const v3 = reviseCalendar(v2, {});
    expect(timelineOf(v3)).not.toBe(timelineOf(v2));
  });

  it('re-validates a raw snapshot object that its owner changed between calls', () => {
    const calendar = defineCalendar({ id: 'raw', zone: 'UTC', week: { tue: ['09:00-17:00'] } });
    const raw = JSON.parse(JSON.stringify(calendar)) as { week: { tue: string[] } };
    const t = Date.UTC(2026, 10, 24, 12);
    expect(isOpen(raw as never, t)).toBe(true);
    raw.week.tue = ['09:00-11:00'];
    expect(() => isOpen(raw as never, t)).toThrow(
      expect.objectContaining({ code: 'FINGERPRINT_MISMATCH' }),
    );
  });
});
