import type { Calendar, InstantInput, SlaMetric } from '../../index.js';
import type { ServiceContract } from '../credits/index.js';

/**
 * One open ticket's remaining work: what is left to do (in agent-milliseconds: one person
 * working one millisecond) and when it is due. `metric` and `priority` say which SLA clock the
 * due date comes from; they are carried through unchanged (see docs/overtime.md).
 *
 * @example
 * ```ts
 * const item: WorkItem = { ticketId: 'T-1042', dueAt: '2026-11-30T12:00:00Z', remainingMs: 90 * 60_000 };
 * ```
 */
export interface WorkItem {
  /** Non-empty; each ticket appears once. */
  readonly ticketId: string;
  /** When the work must be finished. */
  readonly dueAt: InstantInput;
  /** Effort left, in agent-milliseconds: a safe integer ≥ 0. */
  readonly remainingMs: number;
  /** The SLA metric the due date belongs to, when known. */
  readonly metric?: SlaMetric;
  /** The ticket's priority, when known. */
  readonly priority?: string;
}

/**
 * When people work normally: `agents` people, each working whenever `calendar` is open.
 *
 * @example
 * ```ts
 * const roster: Roster = { calendar: weekdays9to5, agents: 3 };
 * ```
 */
export interface Roster {
  /** A calendar or calendar snapshot. */
  readonly calendar: Calendar;
  /** How many people work while it is open: a whole number ≥ 1. */
  readonly agents: number;
}

/**
 * When extra work is possible and what it costs. Only its open time outside the roster's open
 * set adds capacity; `ratePerHour` is in minor units of `currency` per agent-hour.
 *
 * @example
 * ```ts
 * const overtime: OvertimeOffer = { calendar: evenings, agents: 2, ratePerHour: 4_500, currency: 'EUR' };
 * ```
 */
export interface OvertimeOffer {
  /** A calendar or calendar snapshot. */
  readonly calendar: Calendar;
  /** How many people can work overtime while it is open: a whole number ≥ 1. */
  readonly agents: number;
  /** Cost of one agent-hour of overtime, in whole minor units (cents) ≥ 0. */
  readonly ratePerHour: number;
  /** ISO 4217 code of `ratePerHour` and of the cost. */
  readonly currency: string;
}

/**
 * What {@link overtimeExposure} takes.
 *
 * @example
 * ```ts
 * const options: OvertimeExposureOptions = {
 *   now: '2026-11-27T15:00:00Z',
 *   work: [{ ticketId: 'T-1', dueAt: '2026-11-28T09:00:00Z', remainingMs: 4 * 3_600_000 }],
 *   roster: { calendar: weekdays9to5, agents: 2 },
 *   overtime: { calendar: saturdayMornings, agents: 1, ratePerHour: 4_500, currency: 'EUR' },
 * };
 * ```
 */
export interface OvertimeExposureOptions {
  /** The instant the board is looked at; capacity counts from here. */
  readonly now: InstantInput;
  /** The open tickets' remaining work (any order). */
  readonly work: readonly WorkItem[];
  /** Normal working hours and head count. */
  readonly roster: Roster;
  /** Extra hours that could be worked; without it there is no cost and no extra capacity. */
  readonly overtime?: OvertimeOffer;
  /** A service contract (or its stored JSON): prices the late tickets' breaches. */
  readonly contract?: ServiceContract;
}

/**
 * The due date where the roster falls furthest behind.
 *
 * @example
 * ```ts
 * const b: OvertimeBottleneck | null = overtimeExposure(options).bottleneck;
 * if (b !== null) console.log(`worst at ${new Date(b.dueAt).toISOString()}: ${b.ticketIds.join(', ')}`);
 * ```
 */
export interface OvertimeBottleneck {
  /** The earliest due date (epoch ms) at which the deficit is largest. */
  readonly dueAt: number;
  /** The tickets due at exactly that instant, in ticket id order. */
  readonly ticketIds: readonly string[];
}

/**
 * A ticket that finishes after its due date when only rostered hours are worked.
 *
 * @example
 * ```ts
 * for (const late of overtimeExposure(options).lateWithoutOvertime)
 *   console.log(late.ticketId, late.finishAt === null ? 'never' : `${late.lateMs} ms late`);
 * ```
 */
export interface LateTicket {
  readonly ticketId: string;
  readonly dueAt: number;
  /**
   * When the earliest-due-first schedule on the roster finishes it (epoch ms); `null` when the
   * roster never has enough open time left (or not before the supported range ends).
   */
  readonly finishAt: number | null;
  /** `finishAt − dueAt` in elapsed milliseconds; `null` with `finishAt`. */
  readonly lateMs: number | null;
}

/**
 * A ticket whose due date cannot be met even with every hour of overtime on offer.
 *
 * @example
 * ```ts
 * const hopeless = overtimeExposure(options).unmeetable.map((u) => `${u.ticketId} short by ${u.shortMs} ms`);
 * ```
 */
export interface UnmeetableTicket {
  readonly ticketId: string;
  readonly dueAt: number;
  /** Work due by `dueAt` beyond roster plus overtime capacity before it, in agent-milliseconds. */
  readonly shortMs: number;
}

/**
 * One late ticket's breach, priced by the contract's per-breach rule.
 *
 * @example
 * ```ts
 * const stake: CreditAtStake = { ticketId: 'T-7', dueAt: 1795870800000, metric: 'resolution', priority: 'urgent', amount: 5_000, avoidable: true };
 * ```
 */
export interface CreditAtStake {
  readonly ticketId: string;
  readonly dueAt: number;
  readonly metric: SlaMetric;
  readonly priority: string;
  /** The per-breach credit, in minor units of the contract's currency (0 when no rule covers it). */
  readonly amount: number;
  /** Its due date is ahead and the overtime on offer can meet it: overtime would save this credit. */
  readonly avoidable: boolean;
}

/**
 * What the late tickets' breaches would cost in per-breach credits, to weigh against the cost
 * of overtime. Tiers, per-late-hour credits, caps and minimums are not included: they depend
 * on a whole period.
 *
 * @example
 * ```ts
 * const credits = overtimeExposure({ ...options, contract: gold }).creditExposure;
 * if (credits !== null && credits.avoidable > (exposure.cost ?? 0)) console.log('overtime is cheaper');
 * ```
 */
export interface CreditExposure {
  readonly contract: {
    readonly id: string;
    readonly version: number;
    readonly fingerprint: string;
  };
  /** The contract's currency. */
  readonly currency: string;
  /** The late tickets that carry a metric and a priority, earliest due first. */
  readonly tickets: readonly CreditAtStake[];
  /** Ids of late tickets without a metric or a priority: their credit is unknown. */
  readonly unpriced: readonly string[];
  /** Sum of `tickets[].amount`. */
  readonly total: number;
  /** Sum of the amounts of the avoidable tickets. */
  readonly avoidable: number;
}

/**
 * What {@link overtimeExposure} returns: deeply frozen plain JSON.
 *
 * @example
 * ```ts
 * const exposure: OvertimeExposure = overtimeExposure(options);
 * if (exposure.requiredOvertimeMs > 0) console.log(`book ${exposure.requiredOvertimeMs / 3_600_000} h (${exposure.cost} ${exposure.currency})`);
 * ```
 */
export interface OvertimeExposure {
  /** The least overtime (agent-milliseconds) that meets every due date under the model; 0 if none. */
  readonly requiredOvertimeMs: number;
  /** `requiredOvertimeMs` at `overtime.ratePerHour`, in whole minor units; `null` without `overtime`. */
  readonly cost: number | null;
  /** `overtime.currency`; `null` without `overtime`. */
  readonly currency: string | null;
  /** `null` when no overtime is needed. */
  readonly bottleneck: OvertimeBottleneck | null;
  /** Earliest due first, then ticket id. */
  readonly lateWithoutOvertime: readonly LateTicket[];
  /** Earliest due first, then ticket id. */
  readonly unmeetable: readonly UnmeetableTicket[];
  /** The late tickets' per-breach credits under `contract`; `null` without one. */
  readonly creditExposure: CreditExposure | null;
}
