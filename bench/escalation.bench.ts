/**
 * Escalation: what tracking a plan costs per ticket event, next to the clock itself. 300
 * tickets (fixed seed) of up to 20 events over three weeks on a London office-hours calendar;
 * a five-level plan. "clock" is startSla + applyEvent for each event; "escalation" is, for the
 * same transitions, startEscalation + observeSla + checkEscalations (at the event's instant)
 * for each. The target is escalation ≤ 2 × clock; vitest prints the ratio of the two.
 *
 *   npx vitest bench --run bench/escalation.bench.ts
 */
import fc from 'fast-check';
import { bench, describe } from 'vitest';
import {
  checkEscalations,
  defineEscalationPlan,
  observeSla,
  startEscalation,
} from '../src/advanced/index.js';
import {
  applyEvent,
  defineCalendar,
  defineSlaPolicy,
  type SlaTransition,
  startSla,
  type TicketEvent,
} from '../src/index.js';
import { ticketEventsArb } from '../src/testing/index.js';
import { consume } from './fixtures.js';

const office = ['09:00-17:30'];
const calendar = defineCalendar({
  id: 'london',
  zone: 'Europe/London',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office },
});
const policy = defineSlaPolicy({
  id: 'standard',
  calendarId: 'london',
  pauseWhile: ['waiting_on_customer', 'on_hold'],
  stopWhen: ['resolved', 'closed'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    high: { firstResponse: 60, resolution: 480 },
    normal: { firstResponse: 240, resolution: 2400 },
    low: { resolution: 4800 },
  },
});
const plan = defineEscalationPlan({
  id: 'standard-escalations',
  policyId: 'standard',
  levels: [
    { id: 'fr-warn', metric: 'firstResponse', beforeDue: 10, notify: ['assignee'] },
    { id: 'res-50', metric: 'resolution', percent: 50, notify: ['assignee'] },
    { id: 'res-75', metric: 'resolution', percent: 75, notify: ['assignee', 'team-lead'] },
    { id: 'res-due', metric: 'resolution', percent: 100, notify: ['team-lead'] },
    { id: 'res-late', metric: 'resolution', afterDue: 120, priorities: ['urgent', 'high'] },
  ],
});

const FROM = Date.UTC(2026, 9, 19, 8);
const stories = fc.sample(
  fc.record({
    priority: fc.constantFrom('urgent', 'high', 'normal', 'low'),
    events: ticketEventsArb(policy, { from: FROM, spanDays: 21, maxEvents: 20 }),
  }),
  { numRuns: 300, seed: 20_261_201 },
);
const binding = (i: number, priority: string) => ({
  ticketId: `T-${i}`,
  priority,
  createdAt: FROM,
  policy,
  calendar,
});

/** The clock's transitions of every ticket, computed once for the escalation bench. */
const transitions: SlaTransition[][] = stories.map(({ priority, events }, i) => {
  const started = startSla(binding(i, priority));
  const out = [started];
  let state = started.state;
  for (const event of events) {
    const next = applyEvent(state, event as TicketEvent, { calendar });
    out.push(next);
    state = next.state;
  }
  return out;
});
const eventCount = stories.reduce((n, s) => n + s.events.length, 0);
console.log(`[escalation-bench] ${stories.length} tickets, ${eventCount} ticket events`);

describe(`per ticket event (${eventCount} events on ${stories.length} tickets)`, () => {
  bench(
    'clock: startSla + applyEvent',
    () => {
      stories.forEach(({ priority, events }, i) => {
        let { state } = startSla(binding(i, priority));
        for (const event of events)
          state = applyEvent(state, event as TicketEvent, { calendar }).state;
        consume(state.emitted);
      });
    },
    { time: 3000 },
  );

  bench(
    'escalation: startEscalation + observeSla + checkEscalations',
    () => {
      const options = { plan, calendar };
      for (const ticket of transitions) {
        let esc = startEscalation((ticket[0] as SlaTransition).state, { plan });
        for (const transition of ticket) {
          esc = observeSla(esc, transition, options).state;
          esc = checkEscalations(esc, transition.state.lastEventAt, options).state;
        }
        consume(esc.emitted);
      }
    },
    { time: 3000 },
  );
});
