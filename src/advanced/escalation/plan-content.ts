import { describe, PetSlaError } from '../../errors.js';
import { SLA_METRICS } from '../../index.js';
import {
  expectArray,
  expectKnownKeys,
  expectObject,
  expectString,
  join,
  type PlainObject,
} from '../../shared/read.js';
import { readPercent } from '../shared/money.js';
import type { CatchUpMode, EscalationLevel, EscalationPlan } from './types.js';

// The content of an escalation plan: validation and normal form. Every problem is INVALID_PLAN
// with the path of the field, so a plan editor can point at it.

const CODE = 'INVALID_PLAN';
const LEVEL_KEYS = ['id', 'metric', 'percent', 'beforeDue', 'afterDue', 'priorities', 'notify'];
const KINDS = ['percent', 'beforeDue', 'afterDue'] as const;
const CATCH_UP: readonly CatchUpMode[] = ['highest', 'all'];

/** Business minutes > 0 that make a whole number of milliseconds, as SLA targets do. */
function readMinutes(value: unknown, path: string): number {
  const ms = typeof value === 'number' ? Math.round(value * 60_000) : Number.NaN;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || ms < 1) {
    throw new PetSlaError(
      CODE,
      `expected business minutes: a positive finite number, got ${describe(value)}`,
      path,
    );
  }
  if (!Number.isSafeInteger(ms))
    throw new PetSlaError(CODE, 'expected at most Number.MAX_SAFE_INTEGER milliseconds', path);
  return value;
}

/** A list of distinct non-empty strings; `what` names them in messages. */
function readNames(value: unknown, path: string, what: string): string[] {
  const list = expectArray(value, path, CODE, `a list of ${what}`);
  const names: string[] = [];
  for (const [i, item] of list.entries()) {
    const name = expectString(item, join(path, i), CODE, true);
    if (names.includes(name))
      throw new PetSlaError(
        CODE,
        `"${name}" is listed twice; list each of the ${what} once`,
        join(path, i),
      );
    names.push(name);
  }
  return names;
}

function readLevel(value: unknown, path: string): EscalationLevel {
  const level = expectObject(
    value,
    path,
    CODE,
    'a level { id, metric, percent | beforeDue | afterDue, priorities?, notify? }',
  );
  expectKnownKeys(level, LEVEL_KEYS, path, CODE);
  const id = expectString(level.id, join(path, 'id'), CODE, true);
  if (!(SLA_METRICS as readonly unknown[]).includes(level.metric)) {
    throw new PetSlaError(
      CODE,
      `expected a metric among ${SLA_METRICS.map((m) => `"${m}"`).join(', ')}, got ${describe(level.metric)}`,
      join(path, 'metric'),
    );
  }
  const given = KINDS.filter((kind) => level[kind] !== undefined);
  if (given.length !== 1) {
    throw new PetSlaError(
      CODE,
      given.length === 0
        ? 'expected exactly one threshold: percent (of the target), beforeDue or afterDue (business minutes); got none'
        : `expected exactly one threshold: percent, beforeDue or afterDue; got ${given.join(' and ')}`,
      given.length === 0 ? path : join(path, given[1] as string),
    );
  }
  const kind = given[0] as (typeof KINDS)[number];
  const kindPath = join(path, kind);
  const amount =
    kind === 'percent'
      ? readPercent(level.percent, kindPath, CODE, { min: 0, max: 1000, minExclusive: true }) / 100
      : readMinutes(level[kind], kindPath);
  let priorities: string[] | undefined;
  if (level.priorities !== undefined) {
    priorities = readNames(level.priorities, join(path, 'priorities'), 'priorities').sort();
    if (priorities.length === 0) {
      throw new PetSlaError(
        CODE,
        'expected at least one priority; leave priorities out for a level that applies to every priority',
        join(path, 'priorities'),
      );
    }
  }
  const notify =
    level.notify === undefined
      ? []
      : readNames(level.notify, join(path, 'notify'), 'recipients to notify');
  return {
    id,
    metric: level.metric as EscalationLevel['metric'],
    [kind]: amount,
    ...(priorities === undefined ? {} : { priorities }),
    notify,
  } as EscalationLevel;
}

/**
 * Reads and normalises a plan's own content, `{ policyId, catchUp, levels }`, from a
 * definition, a revision or a stored plan; every problem is INVALID_PLAN with its path.
 */
export function readEscalationPlanContent(
  object: PlainObject,
): Pick<EscalationPlan, 'policyId' | 'catchUp' | 'levels'> {
  const policyId = expectString(object.policyId, 'policyId', CODE, true);
  const catchUp = object.catchUp === undefined ? 'highest' : object.catchUp;
  if (!CATCH_UP.includes(catchUp as CatchUpMode)) {
    throw new PetSlaError(
      CODE,
      `expected catchUp "highest" or "all", got ${describe(object.catchUp)}`,
      'catchUp',
    );
  }
  if (object.levels === undefined)
    throw new PetSlaError(CODE, 'expected a list of levels', 'levels');
  const list = expectArray(object.levels, 'levels', CODE, 'a list of levels');
  if (list.length === 0) throw new PetSlaError(CODE, 'expected at least one level', 'levels');
  const levels: EscalationLevel[] = [];
  for (const [i, value] of list.entries()) {
    const level = readLevel(value, join('levels', i));
    if (levels.some((other) => other.id === level.id)) {
      throw new PetSlaError(
        CODE,
        `level id "${level.id}" is used twice; give every level its own id`,
        join(join('levels', i), 'id'),
      );
    }
    levels.push(level);
  }
  return { policyId, catchUp: catchUp as CatchUpMode, levels };
}

/**
 * The threshold of a level for a clock with target `targetMs`, in business milliseconds:
 * `percent` ⌈T·p/100⌉, `beforeDue` max(0, T − m·60000), `afterDue` T + m·60000.
 */
export function thresholdMsOf(level: EscalationLevel, targetMs: number): number {
  if (level.percent !== undefined) return ceilPercentOf(targetMs, Math.round(level.percent * 100));
  if (level.beforeDue !== undefined)
    return Math.max(0, targetMs - Math.round(level.beforeDue * 60_000));
  return targetMs + Math.round((level.afterDue as number) * 60_000);
}

/** ⌈T · bp / 10 000⌉, exactly: in safe integers when the product is one, else in BigInt. */
function ceilPercentOf(targetMs: number, basisPoints: number): number {
  const product = targetMs * basisPoints;
  if (!Number.isSafeInteger(product)) {
    return Number((BigInt(targetMs) * BigInt(basisPoints) + 9_999n) / 10_000n);
  }
  // The float quotient may be off by one near an integer; the remainder, exact, settles it.
  let quotient = Math.floor(product / 10_000);
  let remainder = product - quotient * 10_000;
  if (remainder < 0) {
    quotient -= 1;
    remainder += 10_000;
  } else if (remainder >= 10_000) {
    quotient += 1;
    remainder -= 10_000;
  }
  return remainder > 0 ? quotient + 1 : quotient;
}
