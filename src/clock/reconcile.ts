import type { Calendar } from '../calendar/types.js';
import { rethrowing } from '../errors.js';
import { targetMsOf } from '../sla/targets.js';
import { SLA_METRICS, type SlaMetric } from '../sla/types.js';
import { breachBy, clockAt, dueAtFrom, usedAt } from './clock-math.js';
import { derivedPhase } from './derived-phase.js';
import type {
  ClockOutcome,
  ClockPhase,
  ClockState,
  SlaEvent,
  SlaEventType,
  TicketSlaState,
} from './types.js';

// The one place where the clock's rules (docs/sla.md §5) live. A step takes the state as it stood
// at its last event, an instant t, and the ticket's facts from t on; it returns the new state and
// the events that the change emits, in a fixed order: breaches found first (by instant, then
// metric), then each metric's changes in the order firstResponse, resolution.

type MutableClocks = Partial<Record<SlaMetric, ClockState>>;

interface Draft {
  readonly state: TicketSlaState;
  readonly calendar: Calendar;
  readonly causedBy: string | null;
  clocks: MutableClocks;
  emitted: number;
  readonly events: SlaEvent[];
}

/** What an event says beyond the clock and the ticket: its type, and that type's own field. */
type SlaChange =
  | { readonly type: Exclude<SlaEventType, 'sla.stopped' | 'sla.retargeted'> }
  | { readonly type: 'sla.stopped'; readonly outcome: ClockOutcome }
  | { readonly type: 'sla.retargeted'; readonly previousTargetMs: number };

function emit(
  draft: Draft,
  change: SlaChange,
  metric: SlaMetric,
  at: number,
  facts: Pick<TicketSlaState, 'status' | 'priority'>,
): void {
  const clock = draft.clocks[metric] as ClockState;
  const { type, ...own } = change;
  draft.emitted += 1;
  draft.events.push({
    id: `${draft.state.ticketId}/sla/${draft.emitted}`,
    type,
    ticketId: draft.state.ticketId,
    metric,
    at,
    ...clockAt(clock, at, draft.calendar),
    status: facts.status,
    priority: facts.priority,
    causedBy: draft.causedBy,
    ...own,
  } as SlaEvent);
}

/**
 * A clock in `phase` from `since` on: a running one gets its due instant, a stopped one keeps
 * `outcome` (the others have none).
 */
function clockIn(
  phase: ClockPhase,
  fields: Pick<ClockState, 'targetMs' | 'usedMs' | 'since' | 'breachedAt' | 'breachReported'>,
  outcome: ClockOutcome,
  calendar: Calendar,
): ClockState {
  const { targetMs, usedMs, since, breachedAt, breachReported } = fields;
  const dueAt = phase === 'running' ? dueAtFrom(since, usedMs, targetMs, calendar) : null;
  return {
    phase,
    targetMs,
    usedMs,
    since,
    dueAt,
    breachedAt,
    breachReported,
    outcome: phase === 'stopped' ? outcome : null,
  } as ClockState;
}

/**
 * Runs a step whose calendar arithmetic may have no answer (a calendar that never opens
 * again, or one past 2200); the error then names the calendar, not an internal argument.
 */
export function withCalendarPath<T>(step: () => T): T {
  return rethrowing(step, (error) =>
    error.path === 'calendar'
      ? undefined
      : { path: 'calendar', detail: `no due date for the ticket: ${error.detail}` },
  );
}

export function newDraft(
  state: TicketSlaState,
  calendar: Calendar,
  causedBy: string | null,
): Draft {
  return {
    state,
    calendar,
    causedBy,
    clocks: { ...state.clocks },
    emitted: state.emitted,
    events: [],
  };
}

/**
 * Marks every running clock that has breached by t and reports each breach not yet reported,
 * ordered by instant, then metric, so that a ticket's events never go back in time.
 */
export function reportBreaches(draft: Draft, t: number): number[] {
  const found: { readonly metric: SlaMetric; readonly at: number }[] = [];
  for (const metric of SLA_METRICS) {
    const clock = draft.clocks[metric];
    if (clock === undefined || clock.breachReported) continue;
    const at = breachBy(clock, t);
    if (at !== null) found.push({ metric, at });
  }
  // A stable sort over metrics taken in SLA_METRICS order: equal instants keep that order.
  found.sort((a, b) => a.at - b.at);
  for (const { metric, at } of found) {
    const clock = draft.clocks[metric] as ClockState;
    draft.clocks[metric] = { ...clock, breachedAt: at, breachReported: true };
    emit(draft, { type: 'sla.breached' }, metric, at, draft.state);
  }
  return found.map(({ at }) => at);
}

/**
 * Brings every clock in line with the facts from instant t on: starts, pauses, resumes,
 * stops, reopens and retargets, each with its event.
 */
export function reconcile(
  draft: Draft,
  t: number,
  facts: Pick<TicketSlaState, 'status' | 'priority' | 'firstResponseDone'>,
): void {
  const { policy } = draft.state;
  const { calendar } = draft;
  for (const metric of SLA_METRICS) {
    const phase = derivedPhase(policy, facts, metric);
    const target = targetMsOf(policy, facts.priority, metric);
    const clock = draft.clocks[metric];
    if (clock === undefined) {
      // A metric that never had a clock starts from nothing, unless it has nothing to measure.
      if (target === undefined || phase === 'stopped') continue;
      draft.clocks[metric] = clockIn(
        phase,
        { targetMs: target, usedMs: 0, since: t, breachedAt: null, breachReported: false },
        'met',
        calendar,
      );
      emit(draft, { type: 'sla.started' }, metric, t, facts);
      continue;
    }
    const used = usedAt(clock, t, calendar);
    // A stopped clock keeps the target it stopped with until it reopens.
    const newTarget = phase === 'stopped' || target === undefined ? clock.targetMs : target;
    if (clock.phase === phase && newTarget === clock.targetMs) continue;

    const outcome: ClockOutcome =
      clock.breachedAt !== null ? 'breached' : target === undefined ? 'cancelled' : 'met';
    draft.clocks[metric] = clockIn(
      phase,
      {
        targetMs: newTarget,
        usedMs: used,
        since: t,
        breachedAt: clock.breachedAt,
        breachReported: clock.breachReported,
      },
      outcome,
      calendar,
    );
    if (clock.phase !== phase) {
      const change: SlaChange =
        phase === 'stopped'
          ? { type: 'sla.stopped', outcome }
          : clock.phase === 'stopped'
            ? { type: 'sla.reopened' }
            : phase === 'paused'
              ? { type: 'sla.paused' }
              : { type: 'sla.resumed' };
      emit(draft, change, metric, t, facts);
    }
    if (newTarget !== clock.targetMs) {
      emit(draft, { type: 'sla.retargeted', previousTargetMs: clock.targetMs }, metric, t, facts);
      // A target below the time already used breaches at the change; history is not rewritten.
      const current = draft.clocks[metric] as ClockState;
      if (current.breachedAt === null && used > newTarget) {
        draft.clocks[metric] = { ...current, breachedAt: t, breachReported: true };
        emit(draft, { type: 'sla.breached' }, metric, t, facts);
      }
    }
  }
}
