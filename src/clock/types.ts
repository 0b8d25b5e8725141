import type { Calendar, InstantInput } from '../calendar/types.js';
import type { SlaMetric, SlaPolicy } from '../sla/types.js';

/**
 * The schema tag of a ticket's SLA state: `'pet-sla/ticket-sla@1'`. It tells stored SLA
 * states apart from other stored documents, and from states of a later format.
 *
 * @example
 * ```ts
 * const stored = JSON.parse(row.sla);
 * if (stored.schema !== TICKET_SLA_SCHEMA) throw new Error(`cannot read SLA state ${stored.schema}`);
 * ```
 */
export const TICKET_SLA_SCHEMA = 'pet-sla/ticket-sla@1';

/**
 * Where a metric's clock stands (docs/sla.md §5): `running` (using business time), `paused` (the
 * ticket is in a `pauseWhile` status) or `stopped`. It is derived from the ticket's status,
 * priority and first response, never set by hand.
 *
 * @example
 * ```ts
 * const phase: ClockPhase | undefined = state.clocks.resolution?.phase;
 * const badge = phase === 'running' ? 'clock running' : phase === 'paused' ? 'on hold' : 'done';
 * ```
 */
export type ClockPhase = 'running' | 'paused' | 'stopped';

/**
 * Why a stopped clock stopped: `breached` if it ever breached, else `cancelled` if the
 * ticket's current priority no longer targets the metric, else `met`.
 *
 * @example
 * ```ts
 * const outcome: ClockOutcome | null = state.clocks.firstResponse?.outcome ?? null;
 * if (outcome === 'met') kpis.increment('first-response-met');
 * ```
 */
export type ClockOutcome = 'met' | 'breached' | 'cancelled';

/**
 * One metric's clock, as stored in {@link TicketSlaState}. Durations are business
 * milliseconds. It describes the clock at its last change; {@link slaStatus} tells where it
 * stands at a given instant. Its `phase` tells the rest: only a running clock has a `dueAt`,
 * only a stopped one an `outcome`.
 *
 * @example
 * ```ts
 * const clock: ClockState | undefined = state.clocks.resolution;
 * if (clock?.phase === 'running') showDue(new Date(clock.dueAt)); // dueAt: number here
 * ```
 */
export type ClockState =
  | (ClockStateFields & {
      readonly phase: 'running';
      /** `addBusinessMillis(calendar, since, targetMs − usedMs)`. */
      readonly dueAt: number;
      readonly outcome: null;
    })
  | (ClockStateFields & {
      readonly phase: 'paused';
      readonly dueAt: null;
      readonly outcome: null;
    })
  | (ClockStateFields & {
      readonly phase: 'stopped';
      readonly dueAt: null;
      /** Why it stopped. */
      readonly outcome: ClockOutcome;
    });

/** What every {@link ClockState} has, whatever its phase. */
interface ClockStateFields {
  /** The policy's business minutes × 60 000; a stopped clock keeps its last target. */
  readonly targetMs: number;
  /** Business time used at `since` (for a running clock: when it last started running). */
  readonly usedMs: number;
  /** When the current phase (or, for a running clock, the current accounting) began. */
  readonly since: number;
  /** `null` until it breaches; then the due instant (or the instant a smaller target took effect). */
  readonly breachedAt: number | null;
  /** Whether `sla.breached` has been emitted (it is, exactly once). */
  readonly breachReported: boolean;
}

/**
 * A ticket's SLA state: plain JSON, deeply frozen. It pins the policy (embedded whole) and the
 * calendar (by id, version and fingerprint) the ticket was bound with at creation. Store it
 * with the ticket and pass it back to the next clock call; never edit it by hand.
 *
 * @example
 * ```ts
 * const { state } = startSla(binding);
 * await db.tickets.update(state.ticketId, { sla: JSON.stringify(state) });
 * // later, on the next ticket event:
 * const stored: TicketSlaState = JSON.parse(row.sla);
 * const next = applyEvent(stored, event, { calendar: await calendarSnapshot(stored.calendar.fingerprint) });
 * ```
 */
export interface TicketSlaState {
  /** Always {@link TICKET_SLA_SCHEMA}. */
  readonly schema: typeof TICKET_SLA_SCHEMA;
  readonly ticketId: string;
  /** The policy version bound at creation, embedded whole. */
  readonly policy: SlaPolicy;
  /** The calendar bound at creation: clock functions refuse any other (`CALENDAR_MISMATCH`). */
  readonly calendar: {
    readonly id: string;
    readonly version: number;
    readonly fingerprint: string;
  };
  /** When the ticket was created (epoch ms). */
  readonly createdAt: number;
  /** The ticket's current status; `null` until one is given (it neither pauses nor stops). */
  readonly status: string | null;
  /** The ticket's current priority. */
  readonly priority: string;
  /** An agent has replied, or the ticket has been in a stopWhen status. */
  readonly firstResponseDone: boolean;
  /** Instant of the last applied event (creation at first). */
  readonly lastEventAt: number;
  /** Events earlier than this are out of order: the last event, or just past a reported breach. */
  readonly notBefore: number;
  /**
   * Changes with every change of the state (each applied event, each breach checkBreaches
   * reports): store it beside the state and update only where it is unchanged, so two
   * workers writing the same ticket cannot both win (docs/sla.md, Concurrent workers). A
   * state written by 0.1.0 has none: it reads as the number of events that state applied.
   */
  readonly revision: number;
  /**
   * The ticket events applied so far, 24 characters each (16 hex digits of the SHA-256 of the
   * event's id, 8 of its content), so that an event delivered again, however late, changes
   * nothing, and the same id with other content is `EVENT_CONFLICT` (docs/sla.md).
   */
  readonly appliedEvents: string;
  /** Number of events emitted so far; emitted ids count on from it. */
  readonly emitted: number;
  /** One clock per metric that has ever had one. */
  readonly clocks: Readonly<Partial<Record<SlaMetric, ClockState>>>;
}

/**
 * A ticket event (input to the clock; docs/sla.md §7). Its `id` must be unique for the ticket: an
 * id already applied is ignored, so delivering an event twice is safe. `at` is any {@link
 * InstantInput}.
 *
 * @example
 * ```ts
 * const event: TicketEvent = { id: `reply-${reply.id}`, type: 'agent_replied', at: reply.createdAt };
 * const { state: next, events } = applyEvent(state, event, { calendar: uk });
 * ```
 */
export type TicketEvent =
  | {
      readonly id: string;
      readonly at: InstantInput;
      readonly type: 'status_changed';
      readonly status: string;
    }
  | {
      readonly id: string;
      readonly at: InstantInput;
      readonly type: 'agent_replied';
    }
  | {
      readonly id: string;
      readonly at: InstantInput;
      readonly type: 'priority_changed';
      readonly priority: string;
    };

/**
 * The kinds of {@link SlaEvent}: one for each change of a clock's phase (`started`, `paused`,
 * `resumed`, `stopped`, `reopened`) or target (`retargeted`), and `sla.breached`, which is
 * emitted exactly once per breach.
 *
 * @example
 * ```ts
 * const paging: readonly SlaEventType[] = ['sla.breached', 'sla.retargeted'];
 * for (const e of events) if (paging.includes(e.type)) pager.send(toActivityFeedEntry(e).text);
 * ```
 */
export type SlaEventType = SlaEvent['type'];

/**
 * An event the clock emits (output): plain JSON with a deterministic id, carrying the clock as
 * it stands at `at`. pet-sla performs no effect itself: notifying, paging and logging are the
 * host's, driven by these events. A union on `type`: `sla.stopped` carries the `outcome`,
 * `sla.retargeted` the `previousTargetMs`.
 *
 * @example
 * ```ts
 * for (const event of events) {
 *   if (event.type === 'sla.breached') alert(`${event.ticketId}: ${event.metric} SLA breached`);
 *   if (event.type === 'sla.stopped' && event.outcome === 'met') kpis.increment(`${event.metric}-met`);
 * }
 * ```
 */
export type SlaEvent =
  | (SlaEventFields & {
      readonly type: 'sla.started' | 'sla.paused' | 'sla.resumed' | 'sla.breached' | 'sla.reopened';
    })
  | (SlaEventFields & {
      readonly type: 'sla.stopped';
      /** Why the clock stopped. */
      readonly outcome: ClockOutcome;
    })
  | (SlaEventFields & {
      readonly type: 'sla.retargeted';
      /** The target before the change, business milliseconds. */
      readonly previousTargetMs: number;
    });

/** What every {@link SlaEvent} has, whatever its type. */
interface SlaEventFields {
  /** Deterministic: `<ticketId>/sla/<n>` for the n-th event of the ticket (docs/sla.md). */
  readonly id: string;
  readonly ticketId: string;
  readonly metric: SlaMetric;
  /** When it happened (epoch ms); for `sla.breached`, the instant the clock breached. */
  readonly at: number;
  /** The clock's phase at `at`, after the change. */
  readonly phase: ClockPhase;
  /** Business milliseconds. */
  readonly targetMs: number;
  /** Business milliseconds used by `at`. */
  readonly usedMs: number;
  /** Negative when overdue. */
  readonly remainingMs: number;
  /** `null` unless the clock is running. */
  readonly dueAt: number | null;
  /** The ticket's status at `at`. */
  readonly status: string | null;
  /** The ticket's priority at `at`. */
  readonly priority: string;
  /** The ticket event that caused it; `null` for creation and for breaches found by checkBreaches. */
  readonly causedBy: string | null;
}

/**
 * `{ state, events }`: what every clock function returns; effects are data, never performed.
 * Store the new state and the events together, then act on the events.
 *
 * @example
 * ```ts
 * const transition: SlaTransition = applyEvent(state, event, { calendar: uk });
 * await db.transaction(async (tx) => {
 *   await tx.saveSlaState(transition.state.ticketId, transition.state);
 *   await tx.appendOutbox(transition.events);
 * });
 * ```
 */
export interface SlaTransition {
  /** The new state, to store in place of the old one. */
  readonly state: TicketSlaState;
  /** What changed, in order; empty when nothing did. */
  readonly events: readonly SlaEvent[];
  /** Present (and `true`) only when applyEvent was given an event it had already applied. */
  readonly duplicate?: true;
}

/**
 * The options every clock function takes: the calendar the ticket was bound with. The state
 * pins it by id, version and fingerprint; keep that snapshot and pass it back.
 *
 * @example
 * ```ts
 * const pinned = state.calendar; // { id, version, fingerprint }
 * const options: ClockOptions = { calendar: parseSnapshot(await snapshots.get(pinned.id, pinned.version)) };
 * const status = slaStatus(state, now, options);
 * ```
 */
export interface ClockOptions {
  /** The pinned calendar (or its snapshot); any other is CALENDAR_MISMATCH. */
  readonly calendar: Calendar;
}

/**
 * The options of {@link checkBreaches}: the bound calendar, and how late the host's events may
 * arrive. A breach is reported only once `now` is past `dueAt + graceMs`, so an event delayed
 * by up to the grace still applies and decides the outcome (docs/sla.md, Late events).
 *
 * @example
 * ```ts
 * const options: BreachCheckOptions = { calendar: uk, graceMs: 10 * 60_000 };
 * const { state: next, events } = checkBreaches(state, now, options);
 * ```
 */
export interface BreachCheckOptions extends ClockOptions {
  /** Milliseconds (a whole number ≥ 0) to wait past a due instant; default 0. */
  readonly graceMs?: number;
}
