import type { InstantInput, SlaMetric } from '../../index.js';
import type { DurationStats } from '../shared/percentile.js';
import type { Period, PeriodRange } from '../shared/period.js';

/**
 * What a KPI report is grouped by besides period and metric: nothing (`[]`, the default) or
 * the priority carried by each counted event (`['priority']`).
 *
 * @example
 * ```ts
 * const groupBy: KpiGrouping = ['priority'];
 * ```
 */
export type KpiGrouping = readonly 'priority'[];

/**
 * The options of {@link computeKpis} and {@link summariseKpis}. `periods` is a range
 * `{ zone, unit, from, to }` of local dates or one labelled period `{ zone, label }`; the log
 * is taken as complete up to `asOf` (default: the end of the last period), and events at or
 * after it are checked but not counted.
 *
 * @example
 * ```ts
 * const options: KpiOptions = {
 *   periods: { zone: 'Europe/London', unit: 'month', from: '2026-10-01', to: '2026-12-01' },
 *   groupBy: ['priority'],
 *   asOf: '2026-11-26T12:00:00Z',
 * };
 * ```
 */
export interface KpiOptions {
  readonly periods: PeriodRange | { readonly zone: string; readonly label: string };
  readonly groupBy?: KpiGrouping;
  readonly asOf?: InstantInput;
}

/**
 * Compliance of a report row: the exact pair (`met` of `measured` = met + breached) and the
 * ratio as a number. A row with nothing measured has `compliance: null`.
 *
 * @example
 * ```ts
 * const c: KpiCompliance = { met: 3, measured: 4, ratio: 0.75 };
 * const meetsTarget = c.met * 100 >= 95 * c.measured; // compare exactly, not via ratio
 * ```
 */
export interface KpiCompliance {
  readonly met: number;
  readonly measured: number;
  readonly ratio: number;
}

/**
 * One row of a {@link KpiReport}: one period × metric (× priority when grouped).
 * Counts are of events in the period `[from, to)`; `openAtEnd` and `breachedOpenAtEnd` are
 * taken at the period's end (at `asOf` for a `partial` row). Durations are over the met and
 * breached stops in the period, `overdueMs` over the breached stops.
 *
 * @example
 * ```ts
 * const row: KpiRow = report.rows[0];
 * console.log(`${row.period} ${row.metric}: ${row.met} met, ${row.breached} breached, p90 ${row.businessMs.p90} ms`);
 * ```
 */
export interface KpiRow {
  /** The period's label (`'2026-11'`). */
  readonly period: string;
  /** The period ends after `asOf`: its end-of-period figures are taken at `asOf`. */
  readonly partial: boolean;
  readonly metric: SlaMetric;
  /** Present when the report is grouped by priority. */
  readonly priority?: string;
  /** Clocks stopped with outcome `met` in the period. */
  readonly met: number;
  /** Clocks that breached in the period, each once in its lifetime, at its breach instant. */
  readonly breached: number;
  /** Clocks stopped with outcome `cancelled` in the period (not part of compliance). */
  readonly cancelled: number;
  /** Clocks reopened in the period. */
  readonly reopened: number;
  /** met / (met + breached); `null` when both are 0. */
  readonly compliance: KpiCompliance | null;
  /** Clocks running or paused at the period's end (at `asOf` for a partial row). */
  readonly openAtEnd: number;
  /** Of `openAtEnd`, those that had breached by then. */
  readonly breachedOpenAtEnd: number;
  /** Business time the SLA counted (`usedMs`) at each met or breached stop. */
  readonly businessMs: DurationStats;
  /** Stop instant − the ticket's first SLA event, for each met or breached stop. */
  readonly elapsedMs: DurationStats;
  /** usedMs − targetMs at each breached stop. */
  readonly overdueMs: DurationStats;
}

/**
 * A period of a report, with whether it ended after `asOf`.
 *
 * @example
 * ```ts
 * const p: KpiPeriod = report.periods[0]; // { label: '2026-11', from, to, partial: false, … }
 * ```
 */
export interface KpiPeriod extends Period {
  readonly partial: boolean;
}

/** The schema tag of KPI reports. @example `report.schema === KPI_REPORT_SCHEMA` */
export const KPI_REPORT_SCHEMA = 'pet-sla/kpi-report@1';
/** The schema tag of KPI summaries. @example `summary.schema === KPI_SUMMARY_SCHEMA` */
export const KPI_SUMMARY_SCHEMA = 'pet-sla/kpi-summary@1';

/**
 * The result of {@link computeKpis} and {@link kpisFromSummary}: deeply frozen plain JSON.
 * Without grouping it has a row for every period × metric (zeros included); grouped by
 * priority, a row for every period × metric × priority that counted anything.
 *
 * @example
 * ```ts
 * const report: KpiReport = computeKpis(events, { periods: { zone: 'UTC', label: '2026-11' } });
 * report.rows.find((r) => r.metric === 'resolution')?.compliance; // { met: 41, measured: 44, ratio: 0.9318… }
 * ```
 */
export interface KpiReport {
  readonly schema: typeof KPI_REPORT_SCHEMA;
  readonly asOf: number;
  readonly groupBy: KpiGrouping;
  readonly periods: readonly KpiPeriod[];
  readonly rows: readonly KpiRow[];
}

/**
 * One row of a {@link KpiSummary}: the counts of a period × metric (× priority), and every
 * duration value, sorted, so that merged summaries stay exact.
 *
 * @example
 * ```ts
 * const row: KpiSummaryRow = summary.rows[0]; // { period: 0, metric: 'resolution', met: 3, … }
 * ```
 */
export interface KpiSummaryRow {
  /** Index into the summary's periods. */
  readonly period: number;
  readonly metric: SlaMetric;
  readonly priority?: string;
  readonly met: number;
  readonly breached: number;
  readonly cancelled: number;
  readonly reopened: number;
  readonly openAtEnd: number;
  readonly breachedOpenAtEnd: number;
  /** usedMs of each met or breached stop, ascending. */
  readonly businessMs: readonly number[];
  /** Elapsed time of each met or breached stop, ascending. */
  readonly elapsedMs: readonly number[];
  /** Overdue time of each breached stop, ascending. */
  readonly overdueMs: readonly number[];
}

/**
 * A mergeable, plain-JSON summary of part of a log (some of the tickets): the options it was
 * made with and its non-empty rows. Its size grows with the number of counted stops, never
 * with the number of events.
 *
 * @example
 * ```ts
 * const summary: KpiSummary = summariseKpis(partOfTheLog, options);
 * await queue.publish(JSON.stringify(summary));
 * ```
 */
export interface KpiSummary {
  readonly schema: typeof KPI_SUMMARY_SCHEMA;
  readonly options: {
    readonly periods: PeriodRange;
    readonly groupBy: KpiGrouping;
    readonly asOf: number;
  };
  readonly rows: readonly KpiSummaryRow[];
}
