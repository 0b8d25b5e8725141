import { describe, PetSlaError, rethrowing } from '../../errors.js';
import {
  addBusinessMillis,
  type Calendar,
  defineCalendar,
  parseSnapshot,
  SLA_METRICS,
  type SlaMetric,
} from '../../index.js';
import {
  expectArray,
  expectKnownKeys,
  expectObject,
  isPlainObject,
  join,
  type PlainObject,
} from '../../shared/read.js';
import { currencyDigits, readMinorUnits } from '../shared/money.js';

// Overtime has no document of its own, so its problems use the core's codes: instants
// INVALID_INSTANT (or INSTANT_OUT_OF_RANGE), calendars and the roster/overtime objects
// INVALID_CALENDAR (or the snapshot's own code), every amount (work, head counts, money, the
// currency they are counted in) INVALID_AMOUNT. docs/overtime.md lists them.

/**
 * Runs a core function on a part of the caller's input and reports its problem where that part
 * sits in the input: `inside` keeps the core's path below `path` (a snapshot's own field),
 * otherwise `path` replaces it (an instant the core knows only as `t`).
 */
export function reportedAt<T>(path: string, inside: boolean, step: () => T): T {
  return rethrowing(step, (error) => ({
    path:
      inside && error.path !== undefined
        ? `${path}${error.path.startsWith('[') ? '' : '.'}${error.path}`
        : path,
  }));
}

let closedUtc: Calendar | undefined;

/** Any instant input as epoch ms, read by the core's own rule (through a public function). */
export function readInstant(value: unknown, path: string): number {
  closedUtc ??= defineCalendar({ id: 'pet-sla/overtime-instant-reader', zone: 'UTC', week: {} });
  const calendar = closedUtc;
  // Adding no business time returns the instant itself, validated and range-checked.
  return reportedAt(path, false, () => addBusinessMillis(calendar, value as number, 0));
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
  return reportedAt(path, true, () => parseSnapshot(value));
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
export function readEffort(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
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

// Paths are built with templates, not `join`: `path` is always `work[i]` and the keys are
// plain names.
function readLabels(
  object: PlainObject,
  path: string,
): { ticketId: string; metric: SlaMetric | undefined; priority: string | undefined } {
  for (const key in object) {
    if (!WORK_KEY_SET.has(key)) expectKnownKeys(object, WORK_KEYS, path, 'INVALID_AMOUNT');
  }
  const { ticketId, metric, priority } = object;
  if (typeof ticketId !== 'string' || ticketId === '') {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected a non-empty ticket id string, got ${describe(ticketId)}`,
      `${path}.ticketId`,
    );
  }
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
  return { ticketId, metric: metric as SlaMetric | undefined, priority };
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
  for (let i = 0; i < list.length; i++) {
    const path = `work[${i}]`;
    const object = expectObject(
      list[i],
      path,
      'INVALID_AMOUNT',
      'a work item { ticketId, dueAt, remainingMs }',
    );
    const { ticketId, metric, priority } = readLabels(object, path);
    if (seen.has(ticketId)) {
      throw new PetSlaError(
        'INVALID_AMOUNT',
        `ticket "${ticketId}" appears twice; expected each ticket once, with all its remaining effort`,
        `${path}.ticketId`,
      );
    }
    seen.add(ticketId);
    ticketIds[i] = ticketId;
    metrics[i] = metric;
    priorities[i] = priority;
    dueAt[i] = readInstant(object.dueAt, `${path}.dueAt`);
    const effort = readEffort(object.remainingMs, `${path}.remainingMs`);
    remainingMs[i] = effort;
    total += effort;
    if (total > Number.MAX_SAFE_INTEGER) {
      throw new PetSlaError(
        'INVALID_AMOUNT',
        `the remaining effort adds up to more than ${Number.MAX_SAFE_INTEGER} agent-milliseconds by this item; expected a total that fits`,
        `${path}.remainingMs`,
      );
    }
  }
  return { ticketIds, dueAt, remainingMs, metrics, priorities };
}
