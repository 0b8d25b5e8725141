import { formatInstant, toInstant } from '../calendar/instant.js';
import { wallTimeOf } from '../calendar/wall-time.js';
import { describe, PetSlaError, rethrowing } from '../errors.js';
import { plainCopy } from '../shared/plain-copy.js';
import { deepFreeze, isPlainObject, type PlainObject } from '../shared/read.js';
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
  /** English, deterministic: instants in UTC or the zone asked for (named), no host locale. */
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

/**
 * "2026-11-26 16:30 UTC", or in a zone "2026-11-26 11:30 America/New_York" (seconds and
 * milliseconds only when there are any).
 */
function formatAt(t: number, zone: string | undefined): string {
  if (zone === undefined) {
    const iso = formatInstant(t);
    const rest = iso.slice(16, 23) === ':00.000' ? '' : iso.slice(16, 23).replace(/\.000$/, '');
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${rest} UTC`;
  }
  const wall = wallTimeOf(t, zone);
  const seconds =
    wall.second === 0 && wall.millisecond === 0
      ? ''
      : `:${String(wall.second).padStart(2, '0')}${wall.millisecond === 0 ? '' : `.${String(wall.millisecond).padStart(3, '0')}`}`;
  return `${wall.date} ${wall.time}${seconds} ${wall.zone}`;
}

function timeLeft(remainingMs: number): string {
  return remainingMs >= 0
    ? `${formatBusinessDuration(remainingMs)} business time left`
    : `${formatBusinessDuration(remainingMs)} business time overdue`;
}

const humanStatus = (status: string | null): string =>
  status === null ? 'no status' : status.replace(/[_-]+/g, ' ');

function textOf(event: SlaEvent, zone: string | undefined): string {
  const formatUtc = (t: number) => formatAt(t, zone);
  const due = event.dueAt === null ? '' : `, due ${formatUtc(event.dueAt)}`;
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
      return `${name} target changed from ${formatBusinessDuration(event.previousTargetMs)} to ${formatBusinessDuration(event.targetMs)} — priority ${event.priority} (${left}${due})`;
    case 'sla.reopened':
      return `${name} reopened — ${humanStatus(event.status)} (${left}${due})`;
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
 * toActivityFeedEntry(resumedEvent, { zone: 'Europe/London' }).text; // '… due 2026-11-27 10:00 Europe/London …'
 * // 'Resolution SLA paused — waiting on customer (3h 20m business time left)'
 * ```
 */
export function toActivityFeedEntry(
  event: SlaEvent,
  options?: ActivityFeedOptions,
): ActivityFeedEntry {
  const zone = feedZone(options);
  const e = readSlaEvent(event);
  return deepFreeze({
    id: `${e.id}/feed`,
    ticketId: e.ticketId,
    at: e.at,
    severity: e.type === 'sla.breached' ? 'critical' : 'info',
    text: textOf(e, zone),
  });
}

/**
 * The options of {@link toActivityFeedEntry}: the IANA zone the text gives times in (default
 * UTC). The text names the zone, and stays the same on every host.
 *
 * @example
 * ```ts
 * const options: ActivityFeedOptions = { zone: 'Europe/London' };
 * const entry = toActivityFeedEntry(event, options);
 * ```
 */
export interface ActivityFeedOptions {
  readonly zone?: string;
}

function feedZone(options: unknown): string | undefined {
  if (options === undefined) return undefined;
  if (!isPlainObject(options))
    throw new PetSlaError(
      'INVALID_EVENT',
      `expected options { zone }, got ${describe(options)}`,
      'options',
    );
  if (options.zone === undefined) return undefined;
  const zone = options.zone;
  // Checked here once: a bad zone is the options' problem, never the event's.
  wallTimeOf(0, zone as string);
  return zone as string;
}

function wrong(path: string, what: string, value: unknown): PetSlaError {
  return new PetSlaError(
    'INVALID_EVENT',
    `expected an SLA event emitted by pet-sla: ${what}, got ${describe(value)}`,
    path,
  );
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** A private, checked copy of an emitted SLA event: every field the text reads is sound. */
function readSlaEvent(value: unknown): SlaEvent {
  if (!isPlainObject(value)) throw wrong('', 'a plain object', value);
  const e = plainCopy(value, '', 'INVALID_EVENT') as PlainObject;
  if (!TYPES.includes(e.type as string)) throw wrong('type', 'a known type', e.type);
  for (const key of ['id', 'ticketId', 'priority'] as const) {
    if (typeof e[key] !== 'string' || e[key] === '') throw wrong(key, 'a non-empty string', e[key]);
  }
  if (!Object.hasOwn(METRIC_NAMES, e.metric as string))
    throw wrong('metric', 'firstResponse or resolution', e.metric);
  if (!['running', 'paused', 'stopped'].includes(e.phase as string))
    throw wrong('phase', 'a phase', e.phase);
  for (const key of ['at', 'dueAt'] as const) {
    if (key === 'dueAt' && e.dueAt === null) continue;
    rethrowing(
      () => toInstant(isWhole(e[key]) ? e[key] : Number.NaN, key),
      () => ({ code: 'INVALID_EVENT' }),
    );
  }
  for (const key of ['targetMs', 'usedMs', 'remainingMs'] as const) {
    if (!isWhole(e[key])) throw wrong(key, 'whole milliseconds', e[key]);
  }
  if (e.status !== null && typeof e.status !== 'string')
    throw wrong('status', 'a status or null', e.status);
  if (e.type === 'sla.stopped' && !['met', 'breached', 'cancelled'].includes(e.outcome as string))
    throw wrong('outcome', 'an outcome', e.outcome);
  if (e.type === 'sla.retargeted' && !isWhole(e.previousTargetMs))
    throw wrong('previousTargetMs', 'whole milliseconds', e.previousTargetMs);
  return e as unknown as SlaEvent;
}
