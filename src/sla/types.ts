/** The metrics an SLA policy can target in this phase (SPEC §7). */
export type SlaMetric = 'firstResponse' | 'resolution';

export const SLA_METRICS: readonly SlaMetric[] = Object.freeze(['firstResponse', 'resolution']);

/** The schema tag of SLA policy snapshots (and of policies, which are their own snapshots). */
export const POLICY_SCHEMA = 'pet-sla/policy@1';

/** Targets of one priority, in business minutes; at least one metric. */
export type PriorityTargets = Readonly<Partial<Record<SlaMetric, number>>>;

/** What {@link defineSlaPolicy} accepts (SPEC §7). */
export interface SlaPolicyDefinition {
  readonly id: string;
  /** Default 1. */
  readonly version?: number;
  readonly name?: string;
  /** The id of the calendar the clocks run on. */
  readonly calendarId: string;
  /** Ticket statuses that pause every running clock. Default none. */
  readonly pauseWhile?: readonly string[];
  /** Ticket statuses that stop every running clock. Default none. */
  readonly stopWhen?: readonly string[];
  /** Per priority, business minutes (> 0) per metric. */
  readonly targets: Readonly<Record<string, PriorityTargets>>;
}

/**
 * A validated, normalised, deeply frozen SLA policy. Like a calendar it is plain JSON and its
 * own snapshot: statuses sorted and de-duplicated, priorities in sorted order, and
 * `fingerprint` the SHA-256 of the canonical JSON of everything else.
 */
export interface SlaPolicy {
  readonly schema: typeof POLICY_SCHEMA;
  readonly id: string;
  readonly name?: string;
  readonly version: number;
  readonly previous?: string;
  readonly calendarId: string;
  readonly pauseWhile: readonly string[];
  readonly stopWhen: readonly string[];
  readonly targets: Readonly<Record<string, PriorityTargets>>;
  readonly fingerprint: string;
}
