import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MAX_INSTANT, MIN_INSTANT, resolveWallTime, wallTimeOf } from '../../src/index.js';
import { TEST_ZONES } from '../../src/testing/index.js';
import { params } from '../support/fc.js';

const iso = (s: string): number => Date.parse(s);

// Wall time as luxon reads it: local milliseconds since 1970-01-01T00:00 (independent of the
// library's zone tables).
function luxonWall(t: number, zone: string): number {
  const d = DateTime.fromMillis(t, { zone });
  return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second, d.millisecond);
}

describe('wallTimeOf', () => {
  it('reads both occurrences of a repeated hour and the offsets', () => {
    const first = wallTimeOf(iso('2026-11-01T05:30:00Z'), 'America/New_York');
    const second = wallTimeOf(iso('2026-11-01T06:30:00Z'), 'America/New_York');
    expect([first.time, first.offset]).toEqual(['01:30', '-04:00']);
    expect([second.time, second.offset]).toEqual(['01:30', '-05:00']);
    expect(wallTimeOf('2026-11-30T14:05:06.789Z', 'Asia/Kathmandu')).toEqual({
      zone: 'Asia/Kathmandu',
      date: '2026-11-30',
      weekday: 'mon',
      time: '19:50',
      hour: 19,
      minute: 50,
      second: 6,
      millisecond: 789,
      offsetMs: 20_700_000,
      offset: '+05:45',
    });
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('writes offsets with seconds (local mean time) and negative offsets', () => {
    expect(wallTimeOf(iso('1950-06-01T00:00:00Z'), 'Africa/Monrovia').offset).toBe('-00:44:30');
    expect(wallTimeOf(iso('2026-06-01T00:00:00Z'), 'America/St_Johns').offset).toBe('-02:30');
  });

  it('agrees with luxon at random instants in the test zones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT - 1 }),
        fc.constantFrom(...TEST_ZONES),
        (t, zone) => {
          const w = wallTimeOf(t, zone);
          const local = Date.parse(`${w.date}T${w.time}:00Z`) + w.second * 1000 + w.millisecond;
          expect(local).toBe(luxonWall(t, zone));
          expect(local - t).toBe(w.offsetMs);
        },
      ),
      params(),
    );
  });

  it('rejects bad zones and instants with typed errors', () => {
    expect(() => wallTimeOf(0, 'Mars/Olympus')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_ZONE', path: 'zone' }),
    );
    expect(() => wallTimeOf(Number.NaN, 'UTC')).toThrow(
      expect.objectContaining({ code: 'INVALID_INSTANT' }),
    );
    expect(() => wallTimeOf(0, 42 as unknown as string)).toThrow(
      expect.objectContaining({ path: 'zone' }),
    );
  });
});

describe('resolveWallTime', () => {
  it('gives a gap time the transition, a repeated time its first occurrence, a skipped date what follows', () => {
    expect(resolveWallTime('America/New_York', '2026-03-08', '02:30')).toBe(
      iso('2026-03-08T07:00:00Z'),
    );
    expect(resolveWallTime('America/New_York', '2026-11-01', '01:30')).toBe(
      iso('2026-11-01T05:30:00Z'),
    );
    expect(resolveWallTime('Pacific/Apia', '2011-12-30')).toBe(iso('2011-12-30T10:00:00Z'));
    expect(resolveWallTime('Europe/London', '2026-11-01')).toBe(iso('2026-11-01T00:00:00Z'));
    expect(resolveWallTime('Europe/London', '2026-10-31', '24:00')).toBe(
      iso('2026-11-01T00:00:00Z'),
    );
  });

  it('is the first instant showing that wall time or later (checked with luxon)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1901, 0, 2), max: Date.UTC(2198, 11, 30) }),
        fc.constantFrom(...TEST_ZONES),
        (wallMs, zone) => {
          const minute = Math.floor(wallMs / 60_000) * 60_000;
          const text = new Date(minute).toISOString();
          const r = resolveWallTime(zone, text.slice(0, 10), text.slice(11, 16));
          expect(luxonWall(r, zone)).toBeGreaterThanOrEqual(minute);
          // No earlier instant shows it: the second before r shows an earlier wall time
          // (offsets change at whole seconds), and so does every instant of a day before.
          expect(luxonWall(r - 1, zone)).toBeLessThan(minute);
        },
      ),
      params(),
    );
  });

  it('rejects bad dates and times with typed errors', () => {
    expect(() => resolveWallTime('UTC', '2026-02-30')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', path: 'date' }),
    );
    expect(() => resolveWallTime('UTC', '2026-02-01', '24:01')).toThrow(
      expect.objectContaining({ code: 'INVALID_WINDOW', path: 'time' }),
    );
    expect(() => resolveWallTime('UTC', '2026-02-01', '9:00')).toThrow(
      expect.objectContaining({ code: 'INVALID_WINDOW' }),
    );
    expect(() => resolveWallTime('UTC', '1899-12-31')).toThrow(
      expect.objectContaining({ code: 'INSTANT_OUT_OF_RANGE' }),
    );
    expect(() => resolveWallTime('Nowhere', '2026-01-01')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_ZONE' }),
    );
  });
});
