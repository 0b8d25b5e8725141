import { calendarOf } from '../calendar/calendar-input.js';
import { formatInstant, toInstant } from '../calendar/instant.js';
import type { Calendar, InstantInput } from '../calendar/types.js';
import { describe, PetSlaError, rethrowing } from '../errors.js';
import { isMade, provenance, recordMade } from '../shared/provenance.js';
import { deepFreeze, expectObject, isPlainObject, join, type PlainObject } from '../shared/read.js';
import { parsePolicySnapshot } from '../sla/policy-snapshot.js';
import { hasTargets } from '../sla/targets.js';
import { SLA_METRICS, type SlaPolicy } from '../sla/types.js';
import { TICKET_SLA_SCHEMA, type TicketSlaState } from './types.js';

// What every clock function reads from its caller: the state, the bound calendar, ticket
// events' fields and instants; each problem a typed error naming the field.

const ticketStates = provenance('ticket SLA state');

/** Records a state this library produced (deeply frozen), so it needs no re-validation. */
export function remember(state: TicketSlaState): TicketSlaState {
  return recordMade(state, ticketStates);
}

function bad(path: string, what: string, value: unknown): PetSlaError {
  return new PetSlaError('INVALID_STATE', `expected ${what}, got ${describe(value)}`, path);
}

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isInstantOrNull = (v: unknown): boolean => v === null || isInteger(v);

function checkClock(value: unknown, path: string): void {
  const clock = expectObject(value, path, 'INVALID_STATE', 'a clock');
  if (!['running', 'paused', 'stopped'].includes(clock.phase as string))
    throw bad(join(path, 'phase'), 'a phase', clock.phase);
  for (const key of ['targetMs', 'usedMs', 'since'] as const) {
    if (!isInteger(clock[key]) || (key !== 'since' && (clock[key] as number) < 0)) {
      throw bad(join(path, key), 'a whole number of milliseconds', clock[key]);
    }
  }
  if (!isInstantOrNull(clock.dueAt) || (clock.phase === 'running') !== (clock.dueAt !== null)) {
    throw bad(join(path, 'dueAt'), 'an instant on a running clock and null otherwise', clock.dueAt);
  }
  if (!isInstantOrNull(clock.breachedAt))
    throw bad(join(path, 'breachedAt'), 'an instant or null', clock.breachedAt);
  if (typeof clock.breachReported !== 'boolean')
    throw bad(join(path, 'breachReported'), 'a boolean', clock.breachReported);
  const outcomes = ['met', 'breached', 'cancelled'];
  if (
    clock.phase === 'stopped' ? !outcomes.includes(clock.outcome as string) : clock.outcome !== null
  ) {
    throw bad(
      join(path, 'outcome'),
      'an outcome on a stopped clock and null otherwise',
      clock.outcome,
    );
  }
}

/** Validates something passed as a ticket's SLA state (e.g. read back from storage). */
export function stateOf(value: unknown): TicketSlaState {
  if (isMade(value, ticketStates)) return value as TicketSlaState;
  if (!isPlainObject(value)) throw bad('', 'a ticket SLA state from startSla or applyEvent', value);
  const s: PlainObject = value;
  if (s.schema !== TICKET_SLA_SCHEMA) {
    throw new PetSlaError(
      'INVALID_STATE',
      `expected schema "${TICKET_SLA_SCHEMA}", got ${describe(s.schema)}`,
      'schema',
    );
  }
  if (typeof s.ticketId !== 'string' || s.ticketId === '')
    throw bad('ticketId', 'a non-empty string', s.ticketId);
  let policy: SlaPolicy;
  try {
    policy = parsePolicySnapshot(s.policy);
  } catch (error) {
    throw new PetSlaError(
      'INVALID_STATE',
      `the embedded policy is not a valid policy snapshot: ${(error as Error).message}`,
      'policy',
    );
  }
  const calendar = expectObject(
    s.calendar,
    'calendar',
    'INVALID_STATE',
    'the bound calendar { id, version, fingerprint }',
  );
  if (
    typeof calendar.id !== 'string' ||
    !isInteger(calendar.version) ||
    typeof calendar.fingerprint !== 'string'
  ) {
    throw bad('calendar', 'the bound calendar { id, version, fingerprint }', calendar);
  }
  for (const key of ['createdAt', 'lastEventAt', 'notBefore', 'emitted'] as const) {
    if (!isInteger(s[key])) throw bad(key, 'a whole number', s[key]);
  }
  if (s.status !== null && typeof s.status !== 'string')
    throw bad('status', 'a status string or null', s.status);
  if (typeof s.priority !== 'string') throw bad('priority', 'a priority string', s.priority);
  if (typeof s.firstResponseDone !== 'boolean')
    throw bad('firstResponseDone', 'a boolean', s.firstResponseDone);
  if (
    !Array.isArray(s.appliedEventIds) ||
    !s.appliedEventIds.every((id) => typeof id === 'string')
  ) {
    throw bad('appliedEventIds', 'a list of event ids', s.appliedEventIds);
  }
  const clocks = expectObject(s.clocks, 'clocks', 'INVALID_STATE', 'the clocks by metric');
  for (const key of Object.keys(clocks)) {
    if (!(SLA_METRICS as readonly string[]).includes(key))
      throw bad(join('clocks', key), 'a metric (firstResponse, resolution)', key);
    checkClock(clocks[key], join('clocks', key));
  }
  if (!hasTargets(policy, s.priority)) {
    throw new PetSlaError(
      'INVALID_STATE',
      `priority "${s.priority}" has no targets in the embedded policy "${policy.id}"`,
      'priority',
    );
  }
  // Work on a frozen copy: the caller's object is never frozen or changed by the library.
  const copy = JSON.parse(JSON.stringify(value)) as TicketSlaState;
  return remember(deepFreeze({ ...copy, policy }));
}

/** The calendar passed with `{ calendar }`, which must be the one the ticket was bound with. */
function boundCalendar(state: TicketSlaState, options: unknown): Calendar {
  const object = expectObject(options, 'options', 'INVALID_CALENDAR', 'options { calendar }');
  const calendar = calendarOf(object.calendar, 'calendar');
  if (calendar.fingerprint !== state.calendar.fingerprint) {
    throw new PetSlaError(
      'CALENDAR_MISMATCH',
      `ticket ${state.ticketId} is bound to calendar "${state.calendar.id}" version ${state.calendar.version} (fingerprint ${state.calendar.fingerprint.slice(0, 12)}…), not "${calendar.id}" version ${calendar.version} (${calendar.fingerprint.slice(0, 12)}…); pass the pinned snapshot, or re-bind the ticket explicitly`,
      'calendar',
    );
  }
  return calendar;
}

/** The object a clock input must be (a binding, a ticket event), or INVALID_EVENT at `path`. */
export function inputObject(value: unknown, path: string, what: string): PlainObject {
  return expectObject(value, path, 'INVALID_EVENT', what);
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

/** Refuses instants before what the state has already seen; changes nothing. */
export function checkOrder(state: TicketSlaState, at: number, what: string, path: string): void {
  if (at < state.lastEventAt) {
    throw new PetSlaError(
      'OUT_OF_ORDER_EVENT',
      `${what} at ${formatInstant(at)} is earlier than the last applied event (${formatInstant(state.lastEventAt)}); apply events in order`,
      path,
    );
  }
  if (at < state.notBefore) {
    throw new PetSlaError(
      'OUT_OF_ORDER_EVENT',
      `${what} at ${formatInstant(at)} is too late to change history: a breach reported by checkBreaches already covers up to ${formatInstant(state.notBefore - 1)}`,
      path,
    );
  }
}

/** What a clock function starts from: the validated state and its bound calendar. */
export interface ClockCall {
  readonly state: TicketSlaState;
  readonly calendar: Calendar;
}

/** The start of every clock function that takes `(state, …, { calendar })`. */
export function clockCall(state: unknown, options: unknown): ClockCall {
  const current = stateOf(state);
  return { state: current, calendar: boundCalendar(current, options) };
}

/** {@link clockCall} for a function asked about an instant `now`, which must not be in the past. */
export function clockCallAt(
  state: unknown,
  now: InstantInput,
  options: unknown,
  what: string,
): ClockCall & { readonly t: number } {
  const call = clockCall(state, options);
  const t = toInstant(now, 'now');
  checkOrder(call.state, t, what, 'now');
  return { ...call, t };
}
