import fc from 'fast-check';
import { daysFromCivil, formatIsoDate, MS_PER_DAY, MS_PER_MINUTE } from '../calendar/civil.js';
import { defineCalendar } from '../calendar/define-calendar.js';
import type {
  Calendar,
  CalendarDefinition,
  OverrideDefinition,
  Weekday,
} from '../calendar/types.js';
import { WEEKDAYS } from '../calendar/types.js';
import { zoneRules } from '../calendar/zone.js';

/**
 * Zones that exercise every kind of offset change: DST in both hemispheres, a
 * 30-minute DST (`Australia/Lord_Howe`), negative DST (`Europe/Dublin`), a skipped day
 * (`Pacific/Apia`, 2011-12-30), odd offsets, and no DST at all. Run zone-sensitive
 * properties in each of them.
 *
 * @example
 * ```ts
 * for (const zone of TEST_ZONES) {
 *   const calendar = defineCalendar({ id: 'nine-to-five', zone, week: { mon: ['09:00-17:00'], fri: ['09:00-17:00'] } });
 *   fc.assert(
 *     fc.property(instantNearTransitionArb(zone), (t) =>
 *       isOpen(calendar, t) === (businessMillisBetween(calendar, t, t + 1) === 1)),
 *   );
 * }
 * ```
 */
export const TEST_ZONES: readonly string[] = Object.freeze([
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Europe/Dublin',
  'Pacific/Apia',
  'America/St_Johns',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'UTC',
]);

/**
 * Options shared by the calendar arbitraries. The defaults explore widely; narrow them to
 * reproduce a failure or to focus on one zone.
 *
 * @example
 * ```ts
 * const options: CalendarArbitraryOptions = { zones: ['Europe/London'], fromYear: 2026, toYear: 2027, maxOverrides: 2 };
 * fc.assert(fc.property(calendarArb(options), (calendar) => calendar.zone === 'Europe/London'));
 * ```
 */
export interface CalendarArbitraryOptions {
  /** Zones to draw from; default {@link TEST_ZONES}. */
  readonly zones?: readonly string[];
  /** First year in which overrides (and, for {@link calendarCaseArb}, instants) are drawn; default 2010. */
  readonly fromYear?: number;
  /** Last year (inclusive) of that range; default 2030. */
  readonly toYear?: number;
  /** Most windows per weekday; default 3. */
  readonly maxWindowsPerDay?: number;
  /** Most overrides; default 4. */
  readonly maxOverrides?: number;
}

// Quarter hours most of the time, so that windows often start or end exactly on a DST
// transition or on another window's edge; any minute some of the time.
const minuteOfDay = (max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: Math.floor(max / 15) }).map((q) => q * 15) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max }) },
  );

const hhmm = (m: number): string =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Non-overlapping windows within one day, as [start, end) minutes with end ≤ 1440. */
const dayWindows = (maxWindows: number): fc.Arbitrary<[number, number][]> =>
  fc.uniqueArray(minuteOfDay(1440), { minLength: 0, maxLength: maxWindows * 2 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const windows: [number, number][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      windows.push([sorted[i] as number, sorted[i + 1] as number]);
    return windows;
  });

const toText = ([start, end]: [number, number]): string =>
  `${hhmm(start)}-${end === 1440 ? '24:00' : hhmm(end % 1440)}`;

/** The same open time written as more, touching windows (users split days this way). */
function splitEach(windows: readonly [number, number][]): [number, number][] {
  return windows.flatMap(([start, end]): [number, number][] => {
    const middle = Math.floor((start + end) / 2);
    return end - start >= 2 && middle < 1440 // the second piece must still start within the day
      ? [
          [start, middle],
          [middle, end],
        ]
      : [[start, end]];
  });
}

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}

/**
 * Valid calendar definitions (docs/semantics.md §2) with several windows a day, windows past
 * midnight, 24-hour days, empty days and overrides, in zones with DST. Windows may be listed in any
 * order and split at arbitrary points, as users write them. Every definition has id `'arb'`, so a
 * policy with `calendarId: 'arb'` fits any of them.
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.property(calendarDefinitionArb(), (definition) => {
 *     const calendar = defineCalendar(definition); // never throws: every definition is valid
 *     return parseSnapshot(JSON.parse(JSON.stringify(calendar))).fingerprint === calendar.fingerprint;
 *   }),
 * );
 * ```
 */
export function calendarDefinitionArb(
  options: CalendarArbitraryOptions = {},
): fc.Arbitrary<CalendarDefinition> {
  const zones = options.zones ?? TEST_ZONES;
  const fromDay = daysFromCivil(options.fromYear ?? 2010, 1, 1);
  const toDay = daysFromCivil((options.toYear ?? 2030) + 1, 1, 1) - 1;
  const maxWindows = options.maxWindowsPerDay ?? 3;
  const week = fc.tuple(
    ...WEEKDAYS.map(() =>
      fc.record({
        windows: dayWindows(maxWindows),
        // Whether the day's last window runs past midnight, and how far (fraction of what is allowed).
        crossing: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        allDay: fc.boolean(),
        split: fc.boolean(),
      }),
    ),
  );
  const override = fc.record({
    day: fc.integer({ min: fromDay, max: toDay }),
    windows: dayWindows(maxWindows),
    crossing: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    label: fc.option(fc.constantFrom('Holiday', 'Short day', 'Stocktake'), { nil: undefined }),
  });
  return fc
    .record({
      zone: fc.constantFrom(...zones),
      week,
      overrides: fc.uniqueArray(override, {
        maxLength: options.maxOverrides ?? 4,
        selector: (o) => o.day,
      }),
      order: fc.array(fc.integer(), { maxLength: 8 }),
    })
    .map(({ zone, week: days, overrides, order }) => {
      // Copies: fast-check hands generated arrays to later runs while shrinking.
      const copy = (windows: readonly [number, number][]): [number, number][] =>
        windows.map(([a, b]) => [a, b]);
      const windowsByDay = days.map((d) =>
        d.allDay && d.windows.length === 0 ? [[0, 1440] as [number, number]] : copy(d.windows),
      );
      // Extend some last windows past midnight, never beyond the next day's first start.
      windowsByDay.forEach((windows, i) => {
        const crossing = days[i]?.crossing;
        const last = windows[windows.length - 1];
        if (crossing === undefined || last === undefined || last[1] !== 1440) return;
        const next = windowsByDay[(i + 1) % 7] as [number, number][];
        const limit = Math.min(next[0]?.[0] ?? 1440, last[0] - 1);
        const extra = Math.floor(crossing * limit);
        if (extra > 0) last[1] = 1440 + extra;
      });
      const weekDefinition: Partial<Record<Weekday, string[]>> = {};
      WEEKDAYS.forEach((day, i) => {
        const windows = windowsByDay[i] as [number, number][];
        const written = (days[i]?.split ?? false) ? splitEach(windows) : windows;
        if (written.length > 0 || i % 2 === order.length % 2)
          weekDefinition[day] = shuffled(written.map(toText), order);
      });
      const overrideDefinitions: OverrideDefinition[] = overrides.map(
        ({ day, windows: generated, crossing, label }) => {
          const windows = copy(generated);
          const last = windows[windows.length - 1];
          // An override's own night window may reach as far into the next day as it likes.
          if (crossing !== undefined && last !== undefined && last[1] === 1440) {
            last[1] = 1440 + Math.floor(crossing * (last[0] - 1));
          }
          return {
            date: formatIsoDate(day),
            windows: windows.map(toText),
            ...(label === undefined ? {} : { label }),
          };
        },
      );
      return {
        id: 'arb',
        zone,
        week: weekDefinition,
        overrides: shuffled(overrideDefinitions, order),
      };
    });
}

/**
 * Calendars built from {@link calendarDefinitionArb}. Some never open (an empty week and only
 * past overrides), so properties that call `nextOpen` or `addBusinessMillis` must expect
 * `CALENDAR_NEVER_OPENS` (and `nextClose`, `CALENDAR_NEVER_CLOSES`).
 *
 * @example
 * ```ts
 * const instant = fc.integer({ min: Date.parse('2010-01-01T00:00:00Z'), max: Date.parse('2031-01-01T00:00:00Z') });
 * fc.assert(
 *   fc.property(calendarArb(), instant, (calendar, t) =>
 *     isOpen(calendar, t) === (businessMillisBetween(calendar, t, t + 1) === 1)),
 * );
 * ```
 */
export function calendarArb(options: CalendarArbitraryOptions = {}): fc.Arbitrary<Calendar> {
  return calendarDefinitionArb(options).map((definition) => defineCalendar(definition));
}

/**
 * Instants (epoch ms) in a zone, clustered within a few days of its offset changes, with
 * exact transition instants and minute-aligned neighbours drawn often. Zones without
 * changes get instants spread over the years. Options: `fromYear`/`toYear` (default
 * 2010–2030), `spreadDays` (how far from a change, default 3) and `minuteAligned` (whole
 * minutes only, default false).
 *
 * @example
 * ```ts
 * const nights = defineCalendar({ id: 'nights', zone: 'Europe/London', week: { sat: ['22:00-06:00'], sun: ['22:00-06:00'] } });
 * fc.assert(
 *   fc.property(instantNearTransitionArb('Europe/London', { minuteAligned: true }), (t) =>
 *     isOpen(nights, nextOpen(nights, t))),
 * );
 * ```
 */
export function instantNearTransitionArb(
  zone: string,
  options: {
    fromYear?: number;
    toYear?: number;
    spreadDays?: number;
    minuteAligned?: boolean;
  } = {},
): fc.Arbitrary<number> {
  const from = daysFromCivil(options.fromYear ?? 2010, 1, 1) * MS_PER_DAY;
  const to = daysFromCivil((options.toYear ?? 2030) + 1, 1, 1) * MS_PER_DAY;
  const transitions = zoneRules(zone).transitionsBetween(from, to);
  const spread = (options.spreadDays ?? 3) * MS_PER_DAY;
  const unit = options.minuteAligned === true ? MS_PER_MINUTE : 1;
  const anchors =
    transitions.length > 0
      ? fc.constantFrom(...transitions)
      : fc.integer({ min: from / MS_PER_DAY, max: to / MS_PER_DAY - 1 }).map((d) => d * MS_PER_DAY);
  const delta = fc.oneof(
    {
      weight: 1,
      arbitrary: fc.constantFrom(0, -unit, unit, -60 * MS_PER_MINUTE, 60 * MS_PER_MINUTE),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: -spread / 900_000, max: spread / 900_000 })
        .map((q) => q * 900_000),
    },
    {
      weight: 2,
      arbitrary: fc.integer({ min: -spread / unit, max: spread / unit }).map((k) => k * unit),
    },
  );
  return fc.tuple(anchors, delta).map(([anchor, d]) => anchor + d);
}

/**
 * A calendar with its definition and instants near its zone's offset changes, as
 * {@link calendarCaseArb} draws it. The definition comes along so that a failing case shows
 * what a user would have written, and so that a test can build variants of it.
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.property(calendarCaseArb(2), ({ definition, calendar, instants: [a = 0, b = 0] }: CalendarCase) => {
 *     const renamed = defineCalendar({ ...definition, id: 'renamed' });
 *     return businessMillisBetween(renamed, a, b) === businessMillisBetween(calendar, a, b);
 *   }),
 * );
 * ```
 */
export interface CalendarCase {
  /** The definition drawn (id `'arb'`). */
  readonly definition: CalendarDefinition;
  /** `defineCalendar(definition)`. */
  readonly calendar: Calendar;
  /** Exactly `count` instants (epoch ms) near the zone's offset changes, in no particular order. */
  readonly instants: readonly number[];
}

/**
 * A calendar together with `count` instants clustered around its zone's transitions. Besides
 * {@link CalendarArbitraryOptions}, takes `minuteAligned` and `spreadDays` as
 * {@link instantNearTransitionArb} does.
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.property(calendarCaseArb(3), ({ calendar, instants: [a = 0, b = 0, c = 0] }) =>
 *     businessMillisBetween(calendar, a, b) + businessMillisBetween(calendar, b, c) ===
 *     businessMillisBetween(calendar, a, c)),
 * );
 * ```
 */
export function calendarCaseArb(
  count: number,
  options: CalendarArbitraryOptions & { minuteAligned?: boolean; spreadDays?: number } = {},
): fc.Arbitrary<CalendarCase> {
  return calendarDefinitionArb(options).chain((definition) =>
    fc
      .array(
        instantNearTransitionArb(definition.zone, {
          ...(options.fromYear === undefined ? {} : { fromYear: options.fromYear }),
          ...(options.toYear === undefined ? {} : { toYear: options.toYear }),
          ...(options.spreadDays === undefined ? {} : { spreadDays: options.spreadDays }),
          ...(options.minuteAligned === undefined ? {} : { minuteAligned: options.minuteAligned }),
        }),
        { minLength: count, maxLength: count },
      )
      .map((instants) => ({ definition, calendar: defineCalendar(definition), instants })),
  );
}
