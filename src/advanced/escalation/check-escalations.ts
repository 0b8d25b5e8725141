import type { InstantInput } from '../../index.js';
import { readInstantArgument } from '../shared/instant.js';
import type { EscalationOptions } from './observe-sla.js';
import {
  boundCalendar,
  boundPlan,
  escalationStateOf,
  finish,
  graceOf,
  optionsObject,
} from './state.js';
import { newDraft, reachUpTo } from './tracker.js';
import type { EscalationState, EscalationTransition } from './types.js';

/**
 * Reports every level reached by `now − graceMs` (default grace 0) that was not reported yet;
 * calling it again emits nothing. A reported level is never retracted: choose a grace that
 * covers the host's delivery lag of ticket events.
 *
 * @example
 * ```ts
 * const at = nextEscalationAt(escState);
 * // when the timer fires:
 * const { state, events } = checkEscalations(escState, at, { plan, calendar: uk });
 * ```
 */
export function checkEscalations(
  escState: EscalationState,
  now: InstantInput,
  options: EscalationOptions,
): EscalationTransition {
  const current = escalationStateOf(escState);
  const opts = optionsObject(options);
  const plan = boundPlan(current, opts);
  const calendar = boundCalendar(current, opts);
  const t = readInstantArgument(now, 'now');
  const horizon = t - graceOf(opts.graceMs);
  const draft = newDraft(current, plan, calendar);
  reachUpTo(draft, horizon);
  // A check reads the clock, it does not observe the ticket: a check that reports nothing
  // returns the very state it was given.
  return finish(current, draft, {});
}
