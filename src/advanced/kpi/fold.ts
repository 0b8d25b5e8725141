import { PetSlaError } from '../../errors.js';
import { type ClockPhase, SLA_METRICS, type SlaEvent, type SlaMetric } from '../../index.js';
import { createSlaLogReader, expectSlaLog } from '../shared/event-log.js';
import type { FoldSettings } from './options.js';

// The one pass over an SLA event log that decides what a KPI counts. It follows each clock
// through its events (tickets interleaved, each ticket in order), checks that the clock's
// story is one the clock could have told, and hands every counted fact to a sink: reports,
// summaries and credit statements are all sinks of this fold, so they never count apart.

/** A breach counted once in a clock's lifetime, at its instant. */
export interface BreachFact {
  readonly ticketId: string;
  readonly metric: SlaMetric;
  readonly priority: string;
  readonly at: number;
  readonly targetMs: number;
  readonly usedMs: number;
  /** The `sla.breached` event, or (inferred) the clock's last event, which carried the due instant. */
  readonly eventId: string;
  readonly inferred: boolean;
}

/** An `sla.stopped` event, with the ticket's elapsed time at it. */
export interface StopFact {
  readonly ticketId: string;
  readonly metric: SlaMetric;
  readonly priority: string;
  readonly outcome: 'met' | 'breached' | 'cancelled';
  readonly at: number;
  readonly targetMs: number;
  readonly usedMs: number;
  readonly elapsedMs: number;
  readonly eventId: string;
}

/** Receives what the fold counts, each with the index of its period. */
export interface FoldSink {
  breach(period: number, fact: BreachFact): void;
  stop(period: number, fact: StopFact): void;
  reopened(period: number, event: SlaEvent): void;
  /** A clock running or paused at the period's end (at `asOf` for a partial period). */
  open(period: number, metric: SlaMetric, priority: string, breached: boolean): void;
}

interface Clock {
  readonly metric: SlaMetric;
  phase: ClockPhase;
  dueAt: number | null;
  /** Its `sla.breached` has been seen. */
  breached: boolean;
  targetMs: number;
  priority: string;
  lastId: string;
  lastAt: number;
  /** Index of the first period end not yet passed by this clock's events. */
  next: number;
  /** Its figures up to `asOf` have been handed to the sink; later events are only checked. */
  settled: boolean;
}

interface Ticket {
  readonly firstAt: number;
  readonly counted: boolean;
  readonly clocks: (Clock | undefined)[];
}

const METRIC_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  SLA_METRICS.map((metric, i) => [metric, i]),
);

/** Which phases a clock may be in just before an event of each type. */
const BEFORE: Readonly<Record<string, readonly ClockPhase[]>> = {
  'sla.paused': ['running'],
  'sla.resumed': ['paused'],
  'sla.stopped': ['running', 'paused'],
  'sla.reopened': ['stopped'],
  'sla.retargeted': ['running', 'paused'],
  'sla.breached': ['running', 'paused'],
};

const iso = (t: number): string => new Date(t).toISOString();

/** `index` is the event's place in the log: its path is built only when something is wrong. */
function inconsistent(event: SlaEvent, index: number, message: string): PetSlaError {
  return new PetSlaError(
    'INVALID_EVENT_LOG',
    `SLA event "${event.id}" of ticket "${event.ticketId}" (${event.metric}): ${message}`,
    `events[${index}]`,
  );
}

/** The last index i with keys[i] ≤ t, or −1. */
function lastAtOrBefore(keys: readonly number[], t: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

class Fold {
  private readonly tickets = new Map<string, Ticket>();
  private readonly froms: number[];
  private readonly tos: number[];
  /** min(period end, asOf): where each period's end-of-period figures are taken. */
  private readonly cutoffs: number[];
  private readonly asOf: number;

  constructor(
    private readonly settings: FoldSettings,
    private readonly sink: FoldSink,
  ) {
    this.froms = settings.periods.map((p) => p.from);
    this.tos = settings.periods.map((p) => p.to);
    this.asOf = settings.asOf;
    this.cutoffs = this.tos.map((to) => Math.min(to, settings.asOf));
  }

  /** The period holding instant t, or −1 (empty periods hold nothing). */
  private periodOf(t: number): number {
    const k = lastAtOrBefore(this.froms, t);
    return k >= 0 && t < (this.tos[k] as number) ? k : -1;
  }

  private breachedBy(clock: Clock, cutoff: number): boolean {
    return (
      clock.breached || (clock.phase === 'running' && clock.dueAt !== null && clock.dueAt < cutoff)
    );
  }

  /** Hands over the end-of-period figures of every period whose end the clock passes by t. */
  private passEnds(clock: Clock, t: number): void {
    const { cutoffs } = this;
    if (clock.phase === 'stopped') {
      // A stopped clock is open at no period end: skip to the first end after t.
      clock.next = Math.max(clock.next, lastAtOrBefore(cutoffs, t) + 1);
      return;
    }
    while (clock.next < cutoffs.length && (cutoffs[clock.next] as number) <= t) {
      const cutoff = cutoffs[clock.next] as number;
      this.sink.open(clock.next, clock.metric, clock.priority, this.breachedBy(clock, cutoff));
      clock.next += 1;
    }
  }

  /** The clock's figures as of `asOf`: remaining period ends, and a breach the log has not reported yet. */
  private settle(clock: Clock, ticket: Ticket, ticketId: string): void {
    clock.settled = true;
    if (!ticket.counted) return;
    this.passEnds(clock, Number.POSITIVE_INFINITY);
    if (!clock.breached && clock.phase === 'running' && clock.dueAt !== null) {
      const due = clock.dueAt;
      const k = due < this.asOf ? this.periodOf(due) : -1;
      if (k >= 0) {
        this.sink.breach(k, {
          ticketId,
          metric: clock.metric,
          priority: clock.priority,
          at: due,
          targetMs: clock.targetMs,
          // A clock running from its last event reaches exactly its target at the due instant.
          usedMs: clock.targetMs,
          eventId: clock.lastId,
          inferred: true,
        });
      }
    }
  }

  accept(event: SlaEvent, index: number): void {
    let ticket = this.tickets.get(event.ticketId);
    if (ticket === undefined) {
      ticket = {
        firstAt: event.at,
        counted: !this.settings.exclude.has(event.ticketId),
        clocks: SLA_METRICS.map(() => undefined),
      };
      this.tickets.set(event.ticketId, ticket);
    }
    const m = METRIC_INDEX[event.metric] as number;
    // Every step of the clock reports the breaches it finds before anything else.
    for (const other of ticket.clocks) {
      if (
        other !== undefined &&
        !other.breached &&
        other.phase === 'running' &&
        (other.dueAt as number) < event.at &&
        !(event.type === 'sla.breached' && other.metric === event.metric)
      ) {
        throw inconsistent(
          event,
          index,
          `at ${iso(event.at)} the ${other.metric} clock is past its due instant (${iso(other.dueAt as number)}) but the log has no sla.breached for it; expected its sla.breached first`,
        );
      }
    }
    let clock = ticket.clocks[m];
    const counting = ticket.counted && event.at < this.asOf;
    if (clock !== undefined && !clock.settled) {
      if (event.at >= this.asOf) this.settle(clock, ticket, event.ticketId);
      else if (ticket.counted) this.passEnds(clock, event.at);
    }
    if (event.type === 'sla.started') {
      if (clock !== undefined) {
        throw inconsistent(event, index, 'a second sla.started for a clock that already exists');
      }
      clock = {
        metric: event.metric,
        phase: event.phase,
        dueAt: event.dueAt,
        breached: false,
        targetMs: event.targetMs,
        priority: event.priority,
        lastId: event.id,
        lastAt: event.at,
        next: lastAtOrBefore(this.cutoffs, event.at) + 1,
        settled: !counting,
      };
      ticket.clocks[m] = clock;
      return;
    }
    if (clock === undefined) {
      throw inconsistent(event, index, `a ${event.type} before the clock's sla.started`);
    }
    const allowed = BEFORE[event.type] as readonly ClockPhase[];
    if (!allowed.includes(clock.phase)) {
      throw inconsistent(
        event,
        index,
        `a ${event.type} for a clock that is ${clock.phase}; expected it only when ${allowed.join(' or ')}`,
      );
    }
    const emit = counting && !clock.settled;
    const k = emit ? this.periodOf(event.at) : -1;
    switch (event.type) {
      case 'sla.breached': {
        const expected = clock.phase === 'running' ? (clock.dueAt as number) : clock.lastAt;
        if (clock.breached || event.at !== expected) {
          throw inconsistent(
            event,
            index,
            clock.breached
              ? 'a second sla.breached for one clock; a clock breaches at most once'
              : `a breach at ${iso(event.at)}; expected it at ${iso(expected)}, ${clock.phase === 'running' ? 'the due instant' : 'the change that breached it'}`,
          );
        }
        clock.breached = true;
        if (k >= 0) {
          this.sink.breach(k, {
            ticketId: event.ticketId,
            metric: event.metric,
            priority: event.priority,
            at: event.at,
            targetMs: event.targetMs,
            usedMs: event.usedMs,
            eventId: event.id,
            inferred: false,
          });
        }
        break;
      }
      case 'sla.stopped': {
        const outcome = event.outcome as StopFact['outcome'];
        if ((outcome === 'breached') !== clock.breached) {
          throw inconsistent(
            event,
            index,
            clock.breached
              ? `outcome "${outcome}" for a clock that has breached; expected "breached"`
              : `outcome "breached" for a clock the log never reported breached; expected its sla.breached first`,
          );
        }
        if (k >= 0) {
          this.sink.stop(k, {
            ticketId: event.ticketId,
            metric: event.metric,
            priority: event.priority,
            outcome,
            at: event.at,
            targetMs: event.targetMs,
            usedMs: event.usedMs,
            elapsedMs: event.at - ticket.firstAt,
            eventId: event.id,
          });
        }
        break;
      }
      case 'sla.reopened':
        if (k >= 0) this.sink.reopened(k, event);
        break;
      case 'sla.retargeted':
        if (event.phase !== clock.phase) {
          throw inconsistent(
            event,
            index,
            `a retarget that changes the phase from ${clock.phase} to ${event.phase}; a retarget keeps the phase`,
          );
        }
        break;
      default:
        break;
    }
    clock.phase = event.phase;
    clock.dueAt = event.dueAt;
    clock.targetMs = event.targetMs;
    clock.priority = event.priority;
    clock.lastId = event.id;
    clock.lastAt = event.at;
  }

  finish(): void {
    for (const [ticketId, ticket] of this.tickets) {
      for (const clock of ticket.clocks) {
        if (clock !== undefined && !clock.settled) this.settle(clock, ticket, ticketId);
      }
    }
  }
}

/**
 * Runs the fold over a log (any iterable of untrusted values) and hands every counted fact to
 * `sink`. Bad or inconsistent logs are INVALID_EVENT_LOG naming the entry (`events[17]`), the
 * ticket and the event id.
 */
export function foldSlaLog(
  events: Iterable<unknown>,
  settings: FoldSettings,
  sink: FoldSink,
): void {
  expectSlaLog(events, 'events');
  const reader = createSlaLogReader();
  const fold = new Fold(settings, sink);
  let i = 0;
  for (const value of events) {
    const event = reader.check(value);
    if (event !== undefined) fold.accept(event, i);
    i += 1;
  }
  fold.finish();
}
