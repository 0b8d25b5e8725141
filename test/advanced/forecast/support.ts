import {
  type Calendar,
  defineCalendar,
  defineSlaPolicy,
  replay,
  type SlaEvent,
  type SlaPolicy,
  type TicketEvent,
  type TicketSlaState,
} from '../../../src/index.js';

// Shared fixtures of the forecast tests: a desk open around the clock (business time is then
// elapsed time, so hand computations stay simple), its policy, and tickets made with the core.

export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 10, 2, 9); // a Monday

const ALL_DAY = ['00:00-24:00'];
export const alwaysOpen: Calendar = defineCalendar({
  id: 'always',
  zone: 'UTC',
  week: {
    mon: ALL_DAY,
    tue: ALL_DAY,
    wed: ALL_DAY,
    thu: ALL_DAY,
    fri: ALL_DAY,
    sat: ALL_DAY,
    sun: ALL_DAY,
  },
});

/** high and low target resolution (100 and 200 minutes); `fr` targets only a first response. */
export const desk: SlaPolicy = defineSlaPolicy({
  id: 'desk',
  calendarId: 'always',
  pauseWhile: ['waiting'],
  stopWhen: ['resolved'],
  targets: {
    high: { resolution: 100 },
    low: { resolution: 200 },
    fr: { firstResponse: 60 },
    both: { firstResponse: 30, resolution: 100 },
  },
});

export type Step =
  | readonly [minutes: number, 'resolve' | 'wait' | 'work' | 'reply']
  | readonly [minutes: number, 'priority', string];

/** The ticket events of a story: each step `minutes` after creation. */
export function ticketEvents(createdAt: number, steps: readonly Step[]): TicketEvent[] {
  return steps.map((step, i): TicketEvent => {
    const id = `e${i + 1}`;
    const at = createdAt + Math.round(step[0] * MINUTE);
    switch (step[1]) {
      case 'resolve':
        return { id, at, type: 'status_changed', status: 'resolved' };
      case 'wait':
        return { id, at, type: 'status_changed', status: 'waiting' };
      case 'work':
        return { id, at, type: 'status_changed', status: 'open' };
      case 'reply':
        return { id, at, type: 'agent_replied' };
      default:
        return { id, at, type: 'priority_changed', priority: step[2] as string };
    }
  });
}

/** A ticket's whole story through the core: its final state and every SLA event it emitted. */
export function runTicket(
  ticketId: string,
  priority: string,
  createdAt: number,
  steps: readonly Step[],
  policy: SlaPolicy = desk,
  calendar: Calendar = alwaysOpen,
): { state: TicketSlaState; events: readonly SlaEvent[] } {
  return replay(
    { ticketId, priority, createdAt, policy, calendar },
    ticketEvents(createdAt, steps),
  );
}

/** Every ticket's SLA events interleaved by instant (stable), as a host's log would hold them. */
export function interleave(...logs: (readonly SlaEvent[])[]): SlaEvent[] {
  return logs
    .flat()
    .map((event, i) => ({ event, i }))
    .sort((a, b) => a.event.at - b.event.at || a.i - b.i)
    .map(({ event }) => event);
}

/** mulberry32: a small seeded PRNG, so statistical tests draw the same numbers on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
