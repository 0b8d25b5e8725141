import { businessMillisBetween } from '../calendar/business-between.js';
import { MS_PER_DAY } from '../calendar/civil.js';
import { applyEvent } from '../clock/apply-event.js';
import { checkBreaches } from '../clock/check-breaches.js';
import { nextCheckAt } from '../clock/next-check-at.js';
import { replay } from '../clock/replay.js';
import { type SlaStatus, slaStatus } from '../clock/sla-status.js';
import { type SlaBinding, startSla } from '../clock/start-sla.js';
import type {
  ClockOptions,
  SlaEvent,
  SlaTransition,
  TicketEvent,
  TicketSlaState,
} from '../clock/types.js';
import { PetSlaError } from '../errors.js';
import { SLA_METRICS, type SlaMetric } from '../sla/types.js';
import { canonical, instantOf, iso, LawError, roundTrip } from './law-support.js';
import type { TicketStory } from './sla-arbitraries.js';

// The laws of the ticket SLA clock (docs/sla.md §5–§7) as plain functions that a host can run
// against the library or its own wrappers.

/**
 * The clock functions the laws exercise: the library's by default, or a host's wrappers
 * (e.g. ones that store the state in a database between calls).
 *
 * @example
 * ```ts
 * const viaDatabase: ClockApi = {
 *   ...libraryClock,
 *   applyEvent: (state, event, options) => {
 *     const next = applyEvent(load(save(state)), event, options);
 *     return { state: load(save(next.state)), events: next.events };
 *   },
 * };
 * checkClockLaws(story, { api: viaDatabase });
 * ```
 */
export interface ClockApi {
  /** As the library's `startSla`. */
  readonly startSla: (binding: SlaBinding) => SlaTransition;
  /** As the library's `applyEvent`. */
  readonly applyEvent: (
    state: TicketSlaState,
    event: TicketEvent,
    options: ClockOptions,
  ) => SlaTransition;
  /** As the library's `checkBreaches`. */
  readonly checkBreaches: (
    state: TicketSlaState,
    now: number,
    options: ClockOptions,
  ) => SlaTransition;
  /** As the library's `nextCheckAt`. */
  readonly nextCheckAt: (state: TicketSlaState) => number | null;
  /** As the library's `slaStatus`. */
  readonly slaStatus: (state: TicketSlaState, now: number, options: ClockOptions) => SlaStatus;
  /** As the library's `replay`. */
  readonly replay: (binding: SlaBinding, events: readonly TicketEvent[]) => SlaTransition;
}

const LIBRARY_CLOCK: ClockApi = {
  startSla,
  applyEvent,
  checkBreaches,
  nextCheckAt,
  slaStatus,
  replay,
};

/**
 * The laws {@link checkClockLaws} checks; pass a subset as `options.laws` to check only those.
 *
 * @example
 * ```ts
 * for (const law of CLOCK_LAWS) checkClockLaws(story, { laws: [law] });
 * ```
 */
export const CLOCK_LAWS = Object.freeze([
  /** The same history twice gives the same state and the same events, ids included. */
  'deterministic',
  /** `replay(binding, events)` equals `startSla` then `applyEvent` step by step. */
  'replay-is-stepwise',
  /** Storing the state as JSON between every step changes nothing. */
  'json-round-trip',
  /** Re-applying an applied event is a no-op: no events, the same state. */
  'duplicate-is-no-op',
  /** Emitted ids are unique and each metric's breach is reported at most once. */
  'breach-reported-once',
  /**
   * Emitted ids count `<ticketId>/sla/1, 2, …` in the order emitted, and `at` never decreases
   * (breaches found together come by instant, then metric), also with a late `checkBreaches`.
   */
  'events-in-order',
  /** Running with a timer at every `nextCheckAt` reports the same breaches as without. */
  'timer-equivalence',
  /** `checkBreaches` emits nothing before `nextCheckAt` and a breach exactly at it. */
  'next-check-at-exact',
  /** An event at a clock's `dueAt` is in time; one millisecond later finds it breached. */
  'due-instant-in-time',
  /** Used time never decreases and never exceeds the business time since creation. */
  'used-within-elapsed',
  /** A stopped clock keeps its outcome and used time until an `sla.reopened`. */
  'stopped-outcome-stable',
  /** Every emitted event shows the clock as `slaStatus` reports it at the event's instant. */
  'events-match-status',
  /**
   * `slaStatus` answers the same whether or not `checkBreaches` ran before it: breach is a
   * fact of the history. (It may refuse instants a reported breach already covers.)
   */
  'status-independent-of-checks',
] as const);

/**
 * One of {@link CLOCK_LAWS}.
 *
 * @example
 * ```ts
 * const laws: ClockLaw[] = ['replay-is-stepwise', 'json-round-trip'];
 * checkClockLaws(story, { laws });
 * ```
 */
export type ClockLaw = (typeof CLOCK_LAWS)[number];

/**
 * Thrown by {@link checkClockLaws}: which law failed, for which ticket and after which event.
 *
 * @example
 * ```ts
 * try {
 *   checkClockLaws(story);
 * } catch (e) {
 *   if (e instanceof ClockLawError) console.log(e.law, e.message);
 * }
 * ```
 */
export class ClockLawError extends LawError<ClockLaw> {
  constructor(law: ClockLaw, message: string) {
    super('clock', law, message);
    this.name = 'ClockLawError';
  }
}

function expectSame(law: ClockLaw, where: string, actual: unknown, expected: unknown): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) throw new ClockLawError(law, `${where}:\n  got      ${a}\n  expected ${e}`);
}

function check(law: ClockLaw, condition: boolean, message: () => string): void {
  if (!condition) throw new ClockLawError(law, message());
}

interface Step {
  /** The ticket event of this step (`null` for creation). */
  readonly event: TicketEvent | null;
  /** Its instant (epoch ms). */
  readonly at: number;
  readonly before: TicketSlaState | null;
  readonly state: TicketSlaState;
  readonly events: readonly SlaEvent[];
}

const eventAt = (event: TicketEvent): number => instantOf(event.at);
const createdAtOf = (binding: SlaBinding): number => instantOf(binding.createdAt);

function run(api: ClockApi, story: TicketStory, json: boolean): Step[] {
  const options = { calendar: story.calendar };
  const start = api.startSla(story.binding);
  const steps: Step[] = [
    {
      event: null,
      at: createdAtOf(story.binding),
      before: null,
      state: start.state,
      events: start.events,
    },
  ];
  let state = start.state;
  for (const event of story.events) {
    const input = json ? roundTrip(state) : state;
    const next = api.applyEvent(input, json ? roundTrip(event) : event, options);
    steps.push({
      event,
      at: eventAt(event),
      before: state,
      state: json ? roundTrip(next.state) : next.state,
      events: json ? roundTrip(next.events) : next.events,
    });
    state = next.state;
  }
  return steps;
}

const allEvents = (steps: readonly Step[]): SlaEvent[] => steps.flatMap((step) => step.events);
const label = (step: Step): string =>
  step.event === null ? 'at creation' : `after event "${step.event.id}" at ${iso(step.at)}`;

/** A running, unbreached clock's due instant, per metric. */
function dueClocks(state: TicketSlaState): [SlaMetric, number][] {
  const due: [SlaMetric, number][] = [];
  for (const metric of SLA_METRICS) {
    const clock = state.clocks[metric];
    if (clock?.phase === 'running' && clock.breachedAt === null && clock.dueAt !== null)
      due.push([metric, clock.dueAt]);
  }
  return due;
}

/** An event that changes none of the ticket's facts: only the passing of time shows. */
const probe = (state: TicketSlaState, id: string, at: number): TicketEvent => ({
  id,
  at,
  type: 'priority_changed',
  priority: state.priority,
});

const lawChecks: Record<ClockLaw, (api: ClockApi, story: TicketStory, steps: Step[]) => void> = {
  deterministic(api, story, steps) {
    const again = run(api, story, false);
    expectSame(
      'deterministic',
      'a second run of the same history',
      allEvents(again),
      allEvents(steps),
    );
    expectSame(
      'deterministic',
      'the final state of a second run',
      again.at(-1)?.state,
      steps.at(-1)?.state,
    );
  },

  'replay-is-stepwise'(api, story, steps) {
    const replayed = api.replay(story.binding, story.events);
    expectSame(
      'replay-is-stepwise',
      'replay events vs step by step',
      replayed.events,
      allEvents(steps),
    );
    expectSame(
      'replay-is-stepwise',
      'replay state vs step by step',
      replayed.state,
      steps.at(-1)?.state,
    );
  },

  'json-round-trip'(api, story, steps) {
    const viaJson = run(api, story, true);
    viaJson.forEach((step, i) => {
      const plain = steps[i] as Step;
      expectSame('json-round-trip', `events ${label(plain)}`, step.events, plain.events);
      expectSame('json-round-trip', `state ${label(plain)}`, step.state, plain.state);
    });
  },

  'duplicate-is-no-op'(api, story, steps) {
    // Every event applied so far, re-delivered late (to the state as stored and as read back
    // from JSON), changes nothing.
    const options = { calendar: story.calendar };
    steps.forEach((step, i) => {
      const states = [step.state, roundTrip(step.state)];
      for (const earlier of steps.slice(1, i + 1)) {
        const event = earlier.event as TicketEvent;
        for (const state of states) {
          const again = api.applyEvent(state, event, options);
          const where = `re-applying "${event.id}" ${label(step)}`;
          check(
            'duplicate-is-no-op',
            again.events.length === 0,
            () => `${where} emitted ${canonical(again.events)}`,
          );
          expectSame('duplicate-is-no-op', `state after ${where}`, again.state, step.state);
        }
      }
    });
  },

  'breach-reported-once'(_api, _story, steps) {
    const events = allEvents(steps);
    const ids = new Set<string>();
    for (const e of events) {
      check('breach-reported-once', !ids.has(e.id), () => `the id "${e.id}" was emitted twice`);
      ids.add(e.id);
    }
    for (const metric of SLA_METRICS) {
      const breaches = events.filter((e) => e.type === 'sla.breached' && e.metric === metric);
      check(
        'breach-reported-once',
        breaches.length <= 1,
        () => `${metric} was reported breached ${breaches.length} times: ${canonical(breaches)}`,
      );
    }
  },

  'events-in-order'(api, story, steps) {
    const last = steps.at(-1) as Step;
    const late = api.checkBreaches(
      last.state,
      Math.max(last.at, last.state.notBefore) + 400 * MS_PER_DAY,
      {
        calendar: story.calendar,
      },
    );
    const ticketId = last.state.ticketId;
    [...allEvents(steps), ...late.events].forEach((e, i, events) => {
      check(
        'events-in-order',
        e.id === `${ticketId}/sla/${i + 1}`,
        () => `event ${i + 1} has the id "${e.id}", not "${ticketId}/sla/${i + 1}"`,
      );
      const before = events[i - 1];
      check(
        'events-in-order',
        before === undefined || before.at <= e.at,
        () =>
          `"${e.id}" (${e.type} ${e.metric} at ${iso(e.at)}) comes after "${before?.id}" at ${iso(before?.at ?? 0)}`,
      );
    });
  },

  'timer-equivalence'(api, story, steps) {
    // A host that sets a timer for every nextCheckAt and calls checkBreaches when it fires
    // before the next ticket event reports each breach once, at the same instant.
    const options = { calendar: story.calendar };
    let state = steps[0]?.state as TicketSlaState;
    const emitted: SlaEvent[] = [...(steps[0]?.events ?? [])];
    for (const event of story.events) {
      const at = eventAt(event);
      for (let n = api.nextCheckAt(state); n !== null && n <= at; n = api.nextCheckAt(state)) {
        const checked = api.checkBreaches(state, n, options);
        check(
          'timer-equivalence',
          checked.events.length > 0,
          () => `checkBreaches at nextCheckAt ${iso(n as number)} emitted nothing`,
        );
        emitted.push(...checked.events);
        state = checked.state;
      }
      const next = api.applyEvent(state, event, options);
      emitted.push(...next.events);
      state = next.state;
    }
    const key = (e: SlaEvent) => canonical({ ...e, id: '', causedBy: null });
    const withTimer = emitted.map(key).sort();
    const without = allEvents(steps).map(key).sort();
    expectSame(
      'timer-equivalence',
      'events with a timer vs without (ids and causes aside)',
      withTimer,
      without,
    );
    expectSame(
      'timer-equivalence',
      'final clocks with a timer vs without',
      state.clocks,
      steps.at(-1)?.state.clocks,
    );
  },

  'next-check-at-exact'(api, story, steps) {
    const options = { calendar: story.calendar };
    steps.forEach((step, i) => {
      const n = api.nextCheckAt(step.state);
      const nextAt = steps[i + 1]?.at;
      if (n === null) {
        const later = Math.max(step.at, nextAt ?? step.at + 400 * MS_PER_DAY);
        const quiet = api.checkBreaches(step.state, later, options);
        check(
          'next-check-at-exact',
          quiet.events.length === 0,
          () =>
            `nextCheckAt is null ${label(step)}, but checkBreaches at ${iso(later)} emitted ${canonical(quiet.events)}`,
        );
        return;
      }
      const due = dueClocks(step.state).map(([, t]) => t);
      check(
        'next-check-at-exact',
        n === Math.min(...due) + 1,
        () =>
          `nextCheckAt ${label(step)} is ${iso(n)}, not one millisecond past the earliest due instant ${canonical(due)}`,
      );
      const before = api.checkBreaches(step.state, n - 1, options);
      check(
        'next-check-at-exact',
        before.events.length === 0,
        () =>
          `checkBreaches ${label(step)} at nextCheckAt − 1 (${iso(n - 1)}) emitted ${canonical(before.events)}`,
      );
      const at = api.checkBreaches(step.state, n, options);
      check(
        'next-check-at-exact',
        at.events.length > 0 && at.events.every((e) => e.type === 'sla.breached' && e.at === n - 1),
        () =>
          `checkBreaches ${label(step)} at nextCheckAt (${iso(n)}) emitted ${canonical(at.events)}`,
      );
      const again = api.checkBreaches(at.state, n, options);
      check(
        'next-check-at-exact',
        again.events.length === 0,
        () => `a second checkBreaches at ${iso(n)} emitted ${canonical(again.events)}`,
      );
    });
  },

  'due-instant-in-time'(api, story, steps) {
    const options = { calendar: story.calendar };
    for (const step of steps) {
      for (const [metric, dueAt] of dueClocks(step.state)) {
        const onTime = api.applyEvent(
          step.state,
          probe(step.state, 'law-probe-due', dueAt),
          options,
        );
        check(
          'due-instant-in-time',
          !onTime.events.some((e) => e.type === 'sla.breached' && e.metric === metric),
          () => `an event at ${metric} dueAt ${iso(dueAt)} ${label(step)} found it breached`,
        );
        const status = api.slaStatus(onTime.state, dueAt, options)[metric];
        check(
          'due-instant-in-time',
          status?.breached === false,
          () => `slaStatus at ${metric} dueAt ${iso(dueAt)} says breached`,
        );
        const late = api.applyEvent(
          step.state,
          probe(step.state, 'law-probe-late', dueAt + 1),
          options,
        );
        const breach = late.events.find((e) => e.type === 'sla.breached' && e.metric === metric);
        check(
          'due-instant-in-time',
          breach?.at === dueAt && late.events.every((e) => e.type === 'sla.breached'),
          () =>
            `an event 1 ms after ${metric} dueAt ${iso(dueAt)} ${label(step)} emitted ${canonical(late.events)}`,
        );
      }
    }
  },

  'used-within-elapsed'(api, story, steps) {
    const options = { calendar: story.calendar };
    const created = createdAtOf(story.binding);
    const lastUsed: Partial<Record<SlaMetric, number>> = {};
    for (const step of steps) {
      const elapsed = businessMillisBetween(story.calendar, created, step.at);
      const status = api.slaStatus(step.state, step.at, options);
      for (const metric of SLA_METRICS) {
        const s = status[metric];
        if (s === undefined) continue;
        check(
          'used-within-elapsed',
          s.usedMs >= 0 && s.usedMs <= elapsed,
          () =>
            `${metric} used ${s.usedMs} ms ${label(step)}, but only ${elapsed} ms of business time passed since creation`,
        );
        const previous = lastUsed[metric];
        check(
          'used-within-elapsed',
          previous === undefined || s.usedMs >= previous,
          () => `${metric} used time went down from ${previous} to ${s.usedMs} ms ${label(step)}`,
        );
        lastUsed[metric] = s.usedMs;
      }
    }
  },

  'stopped-outcome-stable'(_api, _story, steps) {
    for (const step of steps) {
      if (step.before === null) continue;
      for (const metric of SLA_METRICS) {
        const was = step.before.clocks[metric];
        const now = step.state.clocks[metric];
        if (was?.phase !== 'stopped') continue;
        const reopened = step.events.some((e) => e.type === 'sla.reopened' && e.metric === metric);
        if (now?.phase === 'stopped') {
          check(
            'stopped-outcome-stable',
            !reopened,
            () => `${metric} reopened but stayed stopped ${label(step)}`,
          );
          check(
            'stopped-outcome-stable',
            now.outcome === was.outcome && now.usedMs === was.usedMs,
            () =>
              `stopped ${metric} changed from ${canonical(was)} to ${canonical(now)} ${label(step)} without being reopened`,
          );
          check(
            'stopped-outcome-stable',
            !step.events.some((e) => e.metric === metric),
            () => `stopped ${metric} emitted events ${label(step)}: ${canonical(step.events)}`,
          );
        } else {
          check(
            'stopped-outcome-stable',
            reopened,
            () => `${metric} left the stopped phase ${label(step)} without sla.reopened`,
          );
        }
      }
    }
  },

  'events-match-status'(api, story, steps) {
    const options = { calendar: story.calendar };
    for (const step of steps) {
      for (const e of step.events) {
        // A breach found late is reported at its due instant, before the step's own instant:
        // read it from the state before the step.
        const source = e.at < step.at ? step.before : step.state;
        check(
          'events-match-status',
          source !== null,
          () => `an event before creation: ${canonical(e)}`,
        );
        const s = api.slaStatus(source as TicketSlaState, e.at, options)[e.metric];
        check(
          'events-match-status',
          s !== undefined,
          () => `no ${e.metric} status for ${canonical(e)}`,
        );
        const status = s as NonNullable<typeof s>;
        expectSame(
          'events-match-status',
          `${e.type} ${e.metric} ${label(step)} vs slaStatus at ${iso(e.at)}`,
          {
            phase: e.phase,
            targetMs: e.targetMs,
            usedMs: e.usedMs,
            remainingMs: e.remainingMs,
            dueAt: e.dueAt,
          },
          {
            phase: status.phase,
            targetMs: status.targetMs,
            usedMs: status.usedMs,
            remainingMs: status.remainingMs,
            dueAt: status.dueAt,
          },
        );
        if (e.type === 'sla.breached') {
          const after = api.slaStatus(step.state, step.at, options)[e.metric];
          check(
            'events-match-status',
            after?.breachedAt === e.at,
            () =>
              `${e.metric} was reported breached at ${iso(e.at)} but slaStatus says ${canonical(after)}`,
          );
        }
        if (e.type === 'sla.stopped') {
          check(
            'events-match-status',
            step.state.clocks[e.metric]?.outcome === e.outcome,
            () =>
              `sla.stopped outcome ${e.outcome} vs the clock's ${step.state.clocks[e.metric]?.outcome}`,
          );
        }
      }
    }
  },
  'status-independent-of-checks'(api, story, steps) {
    const options = { calendar: story.calendar };
    for (const step of steps) {
      const n = api.nextCheckAt(step.state);
      if (n === null) continue;
      const checked = api.checkBreaches(step.state, n, options).state;
      const middle = step.at + Math.floor((n - 1 - step.at) / 2);
      for (const t of [step.at, middle, n - 1, n, n + 1, n + MS_PER_DAY]) {
        const asChecked = attempt(() => api.slaStatus(checked, t, options));
        const unchecked = api.slaStatus(step.state, t, options);
        if ('code' in asChecked) {
          // Refusing is allowed only for instants the reported breach covers.
          check(
            'status-independent-of-checks',
            asChecked.code === 'OUT_OF_ORDER_EVENT' && t < n,
            () =>
              `slaStatus at ${iso(t)} after checkBreaches at ${iso(n)} ${label(step)} threw ${asChecked.code}`,
          );
          continue;
        }
        expectSame(
          'status-independent-of-checks',
          `slaStatus at ${iso(t)} after checkBreaches at ${iso(n)} vs without ${label(step)}`,
          asChecked.value,
          unchecked,
        );
      }
    }
  },
};

/** Reads a law-relevant outcome of a call: its value, or the code of the PetSlaError it threw. */
function attempt<T>(f: () => T): { value: T } | { code: string } {
  try {
    return { value: f() };
  } catch (error) {
    if (error instanceof PetSlaError) return { code: error.code };
    throw error;
  }
}

/**
 * Runs a ticket story through the clock (the library's functions, or `options.api`, a host's
 * wrappers around them) and checks the laws of the clock (docs/sla.md §5–§7; {@link CLOCK_LAWS}, or
 * the subset in `options.laws`). Throws a {@link ClockLawError} naming the law, the step and what
 * differed.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(ticketStoryArb(), (story) => checkClockLaws(story)), { numRuns: 200 });
 * // Against a host's persistence layer:
 * checkClockLaws(story, { api: { ...libraryClock, applyEvent: saveAndApply } });
 * ```
 */
export function checkClockLaws(
  story: TicketStory,
  options: { readonly laws?: readonly ClockLaw[]; readonly api?: ClockApi } = {},
): void {
  const api = options.api ?? LIBRARY_CLOCK;
  const steps = run(api, story, false);
  for (const law of options.laws ?? CLOCK_LAWS) {
    try {
      lawChecks[law](api, story, steps);
    } catch (error) {
      if (error instanceof ClockLawError) throw error;
      // A call the law makes was refused: that breaks the law too.
      throw new ClockLawError(law, `a call threw ${String(error)}`);
    }
  }
}

/**
 * The library's own clock functions as a {@link ClockApi}, to spread a host's wrappers over.
 *
 * @example
 * ```ts
 * checkClockLaws(story, { api: { ...libraryClock, applyEvent: myPersistingApplyEvent } });
 * ```
 */
export const libraryClock: ClockApi = LIBRARY_CLOCK;
