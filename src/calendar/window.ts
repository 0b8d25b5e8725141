import { PetSlaError } from '../errors.js';
import { MINUTES_PER_DAY } from './civil.js';

/**
 * A window as minutes from the start of the date it belongs to: `start` in [0, 1440),
 * `end` in (start, start + 1440). An end past 1440 runs into the next day.
 */
export interface MinuteWindow {
  readonly start: number;
  readonly end: number;
}

const WINDOW = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

function badWindow(text: string, why: string, path: string): PetSlaError {
  return new PetSlaError(
    'INVALID_WINDOW',
    `${why} in window "${text}"; expected "HH:MM-HH:MM" with hours 00–23 (24:00 allowed as an end), minutes 00–59, start different from end, e.g. "09:00-17:00" or "22:00-06:00"`,
    path,
  );
}

export function parseWindow(text: unknown, path: string): MinuteWindow {
  if (typeof text !== 'string') {
    throw new PetSlaError(
      'INVALID_WINDOW',
      `expected a window string "HH:MM-HH:MM", got ${text === null ? 'null' : typeof text}`,
      path,
    );
  }
  const m = WINDOW.exec(text);
  if (m === null) throw badWindow(text, 'malformed time', path);
  const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (sm > 59 || em > 59) throw badWindow(text, 'minute out of range', path);
  if (sh > 23)
    throw badWindow(text, sh === 24 && sm === 0 ? '24:00 as a start' : 'hour out of range', path);
  if (eh > 24 || (eh === 24 && em !== 0)) throw badWindow(text, 'hour out of range', path);
  const start = sh * 60 + sm;
  let end = eh * 60 + em;
  if (end === start) throw badWindow(text, 'start equal to end', path);
  // An end at or before the start is on the next day ("22:00-06:00"); "22:00-00:00" is
  // therefore the same window as "22:00-24:00".
  if (end < start) end += MINUTES_PER_DAY;
  return { start, end };
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The definition notation of a window; an end at midnight is written `24:00`. */
export function formatWindow(w: MinuteWindow): string {
  const end = w.end > MINUTES_PER_DAY ? w.end - MINUTES_PER_DAY : w.end;
  return `${hhmm(w.start)}-${hhmm(end)}`;
}

export function overlaps(a: MinuteWindow, b: MinuteWindow): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Index of the first window in a start-sorted list that overlaps its predecessor, or -1. */
export function firstOverlap(sorted: readonly MinuteWindow[]): number {
  for (let i = 1; i < sorted.length; i++) {
    if (overlaps(sorted[i - 1] as MinuteWindow, sorted[i] as MinuteWindow)) return i;
  }
  return -1;
}

export const byStart = (a: MinuteWindow, b: MinuteWindow): number =>
  a.start - b.start || a.end - b.end;

// The last minute at which a merged run can be split so that both halves are writable in
// "HH:MM-HH:MM" notation (a start must lie within the day; a window is shorter than a day).
const SPLIT_AT = MINUTES_PER_DAY - 1;

/**
 * The canonical form of one date's (non-overlapping) windows: sorted, abutting windows merged.
 * A merged run that cannot be written as one window (a day or longer, other than
 * "00:00-24:00") is split at 23:59, so every splitting of the same run gives the same result.
 */
export function normaliseWindows(windows: readonly MinuteWindow[]): MinuteWindow[] {
  const sorted = [...windows].sort(byStart);
  const runs: MinuteWindow[] = [];
  for (const w of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.end === w.start)
      runs[runs.length - 1] = { start: last.start, end: w.end };
    else runs.push(w);
  }
  const out: MinuteWindow[] = [];
  for (const run of runs) {
    const length = run.end - run.start;
    if (length < MINUTES_PER_DAY || (run.start === 0 && run.end === MINUTES_PER_DAY)) out.push(run);
    else out.push({ start: run.start, end: SPLIT_AT }, { start: SPLIT_AT, end: run.end });
  }
  return out;
}
