import { describe, PetSlaError } from '../../errors.js';
import {
  type Calendar,
  MAX_INSTANT,
  MIN_INSTANT,
  parseSnapshot,
  SLA_METRICS,
  TICKET_SLA_SCHEMA,
  type TicketSlaState,
} from '../../index.js';
import {
  deepFreeze,
  expectObject,
  isPlainObject,
  join,
  type PlainObject,
} from '../../shared/read.js';
import { planArgument } from './plan.js';
import type { Draft } from './tracker.js';
import {
  ESCALATION_STATE_SCHEMA,
  type EscalationPlan,
  type EscalationState,
  type EscalationTransition,
} from './types.js';

// Reading, pinning and writing escalation states. A state the library wrote is recognised by
// identity; anything else (a state read back from storage) is checked field by field.

const produced = new WeakSet<object>();

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isInstant = (v: unknown): v is number => isInteger(v) && v >= MIN_INSTANT && v < MAX_INSTANT;
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

function bad(path: string, what: string, value: unknown, code: 'INVALID_STATE' = 'INVALID_STATE') {
  return new PetSlaError(code, `expected ${what}, got ${describe(value)}`, path);
}

function checkPin(value: unknown, path: string): void {
  const pin = expectObject(value, path, 'INVALID_STATE', '{ id, version, fingerprint }');
  if (!isText(pin.id) || !isInteger(pin.version) || typeof pin.fingerprint !== 'string')
    throw bad(path, '{ id, version, fingerprint }', value);
}

function checkClock(value: unknown, path: string): void {
  const clock = expectObject(value, path, 'INVALID_STATE', 'a tracked clock');
  if (!['running', 'paused', 'stopped'].includes(clock.phase as string))
    throw bad(join(path, 'phase'), 'a phase', clock.phase);
  if (!isInteger(clock.targetMs) || clock.targetMs < 1)
    throw bad(join(path, 'targetMs'), 'a target in milliseconds', clock.targetMs);
  if (!isInteger(clock.usedMs) || clock.usedMs < 0)
    throw bad(join(path, 'usedMs'), 'milliseconds used', clock.usedMs);
  if (!isInstant(clock.since)) throw bad(join(path, 'since'), 'an instant', clock.since);
  if (clock.phase === 'running' ? !isInstant(clock.dueAt) : clock.dueAt !== null)
    throw bad(join(path, 'dueAt'), 'an instant on a running clock, null otherwise', clock.dueAt);
  const next = clock.next;
  if (next === null) return;
  const ok =
    clock.phase === 'running' &&
    isPlainObject(next) &&
    isInstant(next.at) &&
    isInteger(next.usedMs) &&
    typeof next.catchUp === 'boolean';
  if (!ok)
    throw bad(join(path, 'next'), 'null or { at, usedMs, catchUp } on a running clock', next);
}

/** Validates something passed as an escalation state (e.g. read back from storage). */
export function escalationStateOf(value: unknown): EscalationState {
  if (typeof value === 'object' && value !== null && produced.has(value))
    return value as EscalationState;
  if (!isPlainObject(value)) throw bad('', 'an escalation state from startEscalation', value);
  const s: PlainObject = value;
  if (s.schema !== ESCALATION_STATE_SCHEMA)
    throw bad('schema', `schema "${ESCALATION_STATE_SCHEMA}"`, s.schema);
  if (!isText(s.ticketId)) throw bad('ticketId', 'a ticket id', s.ticketId);
  checkPin(s.plan, 'plan');
  checkPin(s.calendar, 'calendar');
  for (const key of ['seenEvents', 'emitted'] as const)
    if (!isInteger(s[key]) || s[key] < 0) throw bad(key, 'a count', s[key]);
  for (const key of ['lastEventAt', 'observedTo', 'prioritySince'] as const)
    if (s[key] !== null && !isInstant(s[key])) throw bad(key, 'an instant or null', s[key]);
  if (s.priority !== null && !isText(s.priority))
    throw bad('priority', 'a priority or null', s.priority);
  const clocks = expectObject(s.clocks, 'clocks', 'INVALID_STATE', 'the tracked clocks by metric');
  for (const key of Object.keys(clocks)) {
    if (!(SLA_METRICS as readonly string[]).includes(key))
      throw bad(join('clocks', key), 'a metric', key);
    checkClock(clocks[key], join('clocks', key));
  }
  if (!Array.isArray(s.reported) || !s.reported.every((r) => typeof r === 'boolean'))
    throw bad('reported', 'a list of booleans, one per level of the plan', s.reported);
  const copy = deepFreeze(JSON.parse(JSON.stringify(value)) as EscalationState);
  produced.add(copy);
  return copy;
}

/** The plan passed with `{ plan }`, which must be the one the state pins. */
export function boundPlan(state: EscalationState, options: PlainObject): EscalationPlan {
  const plan = planArgument(options.plan, 'plan');
  if (plan.fingerprint !== state.plan.fingerprint) {
    throw new PetSlaError(
      'PLAN_MISMATCH',
      `the escalations of ticket ${state.ticketId} follow plan "${state.plan.id}" version ${state.plan.version} (fingerprint ${state.plan.fingerprint.slice(0, 12)}…), not "${plan.id}" version ${plan.version} (${plan.fingerprint.slice(0, 12)}…); pass the pinned plan`,
      'plan',
    );
  }
  if (state.reported.length !== plan.levels.length)
    throw bad(
      'reported',
      `one entry per level of the plan (${plan.levels.length})`,
      state.reported,
    );
  return plan;
}

/** The calendar passed with `{ calendar }`, which must be the one the state pins. */
export function boundCalendar(state: EscalationState, options: PlainObject): Calendar {
  const value = options.calendar;
  if (!isPlainObject(value) || !('schema' in value)) {
    throw new PetSlaError(
      'INVALID_CALENDAR',
      `expected a calendar or a calendar snapshot, got ${describe(value)}`,
      'calendar',
    );
  }
  const calendar = parseSnapshot(value);
  if (calendar.fingerprint !== state.calendar.fingerprint) {
    throw new PetSlaError(
      'CALENDAR_MISMATCH',
      `ticket ${state.ticketId} is tracked on calendar "${state.calendar.id}" version ${state.calendar.version} (fingerprint ${state.calendar.fingerprint.slice(0, 12)}…), not "${calendar.id}" version ${calendar.version} (${calendar.fingerprint.slice(0, 12)}…)`,
      'calendar',
    );
  }
  return calendar;
}

/** The options object of the tracker functions. */
export function optionsObject(options: unknown): PlainObject {
  return expectObject(options, 'options', 'INVALID_PLAN', 'options { plan, calendar }');
}

/** Writes the draft back as a new state (or returns the old one when nothing changed). */
export function finish(
  current: EscalationState,
  draft: Draft,
  fields: Partial<Pick<EscalationState, 'seenEvents' | 'lastEventAt' | 'observedTo'>>,
): EscalationTransition {
  const next: EscalationState = {
    ...current,
    ...fields,
    emitted: draft.emitted,
    priority: draft.priority,
    prioritySince: draft.prioritySince,
    clocks: draft.clocks,
    reported: draft.reported,
  };
  const same =
    !draft.changed &&
    (fields.seenEvents ?? current.seenEvents) === current.seenEvents &&
    (fields.lastEventAt ?? current.lastEventAt) === current.lastEventAt &&
    (fields.observedTo ?? current.observedTo) === current.observedTo;
  if (same) return Object.freeze({ state: current, events: NO_EVENTS });
  const state = freezeNew(next);
  produced.add(state);
  for (const event of draft.events) {
    Object.freeze(event.threshold);
    Object.freeze(event);
  }
  return Object.freeze({ state, events: Object.freeze(draft.events) });
}

const NO_EVENTS: readonly never[] = Object.freeze([]);

/**
 * Freezes a state the draft wrote: only its new parts need it, the rest (pins, unchanged
 * clocks) is shared with the frozen state it came from. Cheaper than a deep walk, same result.
 */
function freezeNew(state: EscalationState): EscalationState {
  for (const clock of Object.values(state.clocks)) {
    if (clock === undefined || Object.isFrozen(clock)) continue;
    if (clock.next !== null) Object.freeze(clock.next);
    Object.freeze(clock);
  }
  Object.freeze(state.clocks);
  Object.freeze(state.reported);
  return Object.freeze(state);
}

/**
 * Starts tracking a ticket's escalations: pins the ticket, the plan (id, version, fingerprint)
 * and the calendar of the SLA state. The plan's policy must be the state's policy
 * (`PLAN_MISMATCH`). The new state has seen no SLA event: pass it the transition `startSla`
 * returned (or the ticket's whole stored SLA event log) with {@link observeSla}.
 *
 * @example
 * ```ts
 * const sla = startSla(binding);
 * let escalation = startEscalation(sla.state, { plan });
 * ({ state: escalation } = observeSla(escalation, sla, { plan, calendar: uk }));
 * ```
 */
export function startEscalation(
  slaState: TicketSlaState,
  options: { readonly plan: EscalationPlan },
): EscalationState {
  const sla = expectObject(slaState, 'slaState', 'INVALID_STATE', 'a ticket SLA state');
  if (sla.schema !== TICKET_SLA_SCHEMA)
    throw bad('slaState.schema', `schema "${TICKET_SLA_SCHEMA}"`, sla.schema);
  if (!isText(sla.ticketId)) throw bad('slaState.ticketId', 'a ticket id', sla.ticketId);
  const policy = expectObject(sla.policy, 'slaState.policy', 'INVALID_STATE', 'the bound policy');
  checkPin(sla.calendar, 'slaState.calendar');
  const plan = planArgument(optionsObject(options).plan, 'plan');
  if (plan.policyId !== policy.id) {
    throw new PetSlaError(
      'PLAN_MISMATCH',
      `plan "${plan.id}" watches the clocks of policy "${plan.policyId}", but ticket ${sla.ticketId} is bound to policy ${describe(policy.id)}`,
      'plan.policyId',
    );
  }
  const calendar = sla.calendar as EscalationState['calendar'];
  const state: EscalationState = {
    schema: ESCALATION_STATE_SCHEMA,
    ticketId: sla.ticketId,
    plan: { id: plan.id, version: plan.version, fingerprint: plan.fingerprint },
    calendar: { id: calendar.id, version: calendar.version, fingerprint: calendar.fingerprint },
    seenEvents: 0,
    emitted: 0,
    lastEventAt: null,
    observedTo: null,
    priority: null,
    prioritySince: null,
    clocks: {},
    reported: plan.levels.map(() => false),
  };
  const frozen = deepFreeze(state);
  produced.add(frozen);
  return frozen;
}

/** Reads `graceMs`: whole milliseconds ≥ 0, default 0. */
export function graceOf(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected graceMs: whole milliseconds, at least 0, got ${describe(value)}`,
      'graceMs',
    );
  }
  return value;
}
