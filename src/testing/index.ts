// The `pet-sla/testing` entry: fast-check arbitraries and law checks for property-based test
// harnesses. fast-check is an optional peer dependency; the main entry never imports it.
export {
  type CalendarArbitraryOptions,
  type CalendarCase,
  calendarArb,
  calendarCaseArb,
  calendarDefinitionArb,
  instantNearTransitionArb,
  TEST_ZONES,
} from './arbitraries.js';
export {
  type CalendarApi,
  CalendarLawError,
  checkCalendarLaws,
  libraryCalendar,
} from './calendar-laws.js';
export * from './sla-arbitraries.js';
