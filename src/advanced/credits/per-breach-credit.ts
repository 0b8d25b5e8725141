import { describe, PetSlaError } from '../../errors.js';
import { SLA_METRICS, type SlaMetric } from '../../index.js';
import { expectObject, expectString } from '../../shared/read.js';
import { contractOf } from './contract.js';
import { breachCredit } from './credit-rules.js';
import type { ServiceContract } from './types.js';

/**
 * The credit a contract owes for one breach of a clock of `metric` at `priority`, in minor
 * units of the contract's currency: the amount of its `perBreach` rule for that metric and
 * priority, or 0 when no rule covers it. It is what a statement's breach line for such a
 * clock holds (see docs/credits.md), so a host can price a breach that has not happened yet,
 * e.g. against the cost of overtime. Not the tier credit, which depends on a whole period.
 * A clock that is not `{ metric, priority }` is `INVALID_EVENT`.
 *
 * @example
 * ```ts
 * perBreachCredit(gold, { metric: 'resolution', priority: 'urgent' }); // 5000 (EUR 50.00)
 * perBreachCredit(gold, { metric: 'firstResponse', priority: 'low' }); // 0
 * ```
 */
export function perBreachCredit(
  contract: ServiceContract,
  clock: { readonly metric: SlaMetric; readonly priority: string },
): number {
  const terms = contractOf(contract, 'contract');
  const object = expectObject(clock, 'clock', 'INVALID_EVENT', 'a clock { metric, priority }');
  if (!(SLA_METRICS as readonly unknown[]).includes(object.metric)) {
    throw new PetSlaError(
      'INVALID_EVENT',
      `expected a metric, ${SLA_METRICS.map((m) => `"${m}"`).join(' or ')}, got ${describe(object.metric)}`,
      'clock.metric',
    );
  }
  const priority = expectString(object.priority, 'clock.priority', 'INVALID_EVENT', true);
  return breachCredit(terms, object.metric as SlaMetric, priority);
}
