import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeKpis,
  type KpiOptions,
  type KpiSummary,
  kpiItemsOf,
  kpisFromSummary,
  mergeKpiSummaries,
  summariseKpis,
} from '../../../src/advanced/index.js';
import { periodContaining, readPeriods } from '../../../src/advanced/shared/period.js';
import type { SlaEvent } from '../../../src/index.js';
import { ticketEventsArb, ticketStoryArb } from '../../../src/testing/index.js';
import { jsonCopy } from '../../support/errors.js';
import { params } from '../../support/fc.js';
import { logOf, naiveKpiRows, type TicketCase } from './reference.js';

const DAY = 86_400_000;

interface Scenario {
  readonly tickets: readonly TicketCase[];
  /** The tickets' logs interleaved: each ticket's events in order. */
  readonly log: readonly SlaEvent[];
  readonly options: KpiOptions;
}

/**
 * Several tickets under one random calendar and policy (zones with DST, created near an
 * offset change, within a few days of each other), some with a host timer calling
 * checkBreaches, their logs interleaved at random; periods of days or weeks around them, in
 * the calendar's zone or another, sometimes an `asOf` inside the periods.
 */
const scenarioArb: fc.Arbitrary<Scenario> = ticketStoryArb({
  fromYear: 2025,
  toYear: 2027,
  spanDays: 5,
  maxEvents: 10,
  maxTargetMinutes: 900,
}).chain((story) => {
  const base = story.binding.createdAt as number;
  const priorities = Object.keys(story.policy.targets);
  const statuses = ['open', ...story.policy.pauseWhile, ...story.policy.stopWhen];
  const ticketArb = fc
    .record({
      offset: fc.integer({ min: -2 * DAY, max: 2 * DAY }),
      pick: fc.nat(),
      status: fc.option(fc.constantFrom(...statuses), { nil: undefined, freq: 3 }),
      checks: fc.array(fc.boolean(), { maxLength: 10 }),
      finalCheckAfter: fc.option(fc.integer({ min: 0, max: 3 * DAY }), { nil: undefined }),
    })
    .chain(({ offset, pick, status, checks, finalCheckAfter }) =>
      ticketEventsArb(story.policy, { from: base + offset, spanDays: 5, maxEvents: 10 }).map(
        (events) => ({ offset, pick, status, checks, finalCheckAfter, events }),
      ),
    );
  return fc
    .record({
      tickets: fc.array(ticketArb, { minLength: 1, maxLength: 6 }),
      order: fc.array(fc.nat(), { maxLength: 80 }),
      unit: fc.constantFrom<'day' | 'week'>('day', 'week'),
      zone: fc.constantFrom(story.definition.zone, 'UTC', 'America/Santiago'),
      asOf: fc.option(fc.integer({ min: -DAY, max: 9 * DAY }), { nil: undefined }),
      // Or asOf exactly at (or 1 ms after) a due instant, where "breached by then" flips.
      asOfAtDue: fc.option(fc.tuple(fc.nat(), fc.constantFrom(0, 1)), { nil: undefined }),
      grouped: fc.boolean(),
    })
    .map(({ tickets, order, unit, zone, asOf, asOfAtDue, grouped }): Scenario => {
      const cases: TicketCase[] = tickets.map((t, i) => ({
        binding: {
          ...story.binding,
          ticketId: `T${i}`,
          priority: priorities[t.pick % priorities.length] as string,
          createdAt: base + t.offset,
          ...(t.status === undefined ? {} : { status: t.status }),
        },
        events: t.events,
        checks: t.checks,
        ...(t.finalCheckAfter === undefined ? {} : { finalCheckAfter: t.finalCheckAfter }),
      }));
      // Interleave: repeatedly take the next event of a ticket chosen by `order`.
      const queues = cases.map(logOf).filter((q) => q.length > 0);
      const log: SlaEvent[] = [];
      let i = 0;
      while (queues.length > 0) {
        const q = (order[i++] ?? 0) % queues.length;
        const queue = queues[q] as SlaEvent[];
        log.push(queue.shift() as SlaEvent);
        if (queue.length === 0) queues.splice(q, 1);
      }
      const dues = log.flatMap((e) => (e.dueAt === null ? [] : [e.dueAt]));
      const atDue =
        asOfAtDue === undefined || dues.length === 0
          ? undefined
          : (dues[asOfAtDue[0] % dues.length] as number) + asOfAtDue[1];
      const from = periodContaining(base - 3 * DAY, zone, unit).firstDay;
      const to = periodContaining(base + 8 * DAY, zone, unit).endDay;
      return {
        tickets: cases,
        log,
        options: {
          periods: { zone, unit, from, to },
          ...(grouped ? { groupBy: ['priority'] as const } : {}),
          ...(atDue !== undefined
            ? { asOf: atDue }
            : asOf === undefined
              ? {}
              : { asOf: base + asOf }),
        },
      };
    });
});

describe('computeKpis agrees with a naive per-ticket replay', () => {
  it('on random multi-ticket logs', () => {
    fc.assert(
      fc.property(scenarioArb, ({ tickets, log, options }) => {
        const report = computeKpis(log, options);
        const periods = readPeriods(options.periods, 'periods');
        expect(report.rows).toEqual(
          naiveKpiRows(tickets, periods, report.asOf, options.groupBy !== undefined),
        );
      }),
      params(0.3),
    );
  });

  it('counts in its items exactly what the report counts', () => {
    fc.assert(
      fc.property(scenarioArb, ({ log, options }) => {
        const { groupBy: _, ...itemOptions } = options;
        const report = computeKpis(log, itemOptions);
        const items = kpiItemsOf(log, itemOptions);
        items.periods.forEach((p, k) => {
          for (const [m, metric] of ['firstResponse', 'resolution'].entries()) {
            const row = report.rows[2 * k + m];
            expect(p.breaches.filter((b) => b.metric === metric).length).toBe(row?.breached);
            const stops = p.stops.filter((s) => s.metric === metric);
            expect(stops.filter((s) => s.outcome === 'met').length).toBe(row?.met);
            expect(stops.length).toBe(row?.businessMs.count);
          }
        });
      }),
      params(0.25),
    );
  });
});

/** Splits the log's tickets into `parts` parts by a random assignment. */
function splitByTicket(log: readonly SlaEvent[], assign: readonly number[], parts: number) {
  const ids = [...new Set(log.map((e) => e.ticketId))];
  const partOf = new Map(ids.map((id, i) => [id, (assign[i] ?? 0) % parts]));
  return Array.from({ length: parts }, (_, p) => log.filter((e) => partOf.get(e.ticketId) === p));
}

/** Merges summaries along a random binary tree, in a random order. */
function mergeAnyhow(summaries: KpiSummary[], choices: readonly number[]): KpiSummary {
  const pool = [...summaries];
  let c = 0;
  while (pool.length > 1) {
    const i = (choices[c++] ?? 0) % pool.length;
    const [a] = pool.splice(i, 1) as [KpiSummary];
    const j = (choices[c++] ?? 0) % pool.length;
    const [b] = pool.splice(j, 1) as [KpiSummary];
    pool.push(jsonCopy(mergeKpiSummaries(a, b)));
  }
  return pool[0] as KpiSummary;
}

describe('merge laws', () => {
  it('any split by ticket, any merge order and grouping gives the same report', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        ({ log, options }, parts, assign, choices) => {
          const whole = computeKpis(log, options);
          const summaries = splitByTicket(log, assign, parts).map((part) =>
            jsonCopy(summariseKpis(part, options)),
          );
          expect(kpisFromSummary(mergeAnyhow(summaries, choices))).toEqual(whole);
          expect(kpisFromSummary(mergeKpiSummaries(...summaries.reverse()))).toEqual(whole);
        },
      ),
      params(0.25),
    );
  });

  it('merging is commutative and associative on summaries themselves', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(), { maxLength: 8 }), ({ log, options }, assign) => {
        const [a, b, c] = splitByTicket(log, assign, 3).map((part) =>
          summariseKpis(part, options),
        ) as [KpiSummary, KpiSummary, KpiSummary];
        const left = mergeKpiSummaries(mergeKpiSummaries(a, b), c);
        expect(mergeKpiSummaries(a, mergeKpiSummaries(b, c))).toEqual(left);
        expect(mergeKpiSummaries(c, b, a)).toEqual(left);
        expect(left).toEqual(summariseKpis(log, options));
      }),
      params(0.25),
    );
  });
});
