export { type ExplainOptions, explainSla } from './explain-sla.js';
export type {
  DueComputation,
  ExplainedBreach,
  ExplainedInterval,
  SlaExplanation,
  TargetChange,
} from './types.js';
