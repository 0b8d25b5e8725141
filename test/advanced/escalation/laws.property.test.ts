import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkEscalations,
  type EscalationEvent,
  nextEscalationAt,
  observeSla,
  startEscalation,
} from '../../../src/advanced/index.js';
import { applyEvent, type SlaEvent, type SlaTransition, startSla } from '../../../src/index.js';
import { jsonCopy } from '../../support/errors.js';
import { params } from '../../support/fc.js';
import { caseArb, run } from './story-runs.js';

// The laws of the tracker, as properties over random ticket stories and plans.

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
