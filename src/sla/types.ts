/**
 * The metrics an SLA policy can target in this version (docs/sla.md §1): `firstResponse`, stopped
 * by the first agent reply (or a `stopWhen` status), and `resolution`.
 *
 * @example
 * ```ts
 * const metric: SlaMetric = 'firstResponse';
 * standard.targets.urgent?.[metric]; // 30 (business minutes)
 * ```
 */
export type SlaMetric = 'firstResponse' | 'resolution';

/**
 * Every {@link SlaMetric}, in a fixed order (frozen). Walk it rather than an object's keys
 * when the order must not vary.
 *
 * @example
 * ```ts
 * const status = slaStatus(state, now, { calendar: uk });
 * for (const metric of SLA_METRICS) {
 *   const s = status[metric];
 *   if (s !== undefined) console.log(metric, s.phase, formatBusinessDuration(s.remainingMs));
 * }
 * ```
 */
export const SLA_METRICS: readonly SlaMetric[] = Object.freeze(['firstResponse', 'resolution']);

/**
 * The schema tag of SLA policy snapshots (and of policies, which are their own snapshots):
 * `'pet-sla/policy@1'`. It tells stored policies apart from other stored documents.
 *
 * @example
 * ```ts
 * const doc = JSON.parse(row.json);
 * if (doc.schema === POLICY_SCHEMA) policies.set(doc.fingerprint, parsePolicySnapshot(doc));
 * ```
 */
export const POLICY_SCHEMA = 'pet-sla/policy@1';

/**
 * Targets of one priority, in business minutes; at least one metric. A metric left out is not
 * targeted at that priority: its clock stops (outcome `cancelled`, unless it had breached) when a ticket moves to it.
 *
 * @example
 * ```ts
 * const urgent: PriorityTargets = { firstResponse: 15, resolution: 240 };
 * const v2 = revisePolicy(standard, { targets: { ...standard.targets, urgent } });
 * ```
 */
export type PriorityTargets = Readonly<Partial<Record<SlaMetric, number>>>;

/**
 * What {@link defineSlaPolicy} accepts (docs/sla.md §1). A status may be in `pauseWhile` or
 * `stopWhen`, not both.
 *
 * @example
 * ```ts
 * const definition: SlaPolicyDefinition = {
 *   id: 'standard',
 *   calendarId: uk.id,
 *   pauseWhile: ['waiting_on_customer'],
 *   stopWhen: ['resolved', 'closed'],
 *   targets: { urgent: { firstResponse: 30, resolution: 240 }, normal: { resolution: 2400 } },
 * };
 * const standard = defineSlaPolicy(definition);
 * ```
 */
export interface SlaPolicyDefinition {
  /** Non-empty; stable across versions. */
  readonly id: string;
  /** Default 1. */
  readonly version?: number;
  /** For people; it does not change any clock. */
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
 * `fingerprint` the SHA-256 of the canonical JSON of everything else. A ticket embeds the
 * version it was bound with, so revising a policy never changes existing tickets.
 *
 * @example
 * ```ts
 * const policy: SlaPolicy = state.policy; // the version this ticket was bound with
 * const minutes = policy.targets[state.priority]?.resolution; // 240
 * ```
 */
export interface SlaPolicy {
  /** Always {@link POLICY_SCHEMA}. */
  readonly schema: typeof POLICY_SCHEMA;
  readonly id: string;
  readonly name?: string;
  /** 1 for a new policy; each {@link revisePolicy} adds 1. */
  readonly version: number;
  /** Fingerprint of the version this one replaced (see {@link revisePolicy}). */
  readonly previous?: string;
  /** The id of the calendar the clocks run on. */
  readonly calendarId: string;
  /** Statuses that pause every running clock; sorted, no duplicates. */
  readonly pauseWhile: readonly string[];
  /** Statuses that stop every running clock; sorted, no duplicates. */
  readonly stopWhen: readonly string[];
  /** Per priority, business minutes per metric. */
  readonly targets: Readonly<Record<string, PriorityTargets>>;
  /** Lowercase hex SHA-256 of the canonical JSON of the rest: same content, same fingerprint. */
  readonly fingerprint: string;
}
