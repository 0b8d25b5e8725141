import { rethrowing } from '../errors.js';
import { deepFreeze, expectArray } from '../shared/read.js';
import { applyEvent } from './apply-event.js';
import { type SlaBinding, startSla } from './start-sla.js';
import type { SlaEvent, SlaTransition, TicketEvent } from './types.js';

/**
 * `startSla(binding)` followed by `applyEvent` for each event in order, with the binding's
 * calendar: the whole history in one call, and all the events it emitted.
 *
 * @example
 * ```ts
 * const { state, events } = replay(binding, ticketEvents);
 * ```
 */
export function replay(binding: SlaBinding, events: readonly TicketEvent[]): SlaTransition {
  const list = expectArray(events, 'events', 'INVALID_EVENT', 'a list of ticket events');
  let { state, events: emitted } = startSla(binding);
  const all: SlaEvent[] = [...emitted];
  list.forEach((event, i) => {
    // Name the event in the path: "events[3].at".
    ({ state, events: emitted } = rethrowing(
      () => applyEvent(state, event as TicketEvent, { calendar: binding.calendar }),
      (error) =>
        error.code === 'CALENDAR_MISMATCH'
          ? undefined
          : {
              path:
                error.path === undefined || error.path === 'event'
                  ? `events[${i}]`
                  : `events[${i}].${error.path}`,
            },
    ));
    all.push(...emitted);
  });
  return deepFreeze({ state, events: all });
}
