export { type ExplainOptions, explainSla } from './explain-sla.js';
export { explanationToSvg } from './explanation-to-svg.js';
export { type ExplanationFormatOptions, formatExplanation } from './format-explanation.js';
export type {
  DueComputation,
  ExplainedBreach,
  ExplainedInterval,
  SlaExplanation,
  TargetChange,
} from './types.js';
