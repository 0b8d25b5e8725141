import type { EscalationPlan } from '../../../src/advanced/index.js';
import {
  businessMillisBetween,
  type Calendar,
  type SlaEvent,
  type SlaMetric,
} from '../../../src/index.js';

// A naive, obviously-correct reference of escalation levels, kept in the tests. It replays the
// SLA event log, and between two moments (SLA events, or priority changes the host observed)
// it steps the clock minute by minute, measuring used business time with
// businessMillisBetween, and finds each level's first instant by bisecting the minute in which
// it is crossed. It never calls addBusinessMillis, and knows nothing of the engine's state.

const MINUTE = 60_000;

export interface Observation {
  /** SLA events, in log order. */
  readonly events: readonly SlaEvent[];
  /** The ticket's priority after them (a change that kept the targets emits no SLA event). */
  readonly priority: string;
  /** From when that priority counts. */
  readonly at: number;
}

export interface ReferenceReport {
  readonly levelId: string;
  readonly metric: SlaMetric;
  readonly at: number;
  readonly usedMs: number;
  readonly targetMs: number;
  readonly catchUp: boolean;
}

interface Clock {
  phase: string;
  targetMs: number;
  usedMs: number;
  since: number;
}

function threshold(level: EscalationPlan['levels'][number], targetMs: number): number {
  if (level.percent !== undefined) {
    // ⌈T · p / 100⌉ with p in hundredths, in exact integers.
    const hundredths = BigInt(Math.round(level.percent * 100));
    const product = BigInt(targetMs) * hundredths;
    const q = product / 10_000n;
    return Number(q * 10_000n === product ? q : q + 1n);
  }
  if (level.beforeDue !== undefined)
    return Math.max(0, targetMs - Math.round(level.beforeDue * MINUTE));
  return targetMs + Math.round((level.afterDue ?? 0) * MINUTE);
}

export function referenceEscalations(
  plan: EscalationPlan,
  calendar: Calendar,
  observations: readonly Observation[],
  horizon: number,
): ReferenceReport[] {
  type Moment =
    | { kind: 'event'; event: SlaEvent }
    | { kind: 'priority'; priority: string; at: number };
  const moments: Moment[] = [];
  for (const o of observations) {
    for (const event of o.events) moments.push({ kind: 'event', event });
    moments.push({ kind: 'priority', priority: o.priority, at: o.at });
  }
  const clocks: Partial<Record<SlaMetric, Clock>> = {};
  const reported = plan.levels.map(() => false);
  let priority: string | null = null;
  const out: ReferenceReport[] = [];

  const used = (clock: Clock, t: number): number =>
    clock.phase === 'running'
      ? clock.usedMs + businessMillisBetween(calendar, clock.since, t)
      : clock.usedMs;

  /** Every level reached in [from, to], by stepping; reported in time order. */
  function scan(from: number, to: number): void {
    if (to < from) return;
    type Found = { i: number; at: number; used: number; catchUp: boolean; thr: number };
    const found: Found[] = [];
    for (const metric of ['firstResponse', 'resolution'] as const) {
      const clock = clocks[metric];
      if (clock === undefined || clock.phase !== 'running') continue;
      const open = plan.levels
        .map((level, i) => ({ level, i, thr: threshold(level, clock.targetMs) }))
        .filter(
          ({ level, i }) =>
            level.metric === metric &&
            !reported[i] &&
            priority !== null &&
            (level.priorities === undefined || level.priorities.includes(priority)),
        );
      if (open.length === 0) continue;
      const atStart = used(clock, from);
      const atEnd = used(clock, to);
      const pending = [];
      for (const o of open) {
        if (o.thr <= atStart)
          found.push({ i: o.i, at: from, used: atStart, catchUp: true, thr: o.thr });
        // Used time only grows: a threshold not met at the end is not crossed in between.
        else if (o.thr <= atEnd) pending.push(o);
      }
      let previous = from;
      for (let t = from; pending.length > 0 && previous < to; ) {
        t = Math.min(to, t + MINUTE);
        const u = used(clock, t);
        for (const o of [...pending]) {
          if (o.thr > u) continue;
          // The first millisecond in (previous, t] at which the used time reaches the threshold.
          let lo = previous;
          let hi = t;
          while (hi - lo > 1) {
            const mid = lo + Math.floor((hi - lo) / 2);
            if (used(clock, mid) >= o.thr) hi = mid;
            else lo = mid;
          }
          found.push({ i: o.i, at: hi, used: used(clock, hi), catchUp: false, thr: o.thr });
          pending.splice(pending.indexOf(o), 1);
        }
        previous = t;
      }
    }
    // Levels of one metric reached at one instant are reported together.
    const order = (f: Found) => [
      f.at,
      (plan.levels[f.i] as { metric: string }).metric === 'firstResponse' ? 0 : 1,
      f.thr,
      f.i,
    ];
    found.sort((a, b) => {
      const x = order(a);
      const y = order(b);
      for (let k = 0; k < x.length; k++)
        if (x[k] !== y[k]) return (x[k] as number) - (y[k] as number);
      return 0;
    });
    for (let k = 0; k < found.length; ) {
      const first = found[k] as Found;
      const metric = plan.levels[first.i]?.metric as SlaMetric;
      const group = found.filter((f) => f.at === first.at && plan.levels[f.i]?.metric === metric);
      k += group.length;
      for (const f of group) reported[f.i] = true;
      for (const f of plan.catchUp === 'all' ? group : group.slice(-1)) {
        out.push({
          levelId: plan.levels[f.i]?.id as string,
          metric,
          at: f.at,
          usedMs: f.used,
          targetMs: (clocks[metric] as Clock).targetMs,
          catchUp: f.catchUp,
        });
      }
    }
  }

  let from: number | null = null;
  for (const moment of moments) {
    const at = moment.kind === 'event' ? moment.event.at : moment.at;
    if (from !== null) scan(from, at);
    if (moment.kind === 'event') {
      const e = moment.event;
      const before = clocks[e.metric];
      if (before !== undefined && before.targetMs !== e.targetMs) {
        plan.levels.forEach((level, i) => {
          if (level.metric === e.metric && threshold(level, e.targetMs) > e.usedMs)
            reported[i] = false;
        });
      }
      clocks[e.metric] = { phase: e.phase, targetMs: e.targetMs, usedMs: e.usedMs, since: e.at };
      priority = e.priority;
    } else {
      priority = moment.priority;
    }
    from = at;
  }
  if (from !== null) scan(from, horizon);
  return out;
}
