import { describe, PetSlaError, rethrowing } from '../../errors.js';
import { expectKnownKeys, expectObject, isPlainObject } from '../../shared/read.js';
import { parseServiceContract, type ServiceContract } from '../credits/index.js';
import { readInstantArgument } from '../shared/instant.js';
import { divideRounded } from '../shared/money.js';
import { finishOnRoster, overtimeCapacityReader, rosterCapacityReader } from './capacity.js';
import { creditExposureOfLateTickets } from './credit-exposure.js';
import {
  type ReadOvertime,
  readOvertime,
  readRoster,
  readWork,
  reportedAt,
  type StaffedCalendar,
  type WorkColumns,
} from './read-input.js';
import type {
  LateTicket,
  OvertimeBottleneck,
  OvertimeExposure,
  OvertimeExposureOptions,
  UnmeetableTicket,
} from './types.js';

const MS_PER_HOUR = 3_600_000n;

/** The tickets due at one instant, as a slice of the EDF order, with D(d) and C(d). */
interface DueDate {
  readonly dueAt: number;
  /** First position in the EDF order. */
  readonly from: number;
  /** Position just past the last. */
  readonly to: number;
  /** D(d): all work due at or before d (agent-ms). */
  readonly demandMs: number;
  /** C(d): roster capacity in [now, d) (agent-ms). */
  readonly capacityMs: number;
}

/** The work served earliest due first, and its distinct due dates in that order. */
interface Schedule {
  /** Work indices, earliest due first, ties in ticket id order (code units, no locale). */
  readonly order: Int32Array;
  readonly dates: readonly DueDate[];
}

/**
 * Sorts the work into EDF order: the distinct due instants are sorted as numbers, the work is
 * bucketed by them (a counting sort), and ticket ids are compared only within a tie. On a
 * board with hourly due dates that is several times cheaper than one sort with a comparator.
 */
function edfSchedule(work: WorkColumns, roster: StaffedCalendar, now: number): Schedule {
  const { ticketIds, dueAt, remainingMs } = work;
  const n = dueAt.length;
  // The distinct instants, sorted natively; each ticket's bucket is found by bisection. Typed
  // arrays throughout: a Map keyed by instants would box every lookup on a big board.
  const sorted = Float64Array.from(dueAt).sort();
  let distinct = 0;
  for (let k = 0; k < n; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[distinct++] = sorted[k] as number;
  }
  const instants = sorted.subarray(0, distinct);
  const bucket = new Int32Array(n);
  const starts = new Int32Array(distinct + 1);
  for (let i = 0; i < n; i++) {
    const d = dueAt[i] as number;
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((instants[mid] as number) < d) lo = mid + 1;
      else hi = mid;
    }
    bucket[i] = lo;
    starts[lo + 1] = (starts[lo + 1] as number) + 1;
  }
  for (let b = 0; b < distinct; b++)
    starts[b + 1] = (starts[b + 1] as number) + (starts[b] as number);
  const order = new Int32Array(n);
  const fill = starts.slice(0, distinct);
  for (let i = 0; i < n; i++) {
    const b = bucket[i] as number;
    order[fill[b] as number] = i;
    fill[b] = (fill[b] as number) + 1;
  }
  const byId = (a: number, b: number): number => {
    const x = ticketIds[a] as string;
    const y = ticketIds[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const capacityBy = rosterCapacityReader(roster, now);
  const dates: DueDate[] = [];
  let demandMs = 0;
  for (let b = 0; b < distinct; b++) {
    const d = instants[b] as number;
    const from = starts[b] as number;
    const to = starts[b + 1] as number;
    for (let k = from; k < to; k++) demandMs += remainingMs[order[k] as number] as number;
    const capacityMs = capacityBy(d);
    // Within a due date that is met in full, the order of the tickets changes nothing (none
    // is late, none is listed), so only the others are put in ticket id order.
    if (to - from > 1 && (d < now || demandMs > capacityMs)) order.subarray(from, to).sort(byId);
    dates.push({ dueAt: d, from, to, demandMs, capacityMs });
  }
  return { order, dates };
}

/** The largest D(d) − C(d) (or 0), and the earliest due date attaining it when positive. */
function largestDeficit(dates: readonly DueDate[]): { deficitMs: number; at: DueDate | null } {
  let deficitMs = 0;
  let at: DueDate | null = null;
  for (const date of dates) {
    const deficit = date.demandMs - date.capacityMs;
    if (deficit > deficitMs) {
      deficitMs = deficit;
      at = date;
    }
  }
  return { deficitMs, at };
}

/**
 * Each ticket finishes, on the roster alone, when capacity since `now` reaches the work up to
 * and including it in EDF order. It is late when that is after its due date: when its due
 * date has already passed, or capacity by then is short of that work.
 */
function lateWithoutOvertime(
  work: WorkColumns,
  { order, dates }: Schedule,
  roster: StaffedCalendar,
  now: number,
): { readonly tickets: readonly LateTicket[]; readonly indices: readonly number[] } {
  const late: LateTicket[] = [];
  const indices: number[] = [];
  let doneMs = 0;
  // Once the roster has run out of open time, every later ticket finishes never too: no need
  // to ask the calendar (and hear it say so) again.
  let exhausted = false;
  for (const date of dates) {
    for (let k = date.from; k < date.to; k++) {
      const i = order[k] as number;
      doneMs += work.remainingMs[i] as number;
      if (date.dueAt >= now && doneMs <= date.capacityMs) continue;
      const finishAt: number | null = exhausted ? null : finishOnRoster(roster, now, doneMs);
      exhausted = finishAt === null;
      indices.push(i);
      late.push(
        Object.freeze({
          ticketId: work.ticketIds[i] as string,
          dueAt: date.dueAt,
          finishAt,
          lateMs: finishAt === null ? null : finishAt - date.dueAt,
        }),
      );
    }
  }
  return { tickets: Object.freeze(late), indices };
}

/**
 * The tickets due at d are unmeetable when D(d) exceeds C(d) plus all overtime capacity in
 * [now, d); each is short by that excess. Only due dates with a roster deficit can be, so the
 * overtime calendar is read up to the last of those only.
 */
function unmeetable(
  work: WorkColumns,
  { order, dates }: Schedule,
  roster: StaffedCalendar,
  overtime: ReadOvertime | undefined,
  now: number,
): readonly UnmeetableTicket[] {
  let horizon = now;
  for (const date of dates) if (date.demandMs > date.capacityMs) horizon = date.dueAt;
  const extraBy =
    overtime === undefined ? () => 0 : overtimeCapacityReader(overtime, roster, now, horizon);
  const short: UnmeetableTicket[] = [];
  for (const date of dates) {
    if (date.demandMs <= date.capacityMs) continue;
    const shortMs = date.demandMs - date.capacityMs - (date.dueAt <= now ? 0 : extraBy(date.dueAt));
    if (shortMs <= 0) continue;
    for (let k = date.from; k < date.to; k++) {
      const ticketId = work.ticketIds[order[k] as number] as string;
      short.push(Object.freeze({ ticketId, dueAt: date.dueAt, shortMs }));
    }
  }
  return Object.freeze(short);
}

/** requiredOvertimeMs × ratePerHour / 1 hour, rounded once, half away from zero. */
function overtimeCost(requiredOvertimeMs: number, overtime: ReadOvertime): number {
  return rethrowing(
    () => divideRounded(BigInt(requiredOvertimeMs) * BigInt(overtime.ratePerHour), MS_PER_HOUR),
    () => ({
      code: 'INVALID_AMOUNT',
      detail: `the cost of ${requiredOvertimeMs} ms of overtime at ${overtime.ratePerHour} per hour is beyond the safe integers; expected a rate whose cost fits`,
      path: 'overtime.ratePerHour',
    }),
  );
}

/** A service contract or its stored JSON (a damaged one keeps the code its reader gives). */
function readContract(value: unknown): ServiceContract {
  if (!isPlainObject(value) || !('schema' in value)) {
    throw new PetSlaError(
      'INVALID_CONTRACT',
      `expected a service contract (from defineServiceContract or parseServiceContract) or its stored JSON, got ${describe(value)}`,
      'contract',
    );
  }
  return reportedAt('contract', () => parseServiceContract(value));
}

const OPTION_KEYS = ['now', 'work', 'roster', 'overtime', 'contract'];

/**
 * The least overtime that lets every open ticket meet its due date, what it costs, where the
 * roster falls furthest behind, which tickets finish late without it, which cannot make it
 * even with all the overtime on offer, and (with a contract) the per-breach credits the late
 * ones would cost. Work is pooled and preemptive, served earliest due
 * first (ties by ticket id); see docs/overtime.md for the model and how to read the result.
 *
 * @example
 * ```ts
 * const weekdays = defineCalendar({ id: 'desk', zone: 'Europe/London', week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] } });
 * const saturday = defineCalendar({ id: 'sat', zone: 'Europe/London', week: { sat: ['09:00-13:00'] } });
 * const exposure = overtimeExposure({
 *   now: '2026-11-27T15:00:00Z', // Friday 15:00
 *   work: [{ ticketId: 'T-1', dueAt: '2026-11-28T12:00:00Z', remainingMs: 3 * 3_600_000 }],
 *   roster: { calendar: weekdays, agents: 1 },
 *   overtime: { calendar: saturday, agents: 1, ratePerHour: 4_500, currency: 'EUR' },
 * });
 * exposure.requiredOvertimeMs; // 3_600_000: two hours fit before 17:00 on Friday, one does not
 * exposure.cost; // 4500 (EUR 45.00)
 * ```
 */
export function overtimeExposure(options: OvertimeExposureOptions): OvertimeExposure {
  const object = expectObject(
    options,
    '',
    'INVALID_AMOUNT',
    'options { now, work, roster, overtime?, contract? }',
  );
  expectKnownKeys(object, OPTION_KEYS, '', 'INVALID_AMOUNT');
  const now = readInstantArgument(object.now, 'now');
  const roster = readRoster(object.roster, 'roster');
  const overtime =
    object.overtime === undefined ? undefined : readOvertime(object.overtime, 'overtime');
  const contract = object.contract === undefined ? undefined : readContract(object.contract);
  const work = readWork(object.work);

  const schedule = edfSchedule(work, roster, now);
  const { deficitMs, at } = largestDeficit(schedule.dates);
  const bottleneck: OvertimeBottleneck | null =
    at === null
      ? null
      : Object.freeze({
          dueAt: at.dueAt,
          ticketIds: Object.freeze(
            Array.from(schedule.order.subarray(at.from, at.to), (i) => work.ticketIds[i] as string),
          ),
        });
  const late = lateWithoutOvertime(work, schedule, roster, now);
  const short = unmeetable(work, schedule, roster, overtime, now);
  // Each part is frozen as it is built: walking a hundred thousand results again to freeze
  // them would cost more than computing them.
  return Object.freeze({
    requiredOvertimeMs: deficitMs,
    cost: overtime === undefined ? null : overtimeCost(deficitMs, overtime),
    currency: overtime === undefined ? null : overtime.currency,
    bottleneck,
    lateWithoutOvertime: late.tickets,
    unmeetable: short,
    creditExposure:
      contract === undefined
        ? null
        : creditExposureOfLateTickets(
            contract,
            late.tickets,
            late.indices,
            work,
            new Set(short.map((u) => u.ticketId)),
            now,
          ),
  });
}
