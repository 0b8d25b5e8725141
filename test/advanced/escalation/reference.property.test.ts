import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../support/fc.js';
import { referenceEscalations } from './reference.js';
import { brief, caseArb, run } from './story-runs.js';

// The engine against the naive reference (reference.ts) on random ticket stories and plans.

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
