import { SLA_METRICS, type SlaMetric } from '../../index.js';
import { fingerprintOf } from '../../shared/document.js';
import { deepFreeze } from '../../shared/read.js';
import { type CountedBreach, type CountedStop, complianceOf } from '../kpi/index.js';
import { localMidnightAfter, type Period } from '../shared/period.js';
import {
  breachCredit,
  capOf,
  combinedSubtotal,
  contractTerms,
  lateHourCredit,
  payableTotal,
  priorityMatches,
  ruleFor,
  startedLateHours,
  sumOf,
  tierCredit,
  tierIsPaid,
  tierOfCompliance,
} from './credit-rules.js';
import { rememberStatement } from './statement-input.js';
import {
  CREDIT_STATEMENT_SCHEMA,
  type CreditStatement,
  type ServiceContract,
  type TicketLine,
  type TierLine,
} from './types.js';

/** What a statement reads of a breach the KPI fold counted in the period. */
export type StatementBreach = Pick<
  CountedBreach,
  'ticketId' | 'metric' | 'priority' | 'at' | 'eventIds'
>;

/** What a statement reads of a met or breached stop the KPI fold counted in the period. */
export type StatementStop = Pick<
  CountedStop,
  'ticketId' | 'metric' | 'priority' | 'at' | 'outcome' | 'eventIds' | 'overdueMs'
>;

/** What a statement is computed from: the fold's counted items of one period. */
export interface CreditInput {
  readonly period: Period;
  readonly asOf: number;
  /** Ticket ids left out of the count, sorted, no duplicates. */
  readonly excluded: readonly string[];
  readonly breaches: readonly StatementBreach[];
  readonly stops: readonly StatementStop[];
}

type UnpaidLine = Omit<TicketLine, 'amount'>;

const KIND_ORDER = { breach: 0, 'late-hours': 1 } as const;

function byInstantTicketMetricKind(a: UnpaidLine, b: UnpaidLine): number {
  return (
    a.at - b.at ||
    (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0) ||
    SLA_METRICS.indexOf(a.metric) - SLA_METRICS.indexOf(b.metric) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    // Two cycles of one clock stopping at one instant cannot happen; ids keep it total anyway.
    (a.eventIds.join() < b.eventIds.join() ? -1 : a.eventIds.join() > b.eventIds.join() ? 1 : 0)
  );
}

function perTicketLines(contract: ServiceContract, input: CreditInput): UnpaidLine[] {
  const lines: UnpaidLine[] = [];
  for (const breach of input.breaches) {
    const credit = breachCredit(contract, breach.metric, breach.priority);
    if (credit === 0) continue;
    lines.push({
      kind: 'breach',
      ticketId: breach.ticketId,
      metric: breach.metric,
      priority: breach.priority,
      at: breach.at,
      eventIds: [...breach.eventIds],
      credit,
    });
  }
  for (const stop of input.stops) {
    if (stop.outcome !== 'breached') continue;
    const rule = ruleFor(contract.perLateHour, stop.metric, stop.priority);
    if (rule === undefined) continue;
    const lateHours = startedLateHours(stop.overdueMs);
    const credit = lateHourCredit(rule, lateHours);
    if (credit === 0) continue;
    lines.push({
      kind: 'late-hours',
      ticketId: stop.ticketId,
      metric: stop.metric,
      priority: stop.priority,
      at: stop.at,
      eventIds: [...stop.eventIds],
      lateHours,
      overdueMs: stop.overdueMs,
      ratePerHour: rule.amount,
      ...(rule.maxPerTicket === undefined ? {} : { maxPerTicket: rule.maxPerTicket }),
      credit,
    });
  }
  return lines.sort(byInstantTicketMetricKind);
}

/** Compliance is measured on the contract's metric and priorities only. */
function measuredCounts(contract: ServiceContract, input: CreditInput) {
  const { metric, priorities } = contract.measure;
  const measures = (item: { metric: SlaMetric; priority: string }) =>
    item.metric === metric && priorityMatches(priorities, item.priority);
  const met = input.stops.filter((stop) => stop.outcome === 'met' && measures(stop)).length;
  const breached = input.breaches.filter(measures).length;
  return { met, breached, compliance: complianceOf(met, breached) };
}

/**
 * The credit statement of one period from the counted items of the KPI fold: the tier line,
 * the per-ticket lines, the subtotal per `combine`, the cap, the minimum payable, the status
 * and claim deadline, fingerprinted.
 */
export function buildCreditStatement(
  contract: ServiceContract,
  input: CreditInput,
): CreditStatement {
  const terms = contractTerms(contract);
  const measured = measuredCounts(contract, input);
  const enough = measured.met + measured.breached >= contract.minimumMeasured;
  const tier = enough ? tierOfCompliance(terms.tiers, measured.met, measured.breached) : null;
  const tierAmount = tier === null ? 0 : tierCredit(terms, tier);
  const unpaid = perTicketLines(contract, input);
  const perTicket = sumOf(
    unpaid.map((line) => line.credit),
    'the per-ticket credits',
  );
  const tierPaid = tierIsPaid(contract.combine, tierAmount, perTicket);
  const ticketsPaid = contract.combine === 'sum' || !tierPaid;
  const tierLine: TierLine = {
    kind: 'tier',
    tier: tier === null ? null : tier.tier,
    reason: enough ? null : 'below-minimum-measured',
    credit: tierAmount,
    amount: tierPaid ? tierAmount : 0,
  };
  const lines = [
    tierLine,
    ...unpaid.map((line) => ({ ...line, amount: ticketsPaid ? line.credit : 0 })),
  ];
  const subtotal = combinedSubtotal(contract.combine, tierAmount, perTicket);
  const cap = capOf(terms);
  const { period } = input;
  const body = {
    schema: CREDIT_STATEMENT_SCHEMA,
    contract: { id: contract.id, version: contract.version, fingerprint: contract.fingerprint },
    period: { label: period.label, zone: period.zone, from: period.from, to: period.to },
    asOf: input.asOf,
    status: input.asOf >= period.to ? 'final' : 'provisional',
    claimDeadline:
      contract.claimWindowDays === undefined
        ? null
        : localMidnightAfter(period.endDay, contract.claimWindowDays, contract.period.zone),
    measured,
    excluded: [...input.excluded],
    lines,
    subtotal,
    cap,
    minimumPayable: contract.minimumPayable,
    total: payableTotal(subtotal, cap, contract.minimumPayable),
    currency: contract.currency,
  } as const;
  return rememberStatement(deepFreeze({ ...body, fingerprint: fingerprintOf(body) }));
}
