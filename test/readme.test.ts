import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkEscalations,
  computeKpis,
  defineEscalationPlan,
  explainSla,
  formatExplanation,
  nextEscalationAt,
  observeSla,
  startEscalation,
  toEscalationFeedEntry,
} from '../src/advanced/index.js';
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

  it('5. the advanced layer', () => {
    const standard = defineSlaPolicy({
      id: 'standard',
      calendarId: 'uk-support',
      pauseWhile: ['waiting_on_customer'],
      stopWhen: ['resolved', 'closed'],
      targets: { urgent: { firstResponse: 30, resolution: 240 } },
    });
    const plan = defineEscalationPlan({
      id: 'standard-escalations',
      policyId: 'standard',
      levels: [{ id: 'res-75', metric: 'resolution', percent: 75, notify: ['team-lead'] }],
    });
    const created = startSla({
      ticketId: 'T-2',
      priority: 'urgent',
      createdAt: '2026-11-26T10:00:00Z',
      policy: standard,
      calendar: uk,
    });
    let esc = startEscalation(created.state, { plan });
    ({ state: esc } = observeSla(esc, created, { plan, calendar: uk }));
    expect(nextEscalationAt(esc)).toBe(Date.parse('2026-11-26T13:00:00Z'));
    expect(
      checkEscalations(esc, '2026-11-26T13:00:01Z', { plan, calendar: uk }).events.map(
        (e) => toEscalationFeedEntry(e).text,
      ),
    ).toEqual(['Resolution SLA 75% used — 1h 0m left (notify: team-lead)']);

    const replied = applyEvent(
      created.state,
      { id: 'e1', type: 'agent_replied', at: '2026-11-26T10:20:00Z' },
      { calendar: uk },
    );
    const resolved = applyEvent(
      replied.state,
      { id: 'e2', type: 'status_changed', status: 'resolved', at: '2026-11-26T13:30:00Z' },
      { calendar: uk },
    );
    const log = [...created.events, ...replied.events, ...resolved.events];
    const report = computeKpis(log, {
      periods: { zone: 'Europe/London', unit: 'month', from: '2026-11-01', to: '2026-12-01' },
    });
    expect(report.rows.map((r) => [r.metric, r.met, r.breached])).toEqual([
      ['firstResponse', 1, 0],
      ['resolution', 1, 0],
    ]);
    const text = formatExplanation(explainSla(log, 'resolution', { calendar: uk }), {
      zone: 'Europe/London',
    });
    expect(text).toContain('Target 4h 0m of business time; used 3h 30m; 30m left.');
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
