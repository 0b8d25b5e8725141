import { describe, PetSlaError } from '../../errors.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import {
  deepFreeze,
  expectKnownKeys,
  expectObject,
  isPlainObject,
  type PlainObject,
} from '../../shared/read.js';
import { sha256Hex } from '../../shared/sha256.js';
import { readEscalationPlanContent } from './plan-content.js';
import {
  ESCALATION_PLAN_SCHEMA,
  type EscalationPlan,
  type EscalationPlanChanges,
  type EscalationPlanDefinition,
} from './types.js';

// Escalation plans as versioned, fingerprinted documents, exactly like SLA policies: the plan
// value is its own snapshot. (Written on canonical JSON and SHA-256 directly until the generic
// document machinery is available to the advanced layer.)

const CODE = 'INVALID_PLAN';
const DEFINITION_KEYS = ['id', 'version', 'name', 'policyId', 'catchUp', 'levels'];
const SNAPSHOT_KEYS = ['schema', ...DEFINITION_KEYS, 'previous', 'fingerprint'];
const CHANGE_KEYS = ['name', 'policyId', 'catchUp', 'levels'];
const HEX64 = /^[0-9a-f]{64}$/;

// Plans this library built, recognised by identity (they are deeply frozen).
const built = new WeakSet<object>();

function build(body: Omit<EscalationPlan, 'fingerprint'>): EscalationPlan {
  const plan = deepFreeze({ ...body, fingerprint: sha256Hex(canonicalJson(body)) });
  built.add(plan);
  return plan;
}

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
  const object = expectObject(definition, '', CODE, 'an escalation plan definition');
  expectKnownKeys(object, DEFINITION_KEYS, '', CODE);
  return build(readEscalationPlanContent(object));
}

/** Internal: a plan, or a stored plan, wherever a plan is expected. */
export function planArgument(value: unknown, path: string): EscalationPlan {
  if (typeof value === 'object' && value !== null && built.has(value))
    return value as EscalationPlan;
  if (isPlainObject(value) && 'schema' in value) return parseEscalationPlan(value);
  throw new PetSlaError(
    CODE,
    `expected an escalation plan from defineEscalationPlan or a stored plan, got ${describe(value)}`,
    path,
  );
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
  const current = planArgument(plan, 'plan');
  const object = expectObject(changes, '', CODE, 'changes { name?, policyId?, catchUp?, levels? }');
  expectKnownKeys(object, CHANGE_KEYS, '', CODE);
  if (current.version >= Number.MAX_SAFE_INTEGER)
    throw new PetSlaError(CODE, 'the largest version number has been reached', 'version');
  const fields: Record<string, unknown> = { id: current.id, version: current.version + 1 };
  const old = current as unknown as PlainObject;
  for (const key of CHANGE_KEYS) fields[key] = object[key] === undefined ? old[key] : object[key];
  return build(readEscalationPlanContent(fields, current.fingerprint));
}

/**
 * Validates a stored plan (untrusted JSON) and returns the plan: `INVALID_PLAN` with the path
 * of the first problem (including a schema other than `pet-sla/escalation-plan@1` and content
 * not in normal form), `FINGERPRINT_MISMATCH` when the content was altered after it was written.
 *
 * @example
 * ```ts
 * const plan = parseEscalationPlan(JSON.parse(row.planJson));
 * ```
 */
export function parseEscalationPlan(json: unknown): EscalationPlan {
  if (typeof json === 'object' && json !== null && built.has(json)) return json as EscalationPlan;
  const object = expectObject(json, '', CODE, 'a stored escalation plan');
  if (object.schema !== ESCALATION_PLAN_SCHEMA) {
    throw new PetSlaError(
      CODE,
      `${object.schema === undefined ? 'missing schema tag' : `unsupported schema ${describe(object.schema)}`}; this version of pet-sla reads escalation plans of schema "${ESCALATION_PLAN_SCHEMA}"`,
      'schema',
    );
  }
  expectKnownKeys(object, SNAPSHOT_KEYS, '', CODE);
  if (object.version === undefined) throw new PetSlaError(CODE, 'expected a version', 'version');
  for (const key of ['previous', 'fingerprint'] as const) {
    const value = object[key];
    if (
      (key === 'fingerprint' || value !== undefined) &&
      (typeof value !== 'string' || !HEX64.test(value))
    ) {
      throw new PetSlaError(
        CODE,
        `expected a fingerprint: 64 lowercase hexadecimal digits (SHA-256), got ${describe(value)}`,
        key,
      );
    }
  }
  const body = readEscalationPlanContent(object, object.previous as string | undefined);
  const { fingerprint, ...given } = object;
  const canonical = canonicalJson(body);
  if (canonicalJson(given) !== canonical) {
    throw new PetSlaError(
      CODE,
      'the plan is not in normal form (as the library writes it: catchUp and notify spelled out, priorities sorted); store plans as defineEscalationPlan returns them',
    );
  }
  if (sha256Hex(canonical) !== fingerprint) {
    throw new PetSlaError(
      'FINGERPRINT_MISMATCH',
      `the fingerprint ${String(fingerprint)} is not that of the plan's content: it was corrupted or altered after it was written`,
      'fingerprint',
    );
  }
  return build(body);
}
