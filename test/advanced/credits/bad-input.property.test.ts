import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeServiceCredits,
  defineServiceContract,
  formatCreditStatement,
  parseServiceContract,
  perBreachCredit,
  reviseServiceContract,
  type ServiceContractDefinition,
} from '../../../src/advanced/index.js';
import { PetSlaError } from '../../../src/index.js';
import { params } from '../../support/fc.js';
import { refingerprint } from '../../support/independent-fingerprint.js';
import { contractDefinitionArb } from './arbitraries.js';
import { interleave, ticketLog } from './stories.js';

// Bad input gets a PetSlaError, never a TypeError, NaN or a changed argument: arbitrary
// values, and near misses made by breaking one field of a valid contract, log or statement.

const contract = defineServiceContract({
  id: 'c',
  currency: 'EUR',
  monthlyFee: 100_000,
  period: { zone: 'UTC', unit: 'month' },
  measure: { metric: 'resolution' },
  tiers: [
    { from: 99, to: 100, creditPercent: 0 },
    { from: 0, to: 99, creditPercent: 10 },
  ],
  perBreach: [{ metric: 'resolution', amount: 5_000 }],
  perLateHour: [{ metric: 'resolution', amount: 1_000 }],
  claimWindowDays: 15,
});
const log = interleave(
  ticketLog('A', 'urgent', '2026-11-02T09:00:00Z', [{ resolve: '2026-11-02T11:00:00Z' }]),
  ticketLog('B', 'urgent', '2026-11-03T09:00:00Z', [{ resolve: '2026-11-03T17:30:00Z' }]),
);
const statement = computeServiceCredits(contract, log, {
  period: '2026-11',
  asOf: '2026-12-01T00:00:00Z',
});

const junk = fc.oneof(
  fc.anything(),
  fc.constantFrom<unknown>(
    Number.NaN,
    -1,
    1.5,
    2 ** 53,
    8_700_000_000_000_000, // a safe integer beyond what Date can show
    1e300,
    '',
    'x',
    [],
    {},
    null,
    Object.create(null),
    [[]],
    { __proto__: ['x'] },
  ),
);

/** A copy of `value` with the field at a random path (one or two levels deep) replaced by junk. */
function brokenArb(value: object): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    if (path.length > 0) paths.push(path);
    if (path.length >= 3 || typeof v !== 'object' || v === null) return;
    for (const key of Object.keys(v)) walk((v as Record<string, unknown>)[key], [...path, key]);
  };
  walk(value, []);
  return fc.tuple(fc.constantFrom(...paths), junk).map(([path, replacement]) => {
    const copy = JSON.parse(JSON.stringify(value));
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key];
    target[path[path.length - 1] as string] = replacement;
    return copy;
  });
}

/** Re-signed, so that only the shape checks can catch the change (when it is JSON at all). */
function resigned(value: unknown): unknown {
  try {
    return refingerprint(value as { fingerprint?: unknown });
  } catch {
    return value;
  }
}

function expectTypedOrValue(f: () => unknown) {
  try {
    const result = f();
    if (typeof result === 'number') expect(Number.isNaN(result)).toBe(false);
  } catch (error) {
    if (!(error instanceof PetSlaError)) throw error;
  }
}

const snapshotOf = (x: unknown) => {
  try {
    return JSON.stringify(x);
  } catch {
    return undefined;
  }
};

describe('credits, fed bad input', () => {
  const cases: [string, fc.Arbitrary<unknown[]>, (...args: unknown[]) => unknown][] = [
    [
      'defineServiceContract',
      fc.oneof(junk, brokenArb(contract), contractDefinitionArb.chain(brokenArb)).map((d) => [d]),
      (d) => defineServiceContract(d as ServiceContractDefinition),
    ],
    [
      'parseServiceContract',
      fc.oneof(junk, brokenArb(contract)).map((d) => [d]),
      (d) => parseServiceContract(d),
    ],
    [
      'reviseServiceContract',
      fc.tuple(fc.oneof(junk, fc.constant(contract)), fc.oneof(junk, brokenArb(contract))),
      (c, changes) => reviseServiceContract(c as never, changes as never),
    ],
    [
      'computeServiceCredits',
      fc.tuple(
        fc.oneof(junk, fc.constant(contract), brokenArb(contract)),
        fc.oneof(junk, fc.constant(log), fc.array(brokenArb(log[0] as object), { maxLength: 3 })),
        fc.oneof(
          junk,
          brokenArb({ period: '2026-11', asOf: '2026-12-01T00:00:00Z', exclude: ['A'] }),
        ),
      ),
      (c, events, options) => computeServiceCredits(c as never, events as never, options as never),
    ],
    [
      'formatCreditStatement',
      fc.oneof(junk, brokenArb(statement), brokenArb(statement).map(resigned)).map((s) => [s]),
      (s) => formatCreditStatement(s as never),
    ],
    [
      'perBreachCredit',
      fc.tuple(
        fc.oneof(junk, fc.constant(contract)),
        fc.oneof(junk, brokenArb({ metric: 'resolution', priority: 'urgent' })),
      ),
      (c, clock) => perBreachCredit(c as never, clock as never),
    ],
  ];

  it.each(cases)('%s: a value or a PetSlaError, never a changed argument', (_, args, f) => {
    fc.assert(
      fc.property(args, (values) => {
        const before = values.map(snapshotOf);
        expectTypedOrValue(() => f(...values));
        expect(values.map(snapshotOf)).toEqual(before);
      }),
      params(0.5),
    );
  });
});
