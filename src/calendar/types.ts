/**
 * Anything pet-sla accepts as an instant: epoch milliseconds (an integer), a `Date`, a luxon
 * `DateTime` (or any object with `toMillis()`), or an ISO-8601 string with an offset or `Z`.
 * Luxon is matched structurally so that consumers need not install `@types/luxon`. A string
 * without an offset names no single instant and is refused (`INVALID_INSTANT`).
 *
 * @example
 * ```ts
 * // Four ways to say Monday 2026-11-23, 10:00 in London:
 * const inputs: InstantInput[] = [
 *   1795428000000,
 *   new Date('2026-11-23T10:00:00Z'),
 *   '2026-11-23T10:00:00+00:00',
 *   DateTime.fromISO('2026-11-23T10:00', { zone: 'Europe/London' }),
 * ];
 * inputs.map((t) => isOpen(uk, t)); // [true, true, true, true]
 * ```
 */
export type InstantInput =
  | number
  | Date
  | string
  | {
      /** Epoch milliseconds, as luxon's `DateTime#toMillis` returns them. */
      toMillis(): number;
      /** `false` for an invalid luxon `DateTime`, which is refused. */
      readonly isValid?: boolean;
    };

/**
 * 1900-01-01T00:00:00Z (epoch ms), the first supported instant. Inputs and results before it
 * are `INSTANT_OUT_OF_RANGE`.
 *
 * @example
 * ```ts
 * // Check user input at the edge of your system, before it reaches a calculation:
 * const t = Date.parse(form.dueDate);
 * if (!(t >= MIN_INSTANT && t < MAX_INSTANT)) return badRequest('date out of range');
 * ```
 */
export const MIN_INSTANT = -2_208_988_800_000;
/**
 * 2200-01-01T00:00:00Z (epoch ms), the first instant past the supported range (exclusive):
 * inputs and results at or after it are `INSTANT_OUT_OF_RANGE`.
 *
 * @example
 * ```ts
 * const inRange = (t: number) => t >= MIN_INSTANT && t < MAX_INSTANT;
 * inRange(Date.parse('2199-12-31T23:59:59.999Z')); // true
 * inRange(MAX_INSTANT); // false
 * ```
 */
export const MAX_INSTANT = 7_258_118_400_000;

/**
 * Weekday keys of a calendar's week, Monday first. A calendar's `week` has all seven; a
 * definition may leave some out, and a missing weekday is closed.
 *
 * @example
 * ```ts
 * const day: Weekday = 'fri';
 * uk.week[day]; // ['09:00-17:00', '22:00-06:00']; [] when the desk is closed that day
 * ```
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * The seven {@link Weekday} keys in calendar order, Monday first (frozen). Use it to walk a
 * week in a fixed order rather than relying on an object's key order.
 *
 * @example
 * ```ts
 * for (const day of WEEKDAYS) {
 *   console.log(day, uk.week[day].join(', ') || 'closed');
 * }
 * ```
 */
export const WEEKDAYS: readonly Weekday[] = Object.freeze([
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
]);

/**
 * The schema tag of calendar snapshots (and of calendars, which are their own snapshots):
 * `'pet-sla/calendar@1'`. It tells stored calendars apart from other stored documents.
 *
 * @example
 * ```ts
 * const doc = JSON.parse(row.json);
 * if (doc.schema === CALENDAR_SCHEMA) calendars.set(doc.fingerprint, parseSnapshot(doc));
 * ```
 */
export const CALENDAR_SCHEMA = 'pet-sla/calendar@1';

/**
 * One date's replacement schedule, as written in a definition: a holiday (`windows: []`) or a
 * short day. It replaces the schedule of its own date only; a window of the day before that
 * runs past midnight is not cut short by it.
 *
 * @example
 * ```ts
 * const christmasEve: OverrideDefinition = { date: '2026-12-24', windows: ['09:00-13:00'], label: 'Christmas Eve' };
 * const v2 = reviseCalendar(uk, { overrides: [...uk.overrides, christmasEve] });
 * ```
 */
export interface OverrideDefinition {
  /** `YYYY-MM-DD`, a local date in the calendar's zone. */
  readonly date: string;
  /** The windows that start on that date (`[]`: none). */
  readonly windows: readonly string[];
  /** For people (`'Christmas Day'`); it does not change the open set. */
  readonly label?: string;
}

/**
 * What {@link defineCalendar} accepts (docs/semantics.md §2): a zone, a weekly template of windows
 * and dated overrides. Windows may be listed in any order and split; the calendar built from it is
 * normalised.
 *
 * @example
 * ```ts
 * const definition: CalendarDefinition = {
 *   id: 'uk-support',
 *   zone: 'Europe/London',
 *   week: { mon: ['09:00-17:00'], tue: ['09:00-12:00', '13:00-17:00'], fri: ['09:00-17:00', '22:00-06:00'] },
 *   overrides: [{ date: '2026-12-25', windows: [], label: 'Christmas Day' }],
 * };
 * const uk = defineCalendar(definition);
 * ```
 */
export interface CalendarDefinition {
  /** Non-empty; policies name the calendar they run on by it (`calendarId`). */
  readonly id: string;
  /** Default 1. */
  readonly version?: number;
  /** For people; it does not change the open set. */
  readonly name?: string;
  /** An IANA zone such as `Europe/London`, or a fixed one such as `UTC`. */
  readonly zone: string;
  /** Windows `"HH:MM-HH:MM"` per weekday; a missing weekday is closed. */
  readonly week: Readonly<Partial<Record<Weekday, readonly string[]>>>;
  /** Dates whose schedule replaces their weekday's; at most one per date. Default none. */
  readonly overrides?: readonly OverrideDefinition[];
}

/**
 * An override in normal form, as a {@link Calendar} holds it: windows sorted and touching
 * ones merged.
 *
 * @example
 * ```ts
 * const holidays: CalendarOverride[] = uk.overrides.filter((o) => o.windows.length === 0);
 * holidays.map((o) => `${o.date} ${o.label ?? ''}`); // ['2026-12-25 Christmas Day']
 * ```
 */
export interface CalendarOverride {
  /** `YYYY-MM-DD`, a local date in the calendar's zone. */
  readonly date: string;
  /** The windows that start on that date, in normal form (`[]`: none). */
  readonly windows: readonly string[];
  /** For people; it does not change the open set. */
  readonly label?: string;
}

/**
 * A validated, normalised, deeply frozen calendar. It is plain JSON and is its own snapshot
 * (docs/snapshots.md): windows sorted and abutting ones merged, all seven weekdays present,
 * overrides sorted by date, and `fingerprint` the SHA-256 of the canonical JSON of everything else.
 * Store it as it is; `JSON.parse(JSON.stringify(calendar))` is accepted back everywhere.
 *
 * @example
 * ```ts
 * const uk: Calendar = defineCalendar(definition);
 * await db.calendars.insert({ id: uk.id, version: uk.version, fingerprint: uk.fingerprint, json: JSON.stringify(uk) });
 * isOpen(uk, '2026-11-23T10:00:00Z'); // true (Monday, 10:00 in London)
 * ```
 */
export interface Calendar {
  /** Always {@link CALENDAR_SCHEMA}. */
  readonly schema: typeof CALENDAR_SCHEMA;
  readonly id: string;
  readonly name?: string;
  /** 1 for a new calendar; each {@link reviseCalendar} adds 1. */
  readonly version: number;
  /** Fingerprint of the version this one replaced (see `reviseCalendar`). */
  readonly previous?: string;
  /** The IANA (or fixed) zone whose wall time the windows are read in. */
  readonly zone: string;
  /** Windows in normal form for all seven weekdays (`[]`: closed). */
  readonly week: Readonly<Record<Weekday, readonly string[]>>;
  /** Sorted by date. */
  readonly overrides: readonly CalendarOverride[];
  /** Lowercase hex SHA-256 of the canonical JSON of the rest: same content, same fingerprint. */
  readonly fingerprint: string;
}
