import { type CalendarRules, rulesBytes, TIMELINE_BYTES, Timeline } from './timeline.js';

// Timelines are shared by fingerprint, so a calendar parsed again from the same snapshot reuses
// the work already done; the fingerprint covers id, version and every rule, so a revised
// calendar never reuses its predecessor's timeline. Bounded in bytes: each timeline counts its
// fixed part and its rules (its chunks are counted by the chunk cache). A timeline dropped from
// here is retired, which drops its chunks too: no calendar that still points to it keeps its
// memory alive.

/** Default bound on the bytes of timelines kept by fingerprint (chunks apart). */
export const SHARED_TIMELINE_BYTES = 16 * 1024 * 1024;
let limit = SHARED_TIMELINE_BYTES;
let used = 0;

interface Kept {
  readonly timeline: Timeline;
  readonly bytes: number;
}

const byFingerprint = new Map<string, Kept>();

/** Internal: the use of the shared timelines, for tests and the memory benchmarks. */
export function sharedTimelineUse(): { bytes: number; limit: number; timelines: number } {
  return { bytes: used, limit, timelines: byFingerprint.size };
}

/** Internal: changes the bound (tests use a small one to prove eviction invisible). */
export function setSharedTimelineBytes(bytes: number): void {
  limit = bytes;
  evictDownTo(limit);
}

function evictDownTo(target: number): void {
  while (used > target && byFingerprint.size > 0) {
    const [oldestKey, oldest] = byFingerprint.entries().next().value as [string, Kept];
    byFingerprint.delete(oldestKey);
    used -= oldest.bytes;
    oldest.timeline.retire();
  }
}

/**
 * The timeline of the calendar with this fingerprint, compiled from `rules` if none is kept.
 * A calendar too large to keep (over a quarter of the bound) gets a timeline of its own,
 * retired from the start: right answers, compiled for each call.
 */
export function sharedTimeline(fingerprint: string, rules: CalendarRules): Timeline {
  const kept = byFingerprint.get(fingerprint);
  if (kept !== undefined) {
    // Map order is insertion order: re-inserting marks it most recently used.
    byFingerprint.delete(fingerprint);
    byFingerprint.set(fingerprint, kept);
    return kept.timeline;
  }
  const timeline = new Timeline(rules);
  const bytes = TIMELINE_BYTES + rulesBytes(rules);
  if (bytes > limit / 4) {
    timeline.retire();
    return timeline;
  }
  evictDownTo(limit - bytes);
  byFingerprint.set(fingerprint, { timeline, bytes });
  used += bytes;
  return timeline;
}
