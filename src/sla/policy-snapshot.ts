import { PetSlaError } from '../errors.js';
import { isPlainObject } from '../shared/read.js';
import { nextVersionFields, parseVersionedSnapshot } from '../shared/snapshot.js';
import { buildPolicy, readPolicyContent } from './policy-content.js';
import { POLICY_SCHEMA, type SlaPolicy, type SlaPolicyDefinition } from './types.js';

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
export const SUPPORTED_POLICY_SCHEMAS: readonly string[] = Object.freeze([POLICY_SCHEMA]);

const SNAPSHOT_KEYS = [
  'schema',
  'id',
  'name',
  'version',
  'previous',
  'calendarId',
  'pauseWhile',
  'stopWhen',
  'targets',
  'fingerprint',
];

// Policies this library built, recognised by identity so they need no re-validation.
const built = new WeakSet<object>();

export function remember(policy: SlaPolicy): SlaPolicy {
  built.add(policy);
  return policy;
}

/** Whether `value` is a policy this library built (and so needs no checking). */
function isBuiltPolicy(value: unknown): value is SlaPolicy {
  return typeof value === 'object' && value !== null && built.has(value);
}

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
  if (isBuiltPolicy(json)) return json;
  return parseVersionedSnapshot(json, {
    kind: 'policy',
    schemas: SUPPORTED_POLICY_SCHEMAS,
    keys: SNAPSHOT_KEYS,
    read(object, previous) {
      const body = readPolicyContent(object, previous);
      return { body, build: (fingerprint) => remember(buildPolicy(body, fingerprint)) };
    },
  });
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
  return parsePolicySnapshot(policy);
}

/** Internal: accepts a policy or a policy snapshot wherever a policy is expected. */
export function policyOf(value: unknown, path: string): SlaPolicy {
  if (isBuiltPolicy(value)) return value;
  if (isPlainObject(value) && 'schema' in value) return parsePolicySnapshot(value);
  throw new PetSlaError(
    'INVALID_POLICY',
    'expected an SLA policy from defineSlaPolicy or a policy snapshot',
    path,
  );
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

const CHANGE_KEYS = ['name', 'calendarId', 'pauseWhile', 'stopWhen', 'targets'];

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
  const current = policyOf(policy, 'policy');
  const fields = nextVersionFields(current, changes, CHANGE_KEYS, 'INVALID_POLICY');
  return remember(buildPolicy(readPolicyContent(fields, current.fingerprint)));
}
