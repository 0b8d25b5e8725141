import { calendarOf } from '../calendar/calendar-input.js';
import type { Calendar, InstantInput } from '../calendar/types.js';
import { PetSlaError } from '../errors.js';
import { deepFreeze } from '../shared/read.js';
import { policyOf } from '../sla/policy-document.js';
import { expectKnownPriority } from '../sla/targets.js';
import type { SlaPolicy } from '../sla/types.js';
import { eventInstant, inputObject, remember, textField } from './clock-input.js';
import { newDraft, reconcile, withCalendarPath } from './reconcile.js';
import { type SlaTransition, TICKET_SLA_SCHEMA, type TicketSlaState } from './types.js';

/**
 * What a ticket is bound with at creation (docs/sla.md §4): the policy version and calendar
 * snapshot it keeps for life, unless the host re-binds it.
 *
 * @example
 * ```ts
 * const binding: SlaBinding = {
 *   ticketId: ticket.id,
 *   priority: ticket.priority, // 'urgent'
 *   createdAt: ticket.createdAt,
 *   policy: standard,
 *   calendar: uk,
 * };
 * const { state, events } = startSla(binding);
 * ```
 */
export interface SlaBinding {
  /** The host's ticket id, copied into the state and every event. */
  readonly ticketId: string;
  /** A priority the policy has targets for, else `UNKNOWN_PRIORITY`. */
  readonly priority: string;
  /** The initial status; default none, which neither pauses nor stops. */
  readonly status?: string;
  /** When the ticket was created; a clock starts counting then, or at the next opening. */
  readonly createdAt: InstantInput;
  /** The policy (or its snapshot) to pin. */
  readonly policy: SlaPolicy;
  /** The calendar the policy names (same id, else `CALENDAR_MISMATCH`), or its snapshot. */
  readonly calendar: Calendar;
}

/**
 * Binds a ticket, at creation, to one policy version and one calendar snapshot, and starts a
 * clock for each metric its priority targets. Returns `{ state, events }`: the plain-JSON
 * state to store with the ticket and the `sla.started` events. A ticket created while the
 * calendar is closed starts counting at the next opening.
 *
 * @example
 * ```ts
 * const { state, events } = startSla({
 *   ticketId: 'T-1001',
 *   priority: 'urgent',
 *   createdAt: '2026-11-26T16:30:00Z',
 *   policy: standard,
 *   calendar: uk,
 * });
 * events[0].type; // 'sla.started'
 * ```
 */
export function startSla(binding: SlaBinding): SlaTransition {
  const input = inputObject(
    binding,
    '',
    'a binding { ticketId, priority, createdAt, policy, calendar, status? }',
  );
  const ticketId = textField(input, 'ticketId', 'a ticket id');
  const priority = textField(input, 'priority', 'a priority');
  const status = input.status === undefined ? null : textField(input, 'status', 'a status');
  const createdAt = eventInstant(input.createdAt, 'createdAt');
  const policy = policyOf(input.policy, 'policy');
  const calendar = calendarOf(input.calendar, 'calendar');
  if (calendar.id !== policy.calendarId) {
    throw new PetSlaError(
      'CALENDAR_MISMATCH',
      `policy "${policy.id}" runs on calendar "${policy.calendarId}", not "${calendar.id}"`,
      'calendar',
    );
  }
  expectKnownPriority(policy, priority, 'priority');

  const firstResponseDone = status !== null && policy.stopWhen.includes(status);
  const initial: TicketSlaState = {
    schema: TICKET_SLA_SCHEMA,
    ticketId,
    policy,
    calendar: { id: calendar.id, version: calendar.version, fingerprint: calendar.fingerprint },
    createdAt,
    status,
    priority,
    firstResponseDone,
    lastEventAt: createdAt,
    notBefore: createdAt,
    revision: 0,
    appliedEvents: '',
    emitted: 0,
    clocks: {},
  };
  const draft = newDraft(initial, calendar, null);
  withCalendarPath(() => reconcile(draft, createdAt, initial));
  const state = remember(deepFreeze({ ...initial, emitted: draft.emitted, clocks: draft.clocks }));
  return deepFreeze({ state, events: draft.events });
}
