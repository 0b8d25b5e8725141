import { describe, PetSlaError } from '../../errors.js';
import {
  MAX_INSTANT,
  MIN_INSTANT,
  SLA_METRICS,
  type SlaEvent,
  type SlaEventType,
} from '../../index.js';
import { isPlainObject, join, type PlainObject } from '../../shared/read.js';

// Reading the host's stored log of SLA events. The advanced layer trusts nothing it is handed:
// a log read back from a database may have lost an event, gained a forged one, or been sorted
// badly, and every capability built on it would then report wrong numbers without a word.

const CODE = 'INVALID_EVENT_LOG';

type Phase = SlaEvent['phase'];

/** What the reader knows about each type of event: its phases and the keys it may carry. */
interface TypeRule {
  readonly type: SlaEventType;
  /** Its place in the digest. */
  readonly rank: number;
  /** The phases it can carry (the clock's phase just after the change). */
  readonly phases: readonly Phase[];
  readonly keys: ReadonlySet<string>;
}

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
const EXTRA_KEY: Partial<Record<SlaEventType, string>> = {
  'sla.stopped': 'outcome',
  'sla.retargeted': 'previousTargetMs',
};
// A Map, not an object: a type named like a prototype key ("toString") must not be found.
const RULES: ReadonlyMap<unknown, TypeRule> = new Map(
  TYPES.map((type, rank) => {
    const extra = EXTRA_KEY[type];
    const keys = new Set<string>(COMMON_KEYS);
    if (extra !== undefined) keys.add(extra);
    return [type, { type, rank, phases: PHASES_OF[type], keys }];
  }),
);
const OUTCOMES = ['met', 'breached', 'cancelled'] as const;
const RANK_OF: ReadonlyMap<unknown, number> = new Map<unknown, number>([
  ...SLA_METRICS.map((metric, i): [string, number] => [metric, i]),
  ...(['running', 'paused', 'stopped'] as const).map((phase, i): [string, number] => [phase, i]),
  ...OUTCOMES.map((outcome, i): [string, number] => [outcome, i]),
]);

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

const SLASH_SLA_SLASH = '/sla/';

/**
 * n of `<ticketId>/sla/<n>` (n ≥ 1 without leading zeros, a safe integer), or 0 when the id is
 * not of that form. Read digit by digit: this runs once per event of a log.
 */
function sequenceOf(id: unknown, ticketId: unknown): number {
  if (typeof id !== 'string' || !isText(ticketId)) return 0;
  const first = ticketId.length + SLASH_SLA_SLASH.length;
  if (
    id.length <= first ||
    !id.startsWith(ticketId) ||
    !id.startsWith(SLASH_SLA_SLASH, ticketId.length)
  )
    return 0;
  if (id.charCodeAt(first) === 48) return 0; // a leading zero
  let n = 0;
  for (let i = first; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return 0;
    n = n * 10 + digit;
  }
  return Number.isSafeInteger(n) ? n : 0;
}

function badSequence(object: PlainObject, path: string): PetSlaError {
  return problem(
    object,
    path,
    `expected an id of the form "<ticketId>/sla/<n>" with n a whole number from 1 (as the clock numbers the events it emits), got ${describe(object.id)}`,
  );
}

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
  const n = sequenceOf(object.id, object.ticketId);
  if (n === 0) throw badSequence(object, path);
  return n;
}

/** The checks of {@link readSlaEvent}; returns the event's type rule (and throws otherwise). */
function checkSlaEvent(value: unknown, path: string): TypeRule {
  if (!isPlainObject(value)) {
    throw new PetSlaError(
      CODE,
      `expected an SLA event emitted by pet-sla (a plain object), got ${describe(value)}`,
      path,
    );
  }
  const o = value;
  const rule = RULES.get(o.type);
  if (rule === undefined) {
    throw problem(
      o,
      join(path, 'type'),
      `expected a type among ${TYPES.map((t) => `"${t}"`).join(', ')}, got ${describe(o.type)}`,
    );
  }
  const { type, keys } = rule;
  for (const key in o) {
    if (!keys.has(key)) {
      throw problem(
        o,
        join(path, key),
        `unknown key "${key}" on a ${type} event; expected only ${[...keys].map((k) => `"${k}"`).join(', ')}`,
      );
    }
  }
  if (!isText(o.ticketId)) {
    throw problem(
      o,
      join(path, 'ticketId'),
      `expected a non-empty ticket id, got ${describe(o.ticketId)}`,
    );
  }
  if (sequenceOf(o.id, o.ticketId) === 0) throw badSequence(o, join(path, 'id'));
  if (!SLA_METRICS.includes(o.metric as SlaEvent['metric'])) {
    throw problem(
      o,
      join(path, 'metric'),
      `expected a metric among ${SLA_METRICS.map((m) => `"${m}"`).join(', ')}, got ${describe(o.metric)}`,
    );
  }
  if (!isInstant(o.at)) {
    throw problem(
      o,
      join(path, 'at'),
      `expected an instant (whole epoch milliseconds from 1900 to 2200), got ${describe(o.at)}`,
    );
  }
  const { phases } = rule;
  if (!phases.includes(o.phase as Phase)) {
    throw problem(
      o,
      join(path, 'phase'),
      `expected the phase of a clock after ${type}: ${phases.map((p) => `"${p}"`).join(' or ')}, got ${describe(o.phase)}`,
    );
  }
  if (!isSafeInteger(o.targetMs) || o.targetMs < 1) {
    throw problem(
      o,
      join(path, 'targetMs'),
      `expected a target of at least 1 business millisecond, got ${describe(o.targetMs)}`,
    );
  }
  if (!isSafeInteger(o.usedMs) || o.usedMs < 0 || (type === 'sla.started' && o.usedMs !== 0)) {
    throw problem(
      o,
      join(path, 'usedMs'),
      `expected the business milliseconds used (a whole number ≥ 0${type === 'sla.started' ? ', and 0 when a clock starts' : ''}), got ${describe(o.usedMs)}`,
    );
  }
  if (o.remainingMs !== o.targetMs - o.usedMs) {
    throw problem(
      o,
      join(path, 'remainingMs'),
      `expected targetMs − usedMs = ${o.targetMs - o.usedMs}, got ${describe(o.remainingMs)}`,
    );
  }
  if (o.phase === 'running' ? !isInstant(o.dueAt) : o.dueAt !== null) {
    throw problem(
      o,
      join(path, 'dueAt'),
      `expected ${o.phase === 'running' ? 'the due instant of a running clock' : 'null (only a running clock has a due instant)'}, got ${describe(o.dueAt)}`,
    );
  }
  if (o.status !== null && !isText(o.status)) {
    throw problem(o, join(path, 'status'), `expected a status or null, got ${describe(o.status)}`);
  }
  if (!isText(o.priority)) {
    throw problem(o, join(path, 'priority'), `expected a priority, got ${describe(o.priority)}`);
  }
  if (o.causedBy !== null && !isText(o.causedBy)) {
    throw problem(
      o,
      join(path, 'causedBy'),
      `expected the id of the ticket event that caused it, or null, got ${describe(o.causedBy)}`,
    );
  }
  if (type === 'sla.stopped' && !OUTCOMES.includes(o.outcome as (typeof OUTCOMES)[number])) {
    throw problem(
      o,
      join(path, 'outcome'),
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
      join(path, 'previousTargetMs'),
      `expected the target before the change (at least 1 ms, other than targetMs), got ${describe(o.previousTargetMs)}`,
    );
  }
  return rule;
}

/** A frozen private copy of a checked event, its keys in one fixed order. */
function copyOf(o: PlainObject, type: SlaEventType): SlaEvent {
  const common = {
    id: o.id,
    type,
    ticketId: o.ticketId,
    metric: o.metric,
    at: o.at,
    phase: o.phase,
    targetMs: o.targetMs,
    usedMs: o.usedMs,
    remainingMs: o.remainingMs,
    dueAt: o.dueAt,
    status: o.status,
    priority: o.priority,
    causedBy: o.causedBy,
  };
  // Every field is a primitive: freezing the copy freezes it deeply.
  const copy =
    type === 'sla.stopped'
      ? { ...common, outcome: o.outcome }
      : type === 'sla.retargeted'
        ? { ...common, previousTargetMs: o.previousTargetMs }
        : common;
  return Object.freeze(copy) as unknown as SlaEvent;
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
  const rule = checkSlaEvent(value, path);
  return copyOf(value as PlainObject, rule.type);
}

// The content digest. Two 32-bit lanes, each a multiply–rotate mix (MurmurHash3's step) over
// the fields as 32-bit words, in one fixed order and without building text; a final avalanche
// on each. The lanes are kept in module variables so that hashing a field allocates nothing;
// they are reset at the start of every digest, which is never interrupted.
let laneA = 0;
let laneB = 0;

function mixWord(word: number): void {
  let a = Math.imul(word, 0xcc9e2d51);
  a = Math.imul((a << 15) | (a >>> 17), 0x1b873593);
  laneA ^= a;
  laneA = (Math.imul((laneA << 13) | (laneA >>> 19), 5) + 0xe6546b64) | 0;
  let b = Math.imul(word ^ 0x9e3779b9, 0x85ebca6b);
  b = Math.imul((b << 13) | (b >>> 19), 0xc2b2ae35);
  laneB ^= b;
  laneB = (Math.imul((laneB << 17) | (laneB >>> 15), 5) + 0x52dce729) | 0;
}

/** A safe integer as two words (a negative one too: the high word is then negative). */
function mixInteger(value: number): void {
  const high = Math.floor(value / 0x100000000);
  mixWord(value - high * 0x100000000);
  mixWord(high);
}

/** A string or null: its length (−1 for null) and then its UTF-16 code units. */
function mixText(value: unknown): void {
  if (typeof value !== 'string') {
    mixWord(-1);
    return;
  }
  mixWord(value.length);
  for (let i = 0; i < value.length; i++) mixWord(value.charCodeAt(i));
}

function avalanche(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A 53-bit digest of the content of a checked event: every field but `id` and `ticketId`
 * (the reader keys its memory by those, so they are equal whenever digests are compared) and
 * `remainingMs` (checked to be targetMs − usedMs). Two events that differ in anything else
 * differ in the digest except with odds of about 2⁻⁵³ (1 in 9·10¹⁵) per conflicting
 * duplicate; the digest is not a cryptographic one, so a log forged to collide on purpose
 * could pass, but a forger can as well write a consistent log.
 */
function contentDigest(o: PlainObject, rule: TypeRule): number {
  laneA = 0x3c6ef372;
  laneB = 0xa54ff53a;
  mixWord(rule.rank);
  mixWord(RANK_OF.get(o.metric) as number);
  mixWord(RANK_OF.get(o.phase) as number);
  mixInteger(o.at as number);
  mixInteger(o.targetMs as number);
  mixInteger(o.usedMs as number);
  mixInteger(o.dueAt === null ? -1 : (o.dueAt as number));
  mixText(o.status);
  mixText(o.priority);
  mixText(o.causedBy);
  if (rule.type === 'sla.stopped') mixWord(RANK_OF.get(o.outcome) as number);
  if (rule.type === 'sla.retargeted') mixInteger(o.previousTargetMs as number);
  return avalanche(laneA) * 0x200000 + (avalanche(laneB) & 0x1fffff);
}

/** A ticket's last accepted event, field by field (kept in place, not as the host's object). */
interface LastEvent {
  type: SlaEventType;
  metric: unknown;
  at: number;
  phase: unknown;
  targetMs: unknown;
  usedMs: unknown;
  dueAt: unknown;
  status: unknown;
  priority: unknown;
  causedBy: unknown;
  outcome: unknown;
  previousTargetMs: unknown;
}

interface TicketTrack {
  /** Digests of events 1…digests.length; the event after them, the last, is kept exactly. */
  readonly digests: number[];
  readonly last: LastEvent;
}

function remember(last: LastEvent, o: PlainObject, type: SlaEventType): void {
  last.type = type;
  last.metric = o.metric;
  last.at = o.at as number;
  last.phase = o.phase;
  last.targetMs = o.targetMs;
  last.usedMs = o.usedMs;
  last.dueAt = o.dueAt;
  last.status = o.status;
  last.priority = o.priority;
  last.causedBy = o.causedBy;
  last.outcome = o.outcome;
  last.previousTargetMs = o.previousTargetMs;
}

/** The content of a checked event is that of the last one, compared exactly. */
function sameContent(x: LastEvent, o: PlainObject): boolean {
  return (
    x.type === o.type &&
    x.metric === o.metric &&
    x.at === o.at &&
    x.phase === o.phase &&
    x.targetMs === o.targetMs &&
    x.usedMs === o.usedMs &&
    x.dueAt === o.dueAt &&
    x.status === o.status &&
    x.priority === o.priority &&
    x.causedBy === o.causedBy &&
    x.outcome === o.outcome &&
    x.previousTargetMs === o.previousTargetMs
  );
}

/**
 * A streaming checker for the SLA event log of many tickets, interleaved, each ticket's events
 * in sequence order. Per ticket it keeps its last event's fields and one number per earlier
 * event: a re-delivery of the last event is compared exactly, one of an earlier event by a
 * 53-bit digest of its content (a conflicting one passes unnoticed with odds of about 1 in
 * 9·10¹⁵; the digest is not cryptographic, so a log forged to collide on purpose could pass).
 *
 * @example
 * ```ts
 * const reader = createSlaLogReader();
 * for (const row of rows) {
 *   const event = reader.accept(row); // named events[i] in an error, i counted by the reader
 *   if (event !== undefined) totals.add(event);
 * }
 * ```
 */
export interface SlaLogReader {
  /**
   * The event (a frozen private copy) if it is new; `undefined` for an exact re-delivery of an
   * event already accepted (same id, same content); INVALID_EVENT_LOG for a gap in a ticket's
   * sequence, the same id with other content, or an `at` earlier than the ticket's previous
   * event. `path` names the entry in an error; by default `events[i]`, i the number of values
   * this reader was handed before (so a caller of a long log builds no path string per event).
   */
  accept(value: unknown, path?: string): SlaEvent | undefined;
  /**
   * As {@link SlaLogReader.accept}, but a new event is returned as the value itself, checked
   * and neither copied nor frozen: for a fold that reads its fields at once and keeps neither
   * the object nor a reference to it.
   */
  check(value: unknown, path?: string): SlaEvent | undefined;
}

class LogReader implements SlaLogReader {
  private readonly tickets = new Map<string, TicketTrack>();
  private count = 0;

  accept(value: unknown, path?: string): SlaEvent | undefined {
    const event = this.check(value, path);
    return event === undefined ? undefined : copyOf(value as PlainObject, event.type);
  }

  check(value: unknown, given?: string): SlaEvent | undefined {
    const index = this.count;
    this.count += 1;
    const path = given ?? `events[${index}]`;
    const rule = checkSlaEvent(value, path);
    const o = value as PlainObject;
    const ticketId = o.ticketId as string;
    const n = sequenceOf(o.id, ticketId);
    const track = this.tickets.get(ticketId);
    const seen = track === undefined ? 0 : track.digests.length + 1;
    if (track !== undefined && n <= seen) {
      const same =
        n === seen ? sameContent(track.last, o) : track.digests[n - 1] === contentDigest(o, rule);
      if (same) return undefined;
      throw problem(
        o,
        path,
        `a second, different event with an id already in the log; an id names one event (a re-delivery must be identical)`,
      );
    }
    if (n > seen + 1) {
      throw problem(
        o,
        join(path, 'id'),
        seen === 0
          ? `the log of ticket "${ticketId}" starts at event ${n}; expected it to start at ${ticketId}/sla/1 (events 1–${n - 1} are missing)`
          : `a gap in the log of ticket "${ticketId}": expected ${ticketId}/sla/${seen + 1} next, got event ${n} (events ${seen + 1}–${n - 1} are missing)`,
      );
    }
    if (track === undefined) {
      const last = {} as LastEvent;
      remember(last, o, rule.type);
      this.tickets.set(ticketId, { digests: [], last });
      return value as SlaEvent;
    }
    const { last } = track;
    if ((o.at as number) < last.at) {
      throw problem(
        o,
        join(path, 'at'),
        `out of order: at ${new Date(o.at as number).toISOString()} is earlier than the ticket's previous event (${new Date(last.at).toISOString()}); a ticket's events never go back in time`,
      );
    }
    track.digests.push(
      contentDigest(last as unknown as PlainObject, RULES.get(last.type) as TypeRule),
    );
    remember(last, o, rule.type);
    return value as SlaEvent;
  }
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
  return new LogReader();
}

/**
 * Checks that a log handed in is a list of entries at all (an array or another iterable);
 * INVALID_EVENT_LOG at `path` otherwise. The entries are the reader's business.
 *
 * @example
 * ```ts
 * expectSlaLog(events, 'events'); // then: for (const value of events) reader.check(value)
 * ```
 */
export function expectSlaLog(
  events: unknown,
  path = 'events',
): asserts events is Iterable<unknown> {
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
  expectSlaLog(events, path);
  const reader = createSlaLogReader();
  const byTicket = new Map<string, SlaEvent[]>();
  const named = path !== 'events';
  let i = 0;
  for (const value of events) {
    const event = reader.accept(value, named ? join(path, i) : undefined);
    i += 1;
    if (event === undefined) continue;
    const list = byTicket.get(event.ticketId);
    if (list === undefined) byTicket.set(event.ticketId, [event]);
    else list.push(event);
  }
  for (const list of byTicket.values()) Object.freeze(list);
  return byTicket;
}
