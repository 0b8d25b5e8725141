import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  startSla,
} from '../../src/index.js';

// A ticket's SLA events come out in non-decreasing `at` order (docs/sla.md, "Event ids and
// order"): breaches reported in one step are ordered by instant, then by metric.

const always = defineCalendar({
  id: 'always',
  zone: 'UTC',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]),
  ),
});
const policy = (firstResponse: number, resolution: number) =>
  defineSlaPolicy({
    id: 'p',
    calendarId: 'always',
    stopWhen: ['resolved'],
    targets: { normal: { firstResponse, resolution } },
  });
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00Z`);
const start = (firstResponse: number, resolution: number) =>
  startSla({
    ticketId: 'T',
    priority: 'normal',
    createdAt: at('09:00'),
    policy: policy(firstResponse, resolution),
    calendar: always,
  }).state;
const brief = (events: readonly { id: string; type: string; metric: string; at: number }[]) =>
  events.map((e) => `${e.id} ${e.type} ${e.metric} ${new Date(e.at).toISOString().slice(11, 16)}`);

describe('breaches reported together come by instant, then metric', () => {
  // firstResponse due 11:00 (120 min), resolution due 10:00 (60 min), both found at 12:00.
  it('checkBreaches: resolution at 10:00 before firstResponse at 11:00', () => {
    const { events } = checkBreaches(start(120, 60), at('12:00'), { calendar: always });
    expect(brief(events)).toEqual([
      'T/sla/3 sla.breached resolution 10:00',
      'T/sla/4 sla.breached firstResponse 11:00',
    ]);
  });

  it('applyEvent: the breaches it finds first, by instant, then its own changes', () => {
    const { events } = applyEvent(
      start(120, 60),
      { id: 'e1', type: 'status_changed', status: 'resolved', at: '2026-11-23T12:00:00Z' },
      { calendar: always },
    );
    expect(brief(events)).toEqual([
      'T/sla/3 sla.breached resolution 10:00',
      'T/sla/4 sla.breached firstResponse 11:00',
      'T/sla/5 sla.stopped firstResponse 12:00',
      'T/sla/6 sla.stopped resolution 12:00',
    ]);
  });

  it('at the same instant: firstResponse, then resolution', () => {
    const { events } = checkBreaches(start(60, 60), at('12:00'), { calendar: always });
    expect(brief(events)).toEqual([
      'T/sla/3 sla.breached firstResponse 10:00',
      'T/sla/4 sla.breached resolution 10:00',
    ]);
  });
});
