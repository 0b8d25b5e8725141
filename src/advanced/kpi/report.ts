import { describe, PetSlaError } from '../../errors.js';
import { SLA_METRICS } from '../../index.js';
import { deepFreeze } from '../../shared/read.js';
import { durationStats } from '../shared/percentile.js';
import type { FoldSettings } from './options.js';
import { readFoldSettings } from './options.js';
import { emptyRow, readSummary, SUMMARY_OPTION_KEYS, summaryRowsOf } from './summary.js';
import {
  KPI_REPORT_SCHEMA,
  type KpiCompliance,
  type KpiOptions,
  type KpiReport,
  type KpiRow,
  type KpiSummary,
  type KpiSummaryRow,
} from './types.js';

/**
 * Compliance: met / (met + breached) as the exact pair and a number; `null` when nothing was
 * measured. Cancelled clocks are not measured.
 *
 * @example
 * ```ts
 * complianceOf(3, 1); // { met: 3, measured: 4, ratio: 0.75 }
 * complianceOf(0, 0); // null
 * ```
 */
export function complianceOf(met: number, breached: number): KpiCompliance | null {
  for (const [count, path] of [
    [met, 'met'],
    [breached, 'breached'],
  ] as const) {
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new PetSlaError(
        'INVALID_AMOUNT',
        `expected ${path} as a count of clocks (a whole number ≥ 0), got ${describe(count)}`,
        path,
      );
    }
  }
  const measured = met + breached;
  return measured === 0 ? null : Object.freeze({ met, measured, ratio: met / measured });
}

function rowOf(summary: KpiSummaryRow, label: string, partial: boolean): KpiRow {
  return {
    period: label,
    partial,
    metric: summary.metric,
    ...(summary.priority === undefined ? {} : { priority: summary.priority }),
    met: summary.met,
    breached: summary.breached,
    cancelled: summary.cancelled,
    reopened: summary.reopened,
    compliance: complianceOf(summary.met, summary.breached),
    openAtEnd: summary.openAtEnd,
    breachedOpenAtEnd: summary.breachedOpenAtEnd,
    businessMs: durationStats(summary.businessMs),
    elapsedMs: durationStats(summary.elapsedMs),
    overdueMs: durationStats(summary.overdueMs),
  };
}

/** The report of summary rows (in order): every period × metric, or the grouped rows as they are. */
function reportOf(settings: FoldSettings, rows: readonly KpiSummaryRow[]): KpiReport {
  const periods = settings.periods.map((p) => ({ ...p, partial: p.to > settings.asOf }));
  let complete: readonly KpiSummaryRow[] = rows;
  if (settings.groupBy.length === 0) {
    const byKey = new Map(rows.map((row) => [`${row.period}|${row.metric}`, row]));
    complete = periods.flatMap((_, period) =>
      SLA_METRICS.map(
        (metric) => byKey.get(`${period}|${metric}`) ?? emptyRow(period, metric, undefined),
      ),
    );
  }
  return deepFreeze({
    schema: KPI_REPORT_SCHEMA,
    asOf: settings.asOf,
    groupBy: [...settings.groupBy],
    periods,
    rows: complete.map((row) => {
      const period = periods[row.period] as (typeof periods)[number];
      return rowOf(row, period.label, period.partial);
    }),
  }) as KpiReport;
}

/**
 * SLA KPIs from a stored event log: for each period × metric (× priority), clocks met,
 * breached (each once, at its breach instant, reported or inferred from a passed due
 * instant), cancelled and reopened; compliance; clocks open and breached-open at the period's
 * end; business and elapsed durations and overdue time with nearest-rank percentiles and exact
 * means. `events` is any iterable of SLA events, tickets interleaved, each ticket in order; a
 * bad or inconsistent log is INVALID_EVENT_LOG naming the entry, the ticket and the event id.
 * The rules are explained with worked examples in docs/kpis.md.
 *
 * @example
 * ```ts
 * const report = computeKpis(await db.slaEvents.stream(), {
 *   periods: { zone: 'Europe/London', unit: 'month', from: '2026-10-01', to: '2026-12-01' },
 *   groupBy: ['priority'],
 * });
 * for (const row of report.rows) console.log(row.period, row.metric, row.priority, row.compliance?.ratio);
 * ```
 */
export function computeKpis(events: Iterable<unknown>, options: KpiOptions): KpiReport {
  const settings = readFoldSettings(options, SUMMARY_OPTION_KEYS);
  return reportOf(settings, summaryRowsOf(events, settings));
}

/**
 * The report of a summary (from {@link summariseKpis} or {@link mergeKpiSummaries}); for a
 * summary of the whole log it deep-equals {@link computeKpis} with the same options. A value
 * that is not a valid summary is INVALID_SNAPSHOT naming the field.
 *
 * @example
 * ```ts
 * const report = kpisFromSummary(JSON.parse(await storage.read('kpis-2026-11.json')));
 * ```
 */
export function kpisFromSummary(summary: KpiSummary): KpiReport {
  const { settings, rows } = readSummary(summary, 'summary');
  return reportOf(settings, rows);
}
