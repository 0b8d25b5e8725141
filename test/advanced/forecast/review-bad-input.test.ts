import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalAt } from '../../../src/advanced/index.js';
import { isPetSlaError } from '../../../src/index.js';

// The estimator and its reader are public: their results are frozen like every other result,
// and bad input is a typed error, never a TypeError from inside.

const code = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isPetSlaError(error) ? `${error.code} ${error.path}` : `untyped ${String(error)}`;
  }
  return undefined;
};

describe('kaplanMeier', () => {
  it('returns a deeply frozen curve', () => {
    // 3 at risk at 1: one stop, S = 2/3; the censoring at 2 leaves 1 at risk at 3: S = 0.
    const curve = kaplanMeier([
      { x: 1, observed: true },
      { x: 2, observed: false },
      { x: 3, observed: true },
    ]);
    expect(curve).toEqual({
      observed: 2,
      censored: 1,
      steps: [
        { x: 1, atRisk: 3, stops: 1, survival: 2 / 3 },
        { x: 3, atRisk: 1, stops: 1, survival: 0 },
      ],
    });
    expect(Object.isFrozen(curve)).toBe(true);
    expect(Object.isFrozen(curve.steps)).toBe(true);
    expect(Object.isFrozen(curve.steps[0])).toBe(true);
  });

  it('refuses samples that are not a list of { x, observed } with a typed error', () => {
    expect(code(() => kaplanMeier(undefined as never))).toBe('INVALID_MODEL samples');
    expect(code(() => kaplanMeier(3 as never))).toBe('INVALID_MODEL samples');
    expect(code(() => kaplanMeier([null] as never))).toBe('INVALID_MODEL samples[0]');
    expect(code(() => kaplanMeier([{ x: Number.NaN, observed: true }]))).toBe(
      'INVALID_MODEL samples[0].x',
    );
    expect(
      code(() =>
        kaplanMeier([
          { x: 1, observed: true },
          { x: -1, observed: true },
        ]),
      ),
    ).toBe('INVALID_MODEL samples[1].x');
    expect(code(() => kaplanMeier([{ x: 1, observed: 'yes' }] as never))).toBe(
      'INVALID_MODEL samples[0].observed',
    );
  });
});

describe('survivalAt', () => {
  it('refuses something that is not a curve, or an x that is not a number', () => {
    expect(code(() => survivalAt(undefined as never, 1))).toBe('INVALID_MODEL curve');
    expect(code(() => survivalAt({} as never, 1))).toBe('INVALID_MODEL curve');
    expect(code(() => survivalAt({ steps: [null] } as never, 1))).toBe('INVALID_MODEL curve');
    const curve = kaplanMeier([{ x: 1, observed: true }]);
    expect(code(() => survivalAt(curve, Number.NaN))).toBe('INVALID_MODEL x');
    expect(code(() => survivalAt(curve, '1' as never))).toBe('INVALID_MODEL x');
    expect(survivalAt(curve, 0.5)).toBe(1);
    expect(survivalAt(curve, 1)).toBe(0);
  });
});
