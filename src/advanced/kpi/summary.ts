import { describe, PetSlaError } from '../../errors.js';
import { MAX_INSTANT, MIN_INSTANT, SLA_METRICS, type SlaMetric } from '../../index.js';
import { deepFreeze, isPlainObject } from '../../shared/read.js';
import { readPeriods } from '../shared/period.js';
import { foldSlaLog } from './fold.js';
import { type FoldSettings, rangeOf, readFoldSettings } from './options.js';
import {
  KPI_SUMMARY_SCHEMA,
  type KpiGrouping,
  type KpiOptions,
  type KpiSummary,
  type KpiSummaryRow,
} from './types.js';

// Summaries: the counts of each period × metric (× priority) and every duration value, which
// is all a report needs. Counts add and sorted value lists merge, so parts computed anywhere
// combine into exactly the report of the whole.

type MutableRow = {
  -readonly [K in keyof KpiSummaryRow]: KpiSummaryRow[K] extends readonly number[]
    ? number[]
    : KpiSummaryRow[K];
};

const METRIC_ORDER: Readonly<Record<string, number>> = Object.fromEntries(
  SLA_METRICS.map((metric, i) => [metric, i]),
);

/** Rows in report order: period, then metric, then priority (by UTF-16 code units). */
export function compareRows(
  a: Pick<KpiSummaryRow, 'period' | 'metric' | 'priority'>,
  b: Pick<KpiSummaryRow, 'period' | 'metric' | 'priority'>,
): number {
  if (a.period !== b.period) return a.period - b.period;
  const byMetric = (METRIC_ORDER[a.metric] as number) - (METRIC_ORDER[b.metric] as number);
  if (byMetric !== 0) return byMetric;
  const pa = a.priority ?? '';
  const pb = b.priority ?? '';
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** The row of a period × metric (× priority) that counted nothing. */
export function emptyRow(
  period: number,
  metric: SlaMetric,
  priority: string | undefined,
): MutableRow {
  return {
    period,
    metric,
    ...(priority === undefined ? {} : { priority }),
    met: 0,
    breached: 0,
    cancelled: 0,
    reopened: 0,
    openAtEnd: 0,
    breachedOpenAtEnd: 0,
    businessMs: [],
    elapsedMs: [],
    overdueMs: [],
  };
}

const ascending = (a: number, b: number): number => a - b;

/** Collects the fold's facts into summary rows. */
export class SummaryRows {
  private readonly rows = new Map<string, MutableRow>();

  constructor(private readonly grouped: boolean) {}

  row(period: number, metric: SlaMetric, priority: string): MutableRow {
    const key = this.grouped ? `${period}|${metric}|${priority}` : `${period}|${metric}`;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = emptyRow(period, metric, this.grouped ? priority : undefined);
      this.rows.set(key, row);
    }
    return row;
  }

  /** The rows in order, each value list sorted. */
  sorted(): KpiSummaryRow[] {
    const rows = [...this.rows.values()];
    for (const row of rows) {
      row.businessMs.sort(ascending);
      row.elapsedMs.sort(ascending);
      row.overdueMs.sort(ascending);
    }
    return rows.sort(compareRows);
  }
}

/** Folds a log into summary rows. */
export function summaryRowsOf(events: Iterable<unknown>, settings: FoldSettings): KpiSummaryRow[] {
  const rows = new SummaryRows(settings.groupBy.length > 0);
  foldSlaLog(events, settings, {
    breach(k, fact) {
      rows.row(k, fact.metric, fact.priority).breached += 1;
    },
    stop(k, fact) {
      const row = rows.row(k, fact.metric, fact.priority);
      if (fact.outcome === 'cancelled') {
        row.cancelled += 1;
        return;
      }
      if (fact.outcome === 'met') row.met += 1;
      else row.overdueMs.push(fact.usedMs - fact.targetMs);
      row.businessMs.push(fact.usedMs);
      row.elapsedMs.push(fact.elapsedMs);
    },
    reopened(k, event) {
      rows.row(k, event.metric, event.priority).reopened += 1;
    },
    open(k, metric, priority, breached) {
      const row = rows.row(k, metric, priority);
      row.openAtEnd += 1;
      if (breached) row.breachedOpenAtEnd += 1;
    },
  });
  return rows.sorted();
}

export const SUMMARY_OPTION_KEYS = ['periods', 'groupBy', 'asOf'] as const;

/**
 * A mergeable summary of a log, or of any part of it that holds whole tickets: plain JSON,
 * exact (every duration value is kept, sorted), and sized by the number of counted stops,
 * never by the number of events. Merge parts with {@link mergeKpiSummaries} and turn the
 * result into a report with {@link kpisFromSummary}.
 *
 * @example
 * ```ts
 * const parts = shards.map((events) => summariseKpis(events, options)); // e.g. in workers
 * const report = kpisFromSummary(mergeKpiSummaries(...parts)); // deep-equals computeKpis(allEvents, options)
 * ```
 */
export function summariseKpis(events: Iterable<unknown>, options: KpiOptions): KpiSummary {
  const settings = readFoldSettings(options, SUMMARY_OPTION_KEYS);
  return deepFreeze({
    schema: KPI_SUMMARY_SCHEMA,
    options: { periods: settings.range, groupBy: [...settings.groupBy], asOf: settings.asOf },
    rows: summaryRowsOf(events, settings),
  }) as KpiSummary;
}

// ---------------------------------------------------------------------------------------------
// Reading summaries back (they travel between processes as JSON, so nothing is trusted).

function bad(message: string, path: string): PetSlaError {
  return new PetSlaError('INVALID_SNAPSHOT', message, path);
}

function keysExactly(
  object: Readonly<Record<string, unknown>>,
  required: readonly string[],
  optional: readonly string[],
  path: string,
): void {
  for (const key of Object.keys(object)) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw bad(`unknown key "${key}" in a KPI summary`, `${path}.${key}`);
    }
  }
  for (const key of required) {
    if (!(key in object)) throw bad(`missing "${key}"`, `${path}.${key}`);
  }
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw bad(`expected a count (a whole number ≥ 0), got ${describe(value)}`, path);
  }
  return value;
}

function sortedValues(value: unknown, path: string): number[] {
  if (!Array.isArray(value))
    throw bad(`expected a list of milliseconds, got ${describe(value)}`, path);
  const out: number[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw bad(`expected whole milliseconds, got ${describe(v)}`, `${path}[${i}]`);
    }
    if (i > 0 && v < (out[i - 1] as number)) {
      throw bad(
        'expected the values in ascending order, as summariseKpis writes them',
        `${path}[${i}]`,
      );
    }
    out[i] = v;
  }
  return out;
}

const ROW_KEYS = [
  'period',
  'metric',
  'met',
  'breached',
  'cancelled',
  'reopened',
  'openAtEnd',
  'breachedOpenAtEnd',
  'businessMs',
  'elapsedMs',
  'overdueMs',
];

function readRow(value: unknown, path: string, periods: number, grouped: boolean): MutableRow {
  if (!isPlainObject(value)) throw bad(`expected a summary row, got ${describe(value)}`, path);
  keysExactly(value, grouped ? [...ROW_KEYS, 'priority'] : ROW_KEYS, [], path);
  const period = count(value.period, `${path}.period`);
  if (period >= periods) {
    throw bad(`expected a period index below ${periods}, got ${period}`, `${path}.period`);
  }
  if (!(SLA_METRICS as readonly unknown[]).includes(value.metric)) {
    throw bad(
      `expected a metric among ${SLA_METRICS.map((m) => `"${m}"`).join(', ')}, got ${describe(value.metric)}`,
      `${path}.metric`,
    );
  }
  if (grouped && (typeof value.priority !== 'string' || value.priority === '')) {
    throw bad(`expected a priority, got ${describe(value.priority)}`, `${path}.priority`);
  }
  const row: MutableRow = {
    ...emptyRow(
      period,
      value.metric as SlaMetric,
      grouped ? (value.priority as string) : undefined,
    ),
    met: count(value.met, `${path}.met`),
    breached: count(value.breached, `${path}.breached`),
    cancelled: count(value.cancelled, `${path}.cancelled`),
    reopened: count(value.reopened, `${path}.reopened`),
    openAtEnd: count(value.openAtEnd, `${path}.openAtEnd`),
    breachedOpenAtEnd: count(value.breachedOpenAtEnd, `${path}.breachedOpenAtEnd`),
    businessMs: sortedValues(value.businessMs, `${path}.businessMs`),
    elapsedMs: sortedValues(value.elapsedMs, `${path}.elapsedMs`),
    overdueMs: sortedValues(value.overdueMs, `${path}.overdueMs`),
  };
  if (row.breachedOpenAtEnd > row.openAtEnd) {
    throw bad('more breached open clocks than open clocks', `${path}.breachedOpenAtEnd`);
  }
  if (
    row.elapsedMs.length !== row.businessMs.length ||
    row.businessMs.length !== row.met + row.overdueMs.length
  ) {
    throw bad(
      'expected one businessMs and one elapsedMs value per met or breached stop (met + overdueMs values)',
      `${path}.businessMs`,
    );
  }
  if (
    row.met +
      row.breached +
      row.cancelled +
      row.reopened +
      row.openAtEnd +
      row.businessMs.length ===
    0
  ) {
    throw bad('a row that counts nothing; summaries hold only rows that count something', path);
  }
  return row;
}

export interface ReadSummary {
  readonly settings: FoldSettings;
  readonly rows: MutableRow[];
}

/** Validates an untrusted summary; INVALID_SNAPSHOT naming the field. */
export function readSummary(value: unknown, path: string): ReadSummary {
  if (!isPlainObject(value)) {
    throw bad(`expected a KPI summary from summariseKpis, got ${describe(value)}`, path);
  }
  if (value.schema !== KPI_SUMMARY_SCHEMA) {
    throw bad(
      `expected schema "${KPI_SUMMARY_SCHEMA}", got ${describe(value.schema)}`,
      `${path}.schema`,
    );
  }
  keysExactly(value, ['schema', 'options', 'rows'], [], path);
  const options = value.options;
  if (!isPlainObject(options))
    throw bad(`expected the summary's options, got ${describe(options)}`, `${path}.options`);
  keysExactly(options, SUMMARY_OPTION_KEYS, [], `${path}.options`);
  let periods: ReturnType<typeof readPeriods>;
  try {
    periods = readPeriods(options.periods, `${path}.options.periods`);
  } catch (error) {
    if (!(error instanceof PetSlaError)) throw error;
    throw bad(error.detail, error.path ?? `${path}.options.periods`);
  }
  const { asOf } = options;
  if (
    typeof asOf !== 'number' ||
    !Number.isSafeInteger(asOf) ||
    asOf < MIN_INSTANT ||
    asOf >= MAX_INSTANT
  ) {
    throw bad(`expected asOf in epoch milliseconds, got ${describe(asOf)}`, `${path}.options.asOf`);
  }
  const { groupBy } = options;
  if (
    !Array.isArray(groupBy) ||
    !(groupBy.length === 0 || (groupBy.length === 1 && groupBy[0] === 'priority'))
  ) {
    throw bad(
      `expected groupBy [] or ["priority"], got ${describe(groupBy)}`,
      `${path}.options.groupBy`,
    );
  }
  const settings: FoldSettings = {
    periods,
    range: rangeOf(periods),
    groupBy: Object.freeze([...groupBy]) as KpiGrouping,
    asOf,
    exclude: new Set(),
  };
  if (!Array.isArray(value.rows))
    throw bad(`expected the summary's rows, got ${describe(value.rows)}`, `${path}.rows`);
  const rows = value.rows.map((row, i) =>
    readRow(row, `${path}.rows[${i}]`, periods.length, groupBy.length > 0),
  );
  for (let i = 1; i < rows.length; i++) {
    if (compareRows(rows[i - 1] as MutableRow, rows[i] as MutableRow) >= 0) {
      throw bad(
        'expected rows in order (period, metric, priority), each once',
        `${path}.rows[${i}]`,
      );
    }
  }
  return { settings, rows };
}

const optionsKey = (settings: FoldSettings): string =>
  JSON.stringify([settings.range, settings.groupBy, settings.asOf]);

/** Two ascending lists as one ascending list. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length)
    out[k++] = (a[i] as number) <= (b[j] as number) ? (a[i++] as number) : (b[j++] as number);
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}

/**
 * Merges summaries of disjoint sets of tickets made with the same options into one. Counts
 * add and value lists merge, so any order and any grouping of merges gives the same summary.
 * Summaries of different options are INVALID_SNAPSHOT; so is anything that is not a summary.
 *
 * @example
 * ```ts
 * const whole = mergeKpiSummaries(mergeKpiSummaries(a, b), c); // equals mergeKpiSummaries(c, a, b)
 * ```
 */
export function mergeKpiSummaries(...summaries: readonly KpiSummary[]): KpiSummary {
  if (summaries.length === 0) {
    throw bad('expected at least one KPI summary to merge', 'summaries');
  }
  const read = summaries.map((s, i) => readSummary(s, `summaries[${i}]`));
  const first = read[0] as ReadSummary;
  const key = optionsKey(first.settings);
  const rows = new Map<string, MutableRow>();
  read.forEach((part, i) => {
    if (optionsKey(part.settings) !== key) {
      throw bad(
        `a summary made with other options (periods, groupBy, asOf) than summaries[0]; expected ${key}, got ${optionsKey(part.settings)}`,
        `summaries[${i}].options`,
      );
    }
    for (const row of part.rows) {
      const rowKey = `${row.period}|${row.metric}|${row.priority ?? ''}`;
      const into = rows.get(rowKey);
      if (into === undefined) {
        rows.set(rowKey, row);
        continue;
      }
      into.met += row.met;
      into.breached += row.breached;
      into.cancelled += row.cancelled;
      into.reopened += row.reopened;
      into.openAtEnd += row.openAtEnd;
      into.breachedOpenAtEnd += row.breachedOpenAtEnd;
      into.businessMs = mergeSorted(into.businessMs, row.businessMs);
      into.elapsedMs = mergeSorted(into.elapsedMs, row.elapsedMs);
      into.overdueMs = mergeSorted(into.overdueMs, row.overdueMs);
    }
  });
  const { settings } = first;
  return deepFreeze({
    schema: KPI_SUMMARY_SCHEMA,
    options: { periods: settings.range, groupBy: [...settings.groupBy], asOf: settings.asOf },
    rows: [...rows.values()].sort(compareRows),
  }) as KpiSummary;
}
