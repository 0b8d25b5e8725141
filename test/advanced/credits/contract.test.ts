import { describe, expect, it } from 'vitest';
import {
  CONTRACT_SCHEMA,
  defineServiceContract,
  parseServiceContract,
  perBreachCredit,
  reviseServiceContract,
  type ServiceContractDefinition,
} from '../../../src/advanced/index.js';
import { caught, codeAndPath, jsonCopy, jsonObject } from '../../support/errors.js';
import { independentFingerprint, refingerprint } from '../../support/independent-fingerprint.js';
import { GOLD_CONTRACT } from './gold-contract.js';

const gold: ServiceContractDefinition = GOLD_CONTRACT;

/** The definition with `changes` applied; `undefined` removes a key. */
const edit = (changes: Record<string, unknown>): ServiceContractDefinition => {
  const copy: Record<string, unknown> = { ...jsonCopy(gold), ...changes };
  for (const key of Object.keys(changes)) if (changes[key] === undefined) delete copy[key];
  return copy as unknown as ServiceContractDefinition;
};

const rejection = (changes: Record<string, unknown>) =>
  codeAndPath(() => defineServiceContract(edit(changes)));

describe('defineServiceContract', () => {
  it('normalises: tiers from the top down, priorities sorted, defaults written out', () => {
    const contract = defineServiceContract({
      id: 'c',
      currency: 'USD',
      monthlyFee: 100,
      period: { zone: 'UTC', unit: 'month' },
      measure: { metric: 'firstResponse', priorities: ['low', 'high', 'low'] },
      tiers: [
        { from: 0, to: 99.9, creditPercent: 10 },
        { from: 99.9, to: 100, creditPercent: 0 },
      ],
    });
    expect(contract).toEqual({
      schema: 'pet-sla/contract@1',
      id: 'c',
      version: 1,
      currency: 'USD',
      monthlyFee: 100,
      period: { zone: 'UTC', unit: 'month' },
      measure: { metric: 'firstResponse', priorities: ['high', 'low'] },
      minimumMeasured: 1,
      tiers: [
        { from: 99.9, to: 100, creditPercent: 0 },
        { from: 0, to: 99.9, creditPercent: 10 },
      ],
      perBreach: [],
      perLateHour: [],
      combine: 'sum',
      capPercent: 100,
      minimumPayable: 0,
      fingerprint: contract.fingerprint,
    });
    expect(contract.fingerprint).toBe(independentFingerprint(contract));
    expect(Object.isFrozen(contract)).toBe(true);
    expect(Object.isFrozen(contract.tiers[0])).toBe(true);
    expect(Object.isFrozen(contract.measure.priorities)).toBe(true);
  });

  it('gives the same contract for definitions that differ only in order', () => {
    const a = defineServiceContract(gold);
    const b = defineServiceContract(
      edit({
        tiers: [...(gold.tiers as object[])].reverse(),
        measure: { metric: 'resolution', priorities: ['high', 'urgent'] },
      }),
    );
    expect(b.fingerprint).toBe(a.fingerprint);
  });

  it('never mutates its input', () => {
    const input = jsonCopy(gold);
    const before = JSON.stringify(input);
    defineServiceContract(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it.each([
    ['not an object', null, ''],
    ['an unknown key', { fee: 1 }, 'fee'],
    ['a missing id', { id: undefined }, 'id'],
    ['an empty id', { id: '' }, 'id'],
    ['a version of 0', { version: 0 }, 'version'],
    ['an unknown currency', { currency: 'XYZ' }, 'currency'],
    ['a lower-case currency', { currency: 'eur' }, 'currency'],
    ['a fractional fee', { monthlyFee: 12.5 }, 'monthlyFee'],
    ['a negative fee', { monthlyFee: -1 }, 'monthlyFee'],
    ['an unsafe fee', { monthlyFee: 2 ** 53 }, 'monthlyFee'],
    [
      'a yearly fee that is not safe',
      { monthlyFee: 2 ** 50, period: { zone: 'UTC', unit: 'year' } },
      'monthlyFee',
    ],
    ['a period of weeks', { period: { zone: 'UTC', unit: 'week' } }, 'period.unit'],
    ['an unknown zone', { period: { zone: 'Mars/Olympus', unit: 'month' } }, 'period.zone'],
    ['an unknown period key', { period: { zone: 'UTC', unit: 'month', from: 1 } }, 'period.from'],
    ['a missing period', { period: undefined }, 'period'],
    ['an unknown metric', { measure: { metric: 'nextResponse' } }, 'measure.metric'],
    [
      'an empty priority list',
      { measure: { metric: 'resolution', priorities: [] } },
      'measure.priorities',
    ],
    [
      'an empty priority',
      { measure: { metric: 'resolution', priorities: [''] } },
      'measure.priorities[0]',
    ],
    ['minimumMeasured 0', { minimumMeasured: 0 }, 'minimumMeasured'],
    ['minimumMeasured 1.5', { minimumMeasured: 1.5 }, 'minimumMeasured'],
    ['no tiers', { tiers: [] }, 'tiers'],
    [
      'a tier percent with three decimals',
      {
        tiers: [
          { from: 0, to: 99.905, creditPercent: 10 },
          { from: 99.905, to: 100, creditPercent: 0 },
        ],
      },
      'tiers[0].to',
    ],
    [
      'a credit percent with three decimals',
      { tiers: [{ from: 0, to: 100, creditPercent: 10.001 }] },
      'tiers[0].creditPercent',
    ],
    [
      'a gap between tiers',
      {
        tiers: [
          { from: 0, to: 90, creditPercent: 10 },
          { from: 91, to: 100, creditPercent: 0 },
        ],
      },
      'tiers[1].from',
    ],
    [
      'overlapping tiers',
      {
        tiers: [
          { from: 0, to: 95, creditPercent: 10 },
          { from: 90, to: 100, creditPercent: 0 },
        ],
      },
      'tiers[1].from',
    ],
    [
      'tiers not starting at 0',
      { tiers: [{ from: 1, to: 100, creditPercent: 0 }] },
      'tiers[0].from',
    ],
    ['tiers not reaching 100', { tiers: [{ from: 0, to: 99, creditPercent: 10 }] }, 'tiers'],
    ['a tier above 100', { tiers: [{ from: 0, to: 101, creditPercent: 0 }] }, 'tiers[0].to'],
    [
      'a tier with from = to',
      {
        tiers: [
          { from: 0, to: 0, creditPercent: 0 },
          { from: 0, to: 100, creditPercent: 0 },
        ],
      },
      'tiers[0].to',
    ],
    ['a tier without creditPercent', { tiers: [{ from: 0, to: 100 }] }, 'tiers[0].creditPercent'],
    [
      'an unknown tier key',
      { tiers: [{ from: 0, to: 100, creditPercent: 0, note: 'x' }] },
      'tiers[0].note',
    ],
    [
      'a credit that rises with compliance',
      {
        tiers: [
          { from: 0, to: 90, creditPercent: 5 },
          { from: 90, to: 100, creditPercent: 10 },
        ],
      },
      'tiers[1].creditPercent',
    ],
    [
      'a credit percent over 100',
      { tiers: [{ from: 0, to: 100, creditPercent: 101 }] },
      'tiers[0].creditPercent',
    ],
    ['a cap over 100 %', { capPercent: 100.01 }, 'capPercent'],
    ['a negative cap', { capPercent: -1 }, 'capPercent'],
    ['a cap with three decimals', { capPercent: 30.125 }, 'capPercent'],
    ['a non-numeric cap', { capPercent: '30' }, 'capPercent'],
    ['a bad combine', { combine: 'min' }, 'combine'],
    ['a fractional minimum payable', { minimumPayable: 0.5 }, 'minimumPayable'],
    ['a negative claim window', { claimWindowDays: -1 }, 'claimWindowDays'],
    ['a fractional claim window', { claimWindowDays: 1.5 }, 'claimWindowDays'],
    ['a huge claim window', { claimWindowDays: 100_000 }, 'claimWindowDays'],
    ['perBreach not a list', { perBreach: {} }, 'perBreach'],
    ['a perBreach rule without metric', { perBreach: [{ amount: 1 }] }, 'perBreach[0].metric'],
    [
      'a perBreach rule without amount',
      { perBreach: [{ metric: 'resolution' }] },
      'perBreach[0].amount',
    ],
    [
      'a fractional perBreach amount',
      { perBreach: [{ metric: 'resolution', amount: 0.5 }] },
      'perBreach[0].amount',
    ],
    [
      'an unknown perBreach key',
      { perBreach: [{ metric: 'resolution', amount: 1, maxPerTicket: 1 }] },
      'perBreach[0].maxPerTicket',
    ],
    [
      'overlapping perBreach rules',
      {
        perBreach: [
          { metric: 'resolution', priorities: ['urgent'], amount: 1 },
          { metric: 'resolution', amount: 2 },
        ],
      },
      'perBreach[1].priorities',
    ],
    [
      'a bad perLateHour metric',
      { perLateHour: [{ metric: 'x', amount: 1 }] },
      'perLateHour[0].metric',
    ],
    [
      'a fractional maxPerTicket',
      { perLateHour: [{ metric: 'resolution', amount: 1, maxPerTicket: 1.5 }] },
      'perLateHour[0].maxPerTicket',
    ],
    [
      'overlapping perLateHour rules',
      {
        perLateHour: [
          { metric: 'resolution', priorities: ['urgent', 'high'], amount: 1 },
          { metric: 'resolution', priorities: ['high'], amount: 2 },
        ],
      },
      'perLateHour[1].priorities',
    ],
  ])('rejects %s with INVALID_CONTRACT and its path', (_, changes, path) => {
    const result =
      changes === null
        ? codeAndPath(() => defineServiceContract(null as unknown as ServiceContractDefinition))
        : rejection(changes as Record<string, unknown>);
    expect(result).toEqual({ code: 'INVALID_CONTRACT', path: path === '' ? undefined : path });
  });

  it('accepts rules of one metric whose priorities do not meet, and rules of two metrics', () => {
    const contract = defineServiceContract(
      edit({
        perBreach: [
          { metric: 'resolution', priorities: ['urgent'], amount: 5_000 },
          { metric: 'firstResponse', amount: 700 },
          { metric: 'resolution', priorities: ['high', 'normal'], amount: 2_000 },
        ],
      }),
    );
    expect(contract.perBreach.map((r) => r.amount)).toEqual([700, 2_000, 5_000]);
  });
});

describe('parseServiceContract and reviseServiceContract', () => {
  const contract = defineServiceContract(gold);

  it('reads a stored contract back with the same fingerprint', () => {
    const back = parseServiceContract(jsonCopy(contract));
    expect(back).toEqual(contract);
    expect(Object.isFrozen(back)).toBe(true);
    expect(parseServiceContract(contract)).toBe(contract);
  });

  it('rejects altered content with FINGERPRINT_MISMATCH, malformed content with INVALID_CONTRACT', () => {
    const altered = jsonObject(contract);
    altered.monthlyFee = 1;
    expect(codeAndPath(() => parseServiceContract(altered))).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
    const gap = jsonObject(contract);
    (gap.tiers as { from: number }[])[1] = { from: 96, to: 99, creditPercent: 5 } as never;
    const gapError = caught(() => parseServiceContract(refingerprint(gap)));
    expect([gapError.code, gapError.path]).toEqual(['INVALID_CONTRACT', 'tiers[1].from']);
    // Its own code, not repeated in the message.
    expect(gapError.detail).not.toContain('(INVALID_CONTRACT)');
    const wrongSchema = { ...jsonObject(contract), schema: 'pet-sla/contract@2' };
    expect(codeAndPath(() => parseServiceContract(wrongSchema))).toEqual({
      code: 'INVALID_CONTRACT',
      path: 'schema',
    });
    const unsorted = jsonObject(contract);
    (unsorted.tiers as unknown[]).reverse();
    expect(codeAndPath(() => parseServiceContract(refingerprint(unsorted)))).toEqual({
      code: 'INVALID_CONTRACT',
      path: 'tiers[0].from',
    });
    expect(codeAndPath(() => parseServiceContract('{}')).code).toBe('INVALID_CONTRACT');
  });

  it('revises: version + 1, previous, the changed fields replaced whole', () => {
    const v2 = reviseServiceContract(contract, { capPercent: 50 });
    expect(v2.version).toBe(2);
    expect(v2.previous).toBe(contract.fingerprint);
    expect(v2.capPercent).toBe(50);
    expect(v2.tiers).toEqual(contract.tiers);
    expect(contract.capPercent).toBe(30);
    expect(parseServiceContract(jsonCopy(v2))).toEqual(v2);
    expect(codeAndPath(() => reviseServiceContract(contract, { id: 'x' } as never))).toEqual({
      code: 'INVALID_CONTRACT',
      path: 'id',
    });
    expect(codeAndPath(() => reviseServiceContract(contract, { capPercent: 120 }))).toEqual({
      code: 'INVALID_CONTRACT',
      path: 'capPercent',
    });
    expect(codeAndPath(() => reviseServiceContract({} as never, {})).code).toBe('INVALID_CONTRACT');
  });

  it('schema tag', () => {
    expect(contract.schema).toBe(CONTRACT_SCHEMA);
  });
});

describe('perBreachCredit', () => {
  const contract = defineServiceContract(gold);
  it('is the amount of the one rule for the metric and priority, else 0', () => {
    expect(perBreachCredit(contract, { metric: 'resolution', priority: 'urgent' })).toBe(5_000);
    expect(perBreachCredit(contract, { metric: 'resolution', priority: 'high' })).toBe(0);
    expect(perBreachCredit(contract, { metric: 'firstResponse', priority: 'urgent' })).toBe(0);
    expect(perBreachCredit(jsonCopy(contract), { metric: 'resolution', priority: 'urgent' })).toBe(
      5_000,
    );
  });
  it('rejects a clock that is not { metric, priority }', () => {
    expect(codeAndPath(() => perBreachCredit(contract, { metric: 'x' } as never))).toEqual({
      code: 'INVALID_EVENT',
      path: 'clock.metric',
    });
    expect(codeAndPath(() => perBreachCredit(contract, { metric: 'resolution' } as never))).toEqual(
      { code: 'INVALID_EVENT', path: 'clock.priority' },
    );
    expect(
      codeAndPath(() => perBreachCredit(null as never, { metric: 'resolution', priority: 'a' }))
        .code,
    ).toBe('INVALID_CONTRACT');
  });
});
