import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeServiceCredits,
  defineServiceContract,
  perBreachCredit,
  type ServiceContract,
} from '../../../src/advanced/index.js';
import { computeKpis, kpiItemsOf } from '../../../src/advanced/kpi/index.js';
import {
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  replay,
  type SlaEvent,
} from '../../../src/index.js';
import { ticketEventsArb } from '../../../src/testing/index.js';
import { params } from '../../support/fc.js';
import { contractDefinitionArb, PRIORITIES } from './arbitraries.js';
import { naiveCredits } from './reference.js';

// Random multi-ticket logs from the clock, through the whole engine: the KPI fold's counts,
// the statement's arithmetic, and the properties a customer and a provider rely on.

const office = ['09:00-17:00'];
const london = defineCalendar({
  id: 'london',
  zone: 'Europe/London',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office },
});
const policy = defineSlaPolicy({
  id: 'desk',
  calendarId: 'london',
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    high: { firstResponse: 60, resolution: 480 },
    normal: { resolution: 960 },
    low: { firstResponse: 240 },
  },
});
const NOV_START = Date.parse('2026-11-01T00:00:00Z');
const DEC_1 = Date.parse('2026-12-01T00:00:00Z');

const ticketArb = (index: number) =>
  fc
    .record({
      createdAt: fc.integer({ min: NOV_START - 5 * 86_400_000, max: DEC_1 - 86_400_000 }),
      priority: fc.constantFrom(...PRIORITIES),
      check: fc.option(fc.integer({ min: 0, max: 10 * 86_400_000 }), { nil: undefined }),
    })
    .chain(({ createdAt, priority, check }) =>
      ticketEventsArb(policy, { from: createdAt, spanDays: 12, maxEvents: 10 }).map((events) => {
        const binding = {
          ticketId: `T-${index}`,
          priority,
          createdAt,
          policy,
          calendar: london,
        };
        const run = replay(binding, events);
        const log = [...run.events];
        if (check !== undefined) {
          const now = Math.max(run.state.lastEventAt, createdAt + check);
          log.push(...checkBreaches(run.state, now, { calendar: london }).events);
        }
        return log;
      }),
    );

const logArb = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ticketArb(i))))
  .map((logs) => {
    // Interleaved round-robin: each ticket's events stay in order.
    const out: SlaEvent[] = [];
    for (let i = 0; i < Math.max(...logs.map((l) => l.length)); i++)
      for (const l of logs) if (i < l.length) out.push(l[i] as SlaEvent);
    return out;
  });

const monthlyLondon = contractDefinitionArb.map((definition) => ({
  ...definition,
  period: { zone: 'Europe/London', unit: 'month' as const },
}));
const asOfArb = fc.oneof(
  fc.constant(DEC_1),
  fc.integer({ min: NOV_START, max: DEC_1 + 3 * 86_400_000 }),
);

const statementOf = (
  contract: ServiceContract,
  log: readonly SlaEvent[],
  asOf: number,
  exclude: string[] = [],
) => computeServiceCredits(contract, log, { period: '2026-11', asOf, exclude });

describe('computeServiceCredits on random logs', () => {
  it('counts what the KPI report counts and prices it as the naive calculator does', () => {
    fc.assert(
      fc.property(monthlyLondon, logArb, asOfArb, (definition, log, asOf) => {
        const contract = defineServiceContract(definition);
        const s = statementOf(contract, log, asOf);
        const periods = { zone: 'Europe/London', label: '2026-11' };
        const report = computeKpis(log, { periods, asOf, groupBy: ['priority'] });
        const { metric, priorities } = contract.measure;
        const rows = report.rows.filter(
          (r) =>
            r.metric === metric &&
            (priorities === undefined || priorities.includes(r.priority ?? '')),
        );
        expect(s.measured.met).toBe(rows.reduce((sum, r) => sum + r.met, 0));
        expect(s.measured.breached).toBe(rows.reduce((sum, r) => sum + r.breached, 0));
        const [items] = kpiItemsOf(log, { periods, asOf }).periods;
        const naive = naiveCredits(definition, items?.breaches ?? [], items?.stops ?? []);
        expect([s.subtotal, s.cap, s.total]).toEqual([naive.subtotal, naive.cap, naive.total]);
        expect(s.total).toBeLessThanOrEqual(s.cap);
        expect(s.status).toBe(asOf >= DEC_1 ? 'final' : 'provisional');
        for (const line of s.lines) {
          if (line.kind === 'tier') continue;
          if (line.kind === 'breach') expect(perBreachCredit(contract, line)).toBe(line.credit);
          // Every per-ticket line rests on events of its own ticket that are in the log.
          for (const id of line.eventIds) {
            expect(log.some((e) => e.id === id && e.ticketId === line.ticketId)).toBe(true);
          }
        }
      }),
      params(0.5),
    );
  });

  it('excluding a ticket none of whose measured clocks was met in the period never raises the total', () => {
    fc.assert(
      fc.property(monthlyLondon, logArb, fc.integer({ min: 0, max: 7 }), (definition, log, t) => {
        const contract = defineServiceContract(definition);
        const ticketId = `T-${t}`;
        const { metric, priorities } = contract.measure;
        const metInPeriod = log.some(
          (e) =>
            e.ticketId === ticketId &&
            e.type === 'sla.stopped' &&
            e.outcome === 'met' &&
            e.metric === metric &&
            (priorities === undefined || priorities.includes(e.priority)) &&
            e.at >= NOV_START &&
            e.at < DEC_1,
        );
        fc.pre(!metInPeriod);
        const all = statementOf(contract, log, DEC_1);
        const without = statementOf(contract, log, DEC_1, [ticketId]);
        expect(without.total).toBeLessThanOrEqual(all.total);
        expect(without.excluded).toEqual([ticketId]);
      }),
      params(0.5),
    );
  });
});
