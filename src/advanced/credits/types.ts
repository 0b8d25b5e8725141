import type { SlaMetric } from '../../index.js';
import type { KpiCompliance } from '../kpi/index.js';

/**
 * The schema tag of service contracts (which are their own snapshots): `'pet-sla/contract@1'`.
 *
 * @example
 * ```ts
 * const doc = JSON.parse(row.json);
 * if (doc.schema === CONTRACT_SCHEMA) contracts.set(doc.fingerprint, parseServiceContract(doc));
 * ```
 */
export const CONTRACT_SCHEMA = 'pet-sla/contract@1';

/**
 * The schema tag of credit statements: `'pet-sla/credit-statement@1'`.
 *
 * @example
 * ```ts
 * const stored = JSON.parse(row.statement);
 * if (stored.schema !== CREDIT_STATEMENT_SCHEMA) throw new Error(`cannot read ${stored.schema}`);
 * ```
 */
export const CREDIT_STATEMENT_SCHEMA = 'pet-sla/credit-statement@1';

/**
 * How a contract's period's credits are combined: `sum` adds the tier credit and every
 * per-ticket credit; `max` pays the larger of the tier credit and the per-ticket credits'
 * sum.
 *
 * @example
 * ```ts
 * const combine: CreditCombine = 'max';
 * ```
 */
export type CreditCombine = 'sum' | 'max';

/**
 * The calendar periods a contract is settled over. A fee is monthly, so the unit is a whole
 * number of months: `month`, `quarter` (3 × the monthly fee) or `year` (12 ×).
 *
 * @example
 * ```ts
 * const unit: ContractPeriodUnit = 'quarter';
 * ```
 */
export type ContractPeriodUnit = 'month' | 'quarter' | 'year';

/**
 * A compliance band of a contract: compliance in [`from`, `to`) percent earns `creditPercent`
 * of the period's fee (the band with `to: 100` also includes exactly 100 %). Percents have at
 * most two decimals.
 *
 * @example
 * ```ts
 * const tier: CreditTier = { from: 95, to: 99, creditPercent: 5 };
 * ```
 */
export interface CreditTier {
  readonly from: number;
  readonly to: number;
  readonly creditPercent: number;
}

/**
 * A fixed credit for each breach of `metric` at one of `priorities` (all when absent), in
 * minor units of the contract's currency.
 *
 * @example
 * ```ts
 * const rule: PerBreachRule = { metric: 'resolution', priorities: ['urgent'], amount: 5_000 };
 * ```
 */
export interface PerBreachRule {
  readonly metric: SlaMetric;
  readonly priorities?: readonly string[];
  readonly amount: number;
}

/**
 * A credit per started business hour a breached clock of `metric` at one of `priorities`
 * (all when absent) ran over its target, at most `maxPerTicket` for one breached stop.
 *
 * @example
 * ```ts
 * const rule: PerLateHourRule = { metric: 'resolution', amount: 1_000, maxPerTicket: 20_000 };
 * ```
 */
export interface PerLateHourRule {
  readonly metric: SlaMetric;
  readonly priorities?: readonly string[];
  readonly amount: number;
  readonly maxPerTicket?: number;
}

/**
 * What {@link defineServiceContract} accepts (see docs/credits.md). Money is in minor units
 * of `currency` (cents for EUR), percents have at most two decimals.
 *
 * @example
 * ```ts
 * const definition: ServiceContractDefinition = {
 *   id: 'acme-gold',
 *   currency: 'EUR',
 *   monthlyFee: 1_250_000,
 *   period: { zone: 'Europe/London', unit: 'month' },
 *   measure: { metric: 'resolution', priorities: ['urgent', 'high'] },
 *   tiers: [
 *     { from: 99, to: 100, creditPercent: 0 },
 *     { from: 0, to: 99, creditPercent: 10 },
 *   ],
 * };
 * ```
 */
export interface ServiceContractDefinition {
  /** Non-empty; stays the same across revisions. */
  readonly id: string;
  /** Default 1. */
  readonly version?: number;
  readonly name?: string;
  readonly customer?: string;
  /** ISO 4217 code, e.g. `'EUR'`, `'JPY'`. */
  readonly currency: string;
  /** Safe integer of minor units, ≥ 0. */
  readonly monthlyFee: number;
  readonly period: { readonly zone: string; readonly unit: ContractPeriodUnit };
  /** The clocks whose compliance selects the tier; `priorities` absent means all. */
  readonly measure: { readonly metric: SlaMetric; readonly priorities?: readonly string[] };
  /** Tiers apply only when at least this many clocks were measured; default 1. */
  readonly minimumMeasured?: number;
  readonly tiers: readonly CreditTier[];
  readonly perBreach?: readonly PerBreachRule[];
  readonly perLateHour?: readonly PerLateHourRule[];
  /** Default `'sum'`. */
  readonly combine?: CreditCombine;
  /** Cap of the period's credit, percent of the period's fee; default 100. */
  readonly capPercent?: number;
  /** A total below it is paid as 0; default 0. */
  readonly minimumPayable?: number;
  /** Local days after the period's end in which a claim must be made; absent: no deadline. */
  readonly claimWindowDays?: number;
}

/**
 * A validated, normalised, fingerprinted service contract: deeply frozen plain JSON in
 * normal form (tiers from the highest compliance down, rules and priorities sorted, every
 * default written out). It is its own snapshot: store `JSON.stringify(contract)` and read it
 * back with {@link parseServiceContract}.
 *
 * @example
 * ```ts
 * const contract: ServiceContract = defineServiceContract(definition);
 * contract.fingerprint; // 64 hex digits
 * ```
 */
export interface ServiceContract {
  readonly schema: typeof CONTRACT_SCHEMA;
  readonly id: string;
  readonly name?: string;
  readonly version: number;
  /** The fingerprint of the version this one replaces. */
  readonly previous?: string;
  readonly customer?: string;
  readonly currency: string;
  readonly monthlyFee: number;
  readonly period: { readonly zone: string; readonly unit: ContractPeriodUnit };
  readonly measure: { readonly metric: SlaMetric; readonly priorities?: readonly string[] };
  readonly minimumMeasured: number;
  readonly tiers: readonly CreditTier[];
  readonly perBreach: readonly PerBreachRule[];
  readonly perLateHour: readonly PerLateHourRule[];
  readonly combine: CreditCombine;
  readonly capPercent: number;
  readonly minimumPayable: number;
  readonly claimWindowDays?: number;
  readonly fingerprint: string;
}

/**
 * The tier line of a statement: the tier the measured compliance fell in and its credit, or
 * why no tier applies (`'below-minimum-measured'`: fewer clocks measured than the contract's
 * `minimumMeasured`).
 *
 * @example
 * ```ts
 * const line = statement.lines[0] as TierLine;
 * if (line.tier !== null) console.log(`${line.tier.from}–${line.tier.to} %: ${line.credit}`);
 * ```
 */
export interface TierLine {
  readonly kind: 'tier';
  readonly tier: CreditTier | null;
  readonly reason: 'below-minimum-measured' | null;
  /** The line's own credit, in minor units. */
  readonly credit: number;
  /** What it adds to the subtotal: `credit`, or 0 when `combine: 'max'` chose the other side. */
  readonly amount: number;
}

/**
 * A per-ticket line of a statement: a credited breach (`kind: 'breach'`) or the late-hour
 * credit of a breached stop (`kind: 'late-hours'`, with the started business hours over the
 * target), with the SLA event ids it rests on.
 *
 * @example
 * ```ts
 * for (const line of statement.lines) {
 *   if (line.kind !== 'tier') console.log(line.ticketId, line.eventIds.join(', '), line.amount);
 * }
 * ```
 */
export interface TicketLine {
  readonly kind: 'breach' | 'late-hours';
  readonly ticketId: string;
  readonly metric: SlaMetric;
  readonly priority: string;
  /** The breach instant (`breach`) or the stop instant (`late-hours`), epoch ms. */
  readonly at: number;
  readonly eventIds: readonly string[];
  /** `late-hours` only: started business hours over the target. */
  readonly lateHours?: number;
  /** `late-hours` only: business milliseconds over the target at the stop. */
  readonly overdueMs?: number;
  /** `late-hours` only: the contract's credit per started hour. */
  readonly ratePerHour?: number;
  /** `late-hours` only, when the contract limits it: the most one breached stop earns. */
  readonly maxPerTicket?: number;
  /** The line's own credit, in minor units. */
  readonly credit: number;
  /** What it adds to the subtotal: `credit`, or 0 when `combine: 'max'` chose the tier. */
  readonly amount: number;
}

/**
 * One line of a credit statement.
 *
 * @example
 * ```ts
 * const perTicket = statement.lines.filter((l: CreditLine) => l.kind !== 'tier');
 * ```
 */
export type CreditLine = TierLine | TicketLine;

/**
 * A service credit statement for one contract period: plain JSON, deeply frozen, with a
 * fingerprint over everything else so that both parties can check they computed the same
 * statement. Its lines' amounts sum to `subtotal`; `total` = min(`subtotal`, `cap`), or 0
 * when that is below `minimumPayable`.
 *
 * @example
 * ```ts
 * const statement: CreditStatement = computeServiceCredits(contract, events, { period: '2026-11', asOf });
 * if (statement.status === 'final') invoice.addCredit(statement.total, statement.currency);
 * ```
 */
export interface CreditStatement {
  readonly schema: typeof CREDIT_STATEMENT_SCHEMA;
  readonly contract: {
    readonly id: string;
    readonly version: number;
    readonly fingerprint: string;
  };
  /** The period settled: its label and `[from, to)` in epoch ms, in the contract's zone. */
  readonly period: {
    readonly label: string;
    readonly zone: string;
    readonly from: number;
    readonly to: number;
  };
  /** The instant up to which the event log was taken as complete. */
  readonly asOf: number;
  /** `final` once `asOf` has reached the period's end. */
  readonly status: 'provisional' | 'final';
  /** Claims are due before this instant (local midnight); `null` without a claim window. */
  readonly claimDeadline: number | null;
  readonly measured: {
    readonly met: number;
    readonly breached: number;
    /** met / (met + breached) as the exact pair and a number; `null` when nothing was measured. */
    readonly compliance: KpiCompliance | null;
  };
  /** Ticket ids whose events were left out, sorted. */
  readonly excluded: readonly string[];
  /** The tier line first, then per-ticket lines by instant, ticket id, metric and kind. */
  readonly lines: readonly CreditLine[];
  readonly subtotal: number;
  readonly cap: number;
  readonly minimumPayable: number;
  readonly total: number;
  readonly currency: string;
  readonly fingerprint: string;
}
