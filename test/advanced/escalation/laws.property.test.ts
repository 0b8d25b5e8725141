import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkEscalations,
  defineEscalationPlan,
  type EscalationEvent,
  type EscalationLevelDefinition,
  type EscalationPlan,
  type EscalationState,
  nextEscalationAt,
  observeSla,
  startEscalation,
} from '../../../src/advanced/index.js';
import {
  applyEvent,
  checkBreaches,
  type SlaEvent,
  type SlaTransition,
  startSla,
} from '../../../src/index.js';
import { type TicketStory, ticketStoryArb } from '../../../src/testing/index.js';
import { jsonCopy } from '../../support/errors.js';
import { params } from '../../support/fc.js';
import { type Observation, referenceEscalations } from './reference.js';

// The engine against the naive reference on random ticket stories, and the laws of the
// tracker. Stories are short (at most 2 days and a 1-day tail, targets up to 8 hours) so that stepping minute
// by minute stays fast.

const DAY = 86_400_000;

const levelArb: fc.Arbitrary<Omit<EscalationLevelDefinition, 'id'>> = fc
  .record({
    metric: fc.constantFrom('firstResponse', 'resolution'),
    kind: fc.constantFrom('percent', 'percent', 'beforeDue', 'afterDue'),
    percent: fc.oneof(
      fc.constantFrom(25, 50, 75, 90, 100, 150),
      fc.integer({ min: 1, max: 20_000 }).map((bp) => bp / 100),
    ),
    minutes: fc.oneof(fc.constantFrom(10, 30, 60, 120), fc.integer({ min: 1, max: 600 })),
    priorities: fc.option(fc.subarray(['urgent', 'high', 'normal', 'low'], { minLength: 1 }), {
      nil: undefined,
    }),
  })
  .map(({ metric, kind, percent, minutes, priorities }) => ({
    metric: metric as 'firstResponse' | 'resolution',
    ...(kind === 'percent' ? { percent } : { [kind]: minutes }),
    ...(priorities === undefined ? {} : { priorities }),
    notify: ['someone'],
  }));

const planArb = (policyId: string): fc.Arbitrary<EscalationPlan> =>
  fc
    .record({
      catchUp: fc.constantFrom<'highest' | 'all'>('highest', 'all'),
      levels: fc.array(levelArb, { minLength: 1, maxLength: 6 }),
    })
    .map(({ catchUp, levels }) =>
      defineEscalationPlan({
        id: 'arb-plan',
        policyId,
        catchUp,
        levels: levels.map((level, i) => ({ ...level, id: `L${i}` }) as EscalationLevelDefinition),
      }),
    );

const caseArb = ticketStoryArb({ spanDays: 2, maxEvents: 10, maxTargetMinutes: 480 }).chain(
  (story) =>
    fc.record({
      story: fc.constant(story),
      plan: planArb(story.policy.id),
      tail: fc.integer({ min: 0, max: DAY }),
      checks: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }),
      json: fc.boolean(),
    }),
);

interface Run {
  readonly transitions: SlaTransition[];
  readonly observations: Observation[];
  readonly escalations: EscalationEvent[];
  readonly state: EscalationState;
  readonly horizon: number;
}

/**
 * Runs a story as a host would: each SLA transition observed; optionally a checkEscalations at
 * a random instant between two ticket events, and states round-tripped through JSON.
 */
function run(
  story: TicketStory,
  plan: EscalationPlan,
  tail: number,
  checks: readonly number[] = [],
  json = false,
): Run {
  const calendar = story.calendar;
  const options = { plan, calendar };
  const keep = <T>(value: T): T => (json ? jsonCopy(value) : value);
  const started = startSla(story.binding);
  const transitions: SlaTransition[] = [started];
  const observations: Observation[] = [];
  const escalations: EscalationEvent[] = [];
  let esc = keep(startEscalation(started.state, { plan }));
  let sla = started.state;
  let lastAt = Number.NEGATIVE_INFINITY;
  const observe = (t: SlaTransition) => {
    for (const e of t.events) lastAt = Math.max(lastAt, e.at);
    observations.push({
      events: t.events,
      priority: t.state.priority,
      at: Math.max(t.state.lastEventAt, lastAt),
    });
    const out = observeSla(esc, keep(t), options);
    esc = keep(out.state);
    escalations.push(...out.events);
    sla = t.state;
  };
  observe(started);
  story.events.forEach((event, i) => {
    const check = checks[i];
    const at = Number(event.at);
    if (check !== undefined && at > sla.lastEventAt) {
      const now = sla.lastEventAt + Math.floor(check * (at - sla.lastEventAt));
      const out = checkEscalations(esc, now, options);
      esc = keep(out.state);
      escalations.push(...out.events);
    }
    const t = applyEvent(sla, event, { calendar });
    transitions.push(t);
    observe(t);
  });
  const horizon = sla.lastEventAt + tail;
  const breaches = checkBreaches(sla, horizon, { calendar });
  transitions.push(breaches);
  observe(breaches);
  const out = checkEscalations(esc, horizon, options);
  escalations.push(...out.events);
  return { transitions, observations, escalations, state: out.state, horizon };
}

const brief = (e: EscalationEvent) => ({
  levelId: e.levelId,
  metric: e.metric,
  at: e.at,
  usedMs: e.usedMs,
  targetMs: e.targetMs,
  catchUp: e.catchUp,
});

describe('the engine agrees with the naive reference', () => {
  let reached = 0;
  let caughtUp = 0;
  it('on random ticket stories and plans', () => {
    fc.assert(
      fc.property(caseArb, ({ story, plan, tail }) => {
        const engine = run(story, plan, tail);
        const expected = referenceEscalations(
          plan,
          story.calendar,
          engine.observations,
          engine.horizon,
        );
        expect(engine.escalations.map(brief)).toEqual(expected);
        expect(engine.escalations.map((e) => e.id)).toEqual(
          engine.escalations.map((_, i) => `T-arb/esc/${i + 1}`),
        );
        reached += engine.escalations.length;
        caughtUp += engine.escalations.filter((e) => e.catchUp).length;
      }),
      params(1.5),
    );
  });
  it('(and those stories reached levels, some of them catching up)', () => {
    expect(reached).toBeGreaterThan(100);
    expect(caughtUp).toBeGreaterThan(10);
  });
});

describe('laws of the tracker', () => {
  it('checks at any time between events, and JSON round trips mid-flight, change nothing', () => {
    fc.assert(
      fc.property(caseArb, ({ story, plan, tail, checks, json }) => {
        const plain = run(story, plan, tail);
        const other = run(story, plan, tail, checks, json);
        expect(other.escalations).toEqual(plain.escalations);
        expect(jsonCopy(other.state)).toEqual(jsonCopy(plain.state));
      }),
      params(0.5),
    );
  });

  it('each level is reported at most once per arming (a retarget of its metric re-arms)', () => {
    fc.assert(
      fc.property(caseArb, ({ story, plan, tail }) => {
        const { escalations, transitions } = run(story, plan, tail);
        const log: SlaEvent[] = transitions.flatMap((t) => [...t.events]);
        for (const level of plan.levels) {
          const reports = escalations.filter((e) => e.levelId === level.id);
          for (let k = 1; k < reports.length; k++) {
            const [a, b] = [reports[k - 1] as EscalationEvent, reports[k] as EscalationEvent];
            const retargets = log.filter(
              (e) =>
                e.metric === level.metric &&
                e.type === 'sla.retargeted' &&
                e.at >= a.at &&
                e.at <= b.at,
            );
            expect(retargets.length).toBeGreaterThan(0);
          }
        }
      }),
      params(0.5),
    );
  });

  it('checkEscalations twice emits nothing the second time; nextEscalationAt is the next report', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 0, max: 3_600_000 }),
        ({ story, plan, tail }, grace) => {
          const { state } = run(story, plan, tail);
          const options = { plan, calendar: story.calendar };
          const next = nextEscalationAt(state);
          const far = Date.UTC(2199, 0, 1);
          if (next === null) {
            expect(checkEscalations(state, far, options).events).toEqual([]);
            return;
          }
          expect(nextEscalationAt(state, { graceMs: grace })).toBe(next + grace);
          expect(checkEscalations(state, next - 1, options).events).toEqual([]);
          expect(
            checkEscalations(state, next + grace - 1, { ...options, graceMs: grace }).events,
          ).toEqual([]);
          const first = checkEscalations(state, next, options);
          expect(first.events.length).toBeGreaterThan(0);
          expect(first.events[0]?.at).toBe(next);
          expect(checkEscalations(first.state, next, options).events).toEqual([]);
          const later = checkEscalations(state, far, options);
          expect(later.events[0]?.at).toBe(next);
          expect(checkEscalations(later.state, far, options).events).toEqual([]);
        },
      ),
      params(0.5),
    );
  });

  it('observing a transition twice is a no-op', () => {
    fc.assert(
      fc.property(caseArb, ({ story, plan }) => {
        const options = { plan, calendar: story.calendar };
        const started = startSla(story.binding);
        let esc = observeSla(startEscalation(started.state, { plan }), started, options).state;
        let sla = started.state;
        for (const event of story.events) {
          const t = applyEvent(sla, event, { calendar: story.calendar });
          esc = observeSla(esc, t, options).state;
          const again = observeSla(esc, t, options);
          expect(again.events).toEqual([]);
          expect(again.state).toEqual(esc);
          expect(observeSla(esc, jsonCopy(t), options).events).toEqual([]);
          sla = t.state;
        }
      }),
      params(0.5),
    );
  });

  it('observing the whole log in one batch gives the same events as event by event', () => {
    let compared = 0;
    fc.assert(
      fc.property(caseArb, ({ story, plan, tail }) => {
        const stepwise = run(story, plan, tail);
        // Batching hides only priority changes that emitted no SLA event: skip stories with one.
        const silent = stepwise.observations.some((o, i) => {
          const last = stepwise.observations
            .slice(0, i + 1)
            .flatMap((x) => [...x.events])
            .at(-1);
          return last !== undefined && last.priority !== o.priority;
        });
        if (silent) return;
        compared += 1;
        const last = stepwise.transitions.at(-1) as SlaTransition;
        const log = stepwise.transitions.flatMap((t) => [...t.events]);
        const options = { plan, calendar: story.calendar };
        const start = startEscalation(last.state, { plan });
        const batch = observeSla(start, { state: last.state, events: log }, options);
        const rest = checkEscalations(batch.state, stepwise.horizon, options);
        expect([...batch.events, ...rest.events]).toEqual(stepwise.escalations);
      }),
      params(0.5),
    );
    expect(compared).toBeGreaterThan(20);
  });
});
