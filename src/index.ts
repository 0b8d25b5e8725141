export { addBusinessMillis, addBusinessMinutes } from './calendar/add-business-time.js';
export { businessMillisBetween, businessMinutesBetween } from './calendar/business-between.js';
export { defineCalendar } from './calendar/define-calendar.js';
export { type InstantInput, MAX_INSTANT, MIN_INSTANT } from './calendar/instant.js';
export { isOpen } from './calendar/is-open.js';
export { nextClose } from './calendar/next-close.js';
export { nextOpen } from './calendar/next-open.js';
export { type Interval, openIntervals } from './calendar/open-intervals.js';
export { type CalendarChanges, reviseCalendar } from './calendar/revise-calendar.js';
export { parseSnapshot, SUPPORTED_CALENDAR_SCHEMAS, toSnapshot } from './calendar/snapshot.js';
export {
  CALENDAR_SCHEMA,
  type Calendar,
  type CalendarDefinition,
  type CalendarOverride,
  type OverrideDefinition,
  WEEKDAYS,
  type Weekday,
} from './calendar/types.js';
export { isPetSlaError, PetSlaError, type PetSlaErrorCode } from './errors.js';
