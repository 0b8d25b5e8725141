import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localClock } from '../../../src/advanced/explain/local-clock.js';
import { instantNearTransitionArb, TEST_ZONES } from '../../../src/testing/arbitraries.js';
import { params } from '../../support/fc.js';

// The labels of an explanation read wall time with the calendar layer's zone rules; luxon (read
// directly, in the test alone) is the independent reference.
const luxonWall = (t: number, zone: string): number => {
  const d = DateTime.fromMillis(t, { zone });
  return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second, d.millisecond);
};

describe('local wall time of an explanation', () => {
  it.each([...TEST_ZONES])('%s: agrees with luxon near every offset change', (zone) => {
    fc.assert(
      fc.property(
        instantNearTransitionArb(zone, { fromYear: 2008, toYear: 2030, spreadDays: 1 }),
        (t) => {
          const clock = localClock(zone);
          expect(clock.wallAt(t)).toBe(luxonWall(t, zone));
        },
      ),
      params(0.15),
    );
  });

  it('New York 2026: the hour repeated in November and the hour skipped in March', () => {
    const clock = localClock('America/New_York');
    // 05:30Z is 01:30 EDT, 06:30Z is 01:30 EST: the same wall time twice.
    expect(new Date(clock.wallAt(Date.parse('2026-11-01T05:30:00Z'))).toISOString()).toBe(
      '2026-11-01T01:30:00.000Z',
    );
    expect(new Date(clock.wallAt(Date.parse('2026-11-01T06:30:00Z'))).toISOString()).toBe(
      '2026-11-01T01:30:00.000Z',
    );
    // 07:00Z on 8 March is 03:00 EDT, one millisecond earlier 01:59:59.999 EST.
    expect(new Date(clock.wallAt(Date.parse('2026-03-08T07:00:00Z'))).toISOString()).toBe(
      '2026-03-08T03:00:00.000Z',
    );
    expect(new Date(clock.wallAt(Date.parse('2026-03-08T06:59:59.999Z'))).toISOString()).toBe(
      '2026-03-08T01:59:59.999Z',
    );
    // Local days: 8 March is 23 hours long, 1 November 25.
    const days = clock.daysBetween(
      Date.parse('2026-03-08T12:00:00Z'),
      Date.parse('2026-03-08T13:00:00Z'),
    );
    expect(days).toEqual([
      {
        day: 20_520,
        start: Date.parse('2026-03-08T05:00:00Z'),
        end: Date.parse('2026-03-09T04:00:00Z'),
      },
    ]);
  });

  it('Apia skipped 30 December 2011: no such local date', () => {
    const clock = localClock('Pacific/Apia');
    const labels = clock
      .daysBetween(Date.UTC(2011, 11, 28), Date.UTC(2012, 0, 2))
      .map((d) => new Date(d.day * 86_400_000).toISOString().slice(0, 10));
    expect(labels).toEqual([
      '2011-12-27',
      '2011-12-28',
      '2011-12-29',
      '2011-12-31',
      '2012-01-01',
      '2012-01-02',
    ]);
  });
});
