import { describe, PetSlaError, rethrowing } from '../../errors.js';
import {
  addBusinessMillis,
  type Calendar,
  type InstantInput,
  type Interval,
  nextCheckAt,
  openIntervals,
  SLA_METRICS,
  type SlaEvent,
  type SlaMetric,
  type TicketSlaState,
  toSnapshot,
} from '../../index.js';
import { deepFreeze, expectKnownKeys, expectObject, isPlainObject } from '../../shared/read.js';
import { readSlaEventLog } from '../shared/event-log.js';
import { readInstantArgument } from '../shared/instant.js';
import type {
  DueComputation,
  ExplainedBreach,
  ExplainedInterval,
  SlaExplanation,
  TargetChange,
} from './types.js';

/**
 * Options of {@link explainSla}. The SLA events do not say which calendar they were computed
 * with; the ticket's state does. Pass the state to have a calendar other than the pinned one
 * refused outright; without it, a wrong calendar is still refused wherever it would change a
 * number the log records (used time, due instants).
 *
 * @example
 * ```ts
 * const options: ExplainOptions = { calendar: parseSnapshot(pinnedSnapshot), state, now: Date.now() };
 * ```
 */
export interface ExplainOptions {
  /** The calendar (or snapshot) the ticket was bound with. */
  readonly calendar: Calendar;
  /** The instant to explain the clock at; default the log's last event. Later events are left out. */
  readonly now?: InstantInput;
  /** The ticket's stored SLA state: its pinned calendar fingerprint must be the calendar's. */
  readonly state?: TicketSlaState;
}

const CODE = 'INVALID_EVENT_LOG';
const iso = (t: number): string => new Date(t).toISOString();

function readCalendar(value: unknown): Calendar {
  if (!isPlainObject(value) || !('schema' in value)) {
    throw new PetSlaError(
      'INVALID_CALENDAR',
      `expected the calendar the ticket was bound with (a calendar or its snapshot), got ${describe(value)}`,
      'calendar',
    );
  }
  return rethrowing(
    () => toSnapshot(value as unknown as Calendar),
    (error) => ({ path: error.path === undefined ? 'calendar' : `calendar.${error.path}` }),
  );
}

/** The stored state, when given, must be this ticket's and pin this very calendar. */
function checkAgainstState(
  value: unknown,
  calendar: Calendar,
  ticketId: string,
  logLength: number,
): void {
  // nextCheckAt reads nothing but the state, so it validates it (INVALID_STATE) and no more.
  rethrowing(
    () => nextCheckAt(value as TicketSlaState),
    (error) => ({ path: error.path === undefined ? 'state' : `state.${error.path}` }),
  );
  const state = value as TicketSlaState;
  if (state.ticketId !== ticketId) {
    throw new PetSlaError(
      'INVALID_STATE',
      `the state is ticket "${state.ticketId}"'s, the events ticket "${ticketId}"'s; expected the state of the ticket explained`,
      'state.ticketId',
    );
  }
  const pinned = state.calendar;
  if (pinned.fingerprint !== calendar.fingerprint) {
    throw new PetSlaError(
      'CALENDAR_MISMATCH',
      `ticket ${ticketId} is bound to calendar "${pinned.id}" version ${pinned.version} (fingerprint ${pinned.fingerprint.slice(0, 12)}…), not "${calendar.id}" version ${calendar.version} (${calendar.fingerprint.slice(0, 12)}…); pass the snapshot pinned in the state`,
      'calendar',
    );
  }
  if (state.emitted < logLength) {
    throw new PetSlaError(
      CODE,
      `the log holds ${logLength} events of ticket ${ticketId} but its state has emitted only ${state.emitted}; expected the log and the state of the same ticket history`,
      'events',
    );
  }
}

function oneTicket(list: readonly unknown[]): readonly SlaEvent[] {
  const byTicket = readSlaEventLog(list, 'events');
  if (byTicket.size === 0) {
    throw new PetSlaError(
      CODE,
      "an empty log; expected the ticket's SLA events from its first (<ticketId>/sla/1) on",
      'events',
    );
  }
  const [[ticketId, events]] = [...byTicket] as [[string, readonly SlaEvent[]]];
  if (byTicket.size > 1) {
    const i = list.findIndex((e) => (e as { ticketId?: unknown }).ticketId !== ticketId);
    throw new PetSlaError(
      CODE,
      `events of ${byTicket.size} tickets (${[...byTicket.keys()].map((k) => `"${k}"`).join(', ')}); expected the events of one ticket`,
      `events[${i}]`,
    );
  }
  return events;
}

const counted = (open: readonly Interval[]): number =>
  open.reduce((sum, { start, end }) => sum + (end - start), 0);

/**
 * Explains one metric's SLA clock of one ticket from the SLA events it emitted: every stretch of
 * the clock's life with the calendar's open intervals it counted, every target change, how each
 * due instant was reached and the breach, as of `now` (default: the log's last event).
 * Σ `intervals[].countedMs` is the clock's used time. It recomputes every number the log
 * records with the calendar and refuses a log that disagrees: `CALENDAR_MISMATCH` where the
 * calendar is not the one the events were computed with, `INVALID_EVENT_LOG` for a log that is
 * not one ticket's complete, ordered history (see docs/disputes.md).
 *
 * @example
 * ```ts
 * const log = await db.slaEvents.forTicket('T-1042'); // every SLA event, from T-1042/sla/1
 * const explanation = explainSla(log, 'resolution', { calendar: pinned, state });
 * explanation.intervals.reduce((sum, i) => sum + i.countedMs, 0) === explanation.usedMs; // true
 * ```
 */
export function explainSla(
  events: readonly unknown[],
  metric: SlaMetric,
  options: ExplainOptions,
): SlaExplanation {
  const object = expectObject(
    options,
    'options',
    'INVALID_CALENDAR',
    'options { calendar, now?, state? }',
  );
  expectKnownKeys(object, ['calendar', 'now', 'state'], '', 'INVALID_CALENDAR');
  const calendar = readCalendar(object.calendar);
  if (!(SLA_METRICS as readonly unknown[]).includes(metric)) {
    throw new PetSlaError(
      CODE,
      `expected the metric to explain ("firstResponse" or "resolution"), got ${describe(metric)}`,
      'metric',
    );
  }
  const list =
    typeof events === 'object' &&
    events !== null &&
    typeof (events as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function'
      ? Array.from(events as Iterable<unknown>)
      : events;
  const log = oneTicket(list as readonly unknown[]);
  const first = log[0] as SlaEvent;
  const last = log[log.length - 1] as SlaEvent;
  if (object.state !== undefined)
    checkAgainstState(object.state, calendar, first.ticketId, log.length);
  const now = object.now === undefined ? last.at : readInstantArgument(object.now, 'now');

  const pathOf = (event: SlaEvent): string =>
    `events[${(list as readonly unknown[]).findIndex((e) => (e as { id?: unknown }).id === event.id)}]`;
  const mine = log.filter((e) => e.metric === metric);
  if (mine.length === 0) {
    throw new PetSlaError(
      CODE,
      `ticket ${first.ticketId} never had a ${metric} clock (no sla.started for it in the log); expected a metric its priority targeted`,
      'metric',
    );
  }
  const clock = mine.filter((e) => e.at <= now);
  const start = mine[0] as SlaEvent;
  if (clock.length === 0) {
    throw new PetSlaError(
      'OUT_OF_ORDER_EVENT',
      `now (${iso(now)}) is before the ${metric} clock started (${iso(start.at)}); expected an instant at or after it`,
      'now',
    );
  }
  if (start.type !== 'sla.started' || start.usedMs !== 0) {
    throw new PetSlaError(
      CODE,
      `the ${metric} clock's first event is ${start.type} with ${start.usedMs} ms used; expected sla.started with nothing used`,
      pathOf(start),
    );
  }

  const mismatch = (event: SlaEvent, field: string, logged: unknown, computed: unknown) =>
    new PetSlaError(
      'CALENDAR_MISMATCH',
      `${event.id} records ${field} ${String(logged)}, but on calendar "${calendar.id}" version ${calendar.version} (fingerprint ${calendar.fingerprint.slice(0, 12)}…) it is ${String(computed)}; expected the calendar the events were computed with (the one pinned in the ticket's state), and an unaltered log`,
      `${pathOf(event)}.${field}`,
    );

  const intervals: ExplainedInterval[] = [];
  const targetChanges: TargetChange[] = [];
  const dues: DueComputation[] = [];
  let breach: ExplainedBreach | null = null;

  const computeDue = (event: SlaEvent): DueComputation => {
    const remainderMs = Math.max(0, event.targetMs - event.usedMs);
    const dueAt = addBusinessMillis(calendar, event.at, remainderMs);
    return {
      since: event.at,
      usedAtSince: event.usedMs,
      targetMs: event.targetMs,
      remainderMs,
      dueAt,
      open: openIntervals(calendar, event.at, dueAt),
      until: null,
      event: event.id,
    };
  };
  const endDue = (at: number): void => {
    const current = dues.at(-1);
    if (current !== undefined && current.until === null)
      dues[dues.length - 1] = { ...current, until: at };
  };
  const push = (event: SlaEvent | null, from: number, to: number, base: SlaEvent, used: number) => {
    if (to <= from) return;
    const open = base.phase === 'running' ? openIntervals(calendar, from, to) : [];
    intervals.push({
      from,
      to,
      phase: base.phase,
      countedMs: counted(open),
      open,
      targetMs: base.targetMs,
      usedAtFrom: used,
      status: base.status,
      priority: base.priority,
      overdue: breach !== null && breach.at <= from,
      startedBy: event === null ? null : event.id,
    });
  };

  let used = 0;
  clock.forEach((event, i) => {
    const previous = i === 0 ? null : (clock[i - 1] as SlaEvent);
    if (previous !== null) {
      if (event.at < previous.at) {
        throw new PetSlaError(
          CODE,
          `${event.id} at ${iso(event.at)} is earlier than ${previous.id} (${iso(previous.at)}); expected the events in order`,
          `${pathOf(event)}.at`,
        );
      }
      const before = intervals.length;
      push(previous, previous.at, event.at, previous, used);
      used += intervals.slice(before).reduce((sum, interval) => sum + interval.countedMs, 0);
    }
    if (event.usedMs !== used) throw mismatch(event, 'usedMs', event.usedMs, used);
    if (event.type === 'sla.retargeted') {
      targetChanges.push({
        at: event.at,
        fromMs: event.previousTargetMs,
        toMs: event.targetMs,
        priority: event.priority,
        event: event.id,
      });
    }
    if (event.type === 'sla.breached') {
      if (breach !== null) {
        throw new PetSlaError(
          CODE,
          `${event.id} reports a second breach of the ${metric} clock (the first: ${breach.reportedBy}); a breach is reported once`,
          pathOf(event),
        );
      }
      // At a passed due instant exactly the target is used; more than that means a new target
      // fell below the time already used.
      const lowered = event.usedMs > event.targetMs;
      const current = dues.at(-1);
      const passed =
        !lowered && current !== undefined && current.until === null && current.dueAt === event.at
          ? current
          : null;
      if (passed === null && !lowered) {
        throw new PetSlaError(
          CODE,
          `${event.id} reports a breach at ${iso(event.at)}, which is neither the due instant of a running clock nor a target below the ${event.usedMs} ms used; expected the log as the clock emitted it`,
          pathOf(event),
        );
      }
      breach = {
        at: event.at,
        cause: passed === null ? 'target-lowered' : 'due-passed',
        due: passed,
        usedMs: event.usedMs,
        targetMs: event.targetMs,
        reportedBy: event.id,
      };
      return;
    }
    endDue(event.at);
    if (event.phase === 'running') {
      const due = computeDue(event);
      if (event.dueAt !== due.dueAt) throw mismatch(event, 'dueAt', event.dueAt, due.dueAt);
      // Two changes at one instant (a reopening and its new target): the later one stands.
      if (dues.at(-1)?.since === event.at) dues.pop();
      dues.push(due);
    }
  });

  // From the last change to `now`: a running clock may have passed its due instant since.
  const lastEvent = clock[clock.length - 1] as SlaEvent;
  const current = dues.at(-1);
  const running = lastEvent.phase === 'running' && current !== undefined && current.until === null;
  const before = intervals.length;
  if (running && breach === null && current.dueAt < now && current.dueAt >= lastEvent.at) {
    push(lastEvent, lastEvent.at, current.dueAt, lastEvent, used);
    const usedAtDue = used + intervals.slice(before).reduce((s, x) => s + x.countedMs, 0);
    breach = {
      at: current.dueAt,
      cause: 'due-passed',
      due: current,
      usedMs: usedAtDue,
      targetMs: current.targetMs,
      reportedBy: null,
    };
    push(null, current.dueAt, now, lastEvent, usedAtDue);
  } else {
    push(lastEvent, lastEvent.at, now, lastEvent, used);
  }
  used += intervals.slice(before).reduce((sum, interval) => sum + interval.countedMs, 0);

  const explanation: SlaExplanation = {
    ticketId: first.ticketId,
    metric,
    calendar: {
      id: calendar.id,
      name: calendar.name ?? null,
      version: calendar.version,
      fingerprint: calendar.fingerprint,
      zone: calendar.zone,
    },
    startedAt: start.at,
    now,
    phase: lastEvent.phase,
    targetMs: lastEvent.targetMs,
    usedMs: used,
    remainingMs: lastEvent.targetMs - used,
    // A stopped clock's last event is its sla.stopped: nothing else happens to a stopped clock.
    outcome: lastEvent.type === 'sla.stopped' ? lastEvent.outcome : null,
    intervals,
    targetChanges,
    dues,
    due: running ? (current as DueComputation) : null,
    breach,
    events: clock.map((e) => e.id),
  };
  return deepFreeze(explanation);
}
