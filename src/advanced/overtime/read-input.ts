import { describe, PetSlaError, rethrowing } from '../../errors.js';
import {
  type Calendar,
  type InstantInput,
  parseSnapshot,
  SLA_METRICS,
  type SlaMetric,
  toEpochMillis,
} from '../../index.js';
import {
  expectArray,
  expectKnownKeys,
  expectObject,
  isPlainObject,
  join,
  type PlainObject,
} from '../../shared/read.js';
import { readInstantArgument } from '../shared/instant.js';
import { currencyDigits, readMinorUnits } from '../shared/money.js';

// Overtime has no document of its own, so its problems use the core's codes: instants
// INVALID_INSTANT (or INSTANT_OUT_OF_RANGE), calendars and the roster/overtime objects
// INVALID_CALENDAR (or the snapshot's own code), every amount (work, head counts, money, the
// currency they are counted in) INVALID_AMOUNT. docs/overtime.md lists them.

/**
 * Runs a reader of a nested document (a calendar snapshot, a contract, a breach model) and
 * reports its problem below where that document sits in the input: `roster.calendar.week.mon[0]`.
 */
export function reportedAt<T>(path: string, step: () => T): T {
  return rethrowing(step, (error) => ({
    path:
      error.path === undefined
        ? path
        : `${path}${error.path.startsWith('[') ? '' : '.'}${error.path}`,
  }));
}

/** `work[i].dueAt`, with its path written only if it is wrong (boards have many). */
function readInstantOf(value: unknown, i: number): number {
  try {
    return toEpochMillis(value as InstantInput);
  } catch {
    return readInstantArgument(value, `work[${i}].dueAt`);
  }
}

/** A calendar or calendar snapshot (validated and fingerprint-checked). */
export function readCalendar(value: unknown, path: string): Calendar {
  if (!isPlainObject(value) || !('schema' in value)) {
    throw new PetSlaError(
      'INVALID_CALENDAR',
      `expected a calendar (from defineCalendar, reviseCalendar or parseSnapshot) or a calendar snapshot, got ${describe(value)}`,
      path,
    );
  }
  return reportedAt(path, () => parseSnapshot(value));
}

export function readHeadCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected a number of agents: a whole number ≥ 1, got ${describe(value)}`,
      path,
    );
  }
  return value;
}

/** A safe integer of (agent-)milliseconds ≥ 0. */
function isEffort(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function readEffort(value: unknown, path: string): number {
  if (!isEffort(value)) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected remaining effort in agent-milliseconds: a whole number ≥ 0 up to ${Number.MAX_SAFE_INTEGER}, got ${describe(value)}`,
      path,
    );
  }
  return value === 0 ? 0 : value;
}

export interface StaffedCalendar {
  readonly calendar: Calendar;
  readonly agents: number;
}

export function readRoster(value: unknown, path: string): StaffedCalendar {
  const object = expectObject(value, path, 'INVALID_CALENDAR', 'a roster { calendar, agents }');
  expectKnownKeys(object, ['calendar', 'agents'], path, 'INVALID_CALENDAR');
  return {
    calendar: readCalendar(object.calendar, join(path, 'calendar')),
    agents: readHeadCount(object.agents, join(path, 'agents')),
  };
}

/** The overtime offer: a staffed calendar, and what an agent-hour of it costs. */
export interface ReadOvertime extends StaffedCalendar {
  readonly ratePerHour: number;
  readonly currency: string;
}

export function readOvertime(value: unknown, path: string): ReadOvertime {
  const object = expectObject(
    value,
    path,
    'INVALID_CALENDAR',
    'overtime { calendar, agents, ratePerHour, currency }',
  );
  expectKnownKeys(
    object,
    ['calendar', 'agents', 'ratePerHour', 'currency'],
    path,
    'INVALID_CALENDAR',
  );
  const { currency } = object;
  if (typeof currency !== 'string' || currencyDigits(currency) === undefined) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected the ISO 4217 code of the currency ratePerHour is in, in capitals ("EUR", "USD", "JPY"), got ${describe(currency)}`,
      join(path, 'currency'),
    );
  }
  return {
    calendar: readCalendar(object.calendar, join(path, 'calendar')),
    agents: readHeadCount(object.agents, join(path, 'agents')),
    ratePerHour: readMinorUnits(object.ratePerHour, join(path, 'ratePerHour'), 'INVALID_AMOUNT'),
    currency,
  };
}

/**
 * The validated work list as columns: boards have a hundred thousand items, and one object
 * per item would cost more (in garbage collection) than the whole computation.
 */
export interface WorkColumns {
  readonly ticketIds: readonly string[];
  readonly dueAt: Float64Array;
  readonly remainingMs: Float64Array;
  /** `undefined` where the item has none. */
  readonly metrics: readonly (SlaMetric | undefined)[];
  readonly priorities: readonly (string | undefined)[];
}

const WORK_KEYS = ['ticketId', 'dueAt', 'remainingMs', 'metric', 'priority'];
const WORK_KEY_SET = new Set(WORK_KEYS);

/** The optional labels of a work item, checked (they price its breach under a contract). */
function checkLabels(object: PlainObject, path: string): void {
  const { metric, priority } = object;
  if (metric !== undefined && !(SLA_METRICS as readonly unknown[]).includes(metric)) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected an SLA metric (${SLA_METRICS.join(', ')}) or no metric, got ${describe(metric)}`,
      `${path}.metric`,
    );
  }
  if (priority !== undefined && (typeof priority !== 'string' || priority === '')) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected a non-empty priority string or no priority, got ${describe(priority)}`,
      `${path}.priority`,
    );
  }
}

/**
 * The work list `[{ ticketId, dueAt, remainingMs, metric?, priority? }]`, validated, each
 * ticket once, with a total that stays a safe integer (so every sum of it is exact).
 */
export function readWork(value: unknown): WorkColumns {
  const list = expectArray(
    value,
    'work',
    'INVALID_AMOUNT',
    'the open work [{ ticketId, dueAt, remainingMs }]',
  );
  const seen = new Set<string>();
  const ticketIds: string[] = new Array(list.length);
  const dueAt = new Float64Array(list.length);
  const remainingMs = new Float64Array(list.length);
  const metrics: (SlaMetric | undefined)[] = new Array(list.length);
  const priorities: (string | undefined)[] = new Array(list.length);
  let total = 0;
  // Boards have a hundred thousand items: nothing is allocated per item that is not kept, so
  // paths (`work[17].dueAt`) are only written when there is a problem to report.
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isPlainObject(item)) {
      expectObject(
        item,
        `work[${i}]`,
        'INVALID_AMOUNT',
        'a work item { ticketId, dueAt, remainingMs }',
      );
    }
    const object = item as PlainObject;
    for (const key in object) {
      if (!WORK_KEY_SET.has(key))
        expectKnownKeys(object, WORK_KEYS, `work[${i}]`, 'INVALID_AMOUNT');
    }
    const { ticketId, metric, priority } = object;
    if (typeof ticketId !== 'string' || ticketId === '') {
      throw new PetSlaError(
        'INVALID_AMOUNT',
        `expected a non-empty ticket id string, got ${describe(ticketId)}`,
        `work[${i}].ticketId`,
      );
    }
    if (metric !== undefined || priority !== undefined) checkLabels(object, `work[${i}]`);
    if (seen.has(ticketId)) {
      throw new PetSlaError(
        'INVALID_AMOUNT',
        `ticket "${ticketId}" appears twice; expected each ticket once, with all its remaining effort`,
        `work[${i}].ticketId`,
      );
    }
    seen.add(ticketId);
    ticketIds[i] = ticketId;
    metrics[i] = metric as SlaMetric | undefined;
    priorities[i] = priority as string | undefined;
    dueAt[i] = readInstantOf(object.dueAt, i);
    const effort = object.remainingMs;
    if (!isEffort(effort)) readEffort(effort, `work[${i}].remainingMs`);
    remainingMs[i] = effort as number;
    total += effort as number;
    if (total > Number.MAX_SAFE_INTEGER) {
      throw new PetSlaError(
        'INVALID_AMOUNT',
        `the remaining effort adds up to more than ${Number.MAX_SAFE_INTEGER} agent-milliseconds by this item; expected a total that fits`,
        `work[${i}].remainingMs`,
      );
    }
  }
  return { ticketIds, dueAt, remainingMs, metrics, priorities };
}
