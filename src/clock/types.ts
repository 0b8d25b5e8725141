import type { SlaMetric, SlaPolicy } from '../sla/types.js';

/** The schema tag of a ticket's SLA state. */
export const TICKET_SLA_SCHEMA = 'pet-sla/ticket-sla@1';

export type ClockPhase = 'running' | 'paused' | 'stopped';
export type ClockOutcome = 'met' | 'breached' | 'cancelled';

/** One metric's clock, as stored. Durations are business milliseconds. */
export interface ClockState {
  readonly phase: ClockPhase;
  readonly targetMs: number;
  /** Business time used at `since` (for a running clock: when it last started running). */
  readonly usedMs: number;
  /** When the current phase (or, for a running clock, the current accounting) began. */
  readonly since: number;
  /** Running clocks only: `addBusinessMillis(calendar, since, targetMs − usedMs)`. */
  readonly dueAt: number | null;
  readonly breachedAt: number | null;
  /** Whether `sla.breached` has been emitted (it is, exactly once). */
  readonly breachReported: boolean;
  /** Stopped clocks only. */
  readonly outcome: ClockOutcome | null;
}

/**
 * A ticket's SLA state: plain JSON, deeply frozen. It pins the policy (embedded whole) and the
 * calendar (by id, version and fingerprint) the ticket was bound with at creation.
 */
export interface TicketSlaState {
  readonly schema: typeof TICKET_SLA_SCHEMA;
  readonly ticketId: string;
  readonly policy: SlaPolicy;
  readonly calendar: {
    readonly id: string;
    readonly version: number;
    readonly fingerprint: string;
  };
  readonly createdAt: number;
  /** The ticket's current status; `null` until one is given (it neither pauses nor stops). */
  readonly status: string | null;
  readonly priority: string;
  /** An agent has replied, or the ticket has been in a stopWhen status. */
  readonly firstResponseDone: boolean;
  /** Instant of the last applied event (creation at first). */
  readonly lastEventAt: number;
  /** Events earlier than this are out of order: the last event, or just past a reported breach. */
  readonly notBefore: number;
  readonly appliedEventIds: readonly string[];
  /** Number of events emitted so far; emitted ids count on from it. */
  readonly emitted: number;
  readonly clocks: Readonly<Partial<Record<SlaMetric, ClockState>>>;
}

/** A ticket event (input to the clock, SPEC §9). */
export type TicketEvent =
  | {
      readonly id: string;
      readonly at: import('../calendar/instant.js').InstantInput;
      readonly type: 'status_changed';
      readonly status: string;
    }
  | {
      readonly id: string;
      readonly at: import('../calendar/instant.js').InstantInput;
      readonly type: 'agent_replied';
    }
  | {
      readonly id: string;
      readonly at: import('../calendar/instant.js').InstantInput;
      readonly type: 'priority_changed';
      readonly priority: string;
    };

export type SlaEventType =
  | 'sla.started'
  | 'sla.paused'
  | 'sla.resumed'
  | 'sla.stopped'
  | 'sla.breached'
  | 'sla.retargeted'
  | 'sla.reopened';

/** An event the clock emits (output): plain JSON with a deterministic id. */
export interface SlaEvent {
  readonly id: string;
  readonly type: SlaEventType;
  readonly ticketId: string;
  readonly metric: SlaMetric;
  readonly at: number;
  readonly phase: ClockPhase;
  readonly targetMs: number;
  readonly usedMs: number;
  /** Negative when overdue. */
  readonly remainingMs: number;
  readonly dueAt: number | null;
  readonly status: string | null;
  readonly priority: string;
  /** The ticket event that caused it; `null` for creation and for breaches found by checkBreaches. */
  readonly causedBy: string | null;
  /** `sla.stopped` only. */
  readonly outcome?: ClockOutcome;
  /** `sla.retargeted` only. */
  readonly previousTargetMs?: number;
}

/** `{ state, events }`: what every clock function returns; effects are data, never performed. */
export interface SlaTransition {
  readonly state: TicketSlaState;
  readonly events: readonly SlaEvent[];
}
