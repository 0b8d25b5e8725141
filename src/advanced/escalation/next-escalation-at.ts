import { MAX_INSTANT } from '../../index.js';
import { expectObject } from '../../shared/read.js';
import { escalationStateOf, graceOf } from './state.js';
import type { EscalationState } from './types.js';

/**
 * The earliest instant at which {@link checkEscalations} with this grace would report a
 * level, or `null` when none can be reached without a new SLA event. Schedule one timer per
 * ticket at the earlier of this and the SLA state's `nextCheckAt`.
 *
 * @example
 * ```ts
 * const times = [nextCheckAt(slaState), nextEscalationAt(escState, { graceMs: 60_000 })];
 * const wake = Math.min(...times.filter((t): t is number => t !== null));
 * ```
 */
export function nextEscalationAt(
  escState: EscalationState,
  options: { readonly graceMs?: number } = {},
): number | null {
  const current = escalationStateOf(escState);
  const opts = expectObject(options, 'options', 'INVALID_AMOUNT', 'options { graceMs? }');
  const grace = graceOf(opts.graceMs);
  let earliest: number | null = null;
  for (const clock of Object.values(current.clocks)) {
    const at = clock?.next?.at;
    if (at !== undefined && (earliest === null || at < earliest)) earliest = at;
  }
  if (earliest === null || earliest + grace >= MAX_INSTANT) return null;
  return earliest + grace;
}
