export { overtimeExposure } from './overtime-exposure.js';
export type {
  CreditAtStake,
  CreditExposure,
  LateTicket,
  OvertimeBottleneck,
  OvertimeExposure,
  OvertimeExposureOptions,
  OvertimeOffer,
  Roster,
  UnmeetableTicket,
  WorkItem,
} from './types.js';
export {
  type EffortEstimate,
  type WorkFromStatesOptions,
  workFromStates,
} from './work-from-states.js';
