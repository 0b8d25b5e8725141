import fc from 'fast-check';
import { MS_PER_DAY, MS_PER_MINUTE } from '../calendar/civil.js';
import { defineCalendar } from '../calendar/define-calendar.js';
import type { Calendar, CalendarDefinition } from '../calendar/types.js';
import type { SlaBinding } from '../clock/start-sla.js';
import type { TicketEvent } from '../clock/types.js';
import { defineSlaPolicy } from '../sla/define-policy.js';
import type { SlaPolicy, SlaPolicyDefinition } from '../sla/types.js';
import {
  type CalendarArbitraryOptions,
  calendarDefinitionArb,
  instantNearTransitionArb,
} from './arbitraries.js';

// Arbitraries for SLA policies and ticket histories (docs/sla.md).

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
 * Valid SLA policy definitions (docs/sla.md §1) for the calendar `calendarId`: a non-empty subset
 * of the priorities (default `urgent`, `high`, `normal`, `low`), each targeting `firstResponse`,
 * `resolution` or both in business minutes; `pauseWhile` drawn from `waiting_on_customer` and
 * `on_hold`, `stopWhen` from `resolved` and `closed`.
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
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 600 }).map((m) => m * MS_PER_MINUTE) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 72 }).map((h) => h * 60 * MS_PER_MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 * MS_PER_DAY }) },
);

/** The statuses a ticket under `policy` may take: its pause and stop statuses, `open`, `in_progress`. */
function statusesOf(policy: Pick<SlaPolicyDefinition, 'pauseWhile' | 'stopWhen'>): string[] {
  return [
    ...new Set([...(policy.pauseWhile ?? []), ...(policy.stopWhen ?? []), ...WORKING_STATUSES]),
  ];
}

/**
 * Valid, ordered ticket-event histories (docs/sla.md §7) for a ticket under `policy`, created at
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
 *     return state.revision === events.length;
 *   }),
 * );
 * ```
 */
export function ticketEventsArb(
  policy: SlaPolicy | SlaPolicyDefinition,
  options: TicketEventsArbitraryOptions,
): fc.Arbitrary<TicketEvent[]> {
  const { from } = options;
  const span = Math.round((options.spanDays ?? 7) * MS_PER_DAY);
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
