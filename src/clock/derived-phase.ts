import { targetMsOf } from '../sla/targets.js';
import type { SlaMetric, SlaPolicy } from '../sla/types.js';
import type { ClockPhase, TicketSlaState } from './types.js';

/**
 * The phase a metric's clock is in, from the ticket's facts: stopped when the priority does
 * not target it, the status stops the SLA, or (first response) the first response is done;
 * else paused while the status pauses it; else running.
 */
export function derivedPhase(
  policy: SlaPolicy,
  facts: Pick<TicketSlaState, 'status' | 'priority' | 'firstResponseDone'>,
  metric: SlaMetric,
): ClockPhase {
  const status = facts.status;
  if (targetMsOf(policy, facts.priority, metric) === undefined) return 'stopped';
  if (status !== null && policy.stopWhen.includes(status)) return 'stopped';
  if (metric === 'firstResponse' && facts.firstResponseDone) return 'stopped';
  if (status !== null && policy.pauseWhile.includes(status)) return 'paused';
  return 'running';
}
