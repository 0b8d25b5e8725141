import { PetSlaError } from '../../errors.js';
import type { SlaMetric } from '../../index.js';
import { readPercent, shareOf } from '../shared/money.js';
import { feeOfOnePeriod } from './contract-content.js';
import type {
  CreditCombine,
  CreditTier,
  PerBreachRule,
  PerLateHourRule,
  ServiceContract,
} from './types.js';

// Each rule of a credit statement, one function apiece. Money and percentages are integers
// (minor units, basis points); products that could pass 2^53 are taken in BigInt.

const HOUR_MS = 3_600_000;
const WHOLE = 10_000n;
const PERCENT = { min: 0, max: 100 };

/** A tier with its bounds and credit in basis points. */
export interface TierTerms {
  readonly tier: CreditTier;
  readonly fromBp: number;
  readonly toBp: number;
  readonly creditBp: number;
}

/** A contract's terms in integers, as the arithmetic needs them. */
export interface ContractTerms {
  /** The fee of one period: the monthly fee × the months in the period. */
  readonly periodFee: number;
  /** From the lowest compliance up. */
  readonly tiers: readonly TierTerms[];
  readonly capBp: number;
}

const termsCache = new WeakMap<ServiceContract, ContractTerms>();

/** The integer terms of an already validated contract. */
export function contractTerms(contract: ServiceContract): ContractTerms {
  const cached = termsCache.get(contract);
  if (cached !== undefined) return cached;
  const bp = (percent: number, path: string): number =>
    readPercent(percent, path, 'INVALID_CONTRACT', PERCENT);
  const tiers = contract.tiers
    .map((tier, i) => ({
      tier,
      fromBp: bp(tier.from, `tiers[${i}].from`),
      toBp: bp(tier.to, `tiers[${i}].to`),
      creditBp: bp(tier.creditPercent, `tiers[${i}].creditPercent`),
    }))
    .sort((a, b) => a.fromBp - b.fromBp);
  const terms = Object.freeze({
    periodFee: feeOfOnePeriod(contract.monthlyFee, contract.period.unit),
    tiers: Object.freeze(tiers),
    capBp: bp(contract.capPercent, 'capPercent'),
  });
  termsCache.set(contract, terms);
  return terms;
}

/**
 * The tier whose [from, to) holds the compliance met / (met + breached), compared exactly:
 * from·n ≤ met·100 % < to·n in basis points, the top tier also holding exactly 100 %.
 * `null` when nothing was measured.
 */
export function tierOfCompliance(
  tiers: readonly TierTerms[],
  met: number,
  breached: number,
): TierTerms | null {
  const measured = BigInt(met) + BigInt(breached);
  if (measured === 0n) return null;
  const scaled = BigInt(met) * WHOLE;
  for (const tier of tiers) {
    const reachesFrom = BigInt(tier.fromBp) * measured <= scaled;
    const belowTo = scaled < BigInt(tier.toBp) * measured || tier.toBp === 10_000;
    if (reachesFrom && belowTo) return tier;
  }
  // Unreachable for a validated contract, whose tiers cover 0 % to 100 %.
  throw new PetSlaError('INVALID_CONTRACT', 'no tier covers the measured compliance', 'tiers');
}

/** Whether a priority filter (absent: every priority) lets `priority` through. */
export function priorityMatches(priorities: readonly string[] | undefined, priority: string) {
  return priorities === undefined || priorities.includes(priority);
}

/** The one rule of a list for a clock of `metric` at `priority` (rules never overlap). */
export function ruleFor<T extends PerBreachRule | PerLateHourRule>(
  rules: readonly T[],
  metric: SlaMetric,
  priority: string,
): T | undefined {
  return rules.find((rule) => rule.metric === metric && priorityMatches(rule.priorities, priority));
}

/** The credit of one breach: the amount of the one `perBreach` rule covering it, or 0. */
export function breachCredit(
  contract: ServiceContract,
  metric: SlaMetric,
  priority: string,
): number {
  return ruleFor(contract.perBreach, metric, priority)?.amount ?? 0;
}

/** Started business hours of `overdueMs`: ⌈max(0, overdueMs) / 1 h⌉. */
export function startedLateHours(overdueMs: number): number {
  return overdueMs <= 0 ? 0 : Math.ceil(overdueMs / HOUR_MS);
}

/** Hours × amount, at most the rule's `maxPerTicket`; exact even past 2^53. */
export function lateHourCredit(rule: PerLateHourRule, hours: number): number {
  let credit = BigInt(hours) * BigInt(rule.amount);
  if (rule.maxPerTicket !== undefined && credit > BigInt(rule.maxPerTicket)) {
    credit = BigInt(rule.maxPerTicket);
  }
  return safeAmount(credit, 'a late-hour credit');
}

/** The subtotal of a period: `sum` adds both sides, `max` takes the larger. */
export function combinedSubtotal(
  combine: CreditCombine,
  tierCredit: number,
  perTicketCredits: number,
): number {
  return combine === 'sum'
    ? safeAmount(BigInt(tierCredit) + BigInt(perTicketCredits), 'the subtotal')
    : Math.max(tierCredit, perTicketCredits);
}

/** Under `max`, the tier wins ties: the side that is paid. */
export function tierIsPaid(combine: CreditCombine, tierCredit: number, perTicket: number) {
  return combine === 'sum' || tierCredit >= perTicket;
}

/** The cap of a period: its share of the period's fee. */
export function capOf(terms: ContractTerms): number {
  return shareOf(terms.periodFee, terms.capBp);
}

/** min(subtotal, cap), then 0 when that is below the minimum payable. */
export function payableTotal(subtotal: number, cap: number, minimumPayable: number): number {
  const capped = Math.min(subtotal, cap);
  return capped < minimumPayable ? 0 : capped;
}

/** Sums amounts exactly. */
export function sumOf(amounts: readonly number[], what: string): number {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return safeAmount(total, what);
}

function safeAmount(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PetSlaError(
      'INVALID_CONTRACT',
      `${what} exceeds Number.MAX_SAFE_INTEGER minor units; expected per-ticket amounts (or a maxPerTicket) that keep credits representable`,
    );
  }
  return Number(value);
}

/** A tier's credit: its percent of the period's fee, rounded once. */
export function tierCredit(terms: ContractTerms, tier: TierTerms): number {
  return shareOf(terms.periodFee, tier.creditBp);
}
