/** Weekday keys of a calendar's week, Monday first. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export const WEEKDAYS: readonly Weekday[] = Object.freeze([
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
]);

/** The schema tag of calendar snapshots (and of calendars, which are their own snapshots). */
export const CALENDAR_SCHEMA = 'pet-sla/calendar@1';

/** One date's replacement schedule, as written in a definition. */
export interface OverrideDefinition {
  /** `YYYY-MM-DD`, a local date in the calendar's zone. */
  readonly date: string;
  /** The windows that start on that date (`[]`: none). */
  readonly windows: readonly string[];
  readonly label?: string;
}

/** What {@link defineCalendar} accepts (SPEC §3). */
export interface CalendarDefinition {
  readonly id: string;
  /** Default 1. */
  readonly version?: number;
  readonly name?: string;
  /** An IANA zone such as `Europe/London`, or a fixed one such as `UTC`. */
  readonly zone: string;
  /** Windows `"HH:MM-HH:MM"` per weekday; a missing weekday is closed. */
  readonly week: Readonly<Partial<Record<Weekday, readonly string[]>>>;
  readonly overrides?: readonly OverrideDefinition[];
}

/** An override in normal form. */
export interface CalendarOverride {
  readonly date: string;
  readonly windows: readonly string[];
  readonly label?: string;
}

/**
 * A validated, normalised, deeply frozen calendar. It is plain JSON and is its own snapshot
 * (SPEC §6): windows sorted and abutting ones merged, all seven weekdays present, overrides
 * sorted by date, and `fingerprint` the SHA-256 of the canonical JSON of everything else.
 */
export interface Calendar {
  readonly schema: typeof CALENDAR_SCHEMA;
  readonly id: string;
  readonly name?: string;
  readonly version: number;
  /** Fingerprint of the version this one replaced (see `reviseCalendar`). */
  readonly previous?: string;
  readonly zone: string;
  readonly week: Readonly<Record<Weekday, readonly string[]>>;
  readonly overrides: readonly CalendarOverride[];
  readonly fingerprint: string;
}
