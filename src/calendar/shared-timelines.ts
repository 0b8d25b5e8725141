import { type CalendarRules, Timeline } from './timeline.js';

// Timelines are shared by fingerprint, so a calendar parsed again from the same snapshot reuses
// the work already done; the fingerprint covers id, version and every rule, so a revised
// calendar never reuses its predecessor's timeline.

/** Bound on timelines kept by fingerprint alone (each costs about 5 KB beyond its chunks). */
const SHARED_TIMELINES = 1024;
const byFingerprint = new Map<string, Timeline>();

/** The timeline of the calendar with this fingerprint, compiled from `rules` if none is kept. */
export function sharedTimeline(fingerprint: string, rules: CalendarRules): Timeline {
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
