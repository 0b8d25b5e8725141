import { describe, expect, it } from 'vitest';
import { ZONE_RULES_KEPT, zoneRules, zoneRulesKept } from '../../src/calendar/zone.js';
import { defineCalendar, parseSnapshot, toSnapshot, wallTimeOf } from '../../src/index.js';
import { KNOWN_DOCUMENT_BYTES, knownDocumentUse } from '../../src/shared/known-documents.js';
import { caught } from '../support/errors.js';

// Hostile shapes are typed errors, messages stay readable, caches stay bounded.

const base = { id: 'x', zone: 'UTC', week: { mon: ['09:00-17:00'] } };

describe('hostile shapes', () => {
  it('a sparse array in a definition is INVALID_DEFINITION at the hole', () => {
    const mon: string[] = [];
    mon[1] = '09:00-17:00';
    const error = caught(() => defineCalendar({ ...base, week: { mon } }));
    expect([error.code, error.path]).toEqual(['INVALID_DEFINITION', 'week.mon[0]']);
  });

  it('symbol keys on a definition or a snapshot are typed errors', () => {
    const definition = { ...base, [Symbol('k')]: 1 };
    expect(caught(() => defineCalendar(definition as never)).code).toBe('INVALID_DEFINITION');
    const snapshot = JSON.parse(JSON.stringify(toSnapshot(defineCalendar(base))));
    snapshot.week[Symbol('k')] = 1;
    const error = caught(() => parseSnapshot(snapshot));
    expect([error.code, error.path]).toEqual(['INVALID_SNAPSHOT', 'week']);
  });

  it('a huge key is quoted cut to a readable length, with its size', () => {
    const key = 'k'.repeat(1_000_000);
    const error = caught(() => defineCalendar({ ...base, [key]: 1 } as never));
    expect(error.code).toBe('INVALID_DEFINITION');
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('(1000000 characters)');
  });
});

describe('bounded caches', () => {
  it('the zone-rules map keeps at most ZONE_RULES_KEPT tables, and results do not change', () => {
    const before = wallTimeOf(Date.UTC(2026, 6, 1, 12), 'Europe/London');
    // More names than the bound (rule tables are filled lazily: naming one costs nothing).
    for (let m = 0; m < ZONE_RULES_KEPT + 100; m++) zoneRules(`Test/Zone-${m}`);
    expect(zoneRulesKept()).toBeLessThanOrEqual(ZONE_RULES_KEPT);
    expect(wallTimeOf(Date.UTC(2026, 6, 1, 12), 'Europe/London')).toEqual(before);
  });

  it('2,000 calendars re-parsed round-robin stay within the known-documents bound in bytes', () => {
    const texts = Array.from({ length: 2_000 }, (_, i) =>
      JSON.stringify(toSnapshot(defineCalendar({ ...base, id: `cal-${i}` }))),
    );
    for (let pass = 0; pass < 3; pass++) {
      for (const text of texts) {
        const cal = parseSnapshot(JSON.parse(text));
        // The same content is the same calendar, known by fingerprint.
        expect(cal).toBe(parseSnapshot(JSON.parse(text)));
      }
    }
    const use = knownDocumentUse();
    expect(use.bytes).toBeLessThanOrEqual(KNOWN_DOCUMENT_BYTES);
    expect(use.documents).toBeGreaterThanOrEqual(2_000);
  });
});
