import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thresholdMsOf } from '../../../src/advanced/escalation/plan-content.js';
import {
  defineEscalationPlan,
  type EscalationLevel,
  parseEscalationPlan,
  reviseEscalationPlan,
} from '../../../src/advanced/index.js';
import { caught, jsonCopy, jsonObject } from '../../support/errors.js';
import { params } from '../../support/fc.js';
import { writeCanonical } from '../../support/independent-fingerprint.js';

const definition = {
  id: 'standard-escalations',
  policyId: 'standard',
  levels: [
    { id: 'fr-warn', metric: 'firstResponse', beforeDue: 10, notify: ['assignee'] },
    { id: 'res-75', metric: 'resolution', percent: 75, notify: ['assignee', 'team-lead'] },
    { id: 'late', metric: 'resolution', afterDue: 120, priorities: ['urgent', 'high'] },
  ],
} as const;

describe('defineEscalationPlan', () => {
  it('normalises: catchUp highest by default, notify spelled out, priorities sorted', () => {
    const plan = defineEscalationPlan(definition);
    const { fingerprint, ...body } = plan;
    expect(body).toEqual({
      schema: 'pet-sla/escalation-plan@1',
      id: 'standard-escalations',
      version: 1,
      policyId: 'standard',
      catchUp: 'highest',
      levels: [
        { id: 'fr-warn', metric: 'firstResponse', beforeDue: 10, notify: ['assignee'] },
        { id: 'res-75', metric: 'resolution', percent: 75, notify: ['assignee', 'team-lead'] },
        {
          id: 'late',
          metric: 'resolution',
          afterDue: 120,
          priorities: ['high', 'urgent'],
          notify: [],
        },
      ],
    });
    expect(fingerprint).toBe(createHash('sha256').update(writeCanonical(body)).digest('hex'));
    expect(Object.isFrozen(plan.levels[0])).toBe(true);
  });

  it('gives the same fingerprint to definitions that differ only in priority order or defaults', () => {
    const a = defineEscalationPlan(definition);
    const b = defineEscalationPlan({
      ...definition,
      catchUp: 'highest',
      levels: [
        definition.levels[0],
        definition.levels[1],
        { ...definition.levels[2], priorities: ['high', 'urgent'], notify: [] },
      ],
    });
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(defineEscalationPlan({ ...definition, catchUp: 'all' }).fingerprint).not.toBe(
      a.fingerprint,
    );
  });

  const level = (extra: Record<string, unknown>) => ({
    ...definition,
    levels: [definition.levels[0], { id: 'x', metric: 'resolution', ...extra }],
  });
  it.each([
    ['no threshold', level({}), 'levels[1]'],
    ['two thresholds', level({ percent: 50, afterDue: 10 }), 'levels[1].afterDue'],
    ['three thresholds', level({ percent: 50, beforeDue: 5, afterDue: 10 }), 'levels[1].beforeDue'],
    ['percent 0', level({ percent: 0 }), 'levels[1].percent'],
    ['percent negative', level({ percent: -5 }), 'levels[1].percent'],
    ['percent above 1000', level({ percent: 1000.01 }), 'levels[1].percent'],
    ['percent with three decimals', level({ percent: 12.345 }), 'levels[1].percent'],
    ['percent as a string', level({ percent: '50' }), 'levels[1].percent'],
    ['beforeDue 0', level({ beforeDue: 0 }), 'levels[1].beforeDue'],
    ['beforeDue NaN', level({ beforeDue: Number.NaN }), 'levels[1].beforeDue'],
    ['afterDue infinite', level({ afterDue: Number.POSITIVE_INFINITY }), 'levels[1].afterDue'],
    ['afterDue below a millisecond', level({ afterDue: 1e-9 }), 'levels[1].afterDue'],
    ['unknown metric', level({ metric: 'nextResponse', percent: 5 }), 'levels[1].metric'],
    ['empty priorities', level({ percent: 5, priorities: [] }), 'levels[1].priorities'],
    ['a priority twice', level({ percent: 5, priorities: ['a', 'a'] }), 'levels[1].priorities[1]'],
    ['an empty priority', level({ percent: 5, priorities: [''] }), 'levels[1].priorities[0]'],
    ['priorities not a list', level({ percent: 5, priorities: 'urgent' }), 'levels[1].priorities'],
    ['notify not a list', level({ percent: 5, notify: 'lead' }), 'levels[1].notify'],
    ['a recipient twice', level({ percent: 5, notify: ['a', 'b', 'a'] }), 'levels[1].notify[2]'],
    ['a numeric recipient', level({ percent: 5, notify: [7] }), 'levels[1].notify[0]'],
    ['unknown level key', level({ percent: 5, when: 'now' }), 'levels[1].when'],
    ['empty level id', level({ id: '', percent: 5 }), 'levels[1].id'],
    [
      'duplicate level ids',
      { ...definition, levels: [definition.levels[0], { ...definition.levels[1], id: 'fr-warn' }] },
      'levels[1].id',
    ],
    [
      'a level that is no object',
      { ...definition, levels: [definition.levels[0], 5] },
      'levels[1]',
    ],
    ['no levels', { ...definition, levels: [] }, 'levels'],
    ['levels missing', { id: 'p', policyId: 'standard' }, 'levels'],
    ['levels not a list', { ...definition, levels: {} }, 'levels'],
    ['policyId missing', { id: 'p', levels: definition.levels }, 'policyId'],
    ['empty policyId', { ...definition, policyId: '' }, 'policyId'],
    ['unknown catchUp', { ...definition, catchUp: 'first' }, 'catchUp'],
    ['unknown key', { ...definition, escalate: true }, 'escalate'],
    ['bad version', { ...definition, version: 0 }, 'version'],
    ['empty id', { ...definition, id: '' }, 'id'],
  ])('%s → INVALID_PLAN at the path', (_, input, path) => {
    const before = JSON.stringify(input);
    const error = caught(() => defineEscalationPlan(input as never));
    expect(error.code).toBe('INVALID_PLAN');
    expect(error.path).toBe(path);
    expect(error.detail).toMatch(/expected|give every level|list each/);
    expect(JSON.stringify(input)).toBe(before);
  });

  it.each([[null], [5], ['plan'], [[]]])('refuses %j, which is no definition', (value) => {
    expect(caught(() => defineEscalationPlan(value as never)).code).toBe('INVALID_PLAN');
  });

  it('a percent with two decimals is kept exactly', () => {
    const plan = defineEscalationPlan(level({ percent: 33.33 }) as never);
    expect(plan.levels[1]?.percent).toBe(33.33);
  });
});

describe('thresholds', () => {
  const of = (extra: Partial<EscalationLevel>, targetMs: number) =>
    thresholdMsOf({ id: 'x', metric: 'resolution', notify: [], ...extra }, targetMs);
  it.each([
    [{ percent: 50 }, 60_000, 30_000],
    [{ percent: 33.33 }, 1001, 334], // 333.6333 rounded up
    [{ percent: 33.33 }, 10_000, 3333], // exact
    [{ percent: 0.01 }, 1, 1], // 0.0001 rounded up
    [{ percent: 1000 }, 7, 70],
    [{ percent: 100 }, 14_400_000, 14_400_000],
    [{ percent: 1.15 }, 100_000, 1150], // a float 1.15 × 1000 would be 1149.999…
    [{ beforeDue: 10 }, 3_600_000, 3_000_000],
    [{ beforeDue: 90 }, 3_600_000, 0], // never below zero
    [{ afterDue: 120 }, 3_600_000, 10_800_000],
    [{ afterDue: 0.5 }, 1000, 31_000],
  ])('%j of %d ms is %d ms', (extra, target, expected) => {
    expect(of(extra, target)).toBe(expected);
  });
  it('a percent threshold is the exact ceiling, for any target and percent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 10 ** 9 }),
          fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        ),
        fc.integer({ min: 1, max: 100_000 }),
        (target, bp) => {
          const exact = (BigInt(target) * BigInt(bp) + 9_999n) / 10_000n;
          expect(of({ percent: bp / 100 }, target)).toBe(Number(exact));
        },
      ),
      params(),
    );
  });
  it('is exact for targets near the safe-integer limit', () => {
    const big = 2 ** 52 + 1; // × 50 % = 2^51 + 0.5, rounded up
    expect(of({ percent: 50 }, big)).toBe(2 ** 51 + 1);
  });
});

describe('reviseEscalationPlan and parseEscalationPlan', () => {
  const plan = defineEscalationPlan(definition);

  it('revises: version + 1, previous = the old fingerprint, fields replaced whole', () => {
    const v2 = reviseEscalationPlan(plan, { catchUp: 'all' });
    expect(v2).toMatchObject({ version: 2, previous: plan.fingerprint, catchUp: 'all' });
    expect(v2.levels).toEqual(plan.levels);
    const v3 = reviseEscalationPlan(jsonCopy(v2), { levels: [definition.levels[1]] });
    expect(v3).toMatchObject({ version: 3, previous: v2.fingerprint });
    expect(v3.levels.map((l) => l.id)).toEqual(['res-75']);
    expect(plan.version).toBe(1);
  });

  it('refuses bad changes with INVALID_PLAN', () => {
    expect(caught(() => reviseEscalationPlan(plan, { id: 'other' } as never)).path).toBe('id');
    const error = caught(() => reviseEscalationPlan(plan, { levels: [{ id: 'a' }] } as never));
    expect([error.code, error.path]).toEqual(['INVALID_PLAN', 'levels[0].metric']);
  });

  it('parses its own JSON back to the same plan', () => {
    const again = parseEscalationPlan(jsonCopy(plan));
    expect(again).toEqual(plan);
    expect(parseEscalationPlan(plan)).toBe(plan);
  });

  it('refuses tampered, denormalised or foreign documents', () => {
    const tampered = jsonObject(plan);
    (tampered.levels as { percent?: number }[])[1] = {
      ...(tampered.levels as object[])[1],
      percent: 80,
    };
    expect(caught(() => parseEscalationPlan(tampered)).code).toBe('FINGERPRINT_MISMATCH');

    const denormal = jsonObject(plan);
    (denormal.levels as { priorities?: string[] }[])[2] = {
      ...(denormal.levels as object[])[2],
      priorities: ['urgent', 'high'],
    };
    const error = caught(() => parseEscalationPlan(denormal));
    expect([error.code, error.path]).toEqual(['INVALID_PLAN', 'levels[2].priorities[0]']);

    const foreign = { ...jsonObject(plan), schema: 'pet-sla/policy@1' };
    const schema = caught(() => parseEscalationPlan(foreign));
    expect([schema.code, schema.path]).toEqual(['INVALID_PLAN', 'schema']);
    const broken = jsonObject(plan);
    (broken.levels as object[])[0] = { id: 'x', metric: 'resolution' };
    const content = caught(() => parseEscalationPlan(broken));
    expect([content.code, content.path]).toEqual(['INVALID_PLAN', 'levels[0]']);
    expect(content.detail).not.toContain('(INVALID_PLAN)');
  });
});
