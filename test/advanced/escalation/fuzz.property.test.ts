import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkEscalations,
  defineEscalationPlan,
  nextEscalationAt,
  observeSla,
  parseEscalationPlan,
  startEscalation,
  toEscalationFeedEntry,
} from '../../../src/advanced/index.js';
import { PetSlaError } from '../../../src/index.js';
import { jsonObject } from '../../support/errors.js';
import { params } from '../../support/fc.js';
import { london, planOf, Ticket } from './fixtures.js';

// Arbitrary and near-miss input to every public function of the escalation capability: a
// PetSlaError or an answer, never a TypeError, a hang, or a changed input.

const plan = planOf('highest');
const ticket = new Ticket(plan, 'urgent', '2026-10-26T09:00:00Z').reply('2026-10-26T09:10:00Z');
const good = {
  esc: jsonObject(ticket.esc),
  transition: jsonObject(ticket.transitions.at(-1)),
  plan: jsonObject(plan),
  definition: jsonObject({ id: 'p', policyId: 'standard', levels: plan.levels }),
  event: jsonObject(
    new Ticket(plan, 'urgent', '2026-10-26T09:00:00Z').check('2026-10-26T12:00:00Z').escalations[0],
  ),
};

/** A copy of `value` with the value at one random path replaced by anything. */
function nearMiss(value: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, [...path, i]);
    } else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  return fc.tuple(fc.constantFrom(...paths), fc.anything()).map(([path, replacement]) => {
    if (path.length === 0) return replacement;
    const copy = JSON.parse(JSON.stringify(value));
    let at = copy;
    for (const key of path.slice(0, -1)) at = at[key];
    at[path.at(-1) as string] = replacement;
    return copy;
  });
}

function onlyTypedErrors(f: () => unknown): void {
  try {
    f();
  } catch (error) {
    if (!(error instanceof PetSlaError)) throw error;
  }
}

describe('escalation functions on bad input', () => {
  const options = { plan, calendar: london };
  it.each([
    ['defineEscalationPlan', good.definition, (v: unknown) => defineEscalationPlan(v as never)],
    ['parseEscalationPlan', good.plan, (v: unknown) => parseEscalationPlan(v)],
    [
      'startEscalation',
      good.transition,
      (v: unknown) => startEscalation((v as { state: never }).state, { plan }),
    ],
    [
      'observeSla (state)',
      good.esc,
      (v: unknown) => observeSla(v as never, ticket.transitions.at(-1) as never, options),
    ],
    [
      'observeSla (transition)',
      good.transition,
      (v: unknown) => observeSla(ticket.esc, v as never, options),
    ],
    [
      'checkEscalations',
      good.esc,
      (v: unknown) => checkEscalations(v as never, 1_793_000_000_000, options),
    ],
    ['nextEscalationAt', good.esc, (v: unknown) => nextEscalationAt(v as never)],
    ['toEscalationFeedEntry', good.event, (v: unknown) => toEscalationFeedEntry(v as never)],
  ])('%s: near misses give a PetSlaError or an answer, and are not changed', (_, base, call) => {
    fc.assert(
      fc.property(nearMiss(base), (input) => {
        const before = JSON.stringify(input);
        onlyTypedErrors(() => call(input));
        expect(JSON.stringify(input)).toBe(before);
      }),
      params(0.5),
    );
  });

  it('options and instants of any kind', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (options, now) => {
        onlyTypedErrors(() => checkEscalations(ticket.esc, now as never, options as never));
        onlyTypedErrors(() =>
          checkEscalations(ticket.esc, now as never, {
            plan,
            calendar: london,
            graceMs: options as never,
          }),
        );
        onlyTypedErrors(() => nextEscalationAt(ticket.esc, options as never));
        onlyTypedErrors(() =>
          observeSla(ticket.esc, ticket.transitions.at(-1) as never, options as never),
        );
      }),
      params(0.5),
    );
  });
});
