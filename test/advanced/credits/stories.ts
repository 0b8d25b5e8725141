import {
  applyEvent,
  type Calendar,
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  type SlaEvent,
  type SlaPolicy,
  type SlaTransition,
  startSla,
  type TicketEvent,
} from '../../../src/index.js';

// Ticket stories run through the real clock, so the logs are what a host stores.

export const HOUR = 3_600_000;

const day = ['00:00-24:00'];
/** Open around the clock: business time is elapsed time, which keeps hand sums easy. */
export const alwaysOpen: Calendar = defineCalendar({
  id: 'always',
  zone: 'UTC',
  week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
});

/** urgent: first response 1 h, resolution 4 h; high: resolution 8 h. */
export const policy: SlaPolicy = defineSlaPolicy({
  id: 'msp',
  calendarId: 'always',
  pauseWhile: ['waiting'],
  stopWhen: ['resolved'],
  targets: { urgent: { firstResponse: 60, resolution: 240 }, high: { resolution: 480 } },
});

export type Step =
  | { readonly reply: string }
  | { readonly resolve: string }
  | { readonly check: string };

/** The SLA events of one ticket's story. */
export function ticketLog(
  ticketId: string,
  priority: string,
  createdAt: string,
  steps: readonly Step[] = [],
): SlaEvent[] {
  let transition: SlaTransition = startSla({
    ticketId,
    priority,
    createdAt,
    policy,
    calendar: alwaysOpen,
  });
  const log: SlaEvent[] = [...transition.events];
  steps.forEach((step, i) => {
    const id = `${ticketId}-e${i + 1}`;
    const event: TicketEvent | undefined =
      'reply' in step
        ? { id, type: 'agent_replied', at: step.reply }
        : 'resolve' in step
          ? { id, type: 'status_changed', status: 'resolved', at: step.resolve }
          : undefined;
    transition =
      event === undefined
        ? checkBreaches(transition.state, (step as { check: string }).check, {
            calendar: alwaysOpen,
          })
        : applyEvent(transition.state, event, { calendar: alwaysOpen });
    log.push(...transition.events);
  });
  return log;
}

/** Tickets interleaved round-robin, each ticket's events in order. */
export function interleave(...logs: readonly (readonly SlaEvent[])[]): SlaEvent[] {
  const out: SlaEvent[] = [];
  const longest = Math.max(0, ...logs.map((log) => log.length));
  for (let i = 0; i < longest; i++)
    for (const log of logs) if (i < log.length) out.push(log[i] as SlaEvent);
  return out;
}

/** The id of the event of `log` that matches. */
export function idOf(log: readonly SlaEvent[], type: string, metric: string): string {
  const found = log.filter((e) => e.type === type && e.metric === metric);
  if (found.length !== 1) throw new Error(`expected one ${type} of ${metric}`);
  return (found[0] as SlaEvent).id;
}
