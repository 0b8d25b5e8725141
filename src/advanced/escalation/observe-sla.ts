import { describe, PetSlaError } from '../../errors.js';
import {
  type Calendar,
  MAX_INSTANT,
  MIN_INSTANT,
  type SlaTransition,
  type TicketSlaState,
} from '../../index.js';
import { expectArray, expectObject, join } from '../../shared/read.js';
import { readSlaEvent, slaEventSequence } from '../shared/event-log.js';
import { boundCalendar, boundPlan, escalationStateOf, finish, optionsObject } from './state.js';
import { consume, newDraft, reachUpTo, seePriority } from './tracker.js';
import type { EscalationPlan, EscalationState, EscalationTransition } from './types.js';

/**
 * The options of {@link observeSla} and {@link checkEscalations}: the pinned plan and the
 * pinned calendar (or their stored snapshots).
 *
 * @example
 * ```ts
 * const options: EscalationOptions = { plan, calendar: uk, graceMs: 60_000 };
 * ```
 */
export interface EscalationOptions {
  readonly plan: EscalationPlan;
  readonly calendar: Calendar;
  /** checkEscalations and nextEscalationAt only: how far behind `now` ticket time is trusted. */
  readonly graceMs?: number;
}

const isInstant = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= MIN_INSTANT && v < MAX_INSTANT;

function logProblem(message: string, path: string): PetSlaError {
  return new PetSlaError('INVALID_EVENT_LOG', message, path);
}

/** The fields of the SLA state the tracker reads, checked. */
function slaFacts(value: unknown, tracked: EscalationState) {
  const state = expectObject(
    value,
    'transition.state',
    'INVALID_STATE',
    'the SLA state of the transition',
  );
  if (state.ticketId !== tracked.ticketId) {
    throw logProblem(
      `a transition of ticket ${describe(state.ticketId)} was given to the escalations of ticket "${tracked.ticketId}"`,
      'transition.state.ticketId',
    );
  }
  const calendar = expectObject(
    state.calendar,
    'transition.state.calendar',
    'INVALID_STATE',
    'the bound calendar',
  );
  if (calendar.fingerprint !== tracked.calendar.fingerprint) {
    throw new PetSlaError(
      'CALENDAR_MISMATCH',
      `the SLA state is bound to another calendar than the escalations of ticket ${tracked.ticketId} (${tracked.calendar.id} version ${tracked.calendar.version})`,
      'transition.state.calendar',
    );
  }
  const { priority, lastEventAt, emitted } = state;
  if (typeof priority !== 'string' || priority === '')
    throw new PetSlaError(
      'INVALID_STATE',
      `expected a priority, got ${describe(priority)}`,
      'transition.state.priority',
    );
  if (!isInstant(lastEventAt))
    throw new PetSlaError(
      'INVALID_STATE',
      `expected an instant, got ${describe(lastEventAt)}`,
      'transition.state.lastEventAt',
    );
  if (typeof emitted !== 'number' || !Number.isSafeInteger(emitted) || emitted < 0)
    throw new PetSlaError(
      'INVALID_STATE',
      `expected a count, got ${describe(emitted)}`,
      'transition.state.emitted',
    );
  return { priority, lastEventAt, emitted };
}

/**
 * Feeds the tracker what an SLA clock call returned (`startSla`, `applyEvent` or
 * `checkBreaches`: `{ state, events }`, or the ticket's stored event log with its state). It
 * consumes the SLA events it has not seen, by sequence number, reporting every level reached
 * before or at each of them in time order, then every level reached up to the state's last
 * event. A gap in the events is `INVALID_EVENT_LOG`; a transition delivered twice changes
 * nothing. See docs/escalation.md.
 *
 * @example
 * ```ts
 * const sla = applyEvent(slaState, event, { calendar: uk });
 * const esc = observeSla(escState, sla, { plan, calendar: uk });
 * for (const e of esc.events) notify(e.notify, toEscalationFeedEntry(e).text);
 * ```
 */
export function observeSla(
  escState: EscalationState,
  transition:
    | SlaTransition
    | { readonly state: TicketSlaState; readonly events: readonly unknown[] },
  options: EscalationOptions,
): EscalationTransition {
  const current = escalationStateOf(escState);
  const opts = optionsObject(options);
  const plan = boundPlan(current, opts);
  const calendar = boundCalendar(current, opts);
  const given = expectObject(
    transition,
    'transition',
    'INVALID_EVENT_LOG',
    'a transition { state, events }',
  );
  const facts = slaFacts(given.state, current);
  const events = expectArray(
    given.events,
    'transition.events',
    'INVALID_EVENT_LOG',
    'the SLA events',
  );

  const draft = newDraft(current, plan, calendar);
  let seen = current.seenEvents;
  let lastEventAt = current.lastEventAt;
  for (const [i, value] of events.entries()) {
    const path = join('transition.events', i);
    const event = readSlaEvent(value, path);
    if (event.ticketId !== current.ticketId) {
      throw logProblem(
        `SLA event "${event.id}" is of ticket "${event.ticketId}", not of the tracked ticket "${current.ticketId}"`,
        join(path, 'ticketId'),
      );
    }
    const n = slaEventSequence(event, join(path, 'id'));
    if (n <= seen) continue;
    if (n > seen + 1) {
      throw logProblem(
        `a gap in the SLA events of ticket "${current.ticketId}": expected ${current.ticketId}/sla/${seen + 1} next, got ${event.id}; pass every event in order (the stored log fills the gap)`,
        join(path, 'id'),
      );
    }
    if (n > facts.emitted) {
      throw logProblem(
        `SLA event ${event.id} is later than the transition's state, which has emitted ${facts.emitted}`,
        join(path, 'id'),
      );
    }
    if (lastEventAt !== null && event.at < lastEventAt) {
      throw logProblem(
        `SLA event ${event.id} at ${new Date(event.at).toISOString()} is earlier than the one before it (${new Date(lastEventAt).toISOString()})`,
        join(path, 'at'),
      );
    }
    reachUpTo(draft, event.at);
    consume(draft, event);
    seen = n;
    lastEventAt = event.at;
  }
  // A state older than what the tracker has seen tells it nothing new (a late re-delivery).
  const fresh = facts.emitted === seen && facts.lastEventAt >= (draft.prioritySince ?? MIN_INSTANT);
  let observedTo = Math.max(current.observedTo ?? MIN_INSTANT, lastEventAt ?? MIN_INSTANT);
  if (fresh) {
    // Ticket time has passed up to the last ticket event even when it emitted nothing; a
    // priority change that kept the targets emitted nothing either, and counts from there.
    reachUpTo(draft, facts.lastEventAt);
    const since = Math.max(facts.lastEventAt, lastEventAt ?? MIN_INSTANT);
    seePriority(draft, facts.priority, since);
    reachUpTo(draft, since);
    observedTo = Math.max(observedTo, facts.lastEventAt);
  }
  return finish(current, draft, { seenEvents: seen, lastEventAt, observedTo });
}
