import { MAX_INSTANT } from '../calendar/types.js';
import { SLA_METRICS } from '../sla/types.js';
import { stateOf } from './clock-input.js';
import { expectGrace } from './grace.js';
import type { TicketSlaState } from './types.js';

/**
 * The options of {@link nextCheckAt}: the grace the host passes to checkBreaches too.
 *
 * @example
 * ```ts
 * const options: NextCheckOptions = { graceMs: 10 * 60_000 };
 * const at = nextCheckAt(state, options);
 * ```
 */
export interface NextCheckOptions {
  /** Milliseconds (a whole number ≥ 0) to wait past a due instant; default 0. */
  readonly graceMs?: number;
}

/**
 * The earliest instant at which `checkBreaches` (with the same `graceMs`) would emit something:
 * one millisecond past the due instant plus the grace of the earliest running, unbreached
 * clock; `null` when no clock can breach without a new event. Hosts schedule their timer with
 * it; nothing polls.
 *
 * @example
 * ```ts
 * const at = nextCheckAt(state);
 * if (at !== null) scheduler.at(at, () => checkBreaches(load(ticketId), at, { calendar }));
 * ```
 */
export function nextCheckAt(state: TicketSlaState, options?: NextCheckOptions): number | null {
  const current = stateOf(state);
  const graceMs = expectGrace(options);
  let earliest: number | null = null;
  for (const metric of SLA_METRICS) {
    const clock = current.clocks[metric];
    if (clock === undefined || clock.phase !== 'running' || clock.breachedAt !== null) continue;
    const at = Math.max(clock.dueAt + graceMs + 1, current.notBefore);
    // A clock due at the very end of the supported range cannot breach within it.
    if (at >= MAX_INSTANT) continue;
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}
