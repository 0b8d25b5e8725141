/**
 * Credits: a month's statement over the log of 5,000 tickets (about 23,000 SLA events),
 * against the KPI report of the same log. A statement is the KPI fold plus a little integer
 * arithmetic per counted item, so the ratio should stay close to 1.
 */
import { bench, describe } from 'vitest';
import {
  computeKpis,
  computeServiceCredits,
  defineServiceContract,
} from '../src/advanced/index.js';
import {
  applyEvent,
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  type SlaEvent,
  startSla,
} from '../src/index.js';

const office = ['08:00-18:00'];
const calendar = defineCalendar({
  id: 'desk',
  zone: 'Europe/London',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office },
});
const policy = defineSlaPolicy({
  id: 'desk',
  calendarId: 'desk',
  pauseWhile: ['waiting'],
  stopWhen: ['resolved'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    high: { firstResponse: 60, resolution: 480 },
    normal: { firstResponse: 240, resolution: 1440 },
  },
});
const contract = defineServiceContract({
  id: 'bench',
  currency: 'EUR',
  monthlyFee: 1_250_000,
  period: { zone: 'Europe/London', unit: 'month' },
  measure: { metric: 'resolution', priorities: ['urgent', 'high'] },
  minimumMeasured: 20,
  tiers: [
    { from: 99, to: 100, creditPercent: 0 },
    { from: 95, to: 99, creditPercent: 5 },
    { from: 0, to: 95, creditPercent: 10 },
  ],
  perBreach: [{ metric: 'resolution', priorities: ['urgent'], amount: 5_000 }],
  perLateHour: [{ metric: 'resolution', priorities: ['urgent', 'high'], amount: 1_000 }],
  capPercent: 30,
});

// A fixed pseudo-random sequence (a 32-bit LCG), so every run benches the same log.
let seed = 20_261_201;
const next = (n: number): number => {
  seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
  return seed % n;
};

const NOV = Date.parse('2026-11-01T00:00:00Z');
const MINUTE = 60_000;
const log: SlaEvent[] = [];
for (let i = 0; i < 5_000; i++) {
  const createdAt = NOV + next(29 * 24 * 60) * MINUTE;
  const priority = ['urgent', 'high', 'normal'][next(3)] as string;
  let { state, events } = startSla({ ticketId: `T-${i}`, priority, createdAt, policy, calendar });
  log.push(...events);
  const reply = createdAt + next(120) * MINUTE;
  ({ state, events } = applyEvent(
    state,
    { id: 'r', type: 'agent_replied', at: reply },
    { calendar },
  ));
  log.push(...events);
  const end = reply + next(3 * 24 * 60) * MINUTE;
  ({ state, events } = checkBreaches(state, end, { calendar }));
  log.push(...events);
  ({ events } = applyEvent(
    state,
    { id: 'd', type: 'status_changed', status: 'resolved', at: end },
    { calendar },
  ));
  log.push(...events);
}

const options = { period: '2026-11', asOf: '2026-12-05T00:00:00Z' };
const kpiOptions = {
  periods: { zone: 'Europe/London', label: '2026-11' },
  asOf: options.asOf,
  groupBy: ['priority'] as const,
};

// Few iterations: the machine is shared, and a ratio needs no more.
const few = { time: 0, iterations: 8, warmupTime: 0, warmupIterations: 2 };

describe(`credits: one month, 5,000 tickets, ${log.length} SLA events`, () => {
  bench(
    'computeKpis (grouped by priority)',
    () => {
      computeKpis(log, kpiOptions);
    },
    few,
  );
  bench(
    'computeServiceCredits',
    () => {
      computeServiceCredits(contract, log, options);
    },
    few,
  );
});
