import { describe, PetSlaError } from '../../errors.js';
import { documentKind } from '../../shared/document.js';
import { readEscalationPlanContent } from './plan-content.js';
import {
  ESCALATION_PLAN_SCHEMA,
  type EscalationPlan,
  type EscalationPlanChanges,
  type EscalationPlanDefinition,
} from './types.js';

// Escalation plans are versioned, fingerprinted documents exactly like SLA policies: the plan
// value is its own snapshot. The shared document machinery does the versioning; this kind
// supplies only its content reader, and its own code for a malformed stored plan.
const plans = documentKind<EscalationPlan>({
  schema: ESCALATION_PLAN_SCHEMA,
  label: 'an escalation plan',
  code: 'INVALID_PLAN',
  parseCode: 'INVALID_PLAN',
  fields: ['policyId', 'catchUp', 'levels'],
  readContent: readEscalationPlanContent,
});

/**
 * Validates an escalation plan definition and returns the immutable, normalised plan (its own
 * snapshot, schema `pet-sla/escalation-plan@1`). Every problem is `INVALID_PLAN` with the
 * path of the field: a level with no threshold or two, a duplicate level id, an unknown
 * metric, a percent out of (0, 1000] or with more than two decimals, an empty or repeated
 * priority or recipient, an unknown key. See docs/escalation.md.
 *
 * @example
 * ```ts
 * const plan = defineEscalationPlan({
 *   id: 'standard-escalations',
 *   policyId: 'standard',
 *   catchUp: 'highest',
 *   levels: [
 *     { id: 'fr-warn', metric: 'firstResponse', beforeDue: 10, notify: ['assignee'] },
 *     { id: 'res-75', metric: 'resolution', percent: 75, notify: ['assignee', 'team-lead'] },
 *     { id: 'res-late-2h', metric: 'resolution', afterDue: 120, notify: ['duty-manager'], priorities: ['urgent'] },
 *   ],
 * });
 * ```
 */
export function defineEscalationPlan(definition: EscalationPlanDefinition): EscalationPlan {
  return plans.define(definition);
}

/**
 * The next version of a plan: `version + 1`, `previous` = the fingerprint of the version it
 * replaces, the given fields replaced whole. Tickets already tracked keep the version they
 * were started with.
 *
 * @example
 * ```ts
 * const v2 = reviseEscalationPlan(plan, { catchUp: 'all' });
 * v2.version; // 2
 * v2.previous === plan.fingerprint; // true
 * ```
 */
export function reviseEscalationPlan(
  plan: EscalationPlan,
  changes: EscalationPlanChanges,
): EscalationPlan {
  return plans.revise(planArgument(plan, 'plan'), changes);
}

/**
 * Validates a stored plan (untrusted JSON) and returns the plan: `INVALID_PLAN` with the path
 * of the first problem (malformed, of another schema, or not in the normal form the library
 * writes), `FINGERPRINT_MISMATCH` when well-formed content was altered after it was written.
 *
 * @example
 * ```ts
 * const plan = parseEscalationPlan(JSON.parse(row.planJson));
 * ```
 */
export function parseEscalationPlan(json: unknown): EscalationPlan {
  return plans.parse(json);
}

/** Internal: a plan, or a stored plan, wherever a plan is expected. */
export function planArgument(value: unknown, path: string): EscalationPlan {
  return plans.accept(
    value,
    (given) =>
      new PetSlaError(
        'INVALID_PLAN',
        `expected an escalation plan from defineEscalationPlan or a stored plan, got ${describe(given)}`,
        path,
      ),
  );
}
