import { describe, PetSlaError } from '../errors.js';
import { deepFreeze } from '../shared/read.js';
import { expectKnownPriority } from '../sla/targets.js';
import {
  checkOrder,
  clockCall,
  eventInstant,
  inputObject,
  remember,
  textField,
} from './clock-input.js';
import { newDraft, reconcile, reportBreaches, withCalendarPath } from './reconcile.js';
import type { ClockOptions, SlaTransition, TicketEvent, TicketSlaState } from './types.js';

const EVENT_TYPES = ['status_changed', 'agent_replied', 'priority_changed'];

/**
 * Applies one ticket event (docs/sla.md §7) and returns `{ state, events }`. An event whose id was
 * already applied changes nothing; one earlier than the last applied event is
 * `OUT_OF_ORDER_EVENT` and changes nothing. If the event finds a clock already breached and
 * not yet reported, its `sla.breached` (at the due instant) comes first.
 *
 * @example
 * ```ts
 * const next = applyEvent(state, { id: 'e1', type: 'status_changed', status: 'waiting_on_customer', at: '2026-11-26T17:00:00Z' }, { calendar: uk });
 * next.events.map((e) => e.type); // ['sla.paused', 'sla.paused']
 * ```
 */
export function applyEvent(
  state: TicketSlaState,
  event: TicketEvent,
  options: ClockOptions,
): SlaTransition {
  const { state: current, calendar } = clockCall(state, options);
  const input = inputObject(event, 'event', 'a ticket event { id, type, at, ... }');
  const id = textField(input, 'id', 'an event id');
  if (!EVENT_TYPES.includes(input.type as string)) {
    throw new PetSlaError(
      'INVALID_EVENT',
      `expected type "status_changed", "agent_replied" or "priority_changed", got ${describe(input.type)}`,
      'type',
    );
  }
  const at = eventInstant(input.at, 'at');
  if (current.appliedEventIds.includes(id)) return deepFreeze({ state: current, events: [] });
  checkOrder(current, at, `event "${id}"`, 'at');

  let { status, priority, firstResponseDone } = current;
  if (input.type === 'status_changed') {
    status = textField(input, 'status', 'the new status');
    if (current.policy.stopWhen.includes(status)) firstResponseDone = true;
  } else if (input.type === 'agent_replied') {
    firstResponseDone = true;
  } else {
    priority = textField(input, 'priority', 'the new priority');
    expectKnownPriority(current.policy, priority, 'priority');
  }

  const draft = newDraft(current, calendar, id);
  const facts = { status, priority, firstResponseDone };
  withCalendarPath(() => {
    reportBreaches(draft, at);
    reconcile(draft, at, facts);
  });
  const next: TicketSlaState = {
    ...current,
    ...facts,
    lastEventAt: at,
    notBefore: Math.max(current.notBefore, at),
    appliedEventIds: [...current.appliedEventIds, id],
    emitted: draft.emitted,
    clocks: draft.clocks,
  };
  return deepFreeze({ state: remember(deepFreeze(next)), events: draft.events });
}
