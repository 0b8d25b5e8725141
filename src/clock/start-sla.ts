import { type InstantInput, toInstant } from '../calendar/instant.js';
import type { Calendar } from '../calendar/types.js';
import { describe, PetSlaError, rethrowing } from '../errors.js';
import { deepFreeze, expectObject } from '../shared/read.js';
import { policyOf } from '../sla/policy-snapshot.js';
import type { SlaPolicy } from '../sla/types.js';
import { newDraft, reconcile, withCalendarPath } from './reconcile.js';
import { calendarArgument, remember } from './state-input.js';
import { type SlaTransition, TICKET_SLA_SCHEMA, type TicketSlaState } from './types.js';

/**
 * What a ticket is bound with at creation (SPEC §8): the policy version and calendar snapshot
 * it keeps for life, unless the host re-binds it.
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

/** A non-empty string field of an input object, or INVALID_EVENT naming it. */
export function textField(
  object: Readonly<Record<string, unknown>>,
  key: string,
  what: string,
): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') {
    throw new PetSlaError(
      'INVALID_EVENT',
      `expected ${what} (a non-empty string), got ${describe(value)}`,
      key,
    );
  }
  return value;
}

/** Reads an event's instant; a bad one is INVALID_EVENT (or out of range), naming the field. */
export function eventInstant(value: unknown, path: string): number {
  return rethrowing(
    () => toInstant(value, path),
    (error) => (error.code === 'INVALID_INSTANT' ? { code: 'INVALID_EVENT' } : undefined),
  );
}

/** Whether the policy has targets for this priority (own keys only: "toString" is no priority). */
export function hasTargets(policy: SlaPolicy, priority: string): boolean {
  return Object.hasOwn(policy.targets, priority);
}

export function unknownPriority(policy: SlaPolicy, priority: string, path: string): PetSlaError {
  return new PetSlaError(
    'UNKNOWN_PRIORITY',
    `policy "${policy.id}" version ${policy.version} has no targets for priority "${priority}"; it has ${Object.keys(
      policy.targets,
    )
      .map((p) => `"${p}"`)
      .join(', ')}`,
    path,
  );
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
  const input = expectObject(
    binding,
    '',
    'INVALID_EVENT',
    'a binding { ticketId, priority, createdAt, policy, calendar, status? }',
  );
  const ticketId = textField(input, 'ticketId', 'a ticket id');
  const priority = textField(input, 'priority', 'a priority');
  const status = input.status === undefined ? null : textField(input, 'status', 'a status');
  const createdAt = eventInstant(input.createdAt, 'createdAt');
  const policy = policyOf(input.policy, 'policy');
  const calendar = calendarArgument(input.calendar, 'calendar');
  if (calendar.id !== policy.calendarId) {
    throw new PetSlaError(
      'CALENDAR_MISMATCH',
      `policy "${policy.id}" runs on calendar "${policy.calendarId}", not "${calendar.id}"`,
      'calendar',
    );
  }
  if (!hasTargets(policy, priority)) throw unknownPriority(policy, priority, 'priority');

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
    appliedEventIds: [],
    emitted: 0,
    clocks: {},
  };
  const draft = newDraft(initial, calendar, null);
  withCalendarPath(() => reconcile(draft, createdAt, initial));
  const state = remember(deepFreeze({ ...initial, emitted: draft.emitted, clocks: draft.clocks }));
  return deepFreeze({ state, events: draft.events });
}
