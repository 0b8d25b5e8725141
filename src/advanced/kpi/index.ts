// KPI automation: SLA compliance and durations as one fold over the stored SLA event log,
// with mergeable summaries for logs too big for one process (docs/kpis.md).
export {
  type CountedBreach,
  type CountedStop,
  type KpiItems,
  type KpiItemsOptions,
  type KpiPeriodItems,
  kpiItemsOf,
} from './items.js';
export { complianceOf, computeKpis, kpisFromSummary } from './report.js';
export { mergeKpiSummaries, summariseKpis } from './summary.js';
export {
  KPI_REPORT_SCHEMA,
  KPI_SUMMARY_SCHEMA,
  type KpiCompliance,
  type KpiGrouping,
  type KpiOptions,
  type KpiPeriod,
  type KpiReport,
  type KpiRow,
  type KpiSummary,
  type KpiSummaryRow,
} from './types.js';
