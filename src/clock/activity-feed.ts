import { formatInstant } from '../calendar/instant.js';
import { describe, PetSlaError } from '../errors.js';
import { deepFreeze, isPlainObject } from '../shared/read.js';
import type { SlaEvent } from './types.js';

/**
 * A notification for a ticket's activity feed, made by {@link toActivityFeedEntry}.
 *
 * @example
 * ```ts
 * for (const event of events) {
 *   const entry: ActivityFeedEntry = toActivityFeedEntry(event);
 *   feed.post(entry.ticketId, { id: entry.id, at: new Date(entry.at), level: entry.severity, text: entry.text });
 * }
 * ```
 */
export interface ActivityFeedEntry {
  /** The event's id plus `/feed`: deterministic, so posting an entry twice can be detected. */
  readonly id: string;
  readonly ticketId: string;
  /** The event's instant (epoch ms). */
  readonly at: number;
  /** `critical` for `sla.breached`, else `info`; `warning` is kept for later layers. */
  readonly severity: 'info' | 'warning' | 'critical';
  /** English, deterministic: instants in UTC, no host locale. */
  readonly text: string;
}

const METRIC_NAMES = { firstResponse: 'First response', resolution: 'Resolution' } as const;

/**
 * Business time as a person reads it: "3h 20m", "45m", "30s", "0m"; never host-formatted.
 * Whole hours and minutes (rounded down), seconds only under a minute; the sign is dropped, so
 * say "left" or "overdue" yourself.
 *
 * @example
 * ```ts
 * formatBusinessDuration(12_000_000); // '3h 20m'
 * formatBusinessDuration(45 * 60_000); // '45m'
 * const { remainingMs } = slaStatus(state, now, { calendar: uk }).resolution!;
 * `${formatBusinessDuration(remainingMs)} ${remainingMs < 0 ? 'overdue' : 'left'}`;
 * ```
 */
export function formatBusinessDuration(ms: number): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected a finite number of milliseconds, got ${describe(ms)}`,
      'ms',
    );
  }
  const abs = Math.abs(ms);
  const totalMinutes = Math.floor(abs / 60_000);
  if (totalMinutes === 0) return abs === 0 ? '0m' : `${Math.max(1, Math.floor(abs / 1000))}s`;
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours === 0 ? `${minutes}m` : `${hours}h ${minutes}m`;
}

/** "2026-11-26 16:30 UTC" (seconds and milliseconds only when there are any). */
function formatUtc(t: number): string {
  const iso = formatInstant(t);
  const date = iso.slice(0, 10);
  const minutes = iso.slice(11, 16);
  const rest = iso.slice(16, 23) === ':00.000' ? '' : iso.slice(16, 23).replace(/\.000$/, '');
  return `${date} ${minutes}${rest} UTC`;
}

function timeLeft(remainingMs: number): string {
  return remainingMs >= 0
    ? `${formatBusinessDuration(remainingMs)} business time left`
    : `${formatBusinessDuration(remainingMs)} business time overdue`;
}

const humanStatus = (status: string | null): string =>
  status === null ? 'no status' : status.replace(/[_-]+/g, ' ');

function textOf(event: SlaEvent): string {
  const name = `${METRIC_NAMES[event.metric]} SLA`;
  const left = timeLeft(event.remainingMs);
  switch (event.type) {
    case 'sla.started':
      return event.phase === 'running'
        ? `${name} started — target ${formatBusinessDuration(event.targetMs)} business time, due ${formatUtc(event.dueAt ?? event.at)}`
        : `${name} started, ${event.phase} — ${humanStatus(event.status)} (${left})`;
    case 'sla.paused':
      return `${name} paused — ${humanStatus(event.status)} (${left})`;
    case 'sla.resumed':
      return `${name} resumed — due ${formatUtc(event.dueAt ?? event.at)} (${left})`;
    case 'sla.stopped':
      if (event.outcome === 'breached') return `${name} stopped — breached (${left})`;
      if (event.outcome === 'cancelled')
        return `${name} cancelled — priority ${event.priority} has no ${METRIC_NAMES[event.metric].toLowerCase()} target`;
      return `${name} met (${formatBusinessDuration(event.remainingMs)} business time to spare)`;
    case 'sla.breached':
      return `${name} breached — target of ${formatBusinessDuration(event.targetMs)} business time passed at ${formatUtc(event.at)}`;
    case 'sla.retargeted':
      return `${name} target changed from ${formatBusinessDuration(event.previousTargetMs)} to ${formatBusinessDuration(event.targetMs)} — priority ${event.priority} (${left})`;
    case 'sla.reopened':
      return `${name} reopened — ${humanStatus(event.status)} (${left})`;
  }
}

const TYPES = [
  'sla.started',
  'sla.paused',
  'sla.resumed',
  'sla.stopped',
  'sla.breached',
  'sla.retargeted',
  'sla.reopened',
];

/**
 * Turns an emitted SLA event into an entry for the ticket's activity feed: `sla.breached` is
 * `critical`, everything else `info`. The text is English and deterministic (UTC instants,
 * no host locale).
 *
 * @example
 * ```ts
 * toActivityFeedEntry(pausedEvent).text;
 * // 'Resolution SLA paused — waiting on customer (3h 20m business time left)'
 * ```
 */
export function toActivityFeedEntry(event: SlaEvent): ActivityFeedEntry {
  if (!isPlainObject(event) || !TYPES.includes(event.type as string)) {
    throw new PetSlaError(
      'INVALID_EVENT',
      `expected an SLA event emitted by pet-sla, got ${describe(isPlainObject(event) ? event.type : event)}`,
      'type',
    );
  }
  return deepFreeze({
    id: `${event.id}/feed`,
    ticketId: event.ticketId,
    at: event.at,
    severity: event.type === 'sla.breached' ? 'critical' : 'info',
    text: textOf(event),
  });
}
