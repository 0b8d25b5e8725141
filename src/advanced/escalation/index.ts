export { checkEscalations } from './check-escalations.js';
export { toEscalationFeedEntry } from './feed.js';
export { nextEscalationAt } from './next-escalation-at.js';
export { type EscalationOptions, observeSla } from './observe-sla.js';
export { defineEscalationPlan, parseEscalationPlan, reviseEscalationPlan } from './plan.js';
export { startEscalation } from './state.js';
export {
  type CatchUpMode,
  ESCALATION_PLAN_SCHEMA,
  ESCALATION_STATE_SCHEMA,
  type EscalationEvent,
  type EscalationLevel,
  type EscalationLevelDefinition,
  type EscalationPlan,
  type EscalationPlanChanges,
  type EscalationPlanDefinition,
  type EscalationState,
  type EscalationTransition,
  type TrackedClock,
} from './types.js';
