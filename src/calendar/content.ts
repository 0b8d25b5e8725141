import { PetSlaError, type PetSlaErrorCode } from '../errors.js';
import {
  expectArray,
  expectKnownKeys,
  expectObject,
  expectString,
  join,
  type PlainObject,
} from '../shared/read.js';
import { daysFromCivil, formatIsoDate, parseIsoDate } from './civil.js';
import type { CalendarRules } from './timeline.js';
import { type Calendar, type CalendarOverride, WEEKDAYS, type Weekday } from './types.js';
import {
  byStart,
  firstOverlap,
  formatWindow,
  type MinuteWindow,
  normaliseWindows,
  parseWindow,
} from './window.js';
import { readZone, zoneRules } from './zone.js';

/** A calendar's own fields, validated, before normalisation. */
export interface CalendarContent {
  readonly zone: string;
  /** By weekday, 0 = Monday. */
  readonly week: readonly (readonly MinuteWindow[])[];
  readonly overrides: readonly { day: number; windows: readonly MinuteWindow[]; label?: string }[];
}

const FIRST_DAY = daysFromCivil(1900, 1, 1);
const LAST_DAY = daysFromCivil(2199, 12, 31);

interface IndexedWindow extends MinuteWindow {
  /** Position in the list as written, for error paths. */
  readonly index: number;
}

function readWindows(value: unknown, path: string, code: PetSlaErrorCode): IndexedWindow[] {
  const list = expectArray(value, path, code, 'a list of windows such as ["09:00-17:00"]');
  const windows = list.map((text, index) => ({ ...parseWindow(text, join(path, index)), index }));
  const sorted = [...windows].sort(byStart);
  const clash = firstOverlap(sorted);
  if (clash >= 0) {
    const a = sorted[clash - 1] as IndexedWindow;
    const b = sorted[clash] as IndexedWindow;
    const [other, later] = a.index < b.index ? [a, b] : [b, a];
    throw new PetSlaError(
      'OVERLAPPING_WINDOWS',
      `window "${formatWindow(later)}" overlaps "${formatWindow(other)}" on the same day; windows may touch ("09:00-12:00", "12:00-17:00") but not overlap`,
      join(path, later.index),
    );
  }
  return windows;
}

const plain = (windows: readonly MinuteWindow[]): MinuteWindow[] =>
  windows.map(({ start, end }) => ({ start, end }));

function readWeek(value: unknown, path: string, code: PetSlaErrorCode): MinuteWindow[][] {
  const object = expectObject(value, path, code, 'a week such as { mon: ["09:00-17:00"] }');
  expectKnownKeys(object, WEEKDAYS, path, code);
  const week = WEEKDAYS.map((day) =>
    object[day] === undefined ? [] : readWindows(object[day], join(path, day), code),
  );
  // A window running past midnight must not run into the next weekday's first windows.
  week.forEach((windows, i) => {
    const next = week[(i + 1) % 7] as IndexedWindow[];
    for (const w of windows) {
      const hit = next.find((v) => v.start + 1440 < w.end);
      if (hit === undefined) continue;
      const day = WEEKDAYS[i] as Weekday;
      throw new PetSlaError(
        'OVERLAPPING_WINDOWS',
        `window "${formatWindow(w)}" runs past midnight into ${WEEKDAYS[(i + 1) % 7]}'s window "${formatWindow(hit)}"; a night window may end where the next day's first window starts, not after`,
        join(join(path, day), w.index),
      );
    }
  });
  return week.map(plain);
}

function readOverrides(
  value: unknown,
  path: string,
  code: PetSlaErrorCode,
): CalendarContent['overrides'] {
  if (value === undefined) return [];
  const list = expectArray(
    value,
    path,
    code,
    'a list of overrides such as [{ date: "2026-12-25", windows: [] }]',
  );
  const seen = new Map<number, number>();
  return list.map((item, i) => {
    const itemPath = join(path, i);
    const object: PlainObject = expectObject(
      item,
      itemPath,
      code,
      'an override { date, windows, label? }',
    );
    expectKnownKeys(object, ['date', 'windows', 'label'], itemPath, code);
    const datePath = join(itemPath, 'date');
    if (typeof object.date !== 'string') {
      throw new PetSlaError('INVALID_DATE', 'expected a date string "YYYY-MM-DD"', datePath);
    }
    const day = parseIsoDate(object.date);
    if (day === undefined) {
      throw new PetSlaError(
        'INVALID_DATE',
        `"${object.date}" is not a calendar date; expected "YYYY-MM-DD" naming a day that exists`,
        datePath,
      );
    }
    if (day < FIRST_DAY || day > LAST_DAY) {
      throw new PetSlaError(
        'INVALID_DATE',
        `"${object.date}" is outside the supported dates 1900-01-01 to 2199-12-31`,
        datePath,
      );
    }
    const earlier = seen.get(day);
    if (earlier !== undefined) {
      throw new PetSlaError(
        'DUPLICATE_DATE',
        `${object.date} already has an override (${join(path, earlier)}); give each date at most one`,
        datePath,
      );
    }
    seen.set(day, i);
    if (object.windows === undefined) {
      throw new PetSlaError(
        code,
        'expected windows (use [] for a closed day)',
        join(itemPath, 'windows'),
      );
    }
    const windows = plain(readWindows(object.windows, join(itemPath, 'windows'), code));
    const label =
      object.label === undefined
        ? undefined
        : expectString(object.label, join(itemPath, 'label'), code);
    return label === undefined ? { day, windows } : { day, windows, label };
  });
}

/**
 * Reads a calendar's own fields (zone, week, overrides) from a definition, a revision or a
 * snapshot; structural problems are INVALID_DEFINITION.
 */
export function readCalendarContent(object: PlainObject): CalendarContent {
  const code = 'INVALID_DEFINITION';
  if (object.zone === undefined)
    throw new PetSlaError(code, 'expected a zone such as "Europe/London"', 'zone');
  const zone = readZone(object.zone, 'zone', code);
  if (object.week === undefined)
    throw new PetSlaError(code, 'expected a week such as { mon: ["09:00-17:00"] }', 'week');
  const week = readWeek(object.week, 'week', code);
  const overrides = readOverrides(object.overrides, 'overrides', code);
  return { zone, week, overrides };
}

/** The normal form of a calendar's own fields, in the definition's notation. */
export function normalForm(
  content: CalendarContent,
): Pick<Calendar, 'zone' | 'week' | 'overrides'> {
  const week = {} as Record<Weekday, readonly string[]>;
  WEEKDAYS.forEach((day, i) => {
    week[day] = normaliseWindows(content.week[i] as MinuteWindow[]).map(formatWindow);
  });
  const overrides: CalendarOverride[] = [...content.overrides]
    .sort((a, b) => a.day - b.day)
    .map(({ day, windows, label }) => ({
      date: formatIsoDate(day),
      windows: normaliseWindows(windows).map(formatWindow),
      ...(label === undefined ? {} : { label }),
    }));
  return { zone: content.zone, week, overrides };
}

/** What the engine compiles a calendar's timeline from. */
export function rulesOf(id: string, content: CalendarContent): CalendarRules {
  return {
    id,
    zone: zoneRules(content.zone),
    week: content.week.map((windows) => normaliseWindows(windows)),
    overrides: new Map(
      content.overrides.map(({ day, windows }) => [day, normaliseWindows(windows)]),
    ),
  };
}
