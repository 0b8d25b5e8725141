import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../../src/advanced/forecast/kaplan-meier.js';
import { fitBreachModel, forecastBreach } from '../../../src/advanced/index.js';
import { replay, SLA_METRICS, type SlaEvent, slaStatus } from '../../../src/index.js';
import { ticketStoryArb } from '../../../src/testing/index.js';
import { params } from '../../support/fc.js';
import { naiveClocks, naiveQuantile, naiveSteps, naiveSurvival, type Sample } from './reference.js';
import { interleave } from './support.js';

// The engine against the naive references on random histories.

/** Durations with many ties: a few round fractions, or any fraction of a random target. */
const sampleArb: fc.Arbitrary<Sample> = fc.record({
  x: fc.oneof(
    fc.constantFrom(0, 0.25, 0.5, 0.75, 1, 1.5, 2),
    fc.tuple(fc.nat({ max: 5000 }), fc.integer({ min: 1, max: 3000 })).map(([u, t]) => u / t),
  ),
  observed: fc.boolean(),
});

describe('Kaplan–Meier against the naive estimate', () => {
  it('has the same steps, and survival within 1e-12', () => {
    fc.assert(
      fc.property(fc.array(sampleArb, { maxLength: 60 }), (samples) => {
        const curve = kaplanMeier(samples);
        expect(curve.steps.map(({ x, atRisk, stops }) => ({ x, atRisk, stops }))).toEqual(
          naiveSteps(samples),
        );
        for (const step of curve.steps) {
          expect(Math.abs(step.survival - naiveSurvival(samples, step.x))).toBeLessThan(1e-12);
        }
        expect(curve.observed + curve.censored).toBe(samples.length);
      }),
      params(),
    );
  });
});

const storiesArb = fc.array(
  ticketStoryArb({ spanDays: 10, maxEvents: 10, maxTargetMinutes: 600 }),
  { minLength: 1, maxLength: 8 },
);
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

describe('fitBreachModel and forecastBreach against the naive reading of real logs', () => {
  it('fits the curves the naive reading gives, and forecasts from them', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        storiesArb,
        fc.oneof(fc.constant(1), fraction),
        fraction,
        fc.nat(),
        (stories, cut, at, pick) => {
          const runs = stories.map((story, i) => ({
            story,
            run: replay({ ...story.binding, ticketId: `T${i}` }, story.events),
          }));
          const log: SlaEvent[] = interleave(...runs.map((r) => r.run.events));
          const first = Math.min(...runs.map((r) => r.run.state.createdAt));
          const last = Math.max(...runs.map((r) => r.run.state.lastEventAt));
          const asOf = first + Math.floor(cut * (last - first));
          const model = fitBreachModel(log, { asOf, minSamples: 2 });
          for (const metric of SLA_METRICS) {
            const clocks = naiveClocks(log, asOf, metric);
            const history = model.metrics[metric];
            if (!clocks.some((c) => c.observed)) {
              expect(history).toBeUndefined();
              continue;
            }
            expect(history?.steps.map(({ x, atRisk, stops }) => ({ x, atRisk, stops }))).toEqual(
              naiveSteps(clocks),
            );
            expect(history?.censored).toBe(clocks.filter((c) => !c.observed).length);
            const priorities = [...new Set(clocks.map((c) => c.priority))].sort();
            const strong = priorities.filter(
              (p) => clocks.filter((c) => c.priority === p && c.observed).length >= 2,
            );
            expect(Object.keys(history?.priorities ?? {})).toEqual(strong);
            for (const p of strong) {
              const own = clocks.filter((c) => c.priority === p);
              expect(history?.priorities[p]?.steps.map((s) => s.x)).toEqual(
                naiveSteps(own).map((s) => s.x),
              );
            }
          }

          // Forecast a fresh ticket bound like one of them, part way to its earliest due instant.
          const { story } = runs[pick % runs.length] as (typeof runs)[number];
          const fresh = replay({ ...story.binding, ticketId: 'fresh' }, []).state;
          const dues = SLA_METRICS.map((m) => fresh.clocks[m]?.dueAt ?? null).filter(
            (d): d is number => d !== null,
          );
          const now =
            dues.length === 0
              ? fresh.createdAt
              : fresh.createdAt + Math.floor(at * (Math.min(...dues) - fresh.createdAt));
          const forecast = forecastBreach(fresh, now, { calendar: story.calendar, model });
          const status = slaStatus(fresh, now, { calendar: story.calendar });
          for (const metric of SLA_METRICS) {
            const s = status[metric];
            const f = forecast[metric];
            if (s === undefined || s.phase === 'stopped' || s.breached) {
              expect(f).toBeUndefined();
              continue;
            }
            const all = naiveClocks(log, asOf, metric);
            if (!all.some((c) => c.observed)) {
              expect(f?.reason).toBe('no-history');
              continue;
            }
            const own = all.filter((c) => c.priority === fresh.priority);
            const strata = own.filter((c) => c.observed).length >= 2 ? own : all;
            expect(f?.basis?.stratum).toBe(strata === own ? 'priority' : 'metric');
            const v = s.usedMs / s.targetMs;
            const sv = naiveSurvival(strata, v);
            expect(f?.basis?.atRisk).toBe(
              naiveSteps(strata).find((step) => step.x > v)?.atRisk ?? 0,
            );
            if (sv === 0) {
              expect(f?.reason).toBe('beyond-history');
              continue;
            }
            compared += 1;
            const expected = naiveSurvival(strata, 1) / sv;
            expect(Math.abs((f?.probability ?? Number.NaN) - expected)).toBeLessThan(1e-12);
            if (s.phase === 'paused') {
              expect(f?.etaMs).toBe(null);
              continue;
            }
            const eta = (level: number) => {
              const x = naiveQuantile(strata, v, level);
              return x === null ? null : Math.max(0, Math.ceil(x * s.targetMs) - s.usedMs);
            };
            expect(f?.etaMs).toEqual({ p50: eta(0.5), p80: eta(0.2), p95: eta(0.05) });
          }
        },
      ),
      params(0.25),
    );
    // The property must have compared real forecasts, not only skipped clocks.
    expect(compared).toBeGreaterThan(10);
  });
});
