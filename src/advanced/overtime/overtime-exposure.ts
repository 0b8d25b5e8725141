import { PetSlaError, rethrowing } from '../../errors.js';
import { deepFreeze, expectKnownKeys, expectObject } from '../../shared/read.js';
import { divideRounded } from '../shared/money.js';
import { finishOnRoster, overtimeCapacityReader, rosterCapacity } from './capacity.js';
import {
  type ReadOvertime,
  type ReadWorkItem,
  readInstant,
  readOvertime,
  readRoster,
  readWork,
  type StaffedCalendar,
} from './read-input.js';
import type {
  LateTicket,
  OvertimeBottleneck,
  OvertimeExposure,
  OvertimeExposureOptions,
  UnmeetableTicket,
} from './types.js';

const MS_PER_HOUR = 3_600_000n;

/** Earliest due first; ties in ticket id order (code units, no locale). */
function edfOrder(a: ReadWorkItem, b: ReadWorkItem): number {
  if (a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  return a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0;
}

/** The tickets due at one instant, as a slice of the EDF order, with D(d) and C(d). */
interface DueDate {
  readonly dueAt: number;
  readonly from: number;
  readonly to: number;
  /** D(d): all work due at or before d (agent-ms). */
  readonly demandMs: number;
  /** C(d): roster capacity in [now, d) (agent-ms). */
  readonly capacityMs: number;
}

function dueDates(work: readonly ReadWorkItem[], roster: StaffedCalendar, now: number): DueDate[] {
  const dates: DueDate[] = [];
  let demandMs = 0;
  for (let from = 0; from < work.length; ) {
    const dueAt = (work[from] as ReadWorkItem).dueAt;
    let to = from;
    while (to < work.length && (work[to] as ReadWorkItem).dueAt === dueAt) {
      demandMs += (work[to] as ReadWorkItem).remainingMs;
      to++;
    }
    dates.push({ dueAt, from, to, demandMs, capacityMs: rosterCapacity(roster, now, dueAt) });
    from = to;
  }
  return dates;
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
  work: readonly ReadWorkItem[],
  dates: readonly DueDate[],
  roster: StaffedCalendar,
  now: number,
): LateTicket[] {
  const late: LateTicket[] = [];
  let doneMs = 0;
  for (const date of dates) {
    for (let i = date.from; i < date.to; i++) {
      const item = work[i] as ReadWorkItem;
      doneMs += item.remainingMs;
      if (date.dueAt >= now && doneMs <= date.capacityMs) continue;
      const finishAt = finishOnRoster(roster, now, doneMs);
      late.push({
        ticketId: item.ticketId,
        dueAt: item.dueAt,
        finishAt,
        lateMs: finishAt === null ? null : finishAt - item.dueAt,
      });
    }
  }
  return late;
}

/**
 * The tickets due at d are unmeetable when D(d) exceeds C(d) plus all overtime capacity in
 * [now, d); each is short by that excess. Only due dates with a roster deficit can be, so the
 * overtime calendar is read up to the last of those only.
 */
function unmeetable(
  work: readonly ReadWorkItem[],
  dates: readonly DueDate[],
  roster: StaffedCalendar,
  overtime: ReadOvertime | undefined,
  now: number,
): UnmeetableTicket[] {
  let horizon = now;
  for (const date of dates) if (date.demandMs > date.capacityMs) horizon = date.dueAt;
  const extraBy =
    overtime === undefined ? () => 0 : overtimeCapacityReader(overtime, roster, now, horizon);
  const short: UnmeetableTicket[] = [];
  for (const date of dates) {
    if (date.demandMs <= date.capacityMs) continue;
    const shortMs = date.demandMs - date.capacityMs - (date.dueAt <= now ? 0 : extraBy(date.dueAt));
    if (shortMs <= 0) continue;
    for (let i = date.from; i < date.to; i++) {
      const item = work[i] as ReadWorkItem;
      short.push({ ticketId: item.ticketId, dueAt: item.dueAt, shortMs });
    }
  }
  return short;
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

const OPTION_KEYS = ['now', 'work', 'roster', 'overtime'];

/**
 * The least overtime that lets every open ticket meet its due date, what it costs, where the
 * roster falls furthest behind, which tickets finish late without it, and which cannot make it
 * even with all the overtime on offer. Work is pooled and preemptive, served earliest due
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
    'options { now, work, roster, overtime? }',
  );
  if ('contract' in object) {
    throw new PetSlaError(
      'INVALID_CONTRACT',
      'weighing overtime against service credits is not available yet; expected options without a contract',
      'contract',
    );
  }
  expectKnownKeys(object, OPTION_KEYS, '', 'INVALID_AMOUNT');
  const now = readInstant(object.now, 'now');
  const roster = readRoster(object.roster, 'roster');
  const overtime =
    object.overtime === undefined ? undefined : readOvertime(object.overtime, 'overtime');
  const work = [...readWork(object.work, 'work')].sort(edfOrder);

  const dates = dueDates(work, roster, now);
  const { deficitMs, at } = largestDeficit(dates);
  const bottleneck: OvertimeBottleneck | null =
    at === null
      ? null
      : { dueAt: at.dueAt, ticketIds: work.slice(at.from, at.to).map((item) => item.ticketId) };
  return deepFreeze({
    requiredOvertimeMs: deficitMs,
    cost: overtime === undefined ? null : overtimeCost(deficitMs, overtime),
    currency: overtime === undefined ? null : overtime.currency,
    bottleneck,
    lateWithoutOvertime: lateWithoutOvertime(work, dates, roster, now),
    unmeetable: unmeetable(work, dates, roster, overtime, now),
  });
}
