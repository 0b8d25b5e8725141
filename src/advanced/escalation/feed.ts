import { describe, PetSlaError } from '../../errors.js';
import { type ActivityFeedEntry, formatBusinessDuration, wallTimeOf } from '../../index.js';
import { deepFreeze, expectObject, isPlainObject } from '../../shared/read.js';
import type { EscalationEvent } from './types.js';

const METRIC_NAMES = { firstResponse: 'First response', resolution: 'Resolution' } as const;

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** The fields a feed entry reads, checked: INVALID_EVENT naming the first bad one. */
function checkEvent(event: unknown): asserts event is EscalationEvent {
  const bad = (path: string, what: string, value: unknown) =>
    new PetSlaError('INVALID_EVENT', `expected ${what}, got ${describe(value)}`, path);
  if (!isPlainObject(event) || event.type !== 'sla.escalated') {
    throw bad(
      'type',
      'an escalation event (type "sla.escalated") emitted by pet-sla',
      isPlainObject(event) ? event.type : event,
    );
  }
  for (const key of ['id', 'ticketId'] as const)
    if (typeof event[key] !== 'string') throw bad(key, 'a string', event[key]);
  if (!Object.hasOwn(METRIC_NAMES, event.metric as string))
    throw bad('metric', 'a metric', event.metric);
  for (const key of ['at', 'thresholdMs', 'targetMs', 'remainingMs'] as const)
    if (!isInteger(event[key])) throw bad(key, 'a whole number', event[key]);
  if (event.dueAt !== null && !isInteger(event.dueAt))
    throw bad('dueAt', 'an instant or null', event.dueAt);
  const t = event.threshold;
  const kinds = isPlainObject(t) ? Object.keys(t) : [];
  const kind = kinds[0];
  const amount = isPlainObject(t) && kind !== undefined ? t[kind] : undefined;
  if (
    kinds.length !== 1 ||
    !['percent', 'beforeDue', 'afterDue'].includes(kind as string) ||
    typeof amount !== 'number' ||
    !Number.isFinite(amount)
  ) {
    throw bad('threshold', '{ percent } or { beforeDue } or { afterDue }', t);
  }
  if (!Array.isArray(event.notify) || !event.notify.every((n) => typeof n === 'string'))
    throw bad('notify', 'a list of strings', event.notify);
}

function reached(event: EscalationEvent): string {
  const t = event.threshold as { percent?: number; beforeDue?: number; afterDue?: number };
  if (t.percent !== undefined) return `${t.percent}% used`;
  if (t.beforeDue !== undefined) return `due in ${formatBusinessDuration(t.beforeDue * 60_000)}`;
  return `${formatBusinessDuration((t.afterDue as number) * 60_000)} past due`;
}

/**
 * Turns an escalation event into an entry for the ticket's activity feed: severity `warning`
 * while the level's threshold is below the target, `critical` at or above it. The text is
 * English and deterministic (no host locale), e.g.
 * `Resolution SLA 75% used — 1h 0m left (notify: assignee, team-lead)`. With a `zone` (IANA),
 * a running clock's due instant is added as the wall clock there shows it:
 * `…1h 0m left, due 2026-10-26 13:00 Europe/London (notify: …)`.
 *
 * @example
 * ```ts
 * toEscalationFeedEntry(event).text; // 'Resolution SLA 75% used — 1h 0m left (notify: assignee, team-lead)'
 * ```
 */
export function toEscalationFeedEntry(
  event: EscalationEvent,
  options: { readonly zone?: string } = {},
): ActivityFeedEntry {
  checkEvent(event);
  const opts = expectObject(options, 'options', 'INVALID_EVENT', 'options { zone? }');
  // With a zone, the text also says when the clock is due, as a clock on the wall there shows it.
  let due = '';
  if (opts.zone !== undefined && event.dueAt !== null) {
    const wall = wallTimeOf(event.dueAt, opts.zone as string);
    due = `, due ${wall.date} ${wall.time} ${wall.zone}`;
  }
  const left =
    event.remainingMs > 0
      ? `${formatBusinessDuration(event.remainingMs)} left`
      : event.remainingMs === 0
        ? 'due now'
        : `${formatBusinessDuration(event.remainingMs)} overdue`;
  const notify = event.notify.length === 0 ? '' : ` (notify: ${event.notify.join(', ')})`;
  return deepFreeze({
    id: `${event.id}/feed`,
    ticketId: event.ticketId,
    at: event.at,
    severity: event.thresholdMs < event.targetMs ? 'warning' : 'critical',
    text: `${METRIC_NAMES[event.metric]} SLA ${reached(event)} — ${left}${due}${notify}`,
  });
}
