// Advisory breach forecasting (docs/forecast.md): Kaplan–Meier survival of the share of its
// target a clock uses before it stops, fitted from the host's SLA event log.

export {
  type FitBreachModelOptions,
  fitBreachModel,
  reviseBreachModel,
} from './fit-breach-model.js';
export {
  type BreachForecast,
  type EtaQuantiles,
  expectedRemainingMs,
  type ForecastBasis,
  type ForecastOptions,
  forecastBreach,
  type MetricBreachForecast,
} from './forecast-breach.js';
export {
  kaplanMeier,
  type SurvivalCurve,
  type SurvivalSample,
  type SurvivalStep,
  survivalAt,
} from './kaplan-meier.js';
export type { BreachModelContent, MetricHistory } from './model-content.js';
export { BREACH_MODEL_SCHEMA, type BreachModel, parseBreachModel } from './model-document.js';
export { type BreachRisk, type QueueItem, rankBreachRisks } from './rank-breach-risks.js';
