import fc from 'fast-check';
import { businessMillisBetween } from '../calendar/business-between.js';
import { defineCalendar } from '../calendar/define-calendar.js';
import type { Calendar, CalendarDefinition, InstantInput } from '../calendar/types.js';
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
import { defineSlaPolicy } from '../sla/define-policy.js';
import {
  SLA_METRICS,
  type SlaMetric,
  type SlaPolicy,
  type SlaPolicyDefinition,
} from '../sla/types.js';
import {
  type CalendarArbitraryOptions,
  calendarDefinitionArb,
  instantNearTransitionArb,
} from './arbitraries.js';

// Arbitraries for SLA policies and ticket histories (SPEC §7–§9), and the laws of the ticket
// SLA clock as plain functions that a host can run against the library or its own wrappers.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Options of {@link slaPolicyDefinitionArb}.
 *
 * @example
 * ```ts
 * slaPolicyDefinitionArb('uk-support', { priorities: ['p1', 'p2'], maxTargetMinutes: 120 });
 * ```
 */
export interface SlaPolicyArbitraryOptions {
  /** Priorities to draw from (a non-empty subset gets targets); default urgent, high, normal, low. */
  readonly priorities?: readonly string[];
  /** Largest target in business minutes; default 3000 (50 hours). */
  readonly maxTargetMinutes?: number;
}

const DEFAULT_PRIORITIES: readonly string[] = Object.freeze(['urgent', 'high', 'normal', 'low']);
const PAUSE_STATUSES: readonly string[] = Object.freeze(['waiting_on_customer', 'on_hold']);
const STOP_STATUSES: readonly string[] = Object.freeze(['resolved', 'closed']);
/** Statuses that neither pause nor stop under policies from {@link slaPolicyDefinitionArb}. */
const WORKING_STATUSES: readonly string[] = Object.freeze(['open', 'in_progress']);

/** A target in business minutes: round values most of the time, odd and fractional ones too. */
function targetMinutesArb(max: number): fc.Arbitrary<number> {
  const round = [1, 5, 15, 30, 60, 90, 120, 240, 480, 600, 1440, 2400].filter((m) => m <= max);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(round.length > 0 ? round : [max])) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: Math.max(1, Math.floor(max)) }) },
    // Quarter minutes: targets that are not whole minutes (15-second steps).
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: Math.max(1, Math.floor(max * 4)) }).map((q) => q / 4),
    },
  );
}

/**
 * Valid SLA policy definitions (SPEC §7) for the calendar `calendarId`: a non-empty subset of
 * the priorities (default `urgent`, `high`, `normal`, `low`), each targeting `firstResponse`,
 * `resolution` or both in business minutes; `pauseWhile` drawn from `waiting_on_customer`
 * and `on_hold`, `stopWhen` from `resolved` and `closed`.
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.property(slaPolicyDefinitionArb('uk-support'), (definition) => {
 *     const policy = defineSlaPolicy(definition);
 *     return Object.keys(policy.targets).length > 0;
 *   }),
 * );
 * ```
 */
export function slaPolicyDefinitionArb(
  calendarId: string,
  options: SlaPolicyArbitraryOptions = {},
): fc.Arbitrary<SlaPolicyDefinition> {
  const priorities = options.priorities ?? DEFAULT_PRIORITIES;
  const maxMinutes = options.maxTargetMinutes ?? 3000;
  const targets = fc.constantFrom<'firstResponse' | 'resolution' | 'both'>(
    'firstResponse',
    'resolution',
    'both',
    'both',
  );
  const priorityTargets = fc
    .record({
      which: targets,
      firstResponse: targetMinutesArb(maxMinutes),
      resolution: targetMinutesArb(maxMinutes),
    })
    .map(({ which, firstResponse, resolution }) =>
      which === 'firstResponse'
        ? { firstResponse }
        : which === 'resolution'
          ? { resolution }
          : { firstResponse, resolution },
    );
  return fc
    .record({
      chosen: fc.subarray([...priorities], { minLength: 1 }),
      perPriority: fc.array(priorityTargets, {
        minLength: priorities.length,
        maxLength: priorities.length,
      }),
      pauseWhile: fc.subarray([...PAUSE_STATUSES]),
      stopWhen: fc.oneof(
        { weight: 3, arbitrary: fc.constant([...STOP_STATUSES]) },
        { weight: 1, arbitrary: fc.subarray([...STOP_STATUSES]) },
      ),
    })
    .map(({ chosen, perPriority, pauseWhile, stopWhen }) => {
      const byPriority: Record<string, { firstResponse?: number; resolution?: number }> = {};
      chosen.forEach((priority, i) => {
        byPriority[priority] = { ...(perPriority[i] ?? { resolution: 60 }) };
      });
      return {
        id: 'arb-policy',
        calendarId,
        pauseWhile: [...pauseWhile],
        stopWhen: [...stopWhen],
        targets: byPriority,
      };
    });
}

/**
 * Options of {@link ticketEventsArb}.
 *
 * @example
 * ```ts
 * ticketEventsArb(standard, { from: Date.UTC(2026, 10, 26, 9), spanDays: 14, maxEvents: 30 });
 * ```
 */
export interface TicketEventsArbitraryOptions {
  /** The ticket's creation instant (epoch ms): every event is at or after it. */
  readonly from: number;
  /** How far after `from` events may lie, in days; default 7. */
  readonly spanDays?: number;
  /** Most events; default 12. */
  readonly maxEvents?: number;
  /** Prefix of the event ids; default `'e'` (ids `e1`, `e2`, …). */
  readonly idPrefix?: string;
}

type EventKind =
  | { readonly type: 'status_changed'; readonly status: string }
  | { readonly type: 'agent_replied' }
  | { readonly type: 'priority_changed'; readonly priority: string };

/**
 * Gaps between events: simultaneous events, a few milliseconds, minutes (landing on window
 * edges), hours, and whole nights or weekends.
 */
const gapArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 600 }).map((m) => m * MINUTE) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 72 }).map((h) => h * HOUR) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 * DAY }) },
);

/** The statuses a ticket under `policy` may take: its pause and stop statuses, `open`, `in_progress`. */
function statusesOf(policy: Pick<SlaPolicyDefinition, 'pauseWhile' | 'stopWhen'>): string[] {
  return [
    ...new Set([...(policy.pauseWhile ?? []), ...(policy.stopWhen ?? []), ...WORKING_STATUSES]),
  ];
}

/**
 * Valid, ordered ticket-event histories (SPEC §9) for a ticket under `policy`, created at
 * `from`: unique ids (`e1`, `e2`, …), non-decreasing `at` (epoch ms, within `spanDays` of
 * `from`, sometimes equal), status changes among the policy's pause and stop statuses plus
 * `open` and `in_progress`, agent replies, and priority changes among the policy's
 * priorities.
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.property(ticketEventsArb(standard, { from: Date.UTC(2026, 10, 26, 9) }), (events) => {
 *     const { state } = replay({ ticketId: 'T-1', priority: 'normal', createdAt: Date.UTC(2026, 10, 26, 9), policy: standard, calendar: uk }, events);
 *     return state.appliedEventIds.length === events.length;
 *   }),
 * );
 * ```
 */
export function ticketEventsArb(
  policy: SlaPolicy | SlaPolicyDefinition,
  options: TicketEventsArbitraryOptions,
): fc.Arbitrary<TicketEvent[]> {
  const { from } = options;
  const span = Math.round((options.spanDays ?? 7) * DAY);
  const prefix = options.idPrefix ?? 'e';
  const statuses = statusesOf(policy);
  const priorities = Object.keys(policy.targets);
  const kind: fc.Arbitrary<EventKind> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(...statuses)
        .map((status): EventKind => ({ type: 'status_changed', status })),
    },
    { weight: 2, arbitrary: fc.constant<EventKind>({ type: 'agent_replied' }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...priorities)
        .map((priority): EventKind => ({ type: 'priority_changed', priority })),
    },
  );
  return fc.array(fc.tuple(gapArb, kind), { maxLength: options.maxEvents ?? 12 }).map((steps) => {
    const events: TicketEvent[] = [];
    let at = from;
    for (const [gap, what] of steps) {
      if (at + gap > from + span) break;
      at += gap;
      const id = `${prefix}${events.length + 1}`;
      events.push(
        what.type === 'status_changed'
          ? { id, at, type: 'status_changed', status: what.status }
          : what.type === 'agent_replied'
            ? { id, at, type: 'agent_replied' }
            : { id, at, type: 'priority_changed', priority: what.priority },
      );
    }
    return events;
  });
}

/**
 * A ticket's whole SLA story: calendar, policy, binding and the ticket events that follow.
 *
 * @example
 * ```ts
 * const [story] = fc.sample(ticketStoryArb(), 1) as TicketStory[];
 * const { state, events } = replay(story.binding, story.events);
 * ```
 */
export interface TicketStory {
  readonly definition: CalendarDefinition;
  readonly calendar: Calendar;
  readonly policy: SlaPolicy;
  readonly binding: SlaBinding;
  readonly events: readonly TicketEvent[];
}

/**
 * Options of {@link ticketStoryArb}: those of the calendar arbitraries, plus the history's
 * length and span and the largest target.
 *
 * @example
 * ```ts
 * ticketStoryArb({ zones: ['Europe/London'], spanDays: 30, maxEvents: 40, maxTargetMinutes: 600 });
 * ```
 */
export interface TicketStoryArbitraryOptions extends CalendarArbitraryOptions {
  /** How far after creation events may lie, in days; default 7. */
  readonly spanDays?: number;
  /** Most events; default 12. */
  readonly maxEvents?: number;
  /** Largest target in business minutes; default 3000. */
  readonly maxTargetMinutes?: number;
}

/** A week with no window never opens; give it Monday office hours so that clocks can run. */
function withOpenWeek(definition: CalendarDefinition): CalendarDefinition {
  const open = Object.values(definition.week).some((windows) => (windows ?? []).length > 0);
  return open ? definition : { ...definition, week: { ...definition.week, mon: ['09:00-17:00'] } };
}

/**
 * Whole ticket stories: a random calendar (id `'arb'`, in zones with DST, built on
 * {@link calendarDefinitionArb}, always with some weekly open time), a policy from
 * {@link slaPolicyDefinitionArb}, a binding created near one of the zone's offset changes with
 * a random priority and sometimes an initial status (even a stopping one), and events from
 * {@link ticketEventsArb}.
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.property(ticketStoryArb(), (story) => {
 *     checkClockLaws(story);
 *   }),
 * );
 * ```
 */
export function ticketStoryArb(
  options: TicketStoryArbitraryOptions = {},
): fc.Arbitrary<TicketStory> {
  const policyOptions =
    options.maxTargetMinutes === undefined ? {} : { maxTargetMinutes: options.maxTargetMinutes };
  return calendarDefinitionArb(options)
    .map(withOpenWeek)
    .chain((definition) =>
      fc.record({
        definition: fc.constant(definition),
        createdAt: instantNearTransitionArb(definition.zone, {
          ...(options.fromYear === undefined ? {} : { fromYear: options.fromYear }),
          ...(options.toYear === undefined ? {} : { toYear: options.toYear }),
        }),
        policyDefinition: slaPolicyDefinitionArb(definition.id, policyOptions),
        pick: fc.nat(),
        initialStatus: fc.option(
          fc.constantFrom(...WORKING_STATUSES, ...PAUSE_STATUSES, ...STOP_STATUSES),
          { nil: undefined, freq: 3 },
        ),
      }),
    )
    .chain(({ definition, createdAt, policyDefinition, pick, initialStatus }) => {
      const calendar = defineCalendar(definition);
      const policy = defineSlaPolicy(policyDefinition);
      const priorities = Object.keys(policy.targets);
      const priority = priorities[pick % priorities.length] as string;
      const binding: SlaBinding = {
        ticketId: 'T-arb',
        priority,
        ...(initialStatus === undefined ? {} : { status: initialStatus }),
        createdAt,
        policy,
        calendar,
      };
      return ticketEventsArb(policy, {
        from: createdAt,
        ...(options.spanDays === undefined ? {} : { spanDays: options.spanDays }),
        ...(options.maxEvents === undefined ? {} : { maxEvents: options.maxEvents }),
      }).map((events): TicketStory => ({ definition, calendar, policy, binding, events }));
    });
}

// ---------------------------------------------------------------------------------------------
// Laws of the clock.

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
export class ClockLawError extends Error {
  readonly law: ClockLaw;

  constructor(law: ClockLaw, message: string) {
    super(`clock law "${law}" failed: ${message}`);
    this.name = 'ClockLawError';
    this.law = law;
  }
}

/** Canonical text of plain data (keys sorted) for comparisons and messages. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function expectSame(law: ClockLaw, where: string, actual: unknown, expected: unknown): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) throw new ClockLawError(law, `${where}:\n  got      ${a}\n  expected ${e}`);
}

function check(law: ClockLaw, condition: boolean, message: () => string): void {
  if (!condition) throw new ClockLawError(law, message());
}

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const iso = (t: number): string => `${new Date(t).toISOString()} (${t})`;

interface Step {
  /** The ticket event of this step (`null` for creation). */
  readonly event: TicketEvent | null;
  /** Its instant (epoch ms). */
  readonly at: number;
  readonly before: TicketSlaState | null;
  readonly state: TicketSlaState;
  readonly events: readonly SlaEvent[];
}

/** Epoch ms of an instant input (the library has accepted it, so it is valid). */
function instantOf(at: InstantInput): number {
  if (typeof at === 'number') return at;
  if (typeof at === 'string') return Date.parse(at);
  if (at instanceof Date) return at.getTime();
  return at.toMillis();
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
        const later = Math.max(step.at, nextAt ?? step.at + 400 * DAY);
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
      for (const t of [step.at, middle, n - 1, n, n + 1, n + DAY]) {
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
 * wrappers around them) and checks the laws of SPEC §9 ({@link CLOCK_LAWS}, or the subset in
 * `options.laws`). Throws a {@link ClockLawError} naming the law, the step and what differed.
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
