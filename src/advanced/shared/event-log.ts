import { describe, PetSlaError } from '../../errors.js';
import {
  MAX_INSTANT,
  MIN_INSTANT,
  SLA_METRICS,
  type SlaEvent,
  type SlaEventType,
} from '../../index.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { isPlainObject, join, type PlainObject } from '../../shared/read.js';

// Reading the host's stored log of SLA events. The advanced layer trusts nothing it is handed:
// a log read back from a database may have lost an event, gained a forged one, or been sorted
// badly, and every capability built on it would then report wrong numbers without a word.

const CODE = 'INVALID_EVENT_LOG';

type Phase = SlaEvent['phase'];

/** The phases each type of event can carry (the clock's phase just after the change). */
const PHASES_OF: Readonly<Record<SlaEventType, readonly Phase[]>> = {
  'sla.started': ['running', 'paused'],
  'sla.paused': ['paused'],
  'sla.resumed': ['running'],
  'sla.stopped': ['stopped'],
  'sla.reopened': ['running', 'paused'],
  'sla.retargeted': ['running', 'paused'],
  'sla.breached': ['running', 'paused'],
};
const TYPES = Object.keys(PHASES_OF) as SlaEventType[];
const OUTCOMES = ['met', 'breached', 'cancelled'] as const;
const COMMON_KEYS = [
  'id',
  'type',
  'ticketId',
  'metric',
  'at',
  'phase',
  'targetMs',
  'usedMs',
  'remainingMs',
  'dueAt',
  'status',
  'priority',
  'causedBy',
] as const;
/** The keys of each type of event: the common ones, plus `outcome` or `previousTargetMs`. */
const KEYS_OF = Object.fromEntries(
  TYPES.map((type) => [
    type,
    new Set<string>([
      ...COMMON_KEYS,
      ...(type === 'sla.stopped' ? ['outcome'] : []),
      ...(type === 'sla.retargeted' ? ['previousTargetMs'] : []),
    ]),
  ]),
) as unknown as Readonly<Record<SlaEventType, ReadonlySet<string>>>;

/** Names the event in every message, so that a host can find it in its store. */
function whichEvent(object: PlainObject): string {
  const id = typeof object.id === 'string' ? `"${object.id}"` : 'without an id';
  const ticket = typeof object.ticketId === 'string' ? ` of ticket "${object.ticketId}"` : '';
  return `SLA event ${id}${ticket}`;
}

function problem(object: PlainObject, path: string, message: string): PetSlaError {
  return new PetSlaError(CODE, `${whichEvent(object)}: ${message}`, path);
}

const isSafeInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

const isInstant = (value: unknown): value is number =>
  isSafeInteger(value) && value >= MIN_INSTANT && value < MAX_INSTANT;

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

const SEQUENCE = /^[1-9][0-9]*$/;

/**
 * The n of an SLA event id `<ticketId>/sla/<n>` (n ≥ 1), the event's place in its ticket's
 * log; INVALID_EVENT_LOG when the id is not of that form.
 *
 * @example
 * ```ts
 * slaEventSequence(event); // 3 for the id 'T-1/sla/3' of ticket 'T-1'
 * ```
 */
export function slaEventSequence(event: SlaEvent, path = 'id'): number {
  const object: PlainObject = isPlainObject(event) ? event : {};
  const { id, ticketId } = object;
  const prefix = `${String(ticketId)}/sla/`;
  const digits =
    isText(id) && isText(ticketId) && id.startsWith(prefix) ? id.slice(prefix.length) : '';
  const n = SEQUENCE.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw problem(
      object,
      path,
      `expected an id of the form "<ticketId>/sla/<n>" with n a whole number from 1 (as the clock numbers the events it emits), got ${describe(id)}`,
    );
  }
  return n;
}

/**
 * Validates one untrusted value as an SLA event, every field as the clock writes it for that
 * type of event, and returns a frozen private copy. Problems are INVALID_EVENT_LOG at `path`
 * (or below it), naming the ticket and the event id.
 *
 * @example
 * ```ts
 * const event = readSlaEvent(JSON.parse(row.json), `events[${i}]`);
 * ```
 */
export function readSlaEvent(value: unknown, path: string): SlaEvent {
  if (!isPlainObject(value)) {
    throw new PetSlaError(
      CODE,
      `expected an SLA event emitted by pet-sla (a plain object), got ${describe(value)}`,
      path,
    );
  }
  const o = value;
  const at = (key: string): string => join(path, key);
  const type = o.type as SlaEventType;
  if (!TYPES.includes(type)) {
    throw problem(
      o,
      at('type'),
      `expected a type among ${TYPES.map((t) => `"${t}"`).join(', ')}, got ${describe(o.type)}`,
    );
  }
  const allowed = KEYS_OF[type];
  for (const key in o) {
    if (!allowed.has(key)) {
      throw problem(
        o,
        at(key),
        `unknown key "${key}" on a ${type} event; expected only ${[...allowed].map((k) => `"${k}"`).join(', ')}`,
      );
    }
  }
  if (!isText(o.ticketId))
    throw problem(o, at('ticketId'), `expected a non-empty ticket id, got ${describe(o.ticketId)}`);
  slaEventSequence(o as unknown as SlaEvent, at('id'));
  if (!(SLA_METRICS as readonly unknown[]).includes(o.metric)) {
    throw problem(
      o,
      at('metric'),
      `expected a metric among ${SLA_METRICS.map((m) => `"${m}"`).join(', ')}, got ${describe(o.metric)}`,
    );
  }
  if (!isInstant(o.at)) {
    throw problem(
      o,
      at('at'),
      `expected an instant (whole epoch milliseconds from 1900 to 2200), got ${describe(o.at)}`,
    );
  }
  const phases = PHASES_OF[type];
  if (!phases.includes(o.phase as Phase)) {
    throw problem(
      o,
      at('phase'),
      `expected the phase of a clock after ${type}: ${phases.map((p) => `"${p}"`).join(' or ')}, got ${describe(o.phase)}`,
    );
  }
  if (!isSafeInteger(o.targetMs) || o.targetMs < 1) {
    throw problem(
      o,
      at('targetMs'),
      `expected a target of at least 1 business millisecond, got ${describe(o.targetMs)}`,
    );
  }
  if (!isSafeInteger(o.usedMs) || o.usedMs < 0 || (type === 'sla.started' && o.usedMs !== 0)) {
    throw problem(
      o,
      at('usedMs'),
      `expected the business milliseconds used (a whole number ≥ 0${type === 'sla.started' ? ', and 0 when a clock starts' : ''}), got ${describe(o.usedMs)}`,
    );
  }
  if (o.remainingMs !== o.targetMs - o.usedMs) {
    throw problem(
      o,
      at('remainingMs'),
      `expected targetMs − usedMs = ${o.targetMs - o.usedMs}, got ${describe(o.remainingMs)}`,
    );
  }
  if (o.phase === 'running' ? !isInstant(o.dueAt) : o.dueAt !== null) {
    throw problem(
      o,
      at('dueAt'),
      `expected ${o.phase === 'running' ? 'the due instant of a running clock' : 'null (only a running clock has a due instant)'}, got ${describe(o.dueAt)}`,
    );
  }
  if (o.status !== null && !isText(o.status))
    throw problem(o, at('status'), `expected a status or null, got ${describe(o.status)}`);
  if (!isText(o.priority))
    throw problem(o, at('priority'), `expected a priority, got ${describe(o.priority)}`);
  if (o.causedBy !== null && !isText(o.causedBy)) {
    throw problem(
      o,
      at('causedBy'),
      `expected the id of the ticket event that caused it, or null, got ${describe(o.causedBy)}`,
    );
  }
  if (type === 'sla.stopped' && !(OUTCOMES as readonly unknown[]).includes(o.outcome)) {
    throw problem(
      o,
      at('outcome'),
      `expected the outcome of a stopped clock: "met", "breached" or "cancelled", got ${describe(o.outcome)}`,
    );
  }
  if (
    type === 'sla.retargeted' &&
    (!isSafeInteger(o.previousTargetMs) ||
      o.previousTargetMs < 1 ||
      o.previousTargetMs === o.targetMs)
  ) {
    throw problem(
      o,
      at('previousTargetMs'),
      `expected the target before the change (at least 1 ms, other than targetMs), got ${describe(o.previousTargetMs)}`,
    );
  }
  const copy: Record<string, unknown> = {};
  for (const key of allowed) copy[key] = o[key];
  // Every field is a primitive: freezing the copy freezes it deeply.
  return Object.freeze(copy) as unknown as SlaEvent;
}

/**
 * A short fingerprint of an accepted event: enough to tell a faithful re-delivery from a
 * conflicting one without keeping the event. Two 32-bit FNV-1a lanes over the canonical JSON
 * give 53 bits: a conflicting re-delivery passes unnoticed with odds of about 1 in 10^16.
 */
function contentHash(event: SlaEvent): number {
  const text = canonicalJson(event);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

interface TicketTrack {
  /** Sequence numbers 1…hashes.length have been accepted. */
  readonly hashes: number[];
  lastAt: number;
}

/**
 * A streaming checker for the SLA event log of many tickets, interleaved, each ticket's events
 * in sequence order. Per ticket it keeps one number per accepted event and the last instant.
 *
 * @example
 * ```ts
 * const reader = createSlaLogReader();
 * for (const [i, row] of rows.entries()) {
 *   const event = reader.accept(row, `events[${i}]`);
 *   if (event !== undefined) totals.add(event);
 * }
 * ```
 */
export interface SlaLogReader {
  /**
   * The event if it is new; `undefined` for an exact re-delivery of an event already accepted
   * (same id, same content); INVALID_EVENT_LOG for a gap in a ticket's sequence, the same id
   * with other content, or an `at` earlier than the ticket's previous event.
   */
  accept(value: unknown, path: string): SlaEvent | undefined;
}

/**
 * A new {@link SlaLogReader} that has seen nothing yet.
 *
 * @example
 * ```ts
 * const reader = createSlaLogReader();
 * reader.accept(started, 'events[0]'); // the event
 * reader.accept(started, 'events[1]'); // undefined: delivered twice
 * ```
 */
export function createSlaLogReader(): SlaLogReader {
  const tickets = new Map<string, TicketTrack>();
  return {
    accept(value: unknown, path: string): SlaEvent | undefined {
      const event = readSlaEvent(value, path);
      const n = slaEventSequence(event, join(path, 'id'));
      const track = tickets.get(event.ticketId) ?? { hashes: [], lastAt: Number.NEGATIVE_INFINITY };
      const seen = track.hashes.length;
      const object = event as unknown as PlainObject;
      if (n <= seen) {
        if (track.hashes[n - 1] === contentHash(event)) return undefined;
        throw problem(
          object,
          path,
          `a second, different event with an id already in the log; an id names one event (a re-delivery must be identical)`,
        );
      }
      if (n > seen + 1) {
        throw problem(
          object,
          join(path, 'id'),
          seen === 0
            ? `the log of ticket "${event.ticketId}" starts at event ${n}; expected it to start at ${event.ticketId}/sla/1 (events 1–${n - 1} are missing)`
            : `a gap in the log of ticket "${event.ticketId}": expected ${event.ticketId}/sla/${seen + 1} next, got event ${n} (events ${seen + 1}–${n - 1} are missing)`,
        );
      }
      if (event.at < track.lastAt) {
        throw problem(
          object,
          join(path, 'at'),
          `out of order: at ${new Date(event.at).toISOString()} is earlier than the ticket's previous event (${new Date(track.lastAt).toISOString()}); a ticket's events never go back in time`,
        );
      }
      track.hashes.push(contentHash(event));
      track.lastAt = event.at;
      if (seen === 0) tickets.set(event.ticketId, track);
      return event;
    },
  };
}

/**
 * Reads a whole stored SLA event log (many tickets, interleaved) and returns each ticket's
 * events in sequence order, tickets in order of first appearance; exact re-deliveries are
 * dropped. A gap, a conflicting duplicate or an event out of order is INVALID_EVENT_LOG with
 * the path of the offending entry (`events[17]`).
 *
 * @example
 * ```ts
 * const byTicket = readSlaEventLog(await db.slaEvents.all());
 * for (const [ticketId, events] of byTicket) console.log(ticketId, events.length);
 * ```
 */
export function readSlaEventLog(
  events: Iterable<unknown>,
  path = 'events',
): ReadonlyMap<string, readonly SlaEvent[]> {
  if (
    typeof events !== 'object' ||
    events === null ||
    typeof (events as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function'
  ) {
    throw new PetSlaError(
      CODE,
      `expected a list (an iterable) of SLA events, got ${describe(events)}`,
      path,
    );
  }
  const reader = createSlaLogReader();
  const byTicket = new Map<string, SlaEvent[]>();
  let i = 0;
  for (const value of events) {
    const event = reader.accept(value, join(path, i));
    i += 1;
    if (event === undefined) continue;
    const list = byTicket.get(event.ticketId);
    if (list === undefined) byTicket.set(event.ticketId, [event]);
    else list.push(event);
  }
  for (const list of byTicket.values()) Object.freeze(list);
  return byTicket;
}
