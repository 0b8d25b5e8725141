import type { Calendar } from '../calendar/types.js';
import { rethrowing } from '../errors.js';
import { targetMsOf } from '../sla/targets.js';
import { SLA_METRICS, type SlaMetric, type SlaPolicy } from '../sla/types.js';
import { breachBy, clockAt, dueAtFrom, usedAt } from './clock-math.js';
import type {
  ClockOutcome,
  ClockPhase,
  ClockState,
  SlaEvent,
  SlaEventType,
  TicketSlaState,
} from './types.js';

// The one place where the rules of SPEC §9 live. A step takes the state as it stood at its
// last event, an instant t, and the ticket's facts from t on; it returns the new state and the
// events that the change emits, in a fixed order (breaches first, then metrics in the order
// firstResponse, resolution).

type MutableClocks = Partial<Record<SlaMetric, ClockState>>;

interface Draft {
  readonly state: TicketSlaState;
  readonly calendar: Calendar;
  readonly causedBy: string | null;
  clocks: MutableClocks;
  emitted: number;
  readonly events: SlaEvent[];
}

/** The phase SPEC §9 derives for a metric from the ticket's facts. */
function derivedPhase(
  policy: SlaPolicy,
  facts: Pick<TicketSlaState, 'status' | 'priority' | 'firstResponseDone'>,
  metric: SlaMetric,
): ClockPhase {
  const status = facts.status;
  if (targetMsOf(policy, facts.priority, metric) === undefined) return 'stopped';
  if (status !== null && policy.stopWhen.includes(status)) return 'stopped';
  if (metric === 'firstResponse' && facts.firstResponseDone) return 'stopped';
  if (status !== null && policy.pauseWhile.includes(status)) return 'paused';
  return 'running';
}

function emit(
  draft: Draft,
  type: SlaEventType,
  metric: SlaMetric,
  at: number,
  facts: Pick<TicketSlaState, 'status' | 'priority'>,
  extra: Partial<SlaEvent> = {},
): void {
  const clock = draft.clocks[metric] as ClockState;
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
    ...extra,
  });
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

/** Marks every running clock that has breached by t and reports each breach not yet reported. */
export function reportBreaches(draft: Draft, t: number): number[] {
  const found: { metric: SlaMetric; breachedAt: number }[] = [];
  for (const metric of SLA_METRICS) {
    const clock = draft.clocks[metric];
    if (clock === undefined) continue;
    const breachedAt = breachBy(clock, t);
    if (breachedAt === null || clock.breachReported) continue;
    draft.clocks[metric] = { ...clock, breachedAt, breachReported: true };
    found.push({ metric, breachedAt });
  }
  // A ticket's events come out in time order: breaches by their instants, then by metric
  // (the sort is stable and `found` is in metric order).
  found.sort((a, b) => a.breachedAt - b.breachedAt);
  for (const { metric, breachedAt } of found)
    emit(draft, 'sla.breached', metric, breachedAt, draft.state);
  return found.map(({ breachedAt }) => breachedAt);
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
      draft.clocks[metric] = {
        phase,
        targetMs: target,
        usedMs: 0,
        since: t,
        dueAt: phase === 'running' ? dueAtFrom(t, 0, target, calendar) : null,
        breachedAt: null,
        breachReported: false,
        outcome: null,
      };
      emit(draft, 'sla.started', metric, t, facts);
      continue;
    }
    const used = usedAt(clock, t, calendar);
    // A stopped clock keeps the target it stopped with until it reopens.
    const newTarget = phase === 'stopped' || target === undefined ? clock.targetMs : target;
    if (clock.phase === phase && newTarget === clock.targetMs) continue;

    const outcome: ClockOutcome | null =
      phase !== 'stopped'
        ? null
        : clock.breachedAt !== null
          ? 'breached'
          : target === undefined
            ? 'cancelled'
            : 'met';
    draft.clocks[metric] = {
      phase,
      targetMs: newTarget,
      usedMs: used,
      since: t,
      dueAt: phase === 'running' ? dueAtFrom(t, used, newTarget, calendar) : null,
      breachedAt: clock.breachedAt,
      breachReported: clock.breachReported,
      outcome,
    };
    if (clock.phase !== phase) {
      const type: SlaEventType =
        phase === 'stopped'
          ? 'sla.stopped'
          : clock.phase === 'stopped'
            ? 'sla.reopened'
            : phase === 'paused'
              ? 'sla.paused'
              : 'sla.resumed';
      emit(
        draft,
        type,
        metric,
        t,
        facts,
        type === 'sla.stopped' ? { outcome: outcome as ClockOutcome } : {},
      );
    }
    if (newTarget !== clock.targetMs) {
      emit(draft, 'sla.retargeted', metric, t, facts, { previousTargetMs: clock.targetMs });
      // A target below the time already used breaches at the change; history is not rewritten.
      const current = draft.clocks[metric] as ClockState;
      if (current.breachedAt === null && used > newTarget) {
        draft.clocks[metric] = { ...current, breachedAt: t, breachReported: true };
        emit(draft, 'sla.breached', metric, t, facts);
      }
    }
  }
}
