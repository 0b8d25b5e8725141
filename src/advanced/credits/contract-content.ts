import { describe, PetSlaError } from '../../errors.js';
import { SLA_METRICS, type SlaMetric } from '../../index.js';
import {
  deepFreeze,
  expectArray,
  expectKnownKeys,
  expectObject,
  expectString,
  join,
  type PlainObject,
} from '../../shared/read.js';
import { readCurrency, readMinorUnits, readPercent } from '../shared/money.js';
import { periodContaining } from '../shared/period.js';
import type {
  ContractPeriodUnit,
  CreditCombine,
  CreditTier,
  PerBreachRule,
  PerLateHourRule,
  ServiceContract,
} from './types.js';

const CODE = 'INVALID_CONTRACT';

/** The keys of a contract's own content, in the order its normal form writes them. */
export const CONTRACT_FIELDS = Object.freeze([
  'customer',
  'currency',
  'monthlyFee',
  'period',
  'measure',
  'minimumMeasured',
  'tiers',
  'perBreach',
  'perLateHour',
  'combine',
  'capPercent',
  'minimumPayable',
  'claimWindowDays',
] as const);

/** A contract's own content: all but the fields every versioned document has. */
export type ContractContent = Omit<
  ServiceContract,
  'schema' | 'id' | 'name' | 'version' | 'previous' | 'fingerprint'
>;

/** How many months one period of each unit holds: a fee is monthly. */
const MONTHS_PER_PERIOD: Readonly<Record<ContractPeriodUnit, number>> = Object.freeze({
  month: 1,
  quarter: 3,
  year: 12,
});

/** The fee of one period: the monthly fee × the months in it (a safe integer or not). */
export function feeOfOnePeriod(monthlyFee: number, unit: ContractPeriodUnit): number {
  return monthlyFee * MONTHS_PER_PERIOD[unit];
}

const PERIOD_UNITS = Object.keys(MONTHS_PER_PERIOD) as ContractPeriodUnit[];
const MAX_CLAIM_WINDOW_DAYS = 3660;
const PERCENT = { min: 0, max: 100 };

function required(object: PlainObject, key: string, what: string): unknown {
  const value = object[key];
  if (value === undefined) throw new PetSlaError(CODE, `expected ${what}`, key);
  return value;
}

function readWholeNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new PetSlaError(
      CODE,
      `expected a whole number from ${min} to ${max}, got ${describe(value)}`,
      path,
    );
  }
  return value;
}

function readMetric(value: unknown, path: string): SlaMetric {
  if (typeof value !== 'string' || !(SLA_METRICS as readonly string[]).includes(value)) {
    throw new PetSlaError(
      CODE,
      `expected a metric: ${SLA_METRICS.map((m) => `"${m}"`).join(' or ')}, got ${describe(value)}`,
      path,
    );
  }
  return value as SlaMetric;
}

/** A priority filter: absent means every priority; a list is sorted, duplicates merged. */
function readPriorities(value: unknown, path: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list = expectArray(value, path, CODE, 'a list of priorities such as ["urgent"]');
  if (list.length === 0) {
    throw new PetSlaError(
      CODE,
      'expected at least one priority; leave priorities out to mean every priority',
      path,
    );
  }
  const names = list.map((p, i) => expectString(p, join(path, i), CODE, true));
  return [...new Set(names)].sort();
}

function readPeriod(value: unknown): { zone: string; unit: ContractPeriodUnit } {
  const object = expectObject(
    value,
    'period',
    CODE,
    "the contract's period { zone, unit } such as { zone: 'Europe/London', unit: 'month' }",
  );
  expectKnownKeys(object, ['zone', 'unit'], 'period', CODE);
  const zone = expectString(object.zone, 'period.zone', CODE, true);
  const unit = object.unit;
  if (typeof unit !== 'string' || !(PERIOD_UNITS as string[]).includes(unit)) {
    throw new PetSlaError(
      CODE,
      `expected a period unit of whole months, "month", "quarter" or "year" (a fee is monthly, so a day or a week cannot carry a whole share of it), got ${describe(unit)}`,
      'period.unit',
    );
  }
  try {
    // Any instant will do: this only asks whether the zone is one the runtime knows.
    periodContaining(0, zone, unit as ContractPeriodUnit);
  } catch (error) {
    if (!(error instanceof PetSlaError)) throw error;
    throw new PetSlaError(
      CODE,
      `"${zone}" is not an IANA time zone this runtime knows; expected a name such as "Europe/London" or "UTC"`,
      'period.zone',
    );
  }
  return { zone, unit: unit as ContractPeriodUnit };
}

function readMeasure(value: unknown): ServiceContract['measure'] {
  const object = expectObject(
    value,
    'measure',
    CODE,
    "what compliance is measured on { metric, priorities? } such as { metric: 'resolution' }",
  );
  expectKnownKeys(object, ['metric', 'priorities'], 'measure', CODE);
  const metric = readMetric(object.metric, 'measure.metric');
  const priorities = readPriorities(object.priorities, 'measure.priorities');
  return priorities === undefined ? { metric } : { metric, priorities };
}

interface IndexedTier {
  readonly tier: CreditTier;
  readonly fromBp: number;
  readonly toBp: number;
  readonly creditBp: number;
  readonly index: number;
}

const percentText = (bp: number): string => `${bp / 100} %`;

/** Tiers must tile [0, 100] exactly and credit no more as compliance rises. */
function readTiers(value: unknown): readonly CreditTier[] {
  const list = expectArray(
    value,
    'tiers',
    CODE,
    'compliance tiers such as [{ from: 99, to: 100, creditPercent: 0 }, { from: 0, to: 99, creditPercent: 10 }]',
  );
  if (list.length === 0)
    throw new PetSlaError(CODE, 'expected at least one tier, covering 0 % to 100 %', 'tiers');
  const tiers: IndexedTier[] = list.map((item, index) => {
    const path = join('tiers', index);
    const object = expectObject(item, path, CODE, 'a tier { from, to, creditPercent }');
    expectKnownKeys(object, ['from', 'to', 'creditPercent'], path, CODE);
    for (const key of ['from', 'to', 'creditPercent']) {
      if (object[key] === undefined)
        throw new PetSlaError(CODE, `expected ${key}`, join(path, key));
    }
    const fromBp = readPercent(object.from, join(path, 'from'), CODE, PERCENT);
    const toBp = readPercent(object.to, join(path, 'to'), CODE, PERCENT);
    const creditBp = readPercent(object.creditPercent, join(path, 'creditPercent'), CODE, PERCENT);
    if (fromBp >= toBp) {
      throw new PetSlaError(
        CODE,
        `expected from below to: a tier is the compliance interval [from, to), got from ${percentText(fromBp)} and to ${percentText(toBp)}`,
        join(path, 'to'),
      );
    }
    const tier = { from: fromBp / 100, to: toBp / 100, creditPercent: creditBp / 100 };
    return { tier, fromBp, toBp, creditBp, index };
  });
  const ascending = [...tiers].sort((a, b) => a.fromBp - b.fromBp || a.index - b.index);
  let reached = 0;
  let previous: IndexedTier | undefined;
  for (const current of ascending) {
    const path = join('tiers', current.index);
    if (current.fromBp > reached) {
      throw new PetSlaError(
        CODE,
        `the tiers leave compliance from ${percentText(reached)} to ${percentText(current.fromBp)} uncovered; expected tiers that cover 0 % to 100 % without a gap`,
        join(path, 'from'),
      );
    }
    if (current.fromBp < reached && previous !== undefined) {
      throw new PetSlaError(
        CODE,
        `this tier overlaps tiers[${previous.index}] from ${percentText(current.fromBp)} to ${percentText(Math.min(reached, current.toBp))}; expected tiers that do not overlap`,
        join(path, 'from'),
      );
    }
    if (previous !== undefined && current.creditBp > previous.creditBp) {
      throw new PetSlaError(
        CODE,
        `this tier credits ${percentText(current.creditBp)} for better compliance than tiers[${previous.index}], which credits ${percentText(previous.creditBp)}; expected credits that never rise as compliance rises`,
        join(path, 'creditPercent'),
      );
    }
    reached = current.toBp;
    previous = current;
  }
  if (reached < 10_000) {
    throw new PetSlaError(
      CODE,
      `the tiers leave compliance from ${percentText(reached)} to 100 % uncovered; expected a top tier with to: 100`,
      'tiers',
    );
  }
  return ascending.reverse().map((t) => t.tier);
}

type Rule = PerBreachRule | PerLateHourRule;

const priorityKey = (rule: Rule): string =>
  rule.priorities === undefined ? '' : JSON.stringify(rule.priorities);

/** Two rules of one metric that could both match a clock would credit it twice. */
function overlapping(a: Rule, b: Rule): boolean {
  if (a.metric !== b.metric) return false;
  if (a.priorities === undefined || b.priorities === undefined) return true;
  return a.priorities.some((p) => b.priorities?.includes(p));
}

function readRules<T extends Rule>(
  value: unknown,
  key: 'perBreach' | 'perLateHour',
  read: (object: PlainObject, path: string) => T,
): readonly T[] {
  if (value === undefined) return [];
  const list = expectArray(value, key, CODE, 'a list of per-ticket credit rules');
  const rules = list.map((item, index) => {
    const path = join(key, index);
    return read(expectObject(item, path, CODE, 'a per-ticket credit rule'), path);
  });
  for (let i = 0; i < rules.length; i++) {
    for (let j = 0; j < i; j++) {
      if (overlapping(rules[j] as T, rules[i] as T)) {
        throw new PetSlaError(
          CODE,
          `this rule and ${key}[${j}] both apply to some ${(rules[i] as T).metric} clocks; expected at most one rule per metric and priority`,
          join(join(key, i), 'priorities'),
        );
      }
    }
  }
  const metricOrder = (rule: Rule): number => SLA_METRICS.indexOf(rule.metric);
  return rules.sort(
    (a, b) =>
      metricOrder(a) - metricOrder(b) ||
      (priorityKey(a) < priorityKey(b) ? -1 : priorityKey(a) > priorityKey(b) ? 1 : 0),
  );
}

function readRuleTarget(object: PlainObject, path: string) {
  if (object.metric === undefined)
    throw new PetSlaError(CODE, 'expected a metric', join(path, 'metric'));
  const metric = readMetric(object.metric, join(path, 'metric'));
  const priorities = readPriorities(object.priorities, join(path, 'priorities'));
  if (object.amount === undefined)
    throw new PetSlaError(CODE, 'expected an amount in minor units', join(path, 'amount'));
  const amount = readMinorUnits(object.amount, join(path, 'amount'), CODE);
  return { metric, ...(priorities === undefined ? {} : { priorities }), amount };
}

function readPerBreach(object: PlainObject, path: string): PerBreachRule {
  expectKnownKeys(object, ['metric', 'priorities', 'amount'], path, CODE);
  return readRuleTarget(object, path);
}

function readPerLateHour(object: PlainObject, path: string): PerLateHourRule {
  expectKnownKeys(object, ['metric', 'priorities', 'amount', 'maxPerTicket'], path, CODE);
  const rule = readRuleTarget(object, path);
  if (object.maxPerTicket === undefined) return rule;
  const maxPerTicket = readMinorUnits(object.maxPerTicket, join(path, 'maxPerTicket'), CODE);
  return { ...rule, maxPerTicket };
}

function readCombine(value: unknown): CreditCombine {
  if (value === undefined) return 'sum';
  if (value !== 'sum' && value !== 'max') {
    throw new PetSlaError(
      CODE,
      `expected "sum" (the tier credit plus every per-ticket credit) or "max" (the larger of the two), got ${describe(value)}`,
      'combine',
    );
  }
  return value;
}

/**
 * Reads and normalises a service contract's own content from untrusted data (a definition, a
 * revision or a stored contract); every problem is INVALID_CONTRACT with the path of the
 * field. Returns fresh, frozen plain data in normal form.
 */
export function readContractContent(object: PlainObject): ContractContent {
  const customer =
    object.customer === undefined ? undefined : expectString(object.customer, 'customer', CODE);
  const currency = readCurrency(
    required(object, 'currency', 'an ISO 4217 currency code'),
    'currency',
    CODE,
  );
  const monthlyFee = readMinorUnits(
    required(object, 'monthlyFee', 'the monthly fee in minor units'),
    'monthlyFee',
    CODE,
  );
  const period = readPeriod(required(object, 'period', "the contract's period { zone, unit }"));
  if (!Number.isSafeInteger(feeOfOnePeriod(monthlyFee, period.unit))) {
    throw new PetSlaError(
      CODE,
      `the fee of one ${period.unit} (${MONTHS_PER_PERIOD[period.unit]} × the monthly fee) is not a safe integer of minor units; expected a smaller fee`,
      'monthlyFee',
    );
  }
  const measure = readMeasure(required(object, 'measure', 'what compliance is measured on'));
  const minimumMeasured =
    object.minimumMeasured === undefined
      ? 1
      : readWholeNumber(object.minimumMeasured, 'minimumMeasured', 1, Number.MAX_SAFE_INTEGER);
  const tiers = readTiers(required(object, 'tiers', 'compliance tiers'));
  const perBreach = readRules(object.perBreach, 'perBreach', readPerBreach);
  const perLateHour = readRules(object.perLateHour, 'perLateHour', readPerLateHour);
  const combine = readCombine(object.combine);
  const capPercent =
    object.capPercent === undefined
      ? 100
      : readPercent(object.capPercent, 'capPercent', CODE, PERCENT) / 100;
  const minimumPayable =
    object.minimumPayable === undefined
      ? 0
      : readMinorUnits(object.minimumPayable, 'minimumPayable', CODE);
  const claimWindowDays =
    object.claimWindowDays === undefined
      ? undefined
      : readWholeNumber(object.claimWindowDays, 'claimWindowDays', 0, MAX_CLAIM_WINDOW_DAYS);
  return deepFreeze({
    ...(customer === undefined ? {} : { customer }),
    currency,
    monthlyFee,
    period,
    measure,
    minimumMeasured,
    tiers,
    perBreach,
    perLateHour,
    combine,
    capPercent,
    minimumPayable,
    ...(claimWindowDays === undefined ? {} : { claimWindowDays }),
  });
}
