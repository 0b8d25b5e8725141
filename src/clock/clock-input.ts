import { businessMillisBetween } from '../calendar/business-between.js';
import { calendarOf } from '../calendar/calendar-input.js';
import { formatInstant, toInstant } from '../calendar/instant.js';
import type { Calendar, InstantInput } from '../calendar/types.js';
import { describe, PetSlaError, rethrowing } from '../errors.js';
import { plainCopy } from '../shared/plain-copy.js';
import { isMade, madeData, provenance, recordMade } from '../shared/provenance.js';
import {
  deepFreeze,
  expectKnownKeys,
  expectObject,
  isPlainObject,
  join,
  type PlainObject,
} from '../shared/read.js';
import { parsePolicySnapshot } from '../sla/policy-snapshot.js';
import { hasTargets, targetMsOf } from '../sla/targets.js';
import { SLA_METRICS, type SlaMetric } from '../sla/types.js';
import { type AppliedIndex, ENTRY_LENGTH, entriesOfIds, isEntries } from './applied-events.js';
import { dueAtFrom } from './clock-math.js';
import { derivedPhase } from './derived-phase.js';
import { knownState, rememberState } from './known-states.js';
import { type ClockState, TICKET_SLA_SCHEMA, type TicketSlaState } from './types.js';

// What every clock function reads from its caller: the state, the bound calendar, ticket
// events' fields and instants; each problem a typed error naming the field. A stored state
// identical to one already trusted (known-states.ts) is that state. Any other is copied once,
// privately, and checked for every contradiction between its fields, its policy and (once,
// with the calendar) its clocks; everything after uses only that checked copy.

/** What the engine keeps with each state it made. */
export interface StateData {
  /** Index of `appliedEvents`, shared along a chain of states (built when first needed). */
  index: AppliedIndex | undefined;
  /** The state came from storage: look up its record by scanning rather than indexing. */
  readonly stored: boolean;
  /** Its clocks were checked against the bound calendar (always so for states made here). */
  checked: boolean;
}

const ticketStates = provenance<StateData>('ticket SLA state');

/** Records a state this library produced or checked (deeply frozen): it needs no re-validation. */
export function remember(
  state: TicketSlaState,
  data: StateData = { index: undefined, stored: false, checked: true },
): TicketSlaState {
  rememberState(state);
  return recordMade(state, ticketStates, data);
}

/** The engine's data on a state returned by {@link stateOf}. */
export function stateData(state: TicketSlaState): StateData {
  return madeData(state, ticketStates) as StateData;
}

function bad(path: string, what: string, value: unknown): PetSlaError {
  return new PetSlaError('INVALID_STATE', `expected ${what}, got ${describe(value)}`, path);
}

function contradiction(path: string, detail: string): PetSlaError {
  return new PetSlaError(
    'INVALID_STATE',
    `${detail}; states are written by the library only`,
    path,
  );
}

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isInstantOrNull = (v: unknown): boolean => v === null || isInteger(v);

const STATE_KEYS = [
  'schema',
  'ticketId',
  'policy',
  'calendar',
  'createdAt',
  'status',
  'priority',
  'firstResponseDone',
  'lastEventAt',
  'notBefore',
  'revision',
  'appliedEvents',
  'appliedEventIds',
  'emitted',
  'clocks',
];

function checkClockShape(value: unknown, path: string): PlainObject {
  const clock = expectObject(value, path, 'INVALID_STATE', 'a clock');
  expectKnownKeys(clock, CLOCK_KEYS, path, 'INVALID_STATE');
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
  return clock;
}

const CLOCK_KEYS = [
  'phase',
  'targetMs',
  'usedMs',
  'since',
  'dueAt',
  'breachedAt',
  'breachReported',
  'outcome',
];

/** The contradictions a clock can have with the rest of the state, without the calendar. */
function checkClockFacts(state: TicketSlaState, metric: SlaMetric, path: string): void {
  const clock = state.clocks[metric] as ClockState;
  const { policy } = state;
  const phase = derivedPhase(policy, state, metric);
  if (clock.phase !== phase) {
    throw contradiction(
      join(path, 'phase'),
      `the clock is ${clock.phase}, but status ${describe(state.status)}, priority "${state.priority}" and first response ${state.firstResponseDone ? 'done' : 'pending'} make it ${phase}`,
    );
  }
  const target = targetMsOf(policy, state.priority, metric);
  if (phase !== 'stopped' && clock.targetMs !== target) {
    throw contradiction(
      join(path, 'targetMs'),
      `the target is ${clock.targetMs} ms, but policy "${policy.id}" gives ${target} ms for priority "${state.priority}"`,
    );
  }
  if (clock.since < state.createdAt || clock.since > state.lastEventAt) {
    throw contradiction(
      join(path, 'since'),
      `the clock's last change is not between the ticket's creation and its last event`,
    );
  }
  if (clock.breachReported !== (clock.breachedAt !== null)) {
    throw contradiction(
      join(path, 'breachReported'),
      'a breach is reported exactly when the clock has breached',
    );
  }
  if (
    clock.breachedAt !== null &&
    (clock.breachedAt < state.createdAt || clock.breachedAt > state.notBefore)
  ) {
    throw contradiction(
      join(path, 'breachedAt'),
      "the breach is not between the ticket's creation and the end of its known history",
    );
  }
  if (clock.breachedAt === null && clock.usedMs > clock.targetMs) {
    throw contradiction(
      join(path, 'usedMs'),
      `the clock used ${clock.usedMs} ms of a ${clock.targetMs} ms target without breaching`,
    );
  }
  if (clock.phase === 'stopped' && (clock.outcome === 'breached') !== (clock.breachedAt !== null)) {
    throw contradiction(
      join(path, 'outcome'),
      'a stopped clock\'s outcome is "breached" exactly when it has breached',
    );
  }
}

/** Validates something passed as a ticket's SLA state (e.g. read back from storage). */
export function stateOf(value: unknown): TicketSlaState {
  if (isMade(value, ticketStates)) return value as TicketSlaState;
  if (!isPlainObject(value)) throw bad('', 'a ticket SLA state from startSla or applyEvent', value);
  const known = knownState(value);
  if (known !== undefined) return known;
  // The embedded policy is read by the policy reader, which knows it by content or copies it;
  // every other field is copied here, each read exactly once.
  const { policy: storedPolicy, ...fields } = value;
  const s = plainCopy(fields, '', 'INVALID_STATE') as PlainObject;
  if (s.schema !== TICKET_SLA_SCHEMA) {
    throw new PetSlaError(
      'INVALID_STATE',
      `expected schema "${TICKET_SLA_SCHEMA}", got ${describe(s.schema)}`,
      'schema',
    );
  }
  expectKnownKeys(s, STATE_KEYS, '', 'INVALID_STATE');
  if (typeof s.ticketId !== 'string' || s.ticketId === '')
    throw bad('ticketId', 'a non-empty string', s.ticketId);
  const policy = rethrowing(
    () => parsePolicySnapshot(storedPolicy),
    (error) => ({
      code: 'INVALID_STATE',
      path: 'policy',
      detail: `the embedded policy is not a valid policy snapshot: ${error.message}`,
    }),
  );
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
  expectKnownKeys(calendar, ['id', 'version', 'fingerprint'], 'calendar', 'INVALID_STATE');
  if (calendar.id !== policy.calendarId) {
    throw contradiction(
      'calendar.id',
      `the bound calendar is "${calendar.id}", but the embedded policy runs on "${policy.calendarId}"`,
    );
  }
  for (const key of ['createdAt', 'lastEventAt', 'notBefore', 'emitted'] as const) {
    if (!isInteger(s[key]) || (key === 'emitted' && (s[key] as number) < 0))
      throw bad(key, key === 'emitted' ? 'a whole number ≥ 0' : 'a whole number', s[key]);
  }
  if ((s.lastEventAt as number) < (s.createdAt as number))
    throw contradiction('lastEventAt', "the last event is earlier than the ticket's creation");
  if ((s.notBefore as number) < (s.lastEventAt as number))
    throw contradiction('notBefore', 'the history ends before the last event');
  if (s.status !== null && typeof s.status !== 'string')
    throw bad('status', 'a status string or null', s.status);
  if (typeof s.priority !== 'string') throw bad('priority', 'a priority string', s.priority);
  if (typeof s.firstResponseDone !== 'boolean')
    throw bad('firstResponseDone', 'a boolean', s.firstResponseDone);
  if (!hasTargets(policy, s.priority)) {
    throw new PetSlaError(
      'INVALID_STATE',
      `priority "${s.priority}" has no targets in the embedded policy "${policy.id}"`,
      'priority',
    );
  }
  if (s.status !== null && policy.stopWhen.includes(s.status) && !s.firstResponseDone) {
    throw contradiction(
      'firstResponseDone',
      `status "${s.status}" stops the SLA, which completes the first response`,
    );
  }
  const { appliedEvents, revision } = appliedRecord(s);
  const clocks = expectObject(s.clocks, 'clocks', 'INVALID_STATE', 'the clocks by metric');
  for (const key of Object.keys(clocks)) {
    if (!(SLA_METRICS as readonly string[]).includes(key))
      throw bad(join('clocks', key), 'a metric (firstResponse, resolution)', key);
    checkClockShape(clocks[key], join('clocks', key));
  }
  // Built field by field, in the order the library writes them (spreading the copy would
  // make a slower object for every later read).
  const state = {
    schema: TICKET_SLA_SCHEMA,
    ticketId: s.ticketId,
    policy,
    calendar: { id: calendar.id, version: calendar.version, fingerprint: calendar.fingerprint },
    createdAt: s.createdAt,
    status: s.status,
    priority: s.priority,
    firstResponseDone: s.firstResponseDone,
    lastEventAt: s.lastEventAt,
    notBefore: s.notBefore,
    revision,
    appliedEvents,
    emitted: s.emitted,
    clocks,
  } as unknown as TicketSlaState;
  let reported = 0;
  for (const metric of SLA_METRICS) {
    const path = join('clocks', metric);
    if (state.clocks[metric] === undefined) {
      if (derivedPhase(policy, state, metric) !== 'stopped')
        throw contradiction(path, `the ticket's facts give ${metric} a clock, and it has none`);
      continue;
    }
    checkClockFacts(state, metric, path);
    if (state.clocks[metric]?.breachReported) reported += 1;
  }
  const least = Object.keys(clocks).length + reported;
  if (state.emitted < least)
    throw contradiction('emitted', `its clocks alone account for at least ${least} emitted events`);
  return remember(deepFreeze(state), { index: undefined, stored: true, checked: false });
}

/** The record of applied events and the revision, read from either format (0.1.0 kept ids). */
function appliedRecord(s: PlainObject): { appliedEvents: string; revision: number } {
  if (s.appliedEventIds !== undefined && s.appliedEvents === undefined) {
    const ids = s.appliedEventIds;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && id !== ''))
      throw bad('appliedEventIds', 'a list of event ids', ids);
    if (s.revision !== undefined)
      throw bad('revision', 'no revision in a state that lists event ids', s.revision);
    // A state of 0.1.0: its revision reads as the number of events it applied.
    return { appliedEvents: entriesOfIds(ids as string[]), revision: ids.length };
  }
  if (typeof s.appliedEvents !== 'string' || !isEntries(s.appliedEvents))
    throw bad(
      'appliedEvents',
      `the applied events (${ENTRY_LENGTH} hex digits each)`,
      s.appliedEvents,
    );
  if (!isInteger(s.revision) || s.revision < s.appliedEvents.length / ENTRY_LENGTH)
    throw bad('revision', 'a whole number, at least the number of applied events', s.revision);
  return { appliedEvents: s.appliedEvents, revision: s.revision };
}

/**
 * The checks that need the bound calendar, made once per stored state: each running clock is
 * due when its accounting says, and no clock used more business time than the ticket has had.
 */
function checkAgainstCalendar(state: TicketSlaState, calendar: Calendar): void {
  if (calendar.id !== state.calendar.id)
    throw contradiction('calendar.id', `the calendar with this fingerprint is "${calendar.id}"`);
  if (calendar.version !== state.calendar.version) {
    throw contradiction(
      'calendar.version',
      `the calendar with this fingerprint is version ${calendar.version}`,
    );
  }
  for (const metric of SLA_METRICS) {
    const clock = state.clocks[metric];
    if (clock === undefined) continue;
    const path = join('clocks', metric);
    const most = rethrowing(
      () => businessMillisBetween(calendar, state.createdAt, clock.since),
      () => ({ code: 'INVALID_STATE', path: join(path, 'since') }),
    );
    if (clock.usedMs > most) {
      throw contradiction(
        join(path, 'usedMs'),
        `the clock used ${clock.usedMs} ms, more than the ${most} ms of business time between creation and its last change`,
      );
    }
    if (clock.phase === 'running') {
      const due = rethrowing(
        () => dueAtFrom(clock.since, clock.usedMs, clock.targetMs, calendar),
        () => ({ code: 'INVALID_STATE', path: join(path, 'dueAt') }),
      );
      if (clock.dueAt !== due) {
        throw contradiction(
          join(path, 'dueAt'),
          `the clock is due at ${formatInstant(clock.dueAt)}, but its accounting makes it due at ${formatInstant(due)}`,
        );
      }
    }
  }
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
  const calendar = boundCalendar(current, options);
  const data = stateData(current);
  if (!data.checked) {
    checkAgainstCalendar(current, calendar);
    data.checked = true;
  }
  return { state: current, calendar };
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
