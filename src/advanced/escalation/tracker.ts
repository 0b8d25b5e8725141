import {
  addBusinessMillis,
  businessMillisBetween,
  type Calendar,
  isPetSlaError,
  SLA_METRICS,
  type SlaEvent,
  type SlaMetric,
} from '../../index.js';
import { thresholdMsOf } from './plan-content.js';
import type {
  EscalationEvent,
  EscalationLevel,
  EscalationPlan,
  EscalationState,
  TrackedClock,
} from './types.js';

// The rules of escalation levels, in one place. The tracker mirrors each metric's clock from
// the SLA events (phase, target, used time at its last change) and keeps, per metric, the next
// instant at which a level is reached if nothing else happens. A pass "up to H" reports, in
// time order, every level reached by H; consuming an SLA event changes the mirror, re-arms
// levels a retarget lifted above the used time, and computes the next instant again.

/** A state being worked on; the caller's state is never changed. */
export interface Draft {
  readonly ticketId: string;
  readonly plan: EscalationPlan;
  readonly calendar: Calendar;
  clocks: Partial<Record<SlaMetric, TrackedClock>>;
  reported: boolean[];
  priority: string | null;
  prioritySince: number | null;
  emitted: number;
  readonly events: EscalationEvent[];
  /** Whether anything in the draft differs from the state it was made from. */
  changed: boolean;
}

export function newDraft(state: EscalationState, plan: EscalationPlan, calendar: Calendar): Draft {
  return {
    ticketId: state.ticketId,
    plan,
    calendar,
    clocks: { ...state.clocks },
    reported: [...state.reported],
    priority: state.priority,
    prioritySince: state.prioritySince,
    emitted: state.emitted,
    events: [],
    changed: false,
  };
}

const appliesTo = (level: EscalationLevel, priority: string | null): boolean =>
  priority !== null && (level.priorities === undefined || level.priorities.includes(priority));

/**
 * The levels of `metric` that could still be reached now, with their thresholds, lowest
 * threshold first; equal thresholds keep plan order (the later-listed level is the higher).
 */
function candidates(
  draft: Draft,
  metric: SlaMetric,
  targetMs: number,
): { readonly i: number; readonly threshold: number }[] {
  const found: { i: number; threshold: number }[] = [];
  const { levels } = draft.plan;
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as EscalationLevel;
    if (level.metric === metric && !draft.reported[i] && appliesTo(level, draft.priority))
      found.push({ i, threshold: thresholdMsOf(level, targetMs) });
  }
  if (found.length > 1) found.sort((a, b) => a.threshold - b.threshold || a.i - b.i);
  return found;
}

/** Business time moved from `from`, or `null` when the calendar has no such instant before 2200. */
function reachAfter(calendar: Calendar, from: number, ms: number): number | null {
  if (!Number.isSafeInteger(ms)) return null;
  try {
    return addBusinessMillis(calendar, from, ms);
  } catch (error) {
    if (
      isPetSlaError(error, 'INSTANT_OUT_OF_RANGE') ||
      isPetSlaError(error, 'CALENDAR_NEVER_OPENS')
    )
      return null;
    throw error;
  }
}

/**
 * The next reach of `metric`'s clock. A running clock from `since` with `usedMs` reaches a
 * threshold θ at `addBusinessMillis(since, θ − used)`; a threshold already met when the clock
 * (or the ticket's priority, for a level's filter) last changed is reached at that change.
 */
function nextOf(draft: Draft, metric: SlaMetric, clock: TrackedClock): TrackedClock['next'] {
  if (clock.phase !== 'running') return null;
  const lowest = candidates(draft, metric, clock.targetMs)[0];
  if (lowest === undefined) return null;
  const start = Math.max(clock.since, draft.prioritySince ?? clock.since);
  const usedAtStart =
    start === clock.since
      ? clock.usedMs
      : clock.usedMs + businessMillisBetween(draft.calendar, clock.since, start);
  const { threshold } = lowest;
  if (threshold <= usedAtStart) return { at: start, usedMs: usedAtStart, catchUp: true };
  const at = reachAfter(draft.calendar, clock.since, threshold - clock.usedMs);
  return at === null ? null : { at, usedMs: threshold, catchUp: false };
}

function refresh(draft: Draft, metric: SlaMetric): void {
  const clock = draft.clocks[metric];
  if (clock === undefined) return;
  const next = nextOf(draft, metric, clock);
  const old = clock.next;
  if (next === old) return;
  if (
    next !== null &&
    old !== null &&
    next.at === old.at &&
    next.usedMs === old.usedMs &&
    next.catchUp === old.catchUp
  )
    return;
  draft.clocks[metric] = { ...clock, next };
  draft.changed = true;
}

function thresholdOf(level: EscalationLevel): EscalationEvent['threshold'] {
  if (level.percent !== undefined) return { percent: level.percent };
  if (level.beforeDue !== undefined) return { beforeDue: level.beforeDue };
  return { afterDue: level.afterDue as number };
}

/** Reports the levels of `metric` reached together at its next reach, as the plan's catchUp says. */
function reportNext(draft: Draft, metric: SlaMetric): void {
  const clock = draft.clocks[metric] as TrackedClock;
  const next = clock.next as NonNullable<TrackedClock['next']>;
  const group = candidates(draft, metric, clock.targetMs).filter(
    ({ threshold }) => threshold <= next.usedMs,
  );
  const shown = draft.plan.catchUp === 'all' ? group : group.slice(-1);
  for (const { i } of group) draft.reported[i] = true;
  draft.changed = true;
  for (const { i, threshold } of shown) {
    const level = draft.plan.levels[i] as EscalationLevel;
    draft.emitted += 1;
    draft.events.push({
      id: `${draft.ticketId}/esc/${draft.emitted}`,
      type: 'sla.escalated',
      ticketId: draft.ticketId,
      metric,
      at: next.at,
      levelId: level.id,
      threshold: thresholdOf(level),
      thresholdMs: threshold,
      notify: level.notify,
      targetMs: clock.targetMs,
      usedMs: next.usedMs,
      remainingMs: clock.targetMs - next.usedMs,
      dueAt: clock.dueAt,
      priority: draft.priority as string,
      catchUp: next.catchUp,
    });
  }
  refresh(draft, metric);
}

/** Reports every level reached by `horizon`, in time order (then metric order). */
export function reachUpTo(draft: Draft, horizon: number): void {
  for (;;) {
    let earliest: SlaMetric | undefined;
    for (const metric of SLA_METRICS) {
      const at = draft.clocks[metric]?.next?.at;
      if (at === undefined || at > horizon) continue;
      if (earliest === undefined || at < (draft.clocks[earliest]?.next?.at as number))
        earliest = metric;
    }
    if (earliest === undefined) return;
    reportNext(draft, earliest);
  }
}

/** The ticket's priority as the tracker now sees it, from instant `at` on. */
export function seePriority(draft: Draft, priority: string, at: number): void {
  if (priority === draft.priority) return;
  draft.changed = true;
  draft.priority = priority;
  draft.prioritySince = at;
  for (const metric of SLA_METRICS) refresh(draft, metric);
}

/** Mirrors one SLA event (already checked to be the next one of the ticket). */
export function consume(draft: Draft, event: SlaEvent): void {
  const { metric } = event;
  const before = draft.clocks[metric];
  draft.changed = true;
  if (before !== undefined && before.targetMs !== event.targetMs) {
    // A retarget re-arms the levels whose threshold it lifts above the time already used.
    draft.plan.levels.forEach((level, i) => {
      if (level.metric === metric && thresholdMsOf(level, event.targetMs) > event.usedMs)
        draft.reported[i] = false;
    });
  }
  draft.clocks[metric] = {
    phase: event.phase,
    targetMs: event.targetMs,
    usedMs: event.usedMs,
    since: event.at,
    dueAt: event.dueAt,
    next: null,
  };
  if (event.priority !== draft.priority) seePriority(draft, event.priority, event.at);
  refresh(draft, metric);
}
