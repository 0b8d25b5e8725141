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
export {
  CLOCK_LAWS,
  type ClockApi,
  type ClockLaw,
  ClockLawError,
  checkClockLaws,
  libraryClock,
} from './clock-laws.js';
export {
  type SlaPolicyArbitraryOptions,
  slaPolicyDefinitionArb,
  type TicketEventsArbitraryOptions,
  type TicketStory,
  type TicketStoryArbitraryOptions,
  ticketEventsArb,
  ticketStoryArb,
} from './sla-arbitraries.js';
