import { PetSlaError } from '../../errors.js';
import { documentKind } from '../../shared/document.js';
import { CONTRACT_FIELDS, readContractContent } from './contract-content.js';
import { CONTRACT_SCHEMA, type ServiceContract, type ServiceContractDefinition } from './types.js';

/** Service contracts as versioned documents (docs/credits.md, docs/snapshots.md). */
const contracts = documentKind<ServiceContract>({
  schema: CONTRACT_SCHEMA,
  label: 'a service contract',
  code: 'INVALID_CONTRACT',
  parseCode: 'INVALID_CONTRACT',
  fields: CONTRACT_FIELDS,
  readContent: readContractContent,
});

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
  return contracts.define(definition);
}

/**
 * Validates untrusted data (a stored contract, schema `pet-sla/contract@1`) and returns the
 * contract, with the same rules as calendar and policy snapshots but its own code:
 * `INVALID_CONTRACT` with the path of the first problem (the message names the contract rule
 * it breaks, and data not in the normal form the library writes is refused),
 * `FINGERPRINT_MISMATCH` when well-formed content was altered after it was written.
 *
 * @example
 * ```ts
 * const contract = parseServiceContract(JSON.parse(row.contractJson));
 * ```
 */
export function parseServiceContract(json: unknown): ServiceContract {
  return contracts.parse(json);
}

/** Internal: a contract from the library, or a stored one (validated); else INVALID_CONTRACT. */
export function contractOf(value: unknown, path: string): ServiceContract {
  return contracts.accept(
    value,
    () =>
      new PetSlaError(
        'INVALID_CONTRACT',
        'expected a service contract from defineServiceContract or a stored contract',
        path,
      ),
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
  return contracts.revise(contractOf(contract, 'contract'), changes);
}
