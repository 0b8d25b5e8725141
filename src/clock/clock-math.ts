import { addBusinessMillis } from '../calendar/add-business-time.js';
import { businessMillisBetween } from '../calendar/business-between.js';
import type { Calendar } from '../calendar/types.js';
import type { ClockPhase, ClockState } from './types.js';

// Business-time accounting of one clock, through the calendar's public operations only.

/** Business time a clock has used by instant t (t ≥ its `since`). */
export function usedAt(clock: ClockState, t: number, calendar: Calendar): number {
  return clock.phase === 'running'
    ? clock.usedMs + businessMillisBetween(calendar, clock.since, t)
    : clock.usedMs;
}

/**
 * When a clock that runs from `since` with `usedMs` used reaches its target. A clock already
 * at or past its target is due at `since` itself (in time until then; docs/sla.md §5).
 */
export function dueAtFrom(
  since: number,
  usedMs: number,
  targetMs: number,
  calendar: Calendar,
): number {
  return addBusinessMillis(calendar, since, Math.max(0, targetMs - usedMs));
}

/** The instant a running clock breached, if it has by `t` (an event at its due instant is in time). */
export function breachBy(clock: ClockState, t: number): number | null {
  if (clock.breachedAt !== null) return clock.breachedAt;
  return clock.phase === 'running' && t > clock.dueAt ? clock.dueAt : null;
}

/** A clock as it stands at an instant t (t ≥ its `since`): what events and statuses report. */
export interface ClockAt {
  readonly phase: ClockPhase;
  readonly targetMs: number;
  readonly usedMs: number;
  /** Negative when overdue. */
  readonly remainingMs: number;
  /** `null` unless running. */
  readonly dueAt: number | null;
}

/** Where a clock stands at instant t: the one computation behind events and slaStatus. */
export function clockAt(clock: ClockState, t: number, calendar: Calendar): ClockAt {
  const usedMs = usedAt(clock, t, calendar);
  return {
    phase: clock.phase,
    targetMs: clock.targetMs,
    usedMs,
    remainingMs: clock.targetMs - usedMs,
    dueAt: clock.dueAt,
  };
}
