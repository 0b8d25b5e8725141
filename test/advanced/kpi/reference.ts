import type { Period } from '../../../src/advanced/shared/period.js';
import {
  applyEvent,
  checkBreaches,
  SLA_METRICS,
  type SlaBinding,
  type SlaEvent,
  type SlaMetric,
  slaStatus,
  startSla,
  type TicketEvent,
  type TicketSlaState,
} from '../../../src/index.js';

// A naive, obviously-correct reference for KPI reports: each ticket is replayed step by step
// with the clock, its state read with slaStatus at every period end, and the numbers counted
// straight from the definitions, with no streaming, no summaries and no shortcuts.

export interface TicketCase {
  readonly binding: SlaBinding;
  readonly events: readonly TicketEvent[];
  /** checkBreaches just before the event with the same index (a host's timer firing then). */
  readonly checks: readonly boolean[];
  /** checkBreaches this long after the last event, if set. */
  readonly finalCheckAfter?: number;
}

/** The SLA events the case's ticket emits, in order. */
export function logOf(ticket: TicketCase): SlaEvent[] {
  const { calendar } = ticket.binding;
  let { state, events } = startSla(ticket.binding);
  const log: SlaEvent[] = [...events];
  ticket.events.forEach((event, i) => {
    if (ticket.checks[i] === true) {
      ({ state, events } = checkBreaches(state, event.at, { calendar }));
      log.push(...events);
    }
    ({ state, events } = applyEvent(state, event, { calendar }));
    log.push(...events);
  });
  if (ticket.finalCheckAfter !== undefined) {
    ({ state, events } = checkBreaches(state, state.lastEventAt + ticket.finalCheckAfter, {
      calendar,
    }));
    log.push(...events);
  }
  return log;
}

/** The state after every ticket event strictly before `t` (creation only if none). */
function stateBefore(ticket: TicketCase, t: number): TicketSlaState {
  const { calendar } = ticket.binding;
  let { state } = startSla(ticket.binding);
  for (const event of ticket.events) {
    if ((event.at as number) >= t) break;
    ({ state } = applyEvent(state, event, { calendar }));
  }
  return state;
}

interface Tally {
  period: number;
  metric: SlaMetric;
  priority: string | undefined;
  met: number;
  breached: number;
  cancelled: number;
  reopened: number;
  openAtEnd: number;
  breachedOpenAtEnd: number;
  businessMs: number[];
  elapsedMs: number[];
  overdueMs: number[];
}

function stats(values: readonly number[]) {
  if (values.length === 0)
    return { count: 0, mean: null, p50: null, p90: null, p95: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (p: number) => sorted[Math.max(1, Math.ceil((p * n) / 100)) - 1];
  const sum = sorted.reduce((s, v) => s + BigInt(v), 0n);
  const abs = sum < 0n ? -sum : sum;
  let q = abs / BigInt(n);
  if (2n * (abs % BigInt(n)) >= BigInt(n)) q += 1n;
  return {
    count: n,
    mean: Number(sum < 0n ? -q : q),
    p50: at(50),
    p90: at(90),
    p95: at(95),
    max: sorted[n - 1],
  };
}

/** The report rows the definitions give for these tickets. */
export function naiveKpiRows(
  tickets: readonly TicketCase[],
  periods: readonly Period[],
  asOf: number,
  grouped: boolean,
): unknown[] {
  const tallies = new Map<string, Tally>();
  const tally = (period: number, metric: SlaMetric, priority: string): Tally => {
    const key = `${period}|${metric}|${grouped ? priority : ''}`;
    let t = tallies.get(key);
    if (t === undefined) {
      t = {
        period,
        metric,
        priority: grouped ? priority : undefined,
        met: 0,
        breached: 0,
        cancelled: 0,
        reopened: 0,
        openAtEnd: 0,
        breachedOpenAtEnd: 0,
        businessMs: [],
        elapsedMs: [],
        overdueMs: [],
      };
      tallies.set(key, t);
    }
    return t;
  };
  const periodOf = (t: number) => periods.findIndex((p) => p.from <= t && t < p.to);

  for (const ticket of tickets) {
    const log = logOf(ticket);
    if (log.length === 0) continue; // created stopped, and never reopened: no clock, no events
    const createdAt = (log[0] as SlaEvent).at;
    const bornAt = ticket.binding.createdAt as number;
    const lastOf = (metric: SlaMetric, before: number) =>
      log.filter((e) => e.metric === metric && e.at < before).at(-1);

    // Events in their period (and before asOf).
    for (const e of log) {
      const k = periodOf(e.at);
      if (k < 0 || e.at >= asOf) continue;
      if (e.type === 'sla.reopened') tally(k, e.metric, e.priority).reopened += 1;
      if (e.type !== 'sla.stopped') continue;
      const t = tally(k, e.metric, e.priority);
      if (e.outcome === 'cancelled') {
        t.cancelled += 1;
        continue;
      }
      if (e.outcome === 'met') t.met += 1;
      else t.overdueMs.push(e.usedMs - e.targetMs);
      t.businessMs.push(e.usedMs);
      t.elapsedMs.push(e.at - createdAt);
    }

    // Each clock's breach, once, at its instant: reported, or else as the clock stood at asOf.
    const atAsOf =
      asOf > bornAt
        ? slaStatus(stateBefore(ticket, asOf), asOf, { calendar: ticket.binding.calendar })
        : {};
    for (const metric of SLA_METRICS) {
      const reported = log.find(
        (e) => e.type === 'sla.breached' && e.metric === metric && e.at < asOf,
      );
      const breachedAt = reported?.at ?? atAsOf[metric]?.breachedAt ?? null;
      if (breachedAt === null) continue;
      const k = periodOf(breachedAt);
      if (k < 0) continue;
      const priority = (reported ?? lastOf(metric, asOf))?.priority as string;
      tally(k, metric, priority).breached += 1;
    }

    // Clocks open at each period's end (at asOf for a partial period).
    periods.forEach((p, k) => {
      const end = Math.min(p.to, asOf);
      if (end <= bornAt) return;
      const status = slaStatus(stateBefore(ticket, end), end, {
        calendar: ticket.binding.calendar,
      });
      for (const metric of SLA_METRICS) {
        const s = status[metric];
        if (s === undefined || s.phase === 'stopped') continue;
        const t = tally(k, metric, lastOf(metric, end)?.priority as string);
        t.openAtEnd += 1;
        if (s.breached) t.breachedOpenAtEnd += 1;
      }
    });
  }

  const rows: Tally[] = [];
  if (grouped) {
    rows.push(...tallies.values());
    rows.sort(
      (a, b) =>
        a.period - b.period ||
        SLA_METRICS.indexOf(a.metric) - SLA_METRICS.indexOf(b.metric) ||
        ((a.priority as string) < (b.priority as string) ? -1 : 1),
    );
  } else {
    periods.forEach((_, k) => {
      for (const metric of SLA_METRICS) rows.push(tally(k, metric, ''));
    });
  }
  return rows.map((t) => {
    const p = periods[t.period] as Period;
    const measured = t.met + t.breached;
    return {
      period: p.label,
      partial: p.to > asOf,
      metric: t.metric,
      ...(t.priority === undefined ? {} : { priority: t.priority }),
      met: t.met,
      breached: t.breached,
      cancelled: t.cancelled,
      reopened: t.reopened,
      compliance: measured === 0 ? null : { met: t.met, measured, ratio: t.met / measured },
      openAtEnd: t.openAtEnd,
      breachedOpenAtEnd: t.breachedOpenAtEnd,
      businessMs: stats(t.businessMs),
      elapsedMs: stats(t.elapsedMs),
      overdueMs: stats(t.overdueMs),
    };
  });
}
