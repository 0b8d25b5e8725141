// The Kaplan–Meier product-limit estimator, on its own: no tickets, no SLAs, just durations
// that either ended (observed) or were still going when we stopped watching (censored).
//
// Floats only go through + − × ÷ in one fixed order, so a curve is bit-for-bit the same on
// every host; the other operations are comparisons and integer counting.

import { describe, PetSlaError } from '../../errors.js';
import { deepFreeze, isPlainObject } from '../../shared/read.js';

/**
 * One duration of a history: where it ended (`x`), and whether its end was seen (`observed`)
 * or it was still going then (`observed: false`, right-censored).
 *
 * @example
 * ```ts
 * const samples: SurvivalSample[] = [{ x: 0.4, observed: true }, { x: 0.7, observed: false }];
 * ```
 */
export interface SurvivalSample {
  readonly x: number;
  readonly observed: boolean;
}

/**
 * One step of a survival curve: at `x`, `stops` of the `atRisk` durations still going ended,
 * and the survival drops to `survival` (the curve is right-continuous: S(x) is already the
 * lower value).
 *
 * @example
 * ```ts
 * const step: SurvivalStep = { x: 0.5, atRisk: 4, stops: 1, survival: 0.75 };
 * ```
 */
export interface SurvivalStep {
  readonly x: number;
  /** Durations still going just before `x`: those ending at `x` or later, censored ones included. */
  readonly atRisk: number;
  /** Durations observed to end exactly at `x` (≥ 1). */
  readonly stops: number;
  /** S(x): the estimated share of durations longer than `x`. */
  readonly survival: number;
}

/**
 * A fitted survival curve: its steps in increasing `x`, and how many durations it was fitted
 * from. Between steps and after the last one the curve is flat; before the first it is 1.
 *
 * @example
 * ```ts
 * const curve: SurvivalCurve = kaplanMeier([{ x: 1, observed: true }]);
 * curve.steps[0]?.survival; // 0
 * ```
 */
export interface SurvivalCurve {
  /** Durations whose end was seen. */
  readonly observed: number;
  /** Durations still going when last seen. */
  readonly censored: number;
  readonly steps: readonly SurvivalStep[];
}

/**
 * The survival factor of one step, `(atRisk − stops) / atRisk`: an exact integer difference and
 * one correctly rounded division. Every curve, fitted or read back, multiplies these factors
 * left to right, which is what makes survival values identical everywhere.
 */
export function stepFactor(atRisk: number, stops: number): number {
  return (atRisk - stops) / atRisk;
}

/** Checks what was passed as samples: a list of `{ x, observed }`, x a finite number ≥ 0. */
function checkSamples(samples: unknown): asserts samples is readonly SurvivalSample[] {
  if (!Array.isArray(samples)) {
    throw new PetSlaError(
      'INVALID_MODEL',
      `expected a list of samples { x, observed }, got ${describe(samples)}`,
      'samples',
    );
  }
  samples.forEach((sample: unknown, i) => {
    const path = `samples[${i}]`;
    if (!isPlainObject(sample)) {
      throw new PetSlaError(
        'INVALID_MODEL',
        `expected a sample { x, observed }, got ${describe(sample)}`,
        path,
      );
    }
    if (typeof sample.x !== 'number' || !Number.isFinite(sample.x) || sample.x < 0) {
      throw new PetSlaError(
        'INVALID_MODEL',
        `expected x as a finite number ≥ 0 (used time / target), got ${describe(sample.x)}`,
        `${path}.x`,
      );
    }
    if (typeof sample.observed !== 'boolean') {
      throw new PetSlaError(
        'INVALID_MODEL',
        `expected observed as true (the end was seen) or false (censored), got ${describe(sample.observed)}`,
        `${path}.observed`,
      );
    }
  });
}

/** Observed before censored at equal `x`: a duration that ended at x was at risk at x. */
function bySampleOrder(a: SurvivalSample, b: SurvivalSample): number {
  if (a.x !== b.x) return a.x < b.x ? -1 : 1;
  if (a.observed === b.observed) return 0;
  return a.observed ? -1 : 1;
}

/**
 * The Kaplan–Meier estimate of S(x) = P(X > x) from durations that were observed to end or
 * were right-censored. At a tie, the observed ends count before the censorings, so a
 * duration censored at x is still at risk for the ends at x. Does not modify `samples`.
 *
 * @example
 * ```ts
 * kaplanMeier([
 *   { x: 1, observed: true },
 *   { x: 2, observed: false },
 *   { x: 3, observed: true },
 * ]).steps; // [{ x: 1, atRisk: 3, stops: 1, survival: 2/3 }, { x: 3, atRisk: 1, stops: 1, survival: 0 }]
 * ```
 */
export function kaplanMeier(samples: readonly SurvivalSample[]): SurvivalCurve {
  checkSamples(samples);
  const sorted = [...samples].sort(bySampleOrder);
  const steps: SurvivalStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  let observed = 0;
  let i = 0;
  while (i < sorted.length) {
    const x = (sorted[i] as SurvivalSample).x;
    let stops = 0;
    let leaving = 0;
    while (i < sorted.length && (sorted[i] as SurvivalSample).x === x) {
      if ((sorted[i] as SurvivalSample).observed) stops += 1;
      leaving += 1;
      i += 1;
    }
    if (stops > 0) {
      survival = survival * stepFactor(atRisk, stops);
      steps.push({ x, atRisk, stops, survival });
      observed += stops;
    }
    atRisk -= leaving;
  }
  return deepFreeze({ observed, censored: sorted.length - observed, steps });
}

/**
 * Index of the last step at or before `x` (−1 when `x` is before the first step): one binary
 * search over the steps.
 */
export function lastStepAtOrBefore(steps: readonly SurvivalStep[], x: number): number {
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((steps[middle] as SurvivalStep).x <= x) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

const isStep = (step: unknown): boolean =>
  isPlainObject(step) && typeof step.x === 'number' && typeof step.survival === 'number';

/**
 * S(x) of a curve: the survival of the last step at or before `x` (right-continuous steps),
 * 1 before the first step.
 *
 * @example
 * ```ts
 * const curve = kaplanMeier([{ x: 1, observed: true }, { x: 3, observed: true }]);
 * survivalAt(curve, 0.5); // 1
 * survivalAt(curve, 1); // 0.5
 * ```
 */
export function survivalAt(curve: SurvivalCurve, x: number): number {
  const steps = isPlainObject(curve) ? (curve as { steps?: unknown }).steps : undefined;
  if (!Array.isArray(steps) || !steps.every(isStep)) {
    throw new PetSlaError(
      'INVALID_MODEL',
      `expected a survival curve { observed, censored, steps: [{ x, atRisk, stops, survival }] }, got ${describe(curve)}`,
      'curve',
    );
  }
  if (typeof x !== 'number' || Number.isNaN(x)) {
    throw new PetSlaError('INVALID_MODEL', `expected x as a number, got ${describe(x)}`, 'x');
  }
  return survivalOfSteps(curve.steps, x);
}

/** S(x) of steps already known to be a curve's (no checks: for callers inside the library). */
export function survivalOfSteps(steps: readonly SurvivalStep[], x: number): number {
  const index = lastStepAtOrBefore(steps, x);
  return index < 0 ? 1 : (steps[index] as SurvivalStep).survival;
}

/**
 * Index of the first step whose survival is at or below `level` (survival never increases
 * along a curve, so one binary search finds it); −1 when the curve never gets that low.
 */
export function firstStepAtOrBelow(steps: readonly SurvivalStep[], level: number): number {
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((steps[middle] as SurvivalStep).survival <= level) high = middle;
    else low = middle + 1;
  }
  return low === steps.length ? -1 : low;
}
