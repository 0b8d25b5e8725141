import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  addBusinessMinutes,
  applyEvent,
  businessMillisBetween,
  businessMinutesBetween,
  defineCalendar,
  defineSlaPolicy,
  isOpen,
  nextCheckAt,
  nextOpen,
  parseSnapshot,
  reviseCalendar,
  slaStatus,
  startSla,
  toActivityFeedEntry,
  toSnapshot,
} from '../src/index.js';
import { calendarCaseArb } from '../src/testing/index.js';

// The README's quick-start examples, with the results its comments promise.
describe('README quick start', () => {
  const uk = defineCalendar({
    id: 'uk-support',
    zone: 'Europe/London',
    week: {
      mon: ['09:00-17:00'],
      tue: ['09:00-12:00', '13:00-17:00'],
      wed: ['09:00-17:00'],
      thu: ['09:00-17:00'],
      fri: ['09:00-17:00', '22:00-06:00'],
    },
    overrides: [{ date: '2026-12-25', windows: [], label: 'Christmas Day' }],
  });

  it('1. calendar', () => {
    expect(isOpen(uk, '2026-11-26T10:00:00Z')).toBe(true);
    expect(nextOpen(uk, '2026-11-26T18:00:00Z')).toBe(1795770000000);
    expect(nextOpen(uk, '2026-11-26T18:00:00Z')).toBe(Date.parse('2026-11-27T09:00:00Z'));
    expect(addBusinessMinutes(uk, '2026-11-26T16:00:00Z', 60)).toBe(
      Date.parse('2026-11-26T17:00:00Z'),
    );
    expect(businessMinutesBetween(uk, '2026-11-26T16:00:00Z', '2026-11-27T10:00:00Z')).toBe(120);
  });

  it('2. versions and snapshots', () => {
    const stored = JSON.stringify(toSnapshot(uk));
    const v2 = reviseCalendar(uk, {
      overrides: [...uk.overrides, { date: '2027-01-01', windows: [] }],
    });
    expect(v2.version).toBe(2);
    expect(v2.previous).toBe(uk.fingerprint);
    expect(parseSnapshot(JSON.parse(stored)).fingerprint).toBe(uk.fingerprint);
  });

  it('3. SLA policy and ticket clock', () => {
    const standard = defineSlaPolicy({
      id: 'standard',
      calendarId: 'uk-support',
      pauseWhile: ['waiting_on_customer'],
      stopWhen: ['resolved', 'closed'],
      targets: {
        urgent: { firstResponse: 30, resolution: 240 },
        normal: { firstResponse: 240, resolution: 2400 },
      },
    });
    let { state, events } = startSla({
      ticketId: 'T-1',
      priority: 'urgent',
      createdAt: '2026-11-26T15:10:00Z',
      policy: standard,
      calendar: uk,
    });
    expect(events.map((e) => e.type)).toEqual(['sla.started', 'sla.started']);
    ({ state, events } = applyEvent(
      state,
      {
        id: 'e1',
        type: 'status_changed',
        status: 'waiting_on_customer',
        at: '2026-11-26T15:30:00Z',
      },
      { calendar: uk },
    ));
    expect(events.map((e) => toActivityFeedEntry(e).text)).toEqual([
      'First response SLA paused — waiting on customer (10m business time left)',
      'Resolution SLA paused — waiting on customer (3h 40m business time left)',
    ]);
    expect(nextCheckAt(state)).toBeNull();
    expect(slaStatus(state, '2026-11-26T16:00:00Z', { calendar: uk }).resolution?.remainingMs).toBe(
      13_200_000,
    );
  });

  it('4. property-based testing', () => {
    fc.assert(
      fc.property(calendarCaseArb(1), fc.nat(10_000_000), ({ calendar, instants: [t = 0] }, n) => {
        try {
          return businessMillisBetween(calendar, t, addBusinessMillis(calendar, t, n)) === n;
        } catch {
          return true;
        }
      }),
      { numRuns: 50, seed: 7 },
    );
  });
});
