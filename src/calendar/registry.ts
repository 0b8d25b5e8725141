import { type CalendarRules, Timeline } from './timeline.js';
import type { Calendar } from './types.js';

// Calendars made by this library are recognised by identity: a WeakMap from the frozen value
// to its rules and (lazily) its compiled timeline. Timelines are also shared by fingerprint,
// so a calendar parsed again from the same snapshot reuses the work already done; the
// fingerprint covers id, version and every rule, so a revised calendar never reuses its
// predecessor's timeline.

interface Entry {
  readonly rules: CalendarRules;
  readonly fingerprint: string;
  timeline: Timeline | undefined;
}

const entries = new WeakMap<object, Entry>();

/** Bound on timelines kept by fingerprint alone (each costs about 5 KB beyond its chunks). */
const SHARED_TIMELINES = 1024;
const byFingerprint = new Map<string, Timeline>();

function sharedTimeline(fingerprint: string, rules: CalendarRules): Timeline {
  let timeline = byFingerprint.get(fingerprint);
  if (timeline !== undefined) {
    // Map order is insertion order: re-inserting marks it most recently used.
    byFingerprint.delete(fingerprint);
  } else {
    timeline = new Timeline(rules);
    if (byFingerprint.size >= SHARED_TIMELINES) {
      const oldest = byFingerprint.keys().next().value as string;
      byFingerprint.delete(oldest);
    }
  }
  byFingerprint.set(fingerprint, timeline);
  return timeline;
}

export function registerCalendar(calendar: Calendar, rules: CalendarRules): void {
  entries.set(calendar, { rules, fingerprint: calendar.fingerprint, timeline: undefined });
}

export function isRegisteredCalendar(value: unknown): value is Calendar {
  return typeof value === 'object' && value !== null && entries.has(value);
}

/** The compiled timeline of a calendar this library made, or undefined for anything else. */
export function registeredTimeline(value: unknown): Timeline | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = entries.get(value);
  if (entry === undefined) return undefined;
  entry.timeline ??= sharedTimeline(entry.fingerprint, entry.rules);
  return entry.timeline;
}
