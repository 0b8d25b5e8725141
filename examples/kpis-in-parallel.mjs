// SLA KPIs computed in parallel: a generated log of SLA events is split by ticket across
// worker threads, each worker summarises its part, the summaries are merged, and the report
// of the merge is checked to be identical to the one computed in a single process.
// Run it after a build (`npm run build`): `node examples/kpis-in-parallel.mjs [tickets] [workers]`.
import { deepStrictEqual } from 'node:assert/strict';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  computeKpis,
  kpisFromSummary,
  mergeKpiSummaries,
  summariseKpis,
} from '../dist/advanced.js';
import { defineCalendar, defineSlaPolicy, replay } from '../dist/index.js';

const options = {
  periods: { zone: 'Europe/London', unit: 'month', from: '2026-10-01', to: '2027-01-01' },
  groupBy: ['priority'],
};

if (!isMainThread) {
  // A worker: summarise the part of the log it was given and send the plain-JSON summary back.
  parentPort.postMessage(JSON.stringify(summariseKpis(workerData.events, options)));
} else {
  const tickets = Number(process.argv[2] ?? 2_000);
  const workers = Number(process.argv[3] ?? 4);
  const log = generateLog(tickets);

  // Split by ticket (every event of a ticket goes to the same worker), keeping the order.
  const parts = Array.from({ length: workers }, () => []);
  for (const event of log) parts[Number(event.ticketId.slice(2)) % workers].push(event);

  const summaries = await Promise.all(
    parts.map(
      (events) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { events } });
          worker.once('message', (text) => resolve(JSON.parse(text)));
          worker.once('error', reject);
        }),
    ),
  );
  const merged = kpisFromSummary(mergeKpiSummaries(...summaries.reverse()));
  const single = computeKpis(log, options);
  deepStrictEqual(merged, single);

  const november = single.rows.filter((r) => r.period === '2026-11' && r.metric === 'resolution');
  const met = november.reduce((n, r) => n + r.met, 0);
  const measured = november.reduce((n, r) => n + r.met + r.breached, 0);
  const percent = measured === 0 ? 'n/a' : `${((100 * met) / measured).toFixed(1)}%`;
  console.log(
    `kpis-in-parallel: ${tickets} tickets, ${log.length} SLA events, ${workers} workers: merged report identical to the single-process one (${single.rows.length} rows; November resolution compliance ${met}/${measured} = ${percent})`,
  );
}

/** A deterministic log: tickets on a UK desk over October–December 2026, told by the clock. */
function generateLog(count) {
  const calendar = defineCalendar({
    id: 'uk-desk',
    zone: 'Europe/London',
    week: {
      mon: ['09:00-17:30'],
      tue: ['09:00-17:30'],
      wed: ['09:00-17:30'],
      thu: ['09:00-17:30'],
      fri: ['09:00-17:30'],
    },
  });
  const policy = defineSlaPolicy({
    id: 'desk',
    calendarId: 'uk-desk',
    pauseWhile: ['waiting_on_customer'],
    stopWhen: ['resolved'],
    targets: {
      urgent: { firstResponse: 30, resolution: 240 },
      high: { firstResponse: 60, resolution: 480 },
      normal: { firstResponse: 240, resolution: 1440 },
    },
  });
  const priorities = ['urgent', 'high', 'normal'];
  let seed = 20_261_201;
  const rand = () => {
    // A linear congruential generator: the same log on every run and every host.
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  const minutes = (max) => Math.max(1, Math.floor(rand() * max)) * 60_000;
  const logs = [];
  for (let i = 0; i < count; i++) {
    const ticketId = `T-${i}`;
    const createdAt = Date.UTC(2026, 9, 1) + Math.floor(rand() * 80 * 24 * 60) * 60_000;
    let at = createdAt;
    const later = (max) => {
      at += minutes(max);
      return at;
    };
    const events = [{ id: 'reply', type: 'agent_replied', at: later(180) }];
    for (let spell = Math.floor(rand() * 3); spell > 0; spell--) {
      events.push({
        id: `wait-${spell}`,
        type: 'status_changed',
        status: 'waiting_on_customer',
        at: later(600),
      });
      events.push({
        id: `back-${spell}`,
        type: 'status_changed',
        status: 'open',
        at: later(900),
      });
    }
    if (rand() < 0.9)
      events.push({
        id: 'done',
        type: 'status_changed',
        status: 'resolved',
        at: later(2400),
      });
    const priority = priorities[Math.floor(rand() * priorities.length)];
    logs.push(replay({ ticketId, priority, createdAt, policy, calendar }, events).events);
  }
  // Interleave the tickets as an event store would return them, each ticket still in order.
  const out = [];
  for (let round = 0; logs.some((l) => round < l.length); round++) {
    for (const l of logs) if (round < l.length) out.push(l[round]);
  }
  return out;
}
