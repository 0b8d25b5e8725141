import { describe, PetSlaError } from '../../errors.js';
import { type Interval, MAX_INSTANT, MIN_INSTANT, SLA_METRICS } from '../../index.js';
import { deepFreeze, isPlainObject, join, type PlainObject } from '../../shared/read.js';
import type { SlaExplanation } from './types.js';

// The renderers accept an explanation read back from storage, so they check its shape first:
// a renderer must never draw NaN or crash on a field that is missing.

const CODE = 'INVALID_EVENT_LOG';
const PHASES = ['running', 'paused', 'stopped'];

function fail(path: string, what: string, value: unknown): never {
  throw new PetSlaError(
    CODE,
    `expected ${what} in an explanation from explainSla, got ${describe(value)}`,
    path,
  );
}

function object(value: unknown, path: string): PlainObject {
  return isPlainObject(value) ? value : fail(path, 'an object', value);
}

function instant(value: unknown, path: string): number {
  return typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= MIN_INSTANT &&
    value < MAX_INSTANT
    ? value
    : fail(path, 'an instant (epoch ms, 1900–2200)', value);
}

function millis(value: unknown, path: string): number {
  return typeof value === 'number' && Number.isSafeInteger(value)
    ? value
    : fail(path, 'a whole number of milliseconds', value);
}

function text(value: unknown, path: string, nullable = false): void {
  if (!(typeof value === 'string' || (nullable && value === null)))
    fail(path, nullable ? 'a string or null' : 'a string', value);
}

function list(value: unknown, path: string): readonly unknown[] {
  return Array.isArray(value) ? value : fail(path, 'a list', value);
}

function intervals(value: unknown, path: string): void {
  list(value, path).forEach((item, i) => {
    const o = object(item, join(path, i)) as Partial<Interval>;
    const start = instant(o.start, join(join(path, i), 'start'));
    if (instant(o.end, join(join(path, i), 'end')) < start)
      fail(join(join(path, i), 'end'), 'an end not before the start', o.end);
  });
}

function due(value: unknown, path: string): void {
  const o = object(value, path);
  instant(o.since, join(path, 'since'));
  instant(o.dueAt, join(path, 'dueAt'));
  for (const key of ['usedAtSince', 'targetMs', 'remainderMs']) millis(o[key], join(path, key));
  intervals(o.open, join(path, 'open'));
  if (o.until !== null) instant(o.until, join(path, 'until'));
  text(o.event, join(path, 'event'));
}

/** Checks an explanation (perhaps read back from JSON) and returns a frozen private copy. */
export function readExplanation(value: unknown, path = 'explanation'): SlaExplanation {
  const x = object(value, path);
  text(x.ticketId, join(path, 'ticketId'));
  if (!(SLA_METRICS as readonly unknown[]).includes(x.metric))
    fail(join(path, 'metric'), '"firstResponse" or "resolution"', x.metric);
  const calendar = object(x.calendar, join(path, 'calendar'));
  for (const key of ['id', 'fingerprint', 'zone'])
    text(calendar[key], join(join(path, 'calendar'), key));
  text(calendar.name, join(join(path, 'calendar'), 'name'), true);
  millis(calendar.version, join(join(path, 'calendar'), 'version'));
  const startedAt = instant(x.startedAt, join(path, 'startedAt'));
  if (instant(x.now, join(path, 'now')) < startedAt)
    fail(join(path, 'now'), 'an instant not before startedAt', x.now);
  if (!PHASES.includes(x.phase as string)) fail(join(path, 'phase'), 'a clock phase', x.phase);
  for (const key of ['targetMs', 'usedMs', 'remainingMs']) millis(x[key], join(path, key));
  text(x.outcome, join(path, 'outcome'), true);
  list(x.intervals, join(path, 'intervals')).forEach((item, i) => {
    const at = join(join(path, 'intervals'), i);
    const o = object(item, at);
    if (instant(o.to, join(at, 'to')) < instant(o.from, join(at, 'from')))
      fail(join(at, 'to'), 'an end not before the start', o.to);
    if (!PHASES.includes(o.phase as string)) fail(join(at, 'phase'), 'a clock phase', o.phase);
    for (const key of ['countedMs', 'targetMs', 'usedAtFrom']) millis(o[key], join(at, key));
    intervals(o.open, join(at, 'open'));
    text(o.status, join(at, 'status'), true);
    text(o.priority, join(at, 'priority'));
    text(o.startedBy, join(at, 'startedBy'), true);
    if (typeof o.overdue !== 'boolean') fail(join(at, 'overdue'), 'true or false', o.overdue);
  });
  list(x.targetChanges, join(path, 'targetChanges')).forEach((item, i) => {
    const at = join(join(path, 'targetChanges'), i);
    const o = object(item, at);
    instant(o.at, join(at, 'at'));
    millis(o.fromMs, join(at, 'fromMs'));
    millis(o.toMs, join(at, 'toMs'));
    text(o.priority, join(at, 'priority'));
    text(o.event, join(at, 'event'));
  });
  list(x.dues, join(path, 'dues')).forEach((item, i) => {
    due(item, join(join(path, 'dues'), i));
  });
  if (x.due !== null) due(x.due, join(path, 'due'));
  if (x.breach !== null) {
    const at = join(path, 'breach');
    const o = object(x.breach, at);
    instant(o.at, join(at, 'at'));
    if (o.cause !== 'due-passed' && o.cause !== 'target-lowered')
      fail(join(at, 'cause'), '"due-passed" or "target-lowered"', o.cause);
    if (o.due !== null) due(o.due, join(at, 'due'));
    millis(o.usedMs, join(at, 'usedMs'));
    millis(o.targetMs, join(at, 'targetMs'));
    text(o.reportedBy, join(at, 'reportedBy'), true);
  }
  list(x.events, join(path, 'events')).forEach((id, i) => {
    text(id, join(join(path, 'events'), i));
  });
  return deepFreeze(JSON.parse(JSON.stringify(x)) as SlaExplanation);
}
