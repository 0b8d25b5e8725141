/**
 * Breach forecasts. Fitting: `fitBreachModel` over a stored log of 1,000,000 SLA events (the
 * tickets of 2,000 seeded stories, copied under new ids) against `JSON.parse` of the same log
 * as text — what a host pays anyway to read it — and against the shared log reader alone
 * (`createSlaLogReader().accept` on every event, which the fit uses), to show which part
 * costs what. Forecasting: 100,000 `forecastBreach` calls against 100,000 `slaStatus` calls
 * on the same open states and instants: a queue of tickets caught part way through their
 * stories. Read the ratios from vitest's summary of each group (one run):
 *
 *   npx vitest bench --run bench/forecast.bench.ts
 */
import { bench, describe } from 'vitest';
import { fitBreachModel, forecastBreach } from '../src/advanced/index.js';
import { createSlaLogReader } from '../src/advanced/shared/event-log.js';
import {
  defineCalendar,
  defineSlaPolicy,
  replay,
  type SlaEvent,
  slaStatus,
  type TicketEvent,
  type TicketSlaState,
} from '../src/index.js';

const MINUTE = 60_000;
const OFFICE = ['09:00-17:00'];
const calendar = defineCalendar({
  id: 'bench-desk',
  zone: 'Europe/London',
  week: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
});
const policy = defineSlaPolicy({
  id: 'bench',
  calendarId: 'bench-desk',
  pauseWhile: ['waiting'],
  stopWhen: ['resolved'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    normal: { firstResponse: 240, resolution: 2400 },
    low: { resolution: 4800 },
  },
});
const PRIORITIES = ['urgent', 'normal', 'low'];
const START = Date.UTC(2026, 0, 5, 9);

/** mulberry32: the same tickets on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A ticket's history: a reply, sometimes a wait for the customer, a resolution — or still open. */
function story(random: () => number, createdAt: number): TicketEvent[] {
  const events: TicketEvent[] = [];
  let at = createdAt;
  const next = (minutes: number) => {
    at += Math.round(minutes * MINUTE);
    return at;
  };
  events.push({ id: 'r', type: 'agent_replied', at: next(random() * 600) });
  if (random() < 0.4) {
    events.push({ id: 'w', type: 'status_changed', status: 'waiting', at: next(random() * 900) });
    events.push({ id: 'o', type: 'status_changed', status: 'open', at: next(random() * 3000) });
  }
  if (random() < 0.15) {
    const priority = PRIORITIES[Math.floor(random() * 3)] as string;
    events.push({ id: 'p', type: 'priority_changed', priority, at: next(random() * 600) });
  }
  if (random() < 0.85) {
    events.push({ id: 'd', type: 'status_changed', status: 'resolved', at: next(random() * 6000) });
  }
  return events;
}

const random = seeded(2026);
const templates: SlaEvent[][] = [];
const openStates: { state: TicketSlaState; now: number }[] = [];
for (let i = 0; templates.length < 2000; i++) {
  const createdAt = START + Math.floor(random() * 300 * 1440) * MINUTE;
  const priority = PRIORITIES[i % 3] as string;
  const events = story(random, createdAt);
  const binding = { ticketId: `tpl-${i}`, priority, createdAt, policy, calendar };
  templates.push([...replay(binding, events).events]);
  // The same ticket caught part way: its events up to a random instant, if a clock is open.
  const last = events.at(-1)?.at as number;
  const now = createdAt + Math.floor(random() * (last - createdAt + 600 * MINUTE));
  const { state } = replay(
    { ...binding, ticketId: `open-${i}` },
    events.filter((e) => (e.at as number) <= now),
  );
  const status = slaStatus(state, now, { calendar });
  if (Object.values(status).some((c) => c.phase !== 'stopped' && !c.breached)) {
    openStates.push({ state, now });
  }
}

/** 1,000,000 events: the templates again and again under new ticket ids, one ticket after another. */
const LOG: SlaEvent[] = [];
for (let copy = 0; LOG.length < 1_000_000; copy++) {
  for (const events of templates) {
    const ticketId = `T${copy}-${events[0]?.ticketId ?? ''}`;
    events.forEach((event, n) => {
      LOG.push({ ...event, ticketId, id: `${ticketId}/sla/${n + 1}` });
    });
    if (LOG.length >= 1_000_000) break;
  }
}
LOG.length = 1_000_000; // a ticket cut short at the end is still a valid log: it ends early
const TEXT = JSON.stringify(LOG);
const AS_OF = START + 400 * 1440 * MINUTE;

const model = fitBreachModel(LOG, { asOf: AS_OF });
const STATES = Array.from({ length: 100_000 }, (_, i) => openStates[i % openStates.length]);

let sink = 0;
const SLOW = { time: 0, iterations: 3, warmupTime: 0, warmupIterations: 1 };
const FAST = { time: 0, iterations: 8, warmupTime: 0, warmupIterations: 2 };

describe(`fitting: ${LOG.length.toLocaleString('en')} events (${(TEXT.length / 1e6).toFixed(0)} MB of JSON)`, () => {
  bench(
    'JSON.parse of the log',
    () => {
      sink += (JSON.parse(TEXT) as unknown[]).length;
    },
    SLOW,
  );
  bench(
    'the shared log reader alone (accept every event)',
    () => {
      const reader = createSlaLogReader();
      for (let i = 0; i < LOG.length; i++) if (reader.accept(LOG[i], `events[${i}]`)) sink += 1;
    },
    SLOW,
  );
  bench(
    'fitBreachModel of the log',
    () => {
      sink += fitBreachModel(LOG, { asOf: AS_OF }).version;
    },
    SLOW,
  );
});

describe('forecasting: 100,000 open tickets', () => {
  bench(
    'slaStatus × 100,000',
    () => {
      for (const item of STATES) {
        if (item === undefined) continue;
        sink += slaStatus(item.state, item.now, { calendar }).resolution?.usedMs ?? 0;
      }
    },
    FAST,
  );
  bench('forecastBreach × 100,000', () => {
    for (const item of STATES) {
      if (item === undefined) continue;
      sink +=
        forecastBreach(item.state, item.now, { calendar, model }).resolution?.probability ?? 0;
    }
  });
});

if (sink < 0) console.log(sink);
