export { addBusinessMillis, addBusinessMinutes } from './calendar/add-business-time.js';
export { businessMillisBetween, businessMinutesBetween } from './calendar/business-between.js';
export { defineCalendar } from './calendar/define-calendar.js';
export { isOpen } from './calendar/is-open.js';
export { nextClose } from './calendar/next-close.js';
export { nextOpen } from './calendar/next-open.js';
export { type Interval, openIntervals } from './calendar/open-intervals.js';
export { type CalendarChanges, reviseCalendar } from './calendar/revise-calendar.js';
export { parseSnapshot, SUPPORTED_CALENDAR_SCHEMAS, toSnapshot } from './calendar/snapshot.js';
export { toEpochMillis } from './calendar/to-epoch-millis.js';
export {
  CALENDAR_SCHEMA,
  type Calendar,
  type CalendarDefinition,
  type CalendarOverride,
  type InstantInput,
  MAX_INSTANT,
  MIN_INSTANT,
  type OverrideDefinition,
  WEEKDAYS,
  type Weekday,
} from './calendar/types.js';
export { resolveWallTime, type WallTime, wallTimeOf } from './calendar/wall-time.js';
export {
  type ActivityFeedEntry,
  formatBusinessDuration,
  toActivityFeedEntry,
} from './clock/activity-feed.js';
export { applyEvent } from './clock/apply-event.js';
export { checkBreaches } from './clock/check-breaches.js';
export { type NextCheckOptions, nextCheckAt } from './clock/next-check-at.js';
export { replay } from './clock/replay.js';
export { type MetricStatus, type SlaStatus, slaStatus } from './clock/sla-status.js';
export { type SlaBinding, startSla } from './clock/start-sla.js';
export {
  type BreachCheckOptions,
  type ClockOptions,
  type ClockOutcome,
  type ClockPhase,
  type ClockState,
  type SlaEvent,
  type SlaEventType,
  type SlaTransition,
  TICKET_SLA_SCHEMA,
  type TicketEvent,
  type TicketSlaState,
} from './clock/types.js';
export { isPetSlaError, PetSlaError, type PetSlaErrorCode } from './errors.js';
export { defineSlaPolicy } from './sla/define-policy.js';
export {
  type PolicyChanges,
  parsePolicySnapshot,
  revisePolicy,
  SUPPORTED_POLICY_SCHEMAS,
  toPolicySnapshot,
} from './sla/policy-snapshot.js';
export {
  POLICY_SCHEMA,
  type PriorityTargets,
  SLA_METRICS,
  type SlaMetric,
  type SlaPolicy,
  type SlaPolicyDefinition,
} from './sla/types.js';
