import { PetSlaError } from '../../errors.js';
import { perBreachCredit, type ServiceContract } from '../credits/index.js';
import type { WorkColumns } from './read-input.js';
import type { CreditAtStake, CreditExposure, LateTicket } from './types.js';

/**
 * The per-breach credits the contract owes for the tickets the roster alone finishes late
 * (each one's breach, priced by the contract's per-breach rule for its metric and priority).
 * A late ticket is avoidable when its due date is still ahead and the overtime on offer can
 * meet it (it is not unmeetable). Tickets without a metric or a priority cannot be priced and
 * are listed apart. Tiers, per-late-hour credits, caps and minimums depend on a whole period's
 * history and are not part of it (docs/overtime.md).
 */
export function creditExposureOfLateTickets(
  contract: ServiceContract,
  late: readonly LateTicket[],
  lateIndices: readonly number[],
  work: WorkColumns,
  unmeetableIds: ReadonlySet<string>,
  now: number,
): CreditExposure {
  const tickets: CreditAtStake[] = [];
  const unpriced: string[] = [];
  let total = 0;
  let avoidable = 0;
  late.forEach((ticket, k) => {
    const i = lateIndices[k] as number;
    const metric = work.metrics[i];
    const priority = work.priorities[i];
    if (metric === undefined || priority === undefined) {
      unpriced.push(ticket.ticketId);
      return;
    }
    const amount = perBreachCredit(contract, { metric, priority });
    const canAvoid = ticket.dueAt > now && !unmeetableIds.has(ticket.ticketId);
    total += amount;
    if (canAvoid) avoidable += amount;
    if (total > Number.MAX_SAFE_INTEGER) {
      throw new PetSlaError(
        'INVALID_AMOUNT',
        `the per-breach credits of the late tickets add up to more than ${Number.MAX_SAFE_INTEGER} minor units; expected amounts that fit`,
        'contract',
      );
    }
    tickets.push(
      Object.freeze({
        ticketId: ticket.ticketId,
        dueAt: ticket.dueAt,
        metric,
        priority,
        amount,
        avoidable: canAvoid,
      }),
    );
  });
  return Object.freeze({
    contract: Object.freeze({
      id: contract.id,
      version: contract.version,
      fingerprint: contract.fingerprint,
    }),
    currency: contract.currency,
    tickets: Object.freeze(tickets),
    unpriced: Object.freeze(unpriced),
    total,
    avoidable,
  });
}
