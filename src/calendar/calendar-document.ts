import { documentKind } from '../shared/document.js';
import { type CalendarContent, normalForm, readCalendarContent, rulesOf } from './content.js';
import {
  type CalendarRules,
  RETIRED_TIMELINE_BYTES,
  rulesBytes,
  type Timeline,
} from './timeline.js';
import { CALENDAR_SCHEMA, type Calendar } from './types.js';

/**
 * What the engine keeps with each calendar: its rules and, once used, its compiled timeline
 * (the shared one for its fingerprint, whose rules it then uses: the same by content).
 */
export interface CalendarEngine {
  rules: CalendarRules;
  readonly fingerprint: string;
  timeline: Timeline | undefined;
}

/** Calendars as versioned documents (docs/snapshots.md). */
export const calendars = documentKind<Calendar, CalendarContent, CalendarEngine>({
  schema: CALENDAR_SCHEMA,
  label: 'a calendar',
  code: 'INVALID_DEFINITION',
  fields: ['zone', 'week', 'overrides'],
  readContent: readCalendarContent,
  normalForm,
  engineData: (content, calendar) => ({
    rules: rulesOf(calendar.id, content),
    fingerprint: calendar.fingerprint,
    timeline: undefined,
  }),
  // A retired timeline left on the engine is a small object without arrays (see timeline.ts).
  engineBytes: (engine) => rulesBytes(engine.rules) + RETIRED_TIMELINE_BYTES,
});
