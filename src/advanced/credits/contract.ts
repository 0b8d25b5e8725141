import { PetSlaError } from '../../errors.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { expectKnownKeys, expectObject, expectString, isPlainObject } from '../../shared/read.js';
import { sha256Hex } from '../../shared/sha256.js';
import {
  CONTRACT_DEFINITION_KEYS,
  type ContractBody,
  readContractContent,
} from './contract-content.js';
import { CONTRACT_SCHEMA, type ServiceContract, type ServiceContractDefinition } from './types.js';

// TODO(adv14): move onto the shared versioned-document machinery once it is in main; until
// then this file is the small stand-in the shared interfaces allow.

const CODE = 'INVALID_CONTRACT';
const SNAPSHOT_KEYS = ['schema', ...CONTRACT_DEFINITION_KEYS, 'previous', 'fingerprint'];
const CHANGE_KEYS = CONTRACT_DEFINITION_KEYS.filter((key) => key !== 'id' && key !== 'version');
const HEX64 = /^[0-9a-f]{64}$/;

const built = new WeakSet<object>();

function build(body: ContractBody, fingerprint = sha256Hex(canonicalJson(body))): ServiceContract {
  const contract = Object.freeze({ ...body, fingerprint }) as ServiceContract;
  built.add(contract);
  return contract;
}

function readFingerprint(value: unknown, path: string): string {
  const text = expectString(value, path, CODE);
  if (!HEX64.test(text))
    throw new PetSlaError(CODE, 'expected a fingerprint: 64 lowercase hexadecimal digits', path);
  return text;
}

/**
 * Validates a service contract definition and returns the immutable, normalised,
 * fingerprinted contract (see docs/credits.md). Every problem is `INVALID_CONTRACT` with the
 * path of the field: tiers that leave a gap, overlap or do not reach 100 %, percents with
 * more than two decimals, amounts that are not safe integers of minor units, an unknown
 * currency, a cap over 100 %, unknown keys.
 *
 * @example
 * ```ts
 * const gold = defineServiceContract({
 *   id: 'acme-gold',
 *   customer: 'ACME Ltd',
 *   currency: 'EUR',
 *   monthlyFee: 1_250_000,
 *   period: { zone: 'Europe/London', unit: 'month' },
 *   measure: { metric: 'resolution', priorities: ['urgent', 'high'] },
 *   minimumMeasured: 20,
 *   tiers: [
 *     { from: 99, to: 100, creditPercent: 0 },
 *     { from: 95, to: 99, creditPercent: 5 },
 *     { from: 0, to: 95, creditPercent: 10 },
 *   ],
 *   perBreach: [{ metric: 'resolution', priorities: ['urgent'], amount: 5_000 }],
 *   capPercent: 30,
 *   claimWindowDays: 15,
 * });
 * gold.version; // 1
 * ```
 */
export function defineServiceContract(definition: ServiceContractDefinition): ServiceContract {
  const object = expectObject(definition, '', CODE, 'a service contract definition');
  expectKnownKeys(object, CONTRACT_DEFINITION_KEYS, '', CODE);
  return build(readContractContent(object));
}

/**
 * Validates untrusted data (a stored contract, schema `pet-sla/contract@1`) and returns the
 * contract: `INVALID_CONTRACT` with the path of the first problem (including data not in the
 * normal form the library writes), `FINGERPRINT_MISMATCH` when the content was altered.
 *
 * @example
 * ```ts
 * const contract = parseServiceContract(JSON.parse(row.contractJson));
 * ```
 */
export function parseServiceContract(json: unknown): ServiceContract {
  if (typeof json === 'object' && json !== null && built.has(json)) return json as ServiceContract;
  const object = expectObject(json, '', CODE, 'a stored service contract');
  if (object.schema !== CONTRACT_SCHEMA) {
    throw new PetSlaError(
      CODE,
      `${object.schema === undefined ? 'missing schema tag' : `unsupported schema ${JSON.stringify(object.schema)}`}; this version of pet-sla reads contracts of schema "${CONTRACT_SCHEMA}"`,
      'schema',
    );
  }
  expectKnownKeys(object, SNAPSHOT_KEYS, '', CODE);
  if (object.version === undefined) throw new PetSlaError(CODE, 'expected a version', 'version');
  const previous =
    object.previous === undefined ? undefined : readFingerprint(object.previous, 'previous');
  const fingerprint = readFingerprint(object.fingerprint, 'fingerprint');
  const body = readContractContent(object, previous);
  const canonical = canonicalJson(body);
  const { fingerprint: _, ...given } = object;
  if (canonicalJson(given) !== canonical) {
    throw new PetSlaError(
      CODE,
      'the contract is not in normal form (as the library writes it: tiers from the highest compliance down, rules and priorities sorted, defaults written out); write contracts with the library',
    );
  }
  if (sha256Hex(canonical) !== fingerprint) {
    throw new PetSlaError(
      'FINGERPRINT_MISMATCH',
      `the fingerprint ${fingerprint} is not that of the contract's content: it was corrupted or altered after it was written`,
      'fingerprint',
    );
  }
  return build(body, fingerprint);
}

/** Internal: a contract from the library, or a stored one (validated). */
export function contractOf(value: unknown, path: string): ServiceContract {
  if (typeof value === 'object' && value !== null && built.has(value))
    return value as ServiceContract;
  if (isPlainObject(value) && 'schema' in value) return parseServiceContract(value);
  throw new PetSlaError(
    CODE,
    'expected a service contract from defineServiceContract or a stored contract',
    path,
  );
}

/**
 * What {@link reviseServiceContract} may change; each field given replaces the old one whole.
 * `id` never changes.
 *
 * @example
 * ```ts
 * const changes: ServiceContractChanges = { monthlyFee: 1_400_000 };
 * ```
 */
export type ServiceContractChanges = Partial<Omit<ServiceContractDefinition, 'id' | 'version'>>;

/**
 * The next version of a contract: `version + 1`, `previous` = the fingerprint of the version
 * it replaces, the given fields replaced whole. Statements already computed keep the
 * contract fingerprint they were computed with.
 *
 * @example
 * ```ts
 * const v2 = reviseServiceContract(gold, { capPercent: 50 });
 * v2.previous === gold.fingerprint; // true
 * ```
 */
export function reviseServiceContract(
  contract: ServiceContract,
  changes: ServiceContractChanges,
): ServiceContract {
  const current = contractOf(contract, 'contract');
  const object = expectObject(changes, '', CODE, 'contract changes');
  expectKnownKeys(object, CHANGE_KEYS, '', CODE);
  if (current.version >= Number.MAX_SAFE_INTEGER)
    throw new PetSlaError(CODE, 'the largest version number has been reached', 'version');
  const fields: Record<string, unknown> = { id: current.id, version: current.version + 1 };
  const old = current as unknown as Readonly<Record<string, unknown>>;
  for (const key of CHANGE_KEYS) fields[key] = object[key] === undefined ? old[key] : object[key];
  return build(readContractContent(fields, current.fingerprint));
}
