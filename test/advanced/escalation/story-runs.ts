import fc from 'fast-check';
import {
  checkEscalations,
  defineEscalationPlan,
  type EscalationEvent,
  type EscalationLevelDefinition,
  type EscalationPlan,
  type EscalationState,
  observeSla,
  startEscalation,
} from '../../../src/advanced/index.js';
import { applyEvent, checkBreaches, type SlaTransition, startSla } from '../../../src/index.js';
import { type TicketStory, ticketStoryArb } from '../../../src/testing/index.js';
import { jsonCopy } from '../../support/errors.js';
import type { Observation } from './reference.js';

// Random ticket stories and plans, run as a host runs them, for the reference comparison and
// the laws. Stories are short (at most 2 days and a 1-day tail, targets up to 8 hours) so
// that the reference, stepping minute by minute, stays fast.

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

export const caseArb = ticketStoryArb({ spanDays: 2, maxEvents: 10, maxTargetMinutes: 480 }).chain(
  (story) =>
    fc.record({
      story: fc.constant(story),
      plan: planArb(story.policy.id),
      tail: fc.integer({ min: 0, max: DAY }),
      checks: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }),
      json: fc.boolean(),
    }),
);

export interface Run {
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
export function run(
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

export const brief = (e: EscalationEvent) => ({
  levelId: e.levelId,
  metric: e.metric,
  at: e.at,
  usedMs: e.usedMs,
  targetMs: e.targetMs,
  catchUp: e.catchUp,
});
