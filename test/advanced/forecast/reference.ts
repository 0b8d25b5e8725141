import type { SlaEvent, SlaMetric } from '../../../src/index.js';

// Naive, obviously-correct references for the forecast engine: the Kaplan–Meier estimate
// evaluated straight from its definition (no sorting tricks, no running counts), and the
// breach model's reading of an SLA log written as filters over each clock's events.

export interface Sample {
  readonly x: number;
  readonly observed: boolean;
}

/** S(x) = Π over distinct observed times t ≤ x of (1 − d(t) / n(t)), n(t) = #{x_i ≥ t}. */
export function naiveSurvival(samples: readonly Sample[], x: number): number {
  const times = [...new Set(samples.filter((s) => s.observed).map((s) => s.x))].sort(
    (a, b) => a - b,
  );
  let survival = 1;
  for (const t of times) {
    if (t > x) break;
    const atRisk = samples.filter((s) => s.x >= t).length;
    const stops = samples.filter((s) => s.observed && s.x === t).length;
    survival *= 1 - stops / atRisk;
  }
  return survival;
}

/** The distinct observed times, each with its risk set and stops, in increasing order. */
export function naiveSteps(
  samples: readonly Sample[],
): { x: number; atRisk: number; stops: number }[] {
  const times = [...new Set(samples.filter((s) => s.observed).map((s) => s.x))].sort(
    (a, b) => a - b,
  );
  return times.map((t) => ({
    x: t,
    atRisk: samples.filter((s) => s.x >= t).length,
    stops: samples.filter((s) => s.observed && s.x === t).length,
  }));
}

export interface NaiveClock extends Sample {
  readonly ticketId: string;
  readonly priority: string;
}

/**
 * Each clock of `metric` in the log as of `asOf`: at its first stop (observed unless cancelled
 * without having breached), or censored at its last event before asOf; filed under the
 * priority of its last event before that stop.
 */
export function naiveClocks(
  events: readonly SlaEvent[],
  asOf: number,
  metric: SlaMetric,
): NaiveClock[] {
  const seen = new Set<string>();
  const unique = events.filter((e) => {
    if (seen.has(e.id)) return false;
    seen.add(e.id);
    return true;
  });
  const tickets = [...new Set(unique.map((e) => e.ticketId))];
  const clocks: NaiveClock[] = [];
  for (const ticketId of tickets) {
    const own = unique.filter(
      (e) => e.ticketId === ticketId && e.metric === metric && e.at <= asOf,
    );
    if (own.length === 0) continue;
    const stop = own.findIndex((e) => e.type === 'sla.stopped');
    if (stop === -1) {
      const last = own[own.length - 1] as SlaEvent;
      clocks.push({
        ticketId,
        priority: last.priority,
        x: last.usedMs / last.targetMs,
        observed: false,
      });
      continue;
    }
    const event = own[stop] as SlaEvent;
    const before = own.slice(0, stop);
    const outcome = event.type === 'sla.stopped' ? event.outcome : undefined;
    const breached = outcome === 'breached' || before.some((e) => e.type === 'sla.breached');
    clocks.push({
      ticketId,
      priority:
        before.length === 0 ? event.priority : (before[before.length - 1] as SlaEvent).priority,
      x: event.usedMs / event.targetMs,
      observed: outcome !== 'cancelled' || breached,
    });
  }
  return clocks;
}

/**
 * The conditional quantile of the stop: the first observed time t > v whose S(t) is at most
 * `level` × S(v) (1e-9 relative slack, as the engine documents), or null.
 */
export function naiveQuantile(samples: readonly Sample[], v: number, level: number): number | null {
  const sv = naiveSurvival(samples, v);
  for (const step of naiveSteps(samples)) {
    if (step.x <= v) continue;
    if (naiveSurvival(samples, step.x) <= sv * level * (1 + 1e-9)) return step.x;
  }
  return null;
}
