// The `pet-sla/advanced` entry: escalation thresholds, KPIs, service credits, breach forecasts,
// overtime exposure and due-date explanations. It reads what the core produces (states, SLA
// events, calendars) and never changes a rule of the core; the main entry never loads it.
// Each capability lives in its own folder and adds its exports here.

export {
  type EffortEstimate,
  type LateTicket,
  type OvertimeBottleneck,
  type OvertimeExposure,
  type OvertimeExposureOptions,
  type OvertimeOffer,
  overtimeExposure,
  type Roster,
  type UnmeetableTicket,
  type WorkFromStatesOptions,
  type WorkItem,
  workFromStates,
} from './overtime/index.js';
