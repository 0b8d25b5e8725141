import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  applyEvent,
  type Calendar,
  checkBreaches,
  defineSlaPolicy,
  nextCheckAt,
  PetSlaError,
  type PriorityTargets,
  SLA_METRICS,
  type SlaBinding,
  type SlaPolicy,
  type SlaPolicyDefinition,
  slaStatus,
  startSla,
  type TicketEvent,
} from '../../src/index.js';
import { type CalendarCase, calendarCaseArb } from '../../src/testing/arbitraries.js';
import { params } from '../support/fc.js';

// SPEC §1 and §8 on random calendars (DST zones, night windows, overrides) with random
// policies: startSla's state is plain JSON that the clock accepts back unchanged in meaning,
// and startSla is a pure function of its inputs.

const DAY = 86_400_000;
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
const PAUSE = ['waiting_on_customer', 'on_hold'] as const;
const STOP = ['resolved', 'closed'] as const;
const STATUSES = [...PAUSE, ...STOP, 'open', 'new'] as const;

type Outcome = { readonly value: unknown } | { readonly error: string };

/** The value, or the code of the PetSlaError thrown instead; anything else is a failure. */
function outcome(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (error) {
    if (error instanceof PetSlaError) return { error: error.code };
    throw error;
  }
}

/** A fresh, mutable, plain-JSON copy (as a host would read it back from a database). */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function nothingFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return !Object.isFrozen(value) && Object.values(value).every(nothingFrozen);
}

// Round targets most of the time, odd and fractional minutes (down to a millisecond) too.
const minutesArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(1, 15, 30, 60, 240, 480, 2400) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 600_000 }).map((ms) => ms / 60_000) },
);

const priorityTargetsArb: fc.Arbitrary<PriorityTargets> = fc.oneof(
  fc.record({ firstResponse: minutesArb }),
  fc.record({ resolution: minutesArb }),
  fc.record({ firstResponse: minutesArb, resolution: minutesArb }),
);

/** A policy on the calendars of calendarCaseArb (whose id is always 'arb'). */
const policyDefinitionArb: fc.Arbitrary<SlaPolicyDefinition> = fc
  .record({
    priorities: fc.subarray([...PRIORITIES], { minLength: 1 }),
    targets: fc.array(priorityTargetsArb, { minLength: PRIORITIES.length, maxLength: 4 }),
    pauseWhile: fc.subarray([...PAUSE]),
    stopWhen: fc.subarray([...STOP]),
  })
  .map(({ priorities, targets, pauseWhile, stopWhen }) => ({
    id: 'random-policy',
    calendarId: 'arb',
    pauseWhile,
    stopWhen,
    targets: Object.fromEntries(priorities.map((p, i) => [p, targets[i] as PriorityTargets])),
  }));

interface Scenario {
  readonly calendarCase: CalendarCase;
  readonly policy: SlaPolicy;
  readonly priority: string;
  readonly status: string | undefined;
  readonly createdAt: number;
  /** A later ticket event and an instant after it. */
  readonly event: TicketEvent;
  readonly later: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    calendarCase: calendarCaseArb(1, { minuteAligned: false }),
    definition: policyDefinitionArb,
    priorityIndex: fc.nat(),
    status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
    kind: fc.constantFrom('status_changed', 'agent_replied', 'priority_changed'),
    newStatus: fc.constantFrom(...STATUSES),
    newPriorityIndex: fc.nat(),
    delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 * DAY })),
    wait: fc.integer({ min: 0, max: 10 * DAY }),
  })
  .map((r) => {
    const policy = defineSlaPolicy(r.definition);
    const priorities = Object.keys(policy.targets);
    const pick = (i: number): string => priorities[i % priorities.length] as string;
    const createdAt = r.calendarCase.instants[0] as number;
    const at = createdAt + r.delay;
    const event: TicketEvent =
      r.kind === 'status_changed'
        ? { id: 'e1', type: 'status_changed', status: r.newStatus, at }
        : r.kind === 'agent_replied'
          ? { id: 'e1', type: 'agent_replied', at }
          : { id: 'e1', type: 'priority_changed', priority: pick(r.newPriorityIndex), at };
    return {
      calendarCase: r.calendarCase,
      policy,
      priority: pick(r.priorityIndex),
      status: r.status,
      createdAt,
      event,
      later: at + r.wait,
    };
  });

function bindingOf(
  s: Scenario,
  forms: { createdAt?: 'number' | 'iso' | 'date'; json?: boolean } = {},
): SlaBinding {
  const createdAt =
    forms.createdAt === 'iso'
      ? new Date(s.createdAt).toISOString()
      : forms.createdAt === 'date'
        ? new Date(s.createdAt)
        : s.createdAt;
  return {
    ticketId: 'T-prop',
    priority: s.priority,
    ...(s.status === undefined ? {} : { status: s.status }),
    createdAt,
    policy: forms.json === true ? json(s.policy) : s.policy,
    calendar: forms.json === true ? json(s.calendarCase.calendar) : s.calendarCase.calendar,
  };
}

// startSla can only fail on these calendars when it cannot compute a first due date.
const START_ERRORS = ['CALENDAR_NEVER_OPENS', 'INSTANT_OUT_OF_RANGE'];

describe('§1/§8 startSla on random calendars and policies', () => {
  it('the state is JSON-stable, and its JSON copy behaves identically', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const started = outcome(() => startSla(bindingOf(s)));
        if ('error' in started) {
          expect(START_ERRORS).toContain(started.error);
          return;
        }
        const { state, events } = started.value as ReturnType<typeof startSla>;
        const copy = json(state);
        expect(copy).toEqual(state);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(state));
        expect(json(events)).toEqual(events);

        const calendar = s.calendarCase.calendar;
        const original = { calendar };
        const fromJson = { calendar: json(calendar) as Calendar };
        const applied = outcome(() => applyEvent(state, s.event, original));
        expect(outcome(() => applyEvent(copy, s.event, fromJson))).toEqual(applied);
        expect(outcome(() => slaStatus(copy, s.later, fromJson))).toEqual(
          outcome(() => slaStatus(state, s.later, original)),
        );
        expect(outcome(() => checkBreaches(copy, s.later, fromJson))).toEqual(
          outcome(() => checkBreaches(state, s.later, original)),
        );
        expect(nextCheckAt(copy)).toBe(nextCheckAt(state));
        // What the copy leads to is JSON-stable in turn.
        if ('value' in applied) expect(json(applied.value)).toEqual(applied.value);
        // And the copy was neither changed nor frozen by any of it.
        expect(copy).toEqual(state);
        expect(nothingFrozen(copy)).toBe(true);
      }),
      params(),
    );
  });

  it('is a pure function of its inputs: same inputs, same output; inputs untouched', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom('number', 'iso', 'date') as fc.Arbitrary<'number' | 'iso' | 'date'>,
        (s, form) => {
          const binding = bindingOf(s, { createdAt: form, json: true });
          const before = structuredClone(binding);
          const first = outcome(() => startSla(binding));
          const second = outcome(() => startSla(binding));
          expect(second).toEqual(first);
          expect(JSON.stringify(second)).toBe(JSON.stringify(first));
          // The binding (its policy and calendar given as plain JSON) is unchanged and unfrozen.
          expect(binding).toEqual(before);
          expect(nothingFrozen(binding)).toBe(true);
          // Values or snapshots, any instant form: the same result.
          const fromValues = outcome(() => startSla(bindingOf(s)));
          expect(JSON.stringify(fromValues)).toBe(JSON.stringify(first));
          if ('error' in first) expect(START_ERRORS).toContain(first.error);
        },
      ),
      params(),
    );
  });

  it('starts the clocks the priority and status call for, due where the calendar engine says', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const started = outcome(() => startSla(bindingOf(s)));
        if ('error' in started) {
          expect(START_ERRORS).toContain(started.error);
          return;
        }
        const { state, events } = started.value as ReturnType<typeof startSla>;
        const { calendar } = s.calendarCase;
        const targets = s.policy.targets[s.priority] ?? {};
        const stops = s.status !== undefined && s.policy.stopWhen.includes(s.status);
        const pauses = s.status !== undefined && s.policy.pauseWhile.includes(s.status);

        // The state pins what it was bound with.
        expect(state.calendar).toEqual({
          id: 'arb',
          version: calendar.version,
          fingerprint: calendar.fingerprint,
        });
        expect(state.policy).toEqual(s.policy);
        expect(state.status).toBe(s.status ?? null);
        expect(state.priority).toBe(s.priority);

        // One clock, and one sla.started, per targeted metric; none when a stop status leaves
        // nothing to measure.
        const metrics = stops ? [] : SLA_METRICS.filter((m) => targets[m] !== undefined);
        expect(Object.keys(state.clocks)).toEqual(metrics);
        expect(events.map((e) => [e.type, e.metric, e.id])).toEqual(
          metrics.map((m, i) => ['sla.started', m, `T-prop/sla/${i + 1}`]),
        );
        let earliest: number | null = null;
        for (const metric of metrics) {
          const clock = state.clocks[metric];
          const targetMs = Math.round((targets[metric] as number) * 60_000);
          const dueAt = pauses ? null : addBusinessMillis(calendar, s.createdAt, targetMs);
          expect(clock).toEqual({
            phase: pauses ? 'paused' : 'running',
            targetMs,
            usedMs: 0,
            since: s.createdAt,
            dueAt,
            breachedAt: null,
            breachReported: false,
            outcome: null,
          });
          if (dueAt !== null && (earliest === null || dueAt < earliest)) earliest = dueAt;
        }
        expect(nextCheckAt(state)).toBe(earliest === null ? null : earliest + 1);
      }),
      params(),
    );
  });
});
