// The `pet-sla/advanced` entry: escalation thresholds, KPIs, service credits, breach forecasts,
// overtime exposure and due-date explanations. It reads what the core produces (states, SLA
// events, calendars) and never changes a rule of the core; the main entry never loads it.
// Each capability lives in its own folder and adds its exports here.

export * from './credits/index.js';
export {
  type DueComputation,
  type ExplainedBreach,
  type ExplainedInterval,
  type ExplainOptions,
  type ExplanationFormatOptions,
  explainSla,
  explanationToSvg,
  formatExplanation,
  type SlaExplanation,
  type TargetChange,
} from './explain/index.js';
export * from './forecast/index.js';
export {
  type CountedBreach,
  type CountedStop,
  complianceOf,
  computeKpis,
  KPI_REPORT_SCHEMA,
  KPI_SUMMARY_SCHEMA,
  type KpiCompliance,
  type KpiGrouping,
  type KpiItems,
  type KpiItemsOptions,
  type KpiOptions,
  type KpiPeriod,
  type KpiPeriodItems,
  type KpiReport,
  type KpiRow,
  type KpiSummary,
  type KpiSummaryRow,
  kpiItemsOf,
  kpisFromSummary,
  mergeKpiSummaries,
  summariseKpis,
} from './kpi/index.js';
