import type { InstantInput } from '../calendar/types.js';
import { deepFreeze } from '../shared/read.js';
import { clockCallAt, remember } from './clock-input.js';
import { newDraft, reportBreaches } from './reconcile.js';
import type { ClockOptions, SlaTransition, TicketSlaState } from './types.js';

/**
 * Emits `sla.breached` for every clock that has breached by `now` and was not reported yet;
 * calling it again emits nothing new. Breach is derived from the history (a clock breaches
 * when time passes its due instant), never from when this is called. Events earlier than a
 * breach it reports can no longer be applied.
 *
 * @example
 * ```ts
 * const due = nextCheckAt(state); // schedule a timer for this instant, then:
 * const { state: next, events } = checkBreaches(state, due, { calendar: uk });
 * ```
 */
export function checkBreaches(
  state: TicketSlaState,
  now: InstantInput,
  options: ClockOptions,
): SlaTransition {
  const { state: current, calendar, t } = clockCallAt(state, now, options, 'checkBreaches(now)');
  const draft = newDraft(current, calendar, null);
  const reportedAt = reportBreaches(draft, t);
  if (reportedAt.length === 0) return deepFreeze({ state: current, events: [] });
  const next = {
    ...current,
    // A reported breach is part of the history: nothing at or before it may be applied now.
    notBefore: Math.max(current.notBefore, ...reportedAt.map((at) => at + 1)),
    emitted: draft.emitted,
    clocks: draft.clocks,
  };
  return deepFreeze({ state: remember(deepFreeze(next)), events: draft.events });
}
