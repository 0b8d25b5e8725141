import { type CalendarRules, Timeline } from './timeline.js';
import type { Calendar } from './types.js';

// Calendars made by this library are recognised by identity: a WeakMap from the frozen value
// to its rules and (lazily) its compiled timeline. Nothing here outlives the calendar value.

interface Entry {
  readonly rules: CalendarRules;
  timeline: Timeline | undefined;
}

const entries = new WeakMap<object, Entry>();

export function registerCalendar(calendar: Calendar, rules: CalendarRules): void {
  entries.set(calendar, { rules, timeline: undefined });
}

export function isRegisteredCalendar(value: unknown): value is Calendar {
  return typeof value === 'object' && value !== null && entries.has(value);
}

/** The compiled timeline of a calendar this library made, or undefined for anything else. */
export function registeredTimeline(value: unknown): Timeline | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = entries.get(value);
  if (entry === undefined) return undefined;
  entry.timeline ??= new Timeline(entry.rules);
  return entry.timeline;
}
