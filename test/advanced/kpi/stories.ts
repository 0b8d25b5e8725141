import {
  applyEvent,
  type Calendar,
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  type SlaEvent,
  type SlaPolicy,
  startSla,
  type TicketEvent,
  type TicketSlaState,
} from '../../../src/index.js';

// Small hand-made ticket stories for the KPI tests: each step is a ticket event or a call of
// checkBreaches, run through the real clock, so the logs are exactly what a host stores.

export const at = (iso: string): number => Date.parse(iso);
export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** Open every hour of every day: business time equals elapsed time, which keeps sums easy. */
export function alwaysOpen(zone: string): Calendar {
  const day = ['00:00-24:00'];
  return defineCalendar({
    id: 'always',
    zone,
    week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
  });
}

export const utc = alwaysOpen('UTC');

/** urgent 60/240 min, normal 120/480, low resolution only 600. */
export function standardPolicy(calendarId = 'always'): SlaPolicy {
  return defineSlaPolicy({
    id: 'standard',
    calendarId,
    pauseWhile: ['waiting'],
    stopWhen: ['resolved'],
    targets: {
      urgent: { firstResponse: 60, resolution: 240 },
      normal: { firstResponse: 120, resolution: 480 },
      low: { resolution: 600 },
    },
  });
}

export type Step =
  | { readonly reply: string }
  | { readonly status: string; readonly at: string }
  | { readonly priority: string; readonly at: string }
  | { readonly check: string };

/** The SLA events a ticket's story emits, in order. */
export function ticketLog(
  ticketId: string,
  priority: string,
  createdAt: string,
  steps: readonly Step[],
  calendar: Calendar = utc,
  policy: SlaPolicy = standardPolicy(calendar.id),
): SlaEvent[] {
  let { state, events } = startSla({ ticketId, priority, createdAt, policy, calendar });
  const log: SlaEvent[] = [...events];
  let n = 0;
  const step = (next: { state: TicketSlaState; events: readonly SlaEvent[] }) => {
    state = next.state;
    log.push(...next.events);
  };
  for (const s of steps) {
    n += 1;
    const id = `${ticketId}-e${n}`;
    if ('check' in s) {
      step(checkBreaches(state, s.check, { calendar }));
      continue;
    }
    const event: TicketEvent =
      'reply' in s
        ? { id, type: 'agent_replied', at: s.reply }
        : 'status' in s
          ? { id, type: 'status_changed', status: s.status, at: s.at }
          : { id, type: 'priority_changed', priority: s.priority, at: s.at };
    step(applyEvent(state, event, { calendar }));
  }
  return log;
}

/** Interleaves ticket logs round-robin: tickets mixed, each ticket's events in order. */
export function interleave(...logs: readonly (readonly SlaEvent[])[]): SlaEvent[] {
  const out: SlaEvent[] = [];
  const longest = Math.max(0, ...logs.map((l) => l.length));
  for (let i = 0; i < longest; i++)
    for (const log of logs) if (i < log.length) out.push(log[i] as SlaEvent);
  return out;
}
