import { policies, policyOf } from './policy-document.js';
import type { SlaPolicy, SlaPolicyDefinition } from './types.js';

/**
 * Schemas of SLA policy snapshots this version of the library reads (frozen). A stored
 * snapshot of any other schema is `INVALID_SNAPSHOT`; check first to handle it your own way.
 *
 * @example
 * ```ts
 * const doc = JSON.parse(row.policyJson);
 * if (!SUPPORTED_POLICY_SCHEMAS.includes(doc.schema)) throw new Error(`upgrade pet-sla to read ${doc.schema}`);
 * const policy = parsePolicySnapshot(doc);
 * ```
 */
export const SUPPORTED_POLICY_SCHEMAS: readonly string[] = policies.schemas;

/**
 * Validates untrusted data and returns the SLA policy it describes (schema
 * `pet-sla/policy@1`), with the same rules as calendar snapshots: `INVALID_SNAPSHOT` with the
 * JSON path of the first problem, `FINGERPRINT_MISMATCH` for altered content.
 *
 * @example
 * ```ts
 * const policy = parsePolicySnapshot(JSON.parse(row.policyJson));
 * ```
 */
export function parsePolicySnapshot(json: unknown): SlaPolicy {
  return policies.parse(json);
}

/**
 * The snapshot of a policy: frozen plain JSON in normal form with its fingerprint. A policy
 * value already is its own snapshot, so this returns it (after checking that it is one).
 *
 * @example
 * ```ts
 * db.savePolicy(JSON.stringify(toPolicySnapshot(standard)));
 * ```
 */
export function toPolicySnapshot(policy: SlaPolicy): SlaPolicy {
  return policies.toSnapshot(policy);
}

/**
 * What {@link revisePolicy} may change; each field given replaces the old one whole, so
 * spread the old value to keep what you do not change. `id` never changes.
 *
 * @example
 * ```ts
 * const changes: PolicyChanges = { pauseWhile: [...standard.pauseWhile, 'waiting_on_supplier'] };
 * const v2 = revisePolicy(standard, changes); // version 2; tickets bound to version 1 keep it
 * ```
 */
export type PolicyChanges = Partial<
  Pick<SlaPolicyDefinition, 'name' | 'calendarId' | 'pauseWhile' | 'stopWhen' | 'targets'>
>;

/**
 * The next version of a policy: `version + 1`, `previous` = the fingerprint of the version it
 * replaces, the given fields replaced whole. Tickets already bound keep the version they
 * were bound with.
 *
 * @example
 * ```ts
 * const v2 = revisePolicy(standard, { targets: { ...standard.targets, low: { resolution: 4800 } } });
 * ```
 */
export function revisePolicy(policy: SlaPolicy, changes: PolicyChanges): SlaPolicy {
  return policies.revise(policyOf(policy, 'policy'), changes);
}
