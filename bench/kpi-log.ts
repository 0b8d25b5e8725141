/**
 * A generated SLA event log for the KPI benchmarks: tickets on a UK desk (Mon–Fri 09:00–17:30,
 * Europe/London) created over October and November 2026, told through the real clock. Each
 * ticket gets a first reply, some waiting-on-customer spells, sometimes a priority change, and
 * (nine times in ten) a resolution; `churn` adds that many extra pause/resume pairs per ticket
 * after its other spells.
 */
import {
  defineCalendar,
  defineSlaPolicy,
  replay,
  type SlaEvent,
  type TicketEvent,
} from '../src/index.js';

const MIN = 60_000;

export const kpiCalendar = defineCalendar({
  id: 'uk-desk',
  zone: 'Europe/London',
  week: {
    mon: ['09:00-17:30'],
    tue: ['09:00-17:30'],
    wed: ['09:00-17:30'],
    thu: ['09:00-17:30'],
    fri: ['09:00-17:30'],
  },
  overrides: [{ date: '2026-12-25', windows: [] }],
});

export const kpiPolicy = defineSlaPolicy({
  id: 'desk',
  calendarId: 'uk-desk',
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    high: { firstResponse: 60, resolution: 480 },
    normal: { firstResponse: 240, resolution: 1440 },
    low: { resolution: 2880 },
  },
});

const PRIORITIES = ['urgent', 'high', 'normal', 'low'];

/** mulberry32: a small deterministic generator, so every run benchmarks the same log. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One ticket's SLA events. Churn spells draw their lengths from `churnRand`, so adding churn
 * leaves every other draw of the ticket (its reply, priorities, spells, resolution) the same.
 */
function ticketLog(
  id: string,
  rand: () => number,
  churn: number,
  churnRand: () => number,
  timedChurn: boolean,
): SlaEvent[] {
  const created = Date.UTC(2026, 9, 1) + Math.floor(rand() * 61 * 24 * 60) * MIN;
  const events: TicketEvent[] = [];
  let t = created;
  let n = 0;
  const next = (minutes: number) => {
    t += Math.max(1, Math.floor(rand() * minutes)) * MIN;
    n += 1;
    return `${id}-${n}`;
  };
  events.push({ id: next(120), type: 'agent_replied', at: t });
  if (rand() < 0.2)
    events.push({
      id: next(240),
      type: 'priority_changed',
      priority: PRIORITIES[Math.floor(rand() * 4)] as string,
      at: t,
    });
  const spells = Math.floor(rand() * 7);
  for (let i = 0; i < spells; i++) {
    events.push({ id: next(600), type: 'status_changed', status: 'waiting_on_customer', at: t });
    events.push({ id: next(1200), type: 'status_changed', status: 'open', at: t });
  }
  // Churn: waiting spells the customer answers at once (same minute, so the figures are
  // unchanged), or, with `timedChurn`, after a minute or two drawn from the churn generator.
  for (let i = 0; i < churn; i++) {
    for (const status of ['waiting_on_customer', 'open']) {
      if (timedChurn) t += Math.floor(churnRand() * 2 + 1) * MIN;
      n += 1;
      events.push({ id: `${id}-${n}`, type: 'status_changed', status, at: t });
    }
  }
  if (rand() < 0.9)
    events.push({ id: next(1800), type: 'status_changed', status: 'resolved', at: t });
  return [
    ...replay(
      {
        ticketId: id,
        priority: PRIORITIES[Math.floor(rand() * 4)] as string,
        createdAt: created,
        policy: kpiPolicy,
        calendar: kpiCalendar,
      },
      events,
    ).events,
  ];
}

/** The logs of `tickets` tickets, interleaved in blocks as a host's event store returns them. */
export function kpiLog(
  tickets: number,
  churn = 0,
  timedChurn = false,
  seed = 20_261_201,
): SlaEvent[] {
  const rand = random(seed);
  const churnRand = random(seed + 1);
  const logs: SlaEvent[][] = [];
  for (let i = 0; i < tickets; i++)
    logs.push(ticketLog(`T-${i + 1}`, rand, churn, churnRand, timedChurn));
  // Interleave a hundred tickets at a time: each ticket's events stay in order.
  const out: SlaEvent[] = [];
  for (let start = 0; start < logs.length; start += 100) {
    const block = logs.slice(start, start + 100);
    const longest = Math.max(...block.map((l) => l.length));
    for (let i = 0; i < longest; i++)
      for (const log of block) if (i < log.length) out.push(log[i] as SlaEvent);
  }
  return out;
}

export const kpiOptions = {
  periods: { zone: 'Europe/London', unit: 'month', from: '2026-10-01', to: '2027-01-01' },
  groupBy: ['priority'],
} as const;
