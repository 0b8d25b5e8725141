import type { ClockOutcome, ClockPhase, Interval, SlaMetric } from '../../index.js';

/**
 * One stretch of a clock's life in an {@link SlaExplanation}: from one change of the clock to
 * the next. While `running`, the clock counted exactly the calendar's open time inside it,
 * listed in `open`; paused and stopped stretches count nothing.
 *
 * @example
 * ```ts
 * for (const interval of explainSla(log, 'resolution', { calendar: uk }).intervals) {
 *   console.log(interval.phase, interval.countedMs, interval.open.length);
 * }
 * ```
 */
export interface ExplainedInterval {
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, exclusive: the next change, or the instant explained. */
  readonly to: number;
  readonly phase: ClockPhase;
  /** Business milliseconds the clock counted in [from, to): Σ of `open`'s lengths. */
  readonly countedMs: number;
  /** The calendar's open intervals in [from, to) that were counted (none unless running). */
  readonly open: readonly Interval[];
  /** The target in force, business milliseconds. */
  readonly targetMs: number;
  /** Business time used when the stretch began. */
  readonly usedAtFrom: number;
  /** The ticket's status and priority during the stretch. */
  readonly status: string | null;
  readonly priority: string;
  /** The clock had already breached when the stretch began. */
  readonly overdue: boolean;
  /** Id of the SLA event that began it; `null` for the stretch after a breach no event reported yet. */
  readonly startedBy: string | null;
}

/**
 * A change of target in an {@link SlaExplanation} (a priority change), in business milliseconds.
 *
 * @example
 * ```ts
 * const [change] = explainSla(log, 'resolution', { calendar: uk }).targetChanges;
 * if (change) console.log(`${change.fromMs} → ${change.toMs} at ${new Date(change.at).toISOString()}`);
 * ```
 */
export interface TargetChange {
  readonly at: number;
  readonly fromMs: number;
  readonly toMs: number;
  /** The priority that brought the new target. */
  readonly priority: string;
  /** Id of the `sla.retargeted` event. */
  readonly event: string;
}

/**
 * How a due instant was reached: counting from `since` (when the clock last started running,
 * or its target last changed), with `usedAtSince` already used, the remainder
 * `targetMs − usedAtSince` (never below zero) of business time lands on `dueAt`
 * (`addBusinessMillis(calendar, since, remainderMs)`). `open` lists the calendar's open
 * intervals that remainder spans.
 *
 * @example
 * ```ts
 * const { due } = explainSla(log, 'resolution', { calendar: uk });
 * if (due) addBusinessMillis(uk, due.since, due.remainderMs) === due.dueAt; // true
 * ```
 */
export interface DueComputation {
  readonly since: number;
  readonly usedAtSince: number;
  readonly targetMs: number;
  readonly remainderMs: number;
  readonly dueAt: number;
  /** The open intervals in [since, dueAt): their lengths add up to `remainderMs`. */
  readonly open: readonly Interval[];
  /** When this computation stopped applying (the clock paused, stopped or was retargeted); `null` if it still applies. */
  readonly until: number | null;
  /** Id of the SLA event that made it. */
  readonly event: string;
}

/**
 * A clock's breach in an {@link SlaExplanation}. `due-passed`: the clock was still running when
 * its due instant passed (`due` says how that instant was reached). `target-lowered`: a new,
 * smaller target was below the time already used, so it breached when the target changed.
 *
 * @example
 * ```ts
 * const { breach } = explainSla(log, 'resolution', { calendar: uk });
 * if (breach?.cause === 'due-passed') console.log(`due ${new Date(breach.at).toISOString()}, still running`);
 * ```
 */
export interface ExplainedBreach {
  readonly at: number;
  readonly cause: 'due-passed' | 'target-lowered';
  /** The due computation that was passed (`due-passed` only; else `null`). */
  readonly due: DueComputation | null;
  /** Business time used at the breach. */
  readonly usedMs: number;
  readonly targetMs: number;
  /** Id of the `sla.breached` event; `null` if no event in the log has reported it yet. */
  readonly reportedBy: string | null;
}

/**
 * Why a ticket's SLA clock stands where it does, from {@link explainSla}: every stretch of the
 * clock's life, the target changes, each due computation, the breach, pinned to the calendar
 * version the clock ran on. Plain JSON, deeply frozen; Σ `intervals[].countedMs` = `usedMs`.
 *
 * @example
 * ```ts
 * const explanation: SlaExplanation = explainSla(log, 'resolution', { calendar: uk, state });
 * await db.disputes.insert({ ticketId: explanation.ticketId, explanation: JSON.stringify(explanation) });
 * ```
 */
export interface SlaExplanation {
  readonly ticketId: string;
  readonly metric: SlaMetric;
  /** The calendar the clock ran on. */
  readonly calendar: {
    readonly id: string;
    readonly name: string | null;
    readonly version: number;
    readonly fingerprint: string;
    readonly zone: string;
  };
  /** When the clock started (its `sla.started` event). */
  readonly startedAt: number;
  /** The instant explained: the clock as it stood then. */
  readonly now: number;
  /** The clock at `now`. */
  readonly phase: ClockPhase;
  readonly targetMs: number;
  readonly usedMs: number;
  /** Negative when overdue. */
  readonly remainingMs: number;
  /** `null` unless stopped. */
  readonly outcome: ClockOutcome | null;
  readonly intervals: readonly ExplainedInterval[];
  readonly targetChanges: readonly TargetChange[];
  /** Every due computation, in order; the last one with `until: null` is in force if running. */
  readonly dues: readonly DueComputation[];
  /** The due computation in force at `now` (running clocks only), else `null`. */
  readonly due: DueComputation | null;
  readonly breach: ExplainedBreach | null;
  /** Ids of the SLA events of this clock that the explanation read, in order. */
  readonly events: readonly string[];
}
