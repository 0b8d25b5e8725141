import { describe, describeText, PetSlaError } from '../errors.js';
import { deepFreeze } from '../shared/read.js';
import { expectKnownPriority } from '../sla/targets.js';
import {
  digestOf,
  ENTRY_LENGTH,
  extended,
  indexOf,
  tagIn,
  UNKNOWN_CONTENT,
} from './applied-events.js';
import {
  checkOrder,
  clockCall,
  eventInstant,
  inputObject,
  remember,
  stateData,
  textField,
} from './clock-input.js';
import { newDraft, reconcile, reportBreaches, withCalendarPath } from './reconcile.js';
import type { ClockOptions, SlaTransition, TicketEvent, TicketSlaState } from './types.js';

const EVENT_TYPES = ['status_changed', 'agent_replied', 'priority_changed'];

/**
 * Applies one ticket event (docs/sla.md §7) and returns `{ state, events }`. An event already
 * applied (same id, same content), however old, changes nothing and says `duplicate: true`; the
 * same id with other content is `EVENT_CONFLICT`; an event earlier than the last applied one is
 * `OUT_OF_ORDER_EVENT`. Neither error changes anything. If the event finds a clock already breached and
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
  const field =
    input.type === 'status_changed'
      ? textField(input, 'status', 'the new status')
      : input.type === 'priority_changed'
        ? textField(input, 'priority', 'the new priority')
        : '';
  const digest = digestOf(id, input.type as string, at, field);
  const data = stateData(current);
  const count = current.appliedEvents.length / ENTRY_LENGTH;
  if (data.index === undefined && !data.stored) data.index = indexOf(current.appliedEvents);
  const tag = tagIn(current.appliedEvents, count, digest.key, data.index);
  if (tag !== undefined) {
    if (tag !== digest.tag && tag !== UNKNOWN_CONTENT) {
      throw new PetSlaError(
        'EVENT_CONFLICT',
        `event "${describeText(id)}" was already applied with other content (type, at, status or priority); a re-delivery must repeat the event exactly, and a new event needs a new id`,
        'id',
      );
    }
    return deepFreeze({ state: current, events: [], duplicate: true as const });
  }
  checkOrder(current, at, `event "${describeText(id)}"`, 'at');

  let { status, priority, firstResponseDone } = current;
  if (input.type === 'status_changed') {
    status = field;
    if (current.policy.stopWhen.includes(status)) firstResponseDone = true;
  } else if (input.type === 'agent_replied') {
    firstResponseDone = true;
  } else {
    priority = field;
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
    revision: current.revision + 1,
    appliedEvents: current.appliedEvents + digest.key + digest.tag,
    emitted: draft.emitted,
    clocks: draft.clocks,
  };
  const index = extended(data.index, count, digest);
  const made = remember(deepFreeze(next), { index, stored: false, checked: true });
  return deepFreeze({ state: made, events: draft.events });
}
