import { describe, expect, it } from 'vitest';
import {
  computeKpis,
  type KpiReport,
  type KpiRow,
  type KpiSummary,
  kpiItemsOf,
  kpisFromSummary,
  mergeKpiSummaries,
  summariseKpis,
} from '../../../src/advanced/index.js';
import type { SlaEvent } from '../../../src/index.js';
import { jsonCopy } from '../../support/errors.js';
import { alwaysOpen, at, HOUR, interleave, MIN, ticketLog } from './stories.js';

// Five tickets on a desk open around the clock in UTC (business time = elapsed time), over
// the days Mon 2 – Wed 4 November 2026. Targets: urgent 60 / 240 min, normal 120 / 480,
// low resolution 600 only. Every figure below is worked out by hand in the comments.

// A, urgent, 2 Nov 10:00: replied 10:30 (first response met, 30 min), resolved 13:00 (met, 3 h).
const A = ticketLog('A', 'urgent', '2026-11-02T10:00:00Z', [
  { reply: '2026-11-02T10:30:00Z' },
  { status: 'resolved', at: '2026-11-02T13:00:00Z' },
]);
// B, urgent, 2 Nov 22:00. First response due 23:00; the reply at 01:00 reports the breach at
// 23:00 (2 Nov) and stops the clock breached on 3 Nov with 3 h used (2 h overdue).
// Resolution due 02:00; paused 01:30 with 3.5 h used, resumed 10:00 with 30 min left (due
// 10:30); resolved 12:00: breach reported at 10:30, stop breached with 5.5 h used (1.5 h
// overdue), 14 h after creation.
const B = ticketLog('B', 'urgent', '2026-11-02T22:00:00Z', [
  { reply: '2026-11-03T01:00:00Z' },
  { status: 'waiting', at: '2026-11-03T01:30:00Z' },
  { status: 'open', at: '2026-11-03T10:00:00Z' },
  { status: 'resolved', at: '2026-11-03T12:00:00Z' },
]);
// C, normal, 3 Nov 08:00, nothing ever happens: first response due 10:00, resolution due
// 16:00. The log never reports these breaches: they are inferred.
const C = ticketLog('C', 'normal', '2026-11-03T08:00:00Z', []);
// D, normal, 3 Nov 09:00; 09:30 priority low: first response cancelled, resolution retargeted
// to 600 min; resolved 15:00 (met, 6 h); reopened 4 Nov 09:00 (4 h left); resolved 10:00 (met
// again, 7 h used, 25 h after creation).
const D = ticketLog('D', 'normal', '2026-11-03T09:00:00Z', [
  { priority: 'low', at: '2026-11-03T09:30:00Z' },
  { status: 'resolved', at: '2026-11-03T15:00:00Z' },
  { status: 'open', at: '2026-11-04T09:00:00Z' },
  { status: 'resolved', at: '2026-11-04T10:00:00Z' },
]);
// E, urgent, 4 Nov 20:00: first response due 21:00, resolution due 5 Nov 00:00 (the end of
// the last period: not breached by then, since a clock breaches only after its due instant).
const E = ticketLog('E', 'urgent', '2026-11-04T20:00:00Z', []);
// E', the same ticket where the host's timer ran checkBreaches at 21:30: the breach is reported.
const Echecked = ticketLog('E', 'urgent', '2026-11-04T20:00:00Z', [
  { check: '2026-11-04T21:30:00Z' },
]);

const days = { zone: 'UTC', unit: 'day', from: '2026-11-02', to: '2026-11-05' } as const;
const log = interleave(A, B, C, D, E);

const none = { count: 0, mean: null, p50: null, p90: null, p95: null, max: null };
const one = (ms: number) => ({ count: 1, mean: ms, p50: ms, p90: ms, p95: ms, max: ms });
const two = (a: number, b: number) => ({
  count: 2,
  mean: (a + b) / 2,
  p50: a,
  p90: b,
  p95: b,
  max: b,
});

function row(report: KpiReport, period: string, metric: string, priority?: string): KpiRow {
  const found = report.rows.find(
    (r) => r.period === period && r.metric === metric && r.priority === priority,
  );
  if (found === undefined) throw new Error(`no row ${period} ${metric} ${priority ?? ''}`);
  return found;
}

describe('counting rules, by hand', () => {
  const report = computeKpis(log, { periods: days });

  it('has a row per period and metric, in order', () => {
    expect(report.rows.map((r) => `${r.period} ${r.metric}`)).toEqual([
      '2026-11-02 firstResponse',
      '2026-11-02 resolution',
      '2026-11-03 firstResponse',
      '2026-11-03 resolution',
      '2026-11-04 firstResponse',
      '2026-11-04 resolution',
    ]);
    expect(report.asOf).toBe(at('2026-11-05T00:00:00Z'));
    expect(report.periods.map((p) => [p.label, p.partial])).toEqual([
      ['2026-11-02', false],
      ['2026-11-03', false],
      ['2026-11-04', false],
    ]);
    expect(Object.isFrozen(report.rows[0]?.businessMs)).toBe(true);
  });

  it('2 November', () => {
    expect(row(report, '2026-11-02', 'firstResponse')).toEqual({
      period: '2026-11-02',
      partial: false,
      metric: 'firstResponse',
      met: 1, // A
      breached: 1, // B at 23:00
      cancelled: 0,
      reopened: 0,
      compliance: { met: 1, measured: 2, ratio: 0.5 },
      openAtEnd: 1, // B, past due
      breachedOpenAtEnd: 1,
      businessMs: one(30 * MIN),
      elapsedMs: one(30 * MIN),
      overdueMs: none,
    });
    expect(row(report, '2026-11-02', 'resolution')).toMatchObject({
      met: 1,
      breached: 0,
      compliance: { met: 1, measured: 1, ratio: 1 },
      openAtEnd: 1, // B, due 02:00
      breachedOpenAtEnd: 0,
      businessMs: one(3 * HOUR),
      elapsedMs: one(3 * HOUR),
      overdueMs: none,
    });
  });

  it('3 November', () => {
    expect(row(report, '2026-11-03', 'firstResponse')).toMatchObject({
      met: 0,
      breached: 1, // C, inferred at 10:00; B's breached stop is not a second breach
      cancelled: 1, // D
      compliance: { met: 0, measured: 1, ratio: 0 },
      openAtEnd: 1, // C
      breachedOpenAtEnd: 1,
      // B's breached stop counts here, in the period of its stop.
      businessMs: one(3 * HOUR),
      elapsedMs: one(3 * HOUR),
      overdueMs: one(2 * HOUR),
    });
    expect(row(report, '2026-11-03', 'resolution')).toMatchObject({
      met: 1, // D
      breached: 2, // B at 10:30, C inferred at 16:00
      cancelled: 0,
      reopened: 0,
      compliance: { met: 1, measured: 3, ratio: 1 / 3 },
      openAtEnd: 1, // C
      breachedOpenAtEnd: 1,
      businessMs: two(5.5 * HOUR, 6 * HOUR), // B, D
      elapsedMs: two(6 * HOUR, 14 * HOUR), // D, B
      overdueMs: one(1.5 * HOUR),
    });
  });

  it('4 November', () => {
    expect(row(report, '2026-11-04', 'firstResponse')).toMatchObject({
      met: 0,
      breached: 1, // E, inferred at 21:00
      compliance: { met: 0, measured: 1, ratio: 0 },
      openAtEnd: 2, // C, E
      breachedOpenAtEnd: 2,
      businessMs: none,
    });
    expect(row(report, '2026-11-04', 'resolution')).toMatchObject({
      met: 1, // D again, after its reopening
      breached: 0,
      reopened: 1,
      compliance: { met: 1, measured: 1, ratio: 1 },
      openAtEnd: 2, // C (breached), E (due exactly at the period's end)
      breachedOpenAtEnd: 1,
      businessMs: one(7 * HOUR),
      elapsedMs: one(25 * HOUR),
      overdueMs: none,
    });
  });

  it('groups by the priority the counted event carries', () => {
    const grouped = computeKpis(log, { periods: days, groupBy: ['priority'] });
    expect(
      grouped.rows.map(
        (r) =>
          `${r.period} ${r.metric} ${r.priority}: ${r.met}/${r.breached}/${r.cancelled}/${r.reopened} open ${r.openAtEnd}/${r.breachedOpenAtEnd}`,
      ),
    ).toEqual([
      '2026-11-02 firstResponse urgent: 1/1/0/0 open 1/1',
      '2026-11-02 resolution urgent: 1/0/0/0 open 1/0',
      // D's cancellation was caused by the change to low, so it carries low.
      '2026-11-03 firstResponse low: 0/0/1/0 open 0/0',
      '2026-11-03 firstResponse normal: 0/1/0/0 open 1/1',
      // B's stop counts for durations only (its breach was on the 2nd).
      '2026-11-03 firstResponse urgent: 0/0/0/0 open 0/0',
      '2026-11-03 resolution low: 1/0/0/0 open 0/0',
      '2026-11-03 resolution normal: 0/1/0/0 open 1/1',
      '2026-11-03 resolution urgent: 0/1/0/0 open 0/0',
      '2026-11-04 firstResponse normal: 0/0/0/0 open 1/1',
      '2026-11-04 firstResponse urgent: 0/1/0/0 open 1/1',
      '2026-11-04 resolution low: 1/0/0/1 open 0/0',
      '2026-11-04 resolution normal: 0/0/0/0 open 1/1',
      '2026-11-04 resolution urgent: 0/0/0/0 open 1/0',
    ]);
    expect(row(grouped, '2026-11-03', 'firstResponse', 'urgent').overdueMs).toEqual(one(2 * HOUR));
  });

  it('counts a breach inferred, then reported, once', () => {
    const reported = computeKpis(interleave(A, B, C, D, Echecked), { periods: days });
    expect(row(reported, '2026-11-04', 'firstResponse').breached).toBe(1);
    expect(reported).toEqual(report);
    const inferred = kpiItemsOf(log, { periods: days }).periods[2]?.breaches;
    const fromEvent = kpiItemsOf(interleave(A, B, C, D, Echecked), { periods: days }).periods[2]
      ?.breaches;
    const e = (E[0] as SlaEvent).id; // E's sla.started carried the due instant
    expect(inferred).toEqual([
      {
        ticketId: 'E',
        metric: 'firstResponse',
        priority: 'urgent',
        at: at('2026-11-04T21:00:00Z'),
        targetMs: HOUR,
        usedMs: HOUR,
        overdueMs: 0,
        eventIds: [e],
        inferred: true,
      },
    ]);
    expect(fromEvent).toEqual([{ ...inferred?.[0], eventIds: ['E/sla/3'], inferred: false }]);
    expect(Echecked[2]?.type).toBe('sla.breached');
  });

  it('keeps a closed period unchanged by later events', () => {
    // Later: C is answered and resolved, E resolved, a new ticket F breaches and stops.
    const Clater = ticketLog('C', 'normal', '2026-11-03T08:00:00Z', [
      { reply: '2026-11-06T09:00:00Z' },
      { status: 'resolved', at: '2026-11-06T10:00:00Z' },
    ]);
    const Elater = ticketLog('E', 'urgent', '2026-11-04T20:00:00Z', [
      { reply: '2026-11-05T00:30:00Z' },
      { status: 'resolved', at: '2026-11-05T02:00:00Z' },
    ]);
    const F = ticketLog('F', 'urgent', '2026-11-05T08:00:00Z', [
      { status: 'resolved', at: '2026-11-05T20:00:00Z' },
    ]);
    const later = interleave(F, Elater, A, Clater, D, B);
    expect(computeKpis(later, { periods: days })).toEqual(report);
    // Reported over a longer range, the three closed days read the same.
    const longer = computeKpis(later, {
      periods: { zone: 'UTC', unit: 'day', from: '2026-11-02', to: '2026-11-08' },
    });
    expect(longer.rows.slice(0, 6)).toEqual(report.rows);
    // E's resolution breach lands at 5 Nov 00:00, the first instant of the next day.
    expect(row(longer, '2026-11-05', 'resolution').breached).toBe(2); // E, F
  });

  it('takes partial rows as of asOf', () => {
    // 3 Nov 11:00: B's resolution breach (10:30) is in, its stop (12:00) not yet; C's first
    // response breach (10:00) is inferred, its resolution (due 16:00) not yet.
    const partial = computeKpis(log, { periods: days, asOf: '2026-11-03T11:00:00Z' });
    expect(partial.periods.map((p) => p.partial)).toEqual([false, true, true]);
    expect(partial.rows.slice(0, 2)).toEqual(report.rows.slice(0, 2));
    expect(row(partial, '2026-11-03', 'firstResponse')).toMatchObject({
      partial: true,
      breached: 1, // C
      cancelled: 1, // D
      openAtEnd: 1, // C
      breachedOpenAtEnd: 1,
      businessMs: one(3 * HOUR), // B's stop at 01:00
    });
    expect(row(partial, '2026-11-03', 'resolution')).toMatchObject({
      met: 0,
      breached: 1, // B
      openAtEnd: 3, // B (breached), C, D (due 19:00)
      breachedOpenAtEnd: 1,
      businessMs: none,
    });
    // A period that has not begun by asOf counts nothing, and its end figures are at asOf.
    expect(row(partial, '2026-11-04', 'resolution')).toMatchObject({
      met: 0,
      breached: 0,
      reopened: 0,
      openAtEnd: 3,
      breachedOpenAtEnd: 1,
    });
  });

  it('gives the same report from merged summaries and from JSON', () => {
    const [ac, eb, d] = [interleave(A, C), interleave(E, B), D].map((part) =>
      jsonCopy(summariseKpis(part, { periods: days })),
    ) as [KpiSummary, KpiSummary, KpiSummary];
    expect(kpisFromSummary(mergeKpiSummaries(ac, eb, d))).toEqual(report);
    expect(kpisFromSummary(mergeKpiSummaries(d, mergeKpiSummaries(ac, eb)))).toEqual(report);
    expect(computeKpis(jsonCopy(log), { periods: days })).toEqual(report);
  });

  it('leaves the input untouched and drops exact re-deliveries', () => {
    const copy = jsonCopy(log);
    const again = [...log.slice(0, 10), ...log.slice(0, 10), ...log.slice(10)];
    expect(computeKpis(again, { periods: days })).toEqual(report);
    expect(log).toEqual(copy);
  });

  it('excludes tickets from the counted items', () => {
    const items = kpiItemsOf(log, { periods: days, exclude: ['C', 'B', 'C'] });
    expect(items.excluded).toEqual(['B', 'C']);
    const nov3 = items.periods[1];
    expect(nov3?.breaches).toEqual([]);
    expect(nov3?.stops.map((s) => [s.ticketId, s.metric, s.outcome, s.usedMs])).toEqual([
      ['D', 'resolution', 'met', 6 * HOUR],
    ]);
    const all = kpiItemsOf(log, { periods: days }).periods[1];
    expect(all?.breaches.map((b) => [b.ticketId, b.metric, b.at, b.inferred])).toEqual([
      ['C', 'firstResponse', at('2026-11-03T10:00:00Z'), true],
      ['B', 'resolution', at('2026-11-03T10:30:00Z'), false],
      ['C', 'resolution', at('2026-11-03T16:00:00Z'), true],
    ]);
    expect(all?.stops.find((s) => s.ticketId === 'B' && s.metric === 'resolution')).toEqual({
      ticketId: 'B',
      metric: 'resolution',
      priority: 'urgent',
      outcome: 'breached',
      at: at('2026-11-03T12:00:00Z'),
      targetMs: 4 * HOUR,
      usedMs: 5.5 * HOUR,
      overdueMs: 1.5 * HOUR,
      elapsedMs: 14 * HOUR,
      eventIds: ['B/sla/8'],
    });
  });
});

describe('period boundaries across a DST change', () => {
  // London, autumn 2026: clocks go back at 01:00 BST on Sunday 25 October, so the 25th runs
  // from 24 Oct 23:00Z to 26 Oct 00:00Z (25 hours).
  const london = alwaysOpen('Europe/London');
  const range = {
    zone: 'Europe/London',
    unit: 'day',
    from: '2026-10-24',
    to: '2026-10-27',
  } as const;

  it('counts by local day, not by UTC day', () => {
    // Met at 24 Oct 23:30Z = 00:30 BST on the 25th; met at 26 Oct 00:30Z = 00:30 GMT on the 26th;
    // met at 25 Oct 23:30Z = 23:30 GMT, still the 25th.
    const P = ticketLog(
      'P',
      'urgent',
      '2026-10-24T23:00:00Z',
      [{ reply: '2026-10-24T23:30:00Z' }],
      london,
    );
    const Q = ticketLog(
      'Q',
      'urgent',
      '2026-10-25T23:00:00Z',
      [{ reply: '2026-10-25T23:30:00Z' }],
      london,
    );
    const R = ticketLog(
      'R',
      'urgent',
      '2026-10-26T00:00:00Z',
      [{ reply: '2026-10-26T00:30:00Z' }],
      london,
    );
    // S opens at 24 Oct 22:59Z (23:59 BST on the 24th): open at the end of the 24th.
    const S = ticketLog(
      'S',
      'urgent',
      '2026-10-24T22:59:00Z',
      [{ reply: '2026-10-24T23:10:00Z' }],
      london,
    );
    const report = computeKpis(interleave(P, Q, R, S), { periods: range });
    const fr = report.rows.filter((r) => r.metric === 'firstResponse');
    expect(fr.map((r) => [r.period, r.met, r.openAtEnd])).toEqual([
      ['2026-10-24', 0, 1],
      // P, Q, S; R starts at the 26th's first instant, so it is not open at the 25th's end.
      ['2026-10-25', 3, 0],
      ['2026-10-26', 1, 0],
    ]);
    const day25 = report.periods[1];
    expect(day25 === undefined ? 0 : day25.to - day25.from).toBe(25 * HOUR);
  });

  it('counts a breach at the boundary in the period it starts', () => {
    // Urgent first response due 60 min after 24 Oct 22:00Z = 23:00Z, the first instant of the
    // 25th in London: it breaches on the 25th, and at the end of the 24th it was not yet late.
    const T = ticketLog(
      'T',
      'urgent',
      '2026-10-24T22:00:00Z',
      [{ reply: '2026-10-25T08:00:00Z' }],
      london,
    );
    const report = computeKpis(T, { periods: range });
    const fr = report.rows.filter((r) => r.metric === 'firstResponse');
    expect(fr.map((r) => [r.period, r.breached, r.openAtEnd, r.breachedOpenAtEnd])).toEqual([
      ['2026-10-24', 0, 1, 0],
      ['2026-10-25', 1, 0, 0],
      ['2026-10-26', 0, 0, 0],
    ]);
  });
});
