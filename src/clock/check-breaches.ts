import type { InstantInput } from '../calendar/types.js';
import { deepFreeze } from '../shared/read.js';
import { clockCallAt, remember, stateData } from './clock-input.js';
import { expectGrace } from './grace.js';
import { newDraft, reportBreaches } from './reconcile.js';
import type { BreachCheckOptions, SlaTransition, TicketSlaState } from './types.js';

/**
 * Emits `sla.breached` for every clock that has breached by `now` and was not reported yet;
 * calling it again emits nothing new. Breach is derived from the history (a clock breaches
 * when time passes its due instant), never from when this is called. Events earlier than a
 * breach it reports can no longer be applied. With `graceMs`, a breach is reported only once
 * `now` is past the due instant plus the grace, so events delayed by up to the grace still apply.
 *
 * @example
 * ```ts
 * const graceMs = 10 * 60_000; // the longest a webhook is seen to arrive late
 * const due = nextCheckAt(state, { graceMs }); // schedule a timer for this instant, then:
 * const { state: next, events } = checkBreaches(state, due, { calendar: uk, graceMs });
 * ```
 */
export function checkBreaches(
  state: TicketSlaState,
  now: InstantInput,
  options: BreachCheckOptions,
): SlaTransition {
  const { state: current, calendar, t } = clockCallAt(state, now, options, 'checkBreaches(now)');
  const graceMs = expectGrace(options);
  const draft = newDraft(current, calendar, null);
  // With a grace, a clock due at d is looked at as of now − grace: events stamped up to d may
  // still arrive until then, and they decide whether it breached.
  const reportedAt = reportBreaches(draft, t - graceMs);
  if (reportedAt.length === 0) return deepFreeze({ state: current, events: [] });
  const next = {
    ...current,
    // A reported breach is part of the history: nothing at or before it may be applied now.
    notBefore: Math.max(current.notBefore, ...reportedAt.map((at) => at + 1)),
    revision: current.revision + 1,
    emitted: draft.emitted,
    clocks: draft.clocks,
  };
  const data = { index: stateData(current).index, stored: false, checked: true };
  return deepFreeze({ state: remember(deepFreeze(next), data), events: draft.events });
}
