/**
 * KPIs over a generated log of 100,000 tickets (about a million SLA events): `computeKpis`
 * against `JSON.parse` of the same log as stored text (target: computeKpis ÷ JSON.parse ≤ 1),
 * with the event-log reader alone as a breakdown. While the file is collected it also checks
 * that a summary's size does not grow with pause/resume churn and prints `[kpi]` lines.
 *
 *   npx vitest bench --run bench/kpi.bench.ts
 */
import { bench, describe } from 'vitest';
import { computeKpis, summariseKpis } from '../src/advanced/index.js';
import { createSlaLogReader } from '../src/advanced/shared/event-log.js';
import { kpiLog, kpiOptions } from './kpi-log.js';

const TICKETS = 100_000;
const started = performance.now();
const log = kpiLog(TICKETS);
const text = JSON.stringify(log);
console.log(
  `[kpi] log: ${TICKETS.toLocaleString('en')} tickets, ${log.length.toLocaleString('en')} SLA events, ${(text.length / 2 ** 20).toFixed(0)} MiB of JSON (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

// Summary size against churn: the same 10,000 tickets with 0, 5 and 50 extra waiting spells
// each. Spells answered within the minute leave every figure as it was, so the summary must be
// the same byte for byte; spells of a minute or two shift a few stops, never the summary's shape.
const values = (summary: ReturnType<typeof summariseKpis>) =>
  summary.rows.reduce(
    (n, r) => n + r.businessMs.length + r.elapsedMs.length + r.overdueMs.length,
    0,
  );
const plain = JSON.stringify(summariseKpis(kpiLog(10_000), kpiOptions));
for (const churn of [5, 50]) {
  for (const timed of [false, true]) {
    const part = kpiLog(10_000, churn, timed);
    const summary = summariseKpis(part, kpiOptions);
    const text = JSON.stringify(summary);
    console.log(
      `[kpi] churn ${churn}${timed ? ' (timed)' : ''}: ${part.length.toLocaleString('en')} events -> summary of ${summary.rows.length} rows, ${values(summary)} values, ${text.length.toLocaleString('en')} bytes (no churn: ${plain.length.toLocaleString('en')} bytes)`,
    );
    if (!timed && text !== plain) throw new Error(`churn ${churn} changed the summary`);
  }
}

const once = { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 1 };

describe('KPIs over 100,000 tickets', () => {
  bench(
    'JSON.parse of the stored log',
    () => {
      if (!Array.isArray(JSON.parse(text))) throw new Error('not a log');
    },
    once,
  );

  bench(
    'computeKpis (months × metric × priority)',
    () => {
      if (computeKpis(log, kpiOptions).rows.length === 0) throw new Error('no rows');
    },
    once,
  );

  bench(
    'breakdown: createSlaLogReader alone',
    () => {
      const reader = createSlaLogReader();
      for (let i = 0; i < log.length; i++) reader.accept(log[i], `events[${i}]`);
    },
    once,
  );
});
