import type { InstantInput } from '../calendar/types.js';
import { deepFreeze } from '../shared/read.js';
import { SLA_METRICS, type SlaMetric } from '../sla/types.js';
import { clockCallAt } from './clock-input.js';
import { breachBy, clockAt } from './clock-math.js';
import type { ClockOptions, ClockOutcome, ClockPhase, TicketSlaState } from './types.js';

/**
 * One metric's SLA as it stands at an instant, from {@link slaStatus}. Durations are business
 * milliseconds.
 *
 * @example
 * ```ts
 * const resolution: MetricStatus | undefined = slaStatus(state, now, { calendar: uk }).resolution;
 * if (resolution?.breached) badge('overdue');
 * else if (resolution?.phase === 'running') badge(`${formatBusinessDuration(resolution.remainingMs)} left`);
 * ```
 */
export interface MetricStatus {
  readonly phase: ClockPhase;
  /** The target; a stopped clock keeps its last one. */
  readonly targetMs: number;
  /** Business time used by the instant asked about. */
  readonly usedMs: number;
  /** Negative when overdue. */
  readonly remainingMs: number;
  /** `null` unless running. */
  readonly dueAt: number | null;
  /** Whether the clock has breached by the instant asked about (once breached, always breached). */
  readonly breached: boolean;
  /** `null` unless breached. */
  readonly breachedAt: number | null;
  /** `null` unless stopped. */
  readonly outcome: ClockOutcome | null;
}

/**
 * Where a ticket's SLAs stand at an instant: one {@link MetricStatus} for each metric that has
 * ever had a clock (a metric the priority never targeted is absent).
 *
 * @example
 * ```ts
 * const status: SlaStatus = slaStatus(state, now, { calendar: uk });
 * const overdue = SLA_METRICS.filter((metric) => status[metric]?.breached === true);
 * ```
 */
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
  // Not before the last event, nor at or before a breach checkBreaches already reported: the
  // state records that breach, so it can no longer answer for earlier instants.
  const { state: current, calendar, t } = clockCallAt(state, now, options, 'slaStatus(now)');
  const status: Partial<Record<SlaMetric, MetricStatus>> = {};
  for (const metric of SLA_METRICS) {
    const clock = current.clocks[metric];
    if (clock === undefined) continue;
    const breachedAt = breachBy(clock, t);
    status[metric] = {
      ...clockAt(clock, t, calendar),
      breached: breachedAt !== null,
      breachedAt,
      outcome: clock.outcome,
    };
  }
  return deepFreeze(status);
}
