import { describe, PetSlaError } from '../../errors.js';
import { isPlainObject } from '../../shared/read.js';
import { readInstantArgument } from '../shared/instant.js';
import { type Period, type PeriodRange, readPeriods } from '../shared/period.js';
import type { KpiGrouping } from './types.js';

// Reading the options of a KPI fold. Problems with the report's frame (periods, grouping,
// excluded tickets) are INVALID_PERIOD; a bad `asOf` gets the core's instant codes.

/** The options every KPI computation works from, validated and resolved. */
export interface FoldSettings {
  readonly periods: readonly Period[];
  /** The periods as a range of local dates: how summaries name them. */
  readonly range: PeriodRange;
  readonly groupBy: KpiGrouping;
  readonly asOf: number;
  readonly exclude: ReadonlySet<string>;
}

function invalid(message: string, path: string): PetSlaError {
  return new PetSlaError('INVALID_PERIOD', message, path);
}

function readGroupBy(value: unknown): KpiGrouping {
  if (value === undefined) return Object.freeze([]);
  if (!Array.isArray(value) || value.some((key) => key !== 'priority') || value.length > 1) {
    throw invalid(`expected groupBy to be [] or ["priority"], got ${describe(value)}`, 'groupBy');
  }
  return Object.freeze([...value]) as KpiGrouping;
}

function readExclude(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) {
    throw invalid(`expected a list of ticket ids to exclude, got ${describe(value)}`, 'exclude');
  }
  value.forEach((id, i) => {
    if (typeof id !== 'string' || id === '') {
      throw invalid(
        `expected a ticket id (a non-empty string), got ${describe(id)}`,
        `exclude[${i}]`,
      );
    }
  });
  return new Set(value as string[]);
}

/** The periods as the range of local dates they cover. */
export function rangeOf(periods: readonly Period[]): PeriodRange {
  const first = periods[0] as Period;
  const last = periods[periods.length - 1] as Period;
  return Object.freeze({
    zone: first.zone,
    unit: first.unit,
    from: first.firstDay,
    to: last.endDay,
  });
}

/**
 * Validates the options of a KPI computation. `keys` lists the options this entry point
 * accepts: an unknown one is an error, never silently ignored.
 */
export function readFoldSettings(options: unknown, keys: readonly string[]): FoldSettings {
  if (!isPlainObject(options)) {
    throw invalid(
      `expected options { ${keys.join(', ')} } (a plain object), got ${describe(options)}`,
      '',
    );
  }
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) {
      throw invalid(
        `unknown option "${key}"; expected only ${keys.map((k) => `"${k}"`).join(', ')}`,
        key,
      );
    }
  }
  const periods = readPeriods(options.periods, 'periods');
  const range = rangeOf(periods);
  const end = (periods[periods.length - 1] as Period).to;
  return {
    periods,
    range,
    groupBy: readGroupBy(options.groupBy),
    asOf: options.asOf === undefined ? end : readInstantArgument(options.asOf, 'asOf'),
    exclude: readExclude(options.exclude),
  };
}
