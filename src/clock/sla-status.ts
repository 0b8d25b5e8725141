import type { InstantInput } from '../calendar/instant.js';
import { deepFreeze } from '../shared/read.js';
import { SLA_METRICS, type SlaMetric } from '../sla/types.js';
import { type ClockOptions, checkOrder } from './apply-event.js';
import { breachBy, usedAt } from './clock-math.js';
import { eventInstant } from './start-sla.js';
import { boundCalendar, stateOf } from './state-input.js';
import type { ClockOutcome, ClockPhase, TicketSlaState } from './types.js';

/** One metric's SLA as it stands at an instant. Durations are business milliseconds. */
export interface MetricStatus {
  readonly phase: ClockPhase;
  readonly targetMs: number;
  readonly usedMs: number;
  /** Negative when overdue. */
  readonly remainingMs: number;
  /** `null` unless running. */
  readonly dueAt: number | null;
  readonly breached: boolean;
  readonly breachedAt: number | null;
  /** `null` unless stopped. */
  readonly outcome: ClockOutcome | null;
}

/** Each metric that has ever had a clock. */
export type SlaStatus = Readonly<Partial<Record<SlaMetric, MetricStatus>>>;

/**
 * Where each of a ticket's SLA clocks stands at `now` (not earlier than its last event).
 *
 * @example
 * ```ts
 * slaStatus(state, '2026-11-26T17:30:00Z', { calendar: uk }).resolution?.remainingMs;
 * ```
 */
export function slaStatus(
  state: TicketSlaState,
  now: InstantInput,
  options: ClockOptions,
): SlaStatus {
  const current = stateOf(state);
  const calendar = boundCalendar(current, options);
  const t = eventInstant(now, 'now');
  checkOrder({ ...current, notBefore: current.lastEventAt }, t, 'slaStatus(now)', 'now');
  const status: Partial<Record<SlaMetric, MetricStatus>> = {};
  for (const metric of SLA_METRICS) {
    const clock = current.clocks[metric];
    if (clock === undefined) continue;
    const usedMs = usedAt(clock, t, calendar);
    const breachedAt = breachBy(clock, t);
    status[metric] = {
      phase: clock.phase,
      targetMs: clock.targetMs,
      usedMs,
      remainingMs: clock.targetMs - usedMs,
      dueAt: clock.phase === 'running' ? clock.dueAt : null,
      breached: breachedAt !== null,
      breachedAt,
      outcome: clock.outcome,
    };
  }
  return deepFreeze(status);
}
