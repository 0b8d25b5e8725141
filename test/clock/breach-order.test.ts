import { describe, expect, it } from 'vitest';
import {
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  replay,
  startSla,
} from '../../src/index.js';

// A ticket's SLA events come out in time order: two breaches found by one step are ordered by
// their instants, not by metric. Desk open Mon–Fri 09:00–18:00 UTC; the resolution target
// (60 min) is shorter than the first-response target (120 min), so from Mon 09:00 resolution
// is due at 10:00 and first response at 11:00.
const desk = defineCalendar({
  id: 'desk',
  zone: 'UTC',
  week: { mon: ['09:00-18:00'], tue: ['09:00-18:00'] },
});
const policy = defineSlaPolicy({
  id: 'p',
  calendarId: 'desk',
  targets: { normal: { firstResponse: 120, resolution: 60 } },
});
const T = (iso: string): number => Date.parse(iso);
const binding = {
  ticketId: 'T-9',
  priority: 'normal',
  createdAt: T('2026-11-30T09:00:00Z'),
  policy,
  calendar: desk,
};

describe('breaches found in one step', () => {
  it('applyEvent reports them by instant: resolution (10:00) before first response (11:00)', () => {
    const { events } = replay(binding, [
      { id: 'r', at: T('2026-11-30T12:00:00Z'), type: 'agent_replied' },
    ]);
    expect(events.map((e) => [e.id, e.type, e.metric, new Date(e.at).toISOString()])).toEqual([
      ['T-9/sla/1', 'sla.started', 'firstResponse', '2026-11-30T09:00:00.000Z'],
      ['T-9/sla/2', 'sla.started', 'resolution', '2026-11-30T09:00:00.000Z'],
      ['T-9/sla/3', 'sla.breached', 'resolution', '2026-11-30T10:00:00.000Z'],
      ['T-9/sla/4', 'sla.breached', 'firstResponse', '2026-11-30T11:00:00.000Z'],
      ['T-9/sla/5', 'sla.stopped', 'firstResponse', '2026-11-30T12:00:00.000Z'],
    ]);
  });

  it('checkBreaches too', () => {
    const { state } = startSla(binding);
    const { events } = checkBreaches(state, T('2026-11-30T12:00:00Z'), { calendar: desk });
    expect(events.map((e) => [e.metric, new Date(e.at).toISOString()])).toEqual([
      ['resolution', '2026-11-30T10:00:00.000Z'],
      ['firstResponse', '2026-11-30T11:00:00.000Z'],
    ]);
  });
});
