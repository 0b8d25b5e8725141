import { describe, PetSlaError } from '../../errors.js';
import type { InstantInput } from '../../index.js';
import { expectKnownKeys, expectObject } from '../../shared/read.js';
import { type KpiPeriodItems, kpiItemsOf } from '../kpi/index.js';
import { periodFromLabel } from '../shared/period.js';
import { contractOf } from './contract.js';
import { buildCreditStatement } from './statement.js';
import type { CreditStatement, ServiceContract } from './types.js';

/**
 * Options of {@link computeServiceCredits}: the period to settle (a label of the contract's
 * unit, read in the contract's zone), the instant up to which the event log is complete,
 * and the tickets the parties agreed to leave out.
 *
 * @example
 * ```ts
 * const options: ServiceCreditOptions = { period: '2026-11', asOf: Date.now(), exclude: ['T-17'] };
 * ```
 */
export interface ServiceCreditOptions {
  /** `'2026-11'` for a monthly contract, `'2026-Q4'` quarterly, `'2026'` yearly. */
  readonly period: string;
  /** The log holds every event up to this instant; the statement is final once it reaches the period's end. */
  readonly asOf: InstantInput;
  /** Ticket ids whose events count nowhere (outages caused by the customer, force majeure). */
  readonly exclude?: readonly string[];
}

const LABEL_UNITS = { month: '2026-11', quarter: '2026-Q4', year: '2026' } as const;

/**
 * The service credit statement of one contract period, from the stored SLA event log (any
 * number of tickets, interleaved, each ticket's events in order). It counts exactly what the
 * KPI report counts for the period (see docs/kpis.md) and prices it by the contract (see
 * docs/credits.md): the tier of the measured compliance, a line per credited breach and per
 * late-hour credit with the SLA event ids it rests on, the subtotal per `combine`, the cap,
 * the minimum payable, `provisional` or `final`, the claim deadline in the contract's zone,
 * the excluded tickets, and a fingerprint over all of it.
 *
 * A period of another unit than the contract's is `INVALID_PERIOD`; a bad log is
 * `INVALID_EVENT_LOG`; a missing or bad `asOf` has the instant codes.
 *
 * @example
 * ```ts
 * const statement = computeServiceCredits(gold, storedSlaEvents, {
 *   period: '2026-11',
 *   asOf: '2026-12-02T00:00:00Z',
 *   exclude: ['T-1042'],
 * });
 * statement.status; // 'final'
 * statement.total; // e.g. 67500 (EUR 675.00)
 * ```
 */
export function computeServiceCredits(
  contract: ServiceContract,
  events: Iterable<unknown>,
  options: ServiceCreditOptions,
): CreditStatement {
  const terms = contractOf(contract, 'contract');
  const object = expectObject(options, '', 'INVALID_PERIOD', 'options { period, asOf, exclude? }');
  expectKnownKeys(object, ['period', 'asOf', 'exclude'], '', 'INVALID_PERIOD');
  const { zone, unit } = terms.period;
  if (typeof object.period !== 'string') {
    throw new PetSlaError(
      'INVALID_PERIOD',
      `expected the label of a ${unit} such as "${LABEL_UNITS[unit]}", got ${describe(object.period)}`,
      'period',
    );
  }
  const period = periodFromLabel(object.period, zone, 'period');
  if (period.unit !== unit) {
    throw new PetSlaError(
      'INVALID_PERIOD',
      `"${object.period}" is a ${period.unit}, but the contract settles each ${unit}; expected a label such as "${LABEL_UNITS[unit]}"`,
      'period',
    );
  }
  if (object.asOf === undefined) {
    throw new PetSlaError(
      'INVALID_INSTANT',
      'expected asOf: the instant up to which the event log is complete (a statement is provisional until it reaches the end of the period)',
      'asOf',
    );
  }
  const items = kpiItemsOf(events, {
    periods: { zone, label: period.label },
    asOf: object.asOf as InstantInput,
    ...(object.exclude === undefined ? {} : { exclude: object.exclude as readonly string[] }),
  });
  const counted = items.periods[0] as KpiPeriodItems;
  return buildCreditStatement(terms, {
    period,
    asOf: items.asOf,
    excluded: items.excluded,
    breaches: counted.breaches,
    stops: counted.stops,
  });
}
