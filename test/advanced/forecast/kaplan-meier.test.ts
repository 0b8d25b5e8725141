import { describe, expect, it } from 'vitest';
import {
  kaplanMeier,
  type SurvivalSample,
  survivalAt,
} from '../../../src/advanced/forecast/kaplan-meier.js';

const o = (x: number): SurvivalSample => ({ x, observed: true });
const c = (x: number): SurvivalSample => ({ x, observed: false });

/** Expects the steps [x, atRisk, stops, survival] with survival to 1e-12 (hand-computed). */
function expectSteps(
  samples: readonly SurvivalSample[],
  expected: readonly (readonly [number, number, number, number])[],
): void {
  const curve = kaplanMeier(samples);
  expect(curve.steps.map((s) => [s.x, s.atRisk, s.stops])).toEqual(
    expected.map(([x, n, d]) => [x, n, d]),
  );
  curve.steps.forEach((step, i) => {
    expect(Math.abs(step.survival - (expected[i]?.[3] ?? Number.NaN))).toBeLessThan(1e-12);
  });
}

describe('Kaplan–Meier on hand-made histories', () => {
  it('counts observed stops before censorings at a tie', () => {
    // 1o 2o 2c 3o 3o 4c 5o: at x = 2 the clock censored at 2 is still at risk (6, not 5).
    expectSteps(
      [o(3), c(2), o(1), o(5), c(4), o(2), o(3)],
      [
        [1, 7, 1, 6 / 7],
        [2, 6, 1, (6 / 7) * (5 / 6)],
        [3, 4, 2, (5 / 7) * (2 / 4)],
        [5, 1, 1, 0],
      ],
    );
    const curve = kaplanMeier([o(3), c(2), o(1), o(5), c(4), o(2), o(3)]);
    expect([curve.observed, curve.censored]).toEqual([5, 2]);
    // With censorings first, S(2) would be 6/7 × 4/5 = 24/35 instead of 5/7.
    expect(Math.abs(survivalAt(curve, 2) - 5 / 7)).toBeLessThan(1e-12);
  });

  it('handles several censorings at one instant, and at the instant of a stop', () => {
    // 0.5o 0.5c 0.5c | 1o 1c 1c | 2o
    expectSteps(
      [c(0.5), c(1), o(2), c(0.5), o(1), o(0.5), c(1)],
      [
        [0.5, 7, 1, 6 / 7],
        [1, 4, 1, (6 / 7) * (3 / 4)],
        [2, 1, 1, 0],
      ],
    );
  });

  it('only censorings: no step, survival 1 everywhere', () => {
    const curve = kaplanMeier([c(0.2), c(0.9), c(0.9)]);
    expect(curve).toEqual({ observed: 0, censored: 3, steps: [] });
    expect(survivalAt(curve, 5)).toBe(1);
  });

  it('a last duration that is censored leaves the curve above zero', () => {
    expectSteps(
      [o(0.1), o(0.2), c(0.3)],
      [
        [0.1, 3, 1, 2 / 3],
        [0.2, 2, 1, 1 / 3],
      ],
    );
  });

  it('is right-continuous: S(x) at a step already has the drop', () => {
    const curve = kaplanMeier([o(1), o(2), c(3), o(4)]);
    expect(survivalAt(curve, 0)).toBe(1);
    expect(survivalAt(curve, 0.999_999)).toBe(1);
    expect(Math.abs(survivalAt(curve, 1) - 3 / 4)).toBeLessThan(1e-12);
    expect(Math.abs(survivalAt(curve, 1.5) - 3 / 4)).toBeLessThan(1e-12);
    expect(Math.abs(survivalAt(curve, 2) - 1 / 2)).toBeLessThan(1e-12);
    expect(Math.abs(survivalAt(curve, 3.5) - 1 / 2)).toBeLessThan(1e-12);
    expect(survivalAt(curve, 4)).toBe(0);
    expect(survivalAt(curve, 100)).toBe(0);
  });

  it('ties of observed stops count together; the input order does not matter', () => {
    const samples = [o(0.4), o(0.4), o(0.4), c(0.4), o(0.8)];
    expectSteps(samples, [
      [0.4, 5, 3, 2 / 5],
      [0.8, 1, 1, 0],
    ]);
    expect(kaplanMeier([...samples].reverse())).toEqual(kaplanMeier(samples));
  });

  it('does not modify its input', () => {
    const samples = Object.freeze([o(2), c(1), o(1)].map((s) => Object.freeze(s)));
    expect(() => kaplanMeier(samples)).not.toThrow();
    expect(samples.map((s) => s.x)).toEqual([2, 1, 1]);
  });
});
