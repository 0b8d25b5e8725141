import type { SlaMetric } from '../../index.js';

/**
 * The schema tag of escalation plans: `'pet-sla/escalation-plan@1'`.
 *
 * @example
 * ```ts
 * if (stored.schema === ESCALATION_PLAN_SCHEMA) plan = parseEscalationPlan(stored);
 * ```
 */
export const ESCALATION_PLAN_SCHEMA = 'pet-sla/escalation-plan@1';

/**
 * The schema tag of a ticket's escalation state: `'pet-sla/escalation-state@1'`.
 *
 * @example
 * ```ts
 * if (row.escalation.schema !== ESCALATION_STATE_SCHEMA) throw new Error('unknown escalation state');
 * ```
 */
export const ESCALATION_STATE_SCHEMA = 'pet-sla/escalation-state@1';

/**
 * How levels of one metric reached at the same instant are reported: `'highest'` reports only
 * the one with the highest threshold (the others count as reported), `'all'` reports each,
 * lowest threshold first.
 *
 * @example
 * ```ts
 * const mode: CatchUpMode = ticketsAttachedLate ? 'highest' : 'all';
 * ```
 */
export type CatchUpMode = 'highest' | 'all';

/**
 * One escalation level as written in a plan definition: exactly one of `percent` (of the
 * target, above 0 and at most 1000, two decimals at most), `beforeDue` or `afterDue` (business
 * minutes), an optional `priorities` filter (default: every priority) and a `notify` list of
 * strings that mean something to the host.
 *
 * @example
 * ```ts
 * const level: EscalationLevelDefinition = { id: 'res-75', metric: 'resolution', percent: 75, notify: ['team-lead'] };
 * ```
 */
export interface EscalationLevelDefinition {
  readonly id: string;
  readonly metric: SlaMetric;
  readonly percent?: number;
  readonly beforeDue?: number;
  readonly afterDue?: number;
  readonly priorities?: readonly string[];
  readonly notify?: readonly string[];
}

/**
 * What {@link defineEscalationPlan} takes: the policy whose clocks the plan watches, its levels
 * and how simultaneous levels are reported (default `'highest'`).
 *
 * @example
 * ```ts
 * const definition: EscalationPlanDefinition = {
 *   id: 'standard-escalations',
 *   policyId: 'standard',
 *   levels: [{ id: 'res-75', metric: 'resolution', percent: 75, notify: ['team-lead'] }],
 * };
 * ```
 */
export interface EscalationPlanDefinition {
  readonly id: string;
  readonly version?: number;
  readonly name?: string;
  readonly policyId: string;
  readonly catchUp?: CatchUpMode;
  readonly levels: readonly EscalationLevelDefinition[];
}

/**
 * A level of an {@link EscalationPlan}, in normal form: `notify` always present, `priorities`
 * sorted (absent when the level applies to every priority).
 *
 * @example
 * ```ts
 * const names = plan.levels.map((level: EscalationLevel) => level.id);
 * ```
 */
export interface EscalationLevel extends EscalationLevelDefinition {
  readonly notify: readonly string[];
}

/**
 * A validated escalation plan: deeply frozen plain JSON that is also its own snapshot
 * (store it as it is; read it back with {@link parseEscalationPlan}).
 *
 * @example
 * ```ts
 * await db.plans.put(plan.id, plan.version, JSON.stringify(plan));
 * ```
 */
export interface EscalationPlan {
  readonly schema: typeof ESCALATION_PLAN_SCHEMA;
  readonly id: string;
  readonly name?: string;
  readonly version: number;
  /** The fingerprint of the version this one replaces. */
  readonly previous?: string;
  readonly policyId: string;
  readonly catchUp: CatchUpMode;
  readonly levels: readonly EscalationLevel[];
  /** SHA-256 of the canonical JSON of everything else. */
  readonly fingerprint: string;
}

/**
 * What {@link reviseEscalationPlan} may change; each field given replaces the old one whole.
 *
 * @example
 * ```ts
 * const changes: EscalationPlanChanges = { catchUp: 'all' };
 * ```
 */
export type EscalationPlanChanges = Partial<
  Pick<EscalationPlanDefinition, 'name' | 'policyId' | 'catchUp' | 'levels'>
>;

/**
 * One metric's clock as the tracker last saw it in the SLA events, and the next instant at
 * which one of its levels is reached if nothing else happens (`null`: none can be).
 *
 * @example
 * ```ts
 * const next = escalation.clocks.resolution?.next?.at ?? null;
 * ```
 */
export interface TrackedClock {
  readonly phase: 'running' | 'paused' | 'stopped';
  readonly targetMs: number;
  /** Business time used at `since`. */
  readonly usedMs: number;
  readonly since: number;
  readonly dueAt: number | null;
  readonly next: {
    readonly at: number;
    readonly usedMs: number;
    readonly catchUp: boolean;
  } | null;
}

/**
 * A ticket's escalation state: plain JSON, deeply frozen, persisted by the host beside the
 * ticket's SLA state. It pins the plan and the calendar, counts the SLA events it has seen,
 * and records which levels have been reported.
 *
 * @example
 * ```ts
 * await db.tickets.update(id, { sla: JSON.stringify(sla), escalation: JSON.stringify(escalation) });
 * ```
 */
export interface EscalationState {
  readonly schema: typeof ESCALATION_STATE_SCHEMA;
  readonly ticketId: string;
  readonly plan: { readonly id: string; readonly version: number; readonly fingerprint: string };
  readonly calendar: {
    readonly id: string;
    readonly version: number;
    readonly fingerprint: string;
  };
  /** SLA events seen: the last one was `<ticketId>/sla/<seenEvents>`. */
  readonly seenEvents: number;
  /** Instant of the last SLA event seen; `null` before the first. */
  readonly lastEventAt: number | null;
  /** Escalation events emitted: the last one was `<ticketId>/esc/<emitted>`. */
  readonly emitted: number;
  /** How far ticket time has been observed by observeSla (epoch ms); `null` before the first observation. */
  readonly observedTo: number | null;
  /** The ticket's priority as last seen, and since when; `null` before the first observation. */
  readonly priority: string | null;
  readonly prioritySince: number | null;
  readonly clocks: Readonly<Partial<Record<SlaMetric, TrackedClock>>>;
  /** Per level of the plan, in plan order: reported since it was last armed. */
  readonly reported: readonly boolean[];
}

/**
 * An escalation event: a level reached. Plain JSON with a deterministic id
 * (`<ticketId>/esc/<n>`) and the clock as it stood at `at`.
 *
 * @example
 * ```ts
 * for (const e of events) for (const who of e.notify) notifier.send(who, toEscalationFeedEntry(e).text);
 * ```
 */
export interface EscalationEvent {
  readonly id: string;
  readonly type: 'sla.escalated';
  readonly ticketId: string;
  readonly metric: SlaMetric;
  readonly at: number;
  readonly levelId: string;
  readonly threshold:
    | { readonly percent: number }
    | { readonly beforeDue: number }
    | { readonly afterDue: number };
  /** Business milliseconds the clock had to use for the level to be reached. */
  readonly thresholdMs: number;
  readonly notify: readonly string[];
  readonly targetMs: number;
  readonly usedMs: number;
  readonly remainingMs: number;
  readonly dueAt: number | null;
  readonly priority: string;
  /** True when the level was already met as the clock started, resumed, reopened, was retargeted or its priority entered the level's filter. */
  readonly catchUp: boolean;
}

/**
 * `{ state, events }` returned by {@link observeSla} and {@link checkEscalations}.
 *
 * @example
 * ```ts
 * const { state, events }: EscalationTransition = checkEscalations(escalation, now, { plan, calendar });
 * ```
 */
export interface EscalationTransition {
  readonly state: EscalationState;
  readonly events: readonly EscalationEvent[];
}
