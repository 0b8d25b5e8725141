import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  defineSlaPolicy,
  PetSlaError,
  POLICY_SCHEMA,
  type PolicyChanges,
  parsePolicySnapshot,
  revisePolicy,
  SLA_METRICS,
  type SlaPolicy,
  type SlaPolicyDefinition,
  SUPPORTED_POLICY_SCHEMAS,
  toPolicySnapshot,
} from '../../src/index.js';
import {
  caught,
  codeAndPath,
  type Json,
  type JsonObject,
  jsonObject as json,
} from '../support/errors.js';
import { independentFingerprint, refingerprint } from '../support/independent-fingerprint.js';

// SPEC §7 (SLA policies: definition, validation, versions, snapshots) and the policy rows of §10.

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

function nothingFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return !Object.isFrozen(value) && Object.values(value).every(nothingFrozen);
}

// ---------------------------------------------------------------------------------------------

const standardDefinition: SlaPolicyDefinition = {
  id: 'standard',
  name: 'Standard support',
  calendarId: 'uk-support',
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved', 'closed'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    normal: { firstResponse: 240, resolution: 2400 },
  },
};
const standard = defineSlaPolicy(standardDefinition);

/** A policy with every field: name, previous, several statuses, a one-metric priority. */
const rich = revisePolicy(standard, {
  pauseWhile: ['on_hold', 'waiting_on_customer', 'waiting_on_third_party'],
  targets: {
    urgent: { firstResponse: 15, resolution: 120 },
    normal: { firstResponse: 240, resolution: 2400 },
    low: { resolution: 4800.5 },
  },
});

const expectInvalid = (definition: unknown, path: string | undefined): void => {
  expect(codeAndPath(() => defineSlaPolicy(definition as SlaPolicyDefinition))).toEqual({
    code: 'INVALID_POLICY',
    path,
  });
};

describe('§7 defineSlaPolicy', () => {
  it('returns the normalised policy: plain JSON, its own snapshot, with a fingerprint', () => {
    expect(standard).toEqual({
      schema: 'pet-sla/policy@1',
      id: 'standard',
      name: 'Standard support',
      version: 1,
      calendarId: 'uk-support',
      pauseWhile: ['waiting_on_customer'],
      stopWhen: ['closed', 'resolved'],
      targets: {
        normal: { firstResponse: 240, resolution: 2400 },
        urgent: { firstResponse: 30, resolution: 240 },
      },
      fingerprint: independentFingerprint(standard),
    });
    expect(standard.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(POLICY_SCHEMA).toBe('pet-sla/policy@1');
    expect(SLA_METRICS).toEqual(['firstResponse', 'resolution']);
    expect(Object.getPrototypeOf(standard)).toBe(Object.prototype);
    expect(json(standard)).toEqual(standard);
  });

  it('has the documented keys, in the documented order', () => {
    expect(Object.keys(standard)).toEqual([
      'schema',
      'id',
      'name',
      'version',
      'calendarId',
      'pauseWhile',
      'stopWhen',
      'targets',
      'fingerprint',
    ]);
    expect(Object.keys(rich)).toEqual([
      'schema',
      'id',
      'name',
      'version',
      'previous',
      'calendarId',
      'pauseWhile',
      'stopWhen',
      'targets',
      'fingerprint',
    ]);
    const bare = defineSlaPolicy({ id: 'b', calendarId: 'c', targets: { p: { resolution: 1 } } });
    expect(bare).toEqual({
      schema: 'pet-sla/policy@1',
      id: 'b',
      version: 1,
      calendarId: 'c',
      pauseWhile: [],
      stopWhen: [],
      targets: { p: { resolution: 1 } },
      fingerprint: independentFingerprint(bare),
    });
    expect('name' in bare).toBe(false);
    expect('previous' in bare).toBe(false);
  });

  it('takes an explicit version and keeps fractional minutes as given', () => {
    const v7 = defineSlaPolicy({ ...standardDefinition, version: 7 });
    expect(v7.version).toBe(7);
    expect(rich.targets.low).toEqual({ resolution: 4800.5 });
    // 1/60 of a minute is one second; the smallest target is one millisecond.
    const tiny = defineSlaPolicy({
      id: 't',
      calendarId: 'c',
      targets: { p: { firstResponse: 1 / 60, resolution: 1 / 60_000 } },
    });
    expect(tiny.targets.p).toEqual({ firstResponse: 1 / 60, resolution: 1 / 60_000 });
  });

  it('lets a priority set only one metric, and allows any priority names', () => {
    const policy = defineSlaPolicy({
      id: 'p',
      calendarId: 'c',
      targets: {
        'P1 (critical)': { firstResponse: 10 },
        'p2-high': { resolution: 60 },
        Ünïcödé: { firstResponse: 1, resolution: 2 },
      },
    });
    expect(policy.targets).toEqual({
      'P1 (critical)': { firstResponse: 10 },
      'p2-high': { resolution: 60 },
      Ünïcödé: { firstResponse: 1, resolution: 2 },
    });
    expect('resolution' in (policy.targets['P1 (critical)'] ?? {})).toBe(false);
  });
});

describe('§7 validation: every failure is INVALID_POLICY with the path of the field', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['a string', 'standard'],
    ['a number', 42],
    ['a Date', new Date(0)],
  ])('rejects a definition that is not an object: %s', (_, definition) => {
    expectInvalid(definition, undefined);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['missing id', { id: undefined }, 'id'],
    ['empty id', { id: '' }, 'id'],
    ['id not a string', { id: 7 }, 'id'],
    ['id null', { id: null }, 'id'],
    ['unknown key', { priorities: {} }, 'priorities'],
    ['misspelt key', { pauseWhen: ['on_hold'] }, 'pauseWhen'],
    ['schema is not a definition key', { schema: 'pet-sla/policy@1' }, 'schema'],
    ['fingerprint is not a definition key', { fingerprint: standard.fingerprint }, 'fingerprint'],
    ['previous is not a definition key', { previous: standard.fingerprint }, 'previous'],
    ['version 0', { version: 0 }, 'version'],
    ['version negative', { version: -1 }, 'version'],
    ['version fractional', { version: 1.5 }, 'version'],
    ['version a string', { version: '1' }, 'version'],
    ['version NaN', { version: Number.NaN }, 'version'],
    ['version null', { version: null }, 'version'],
    ['name not a string', { name: 5 }, 'name'],
    ['name null', { name: null }, 'name'],
    ['missing calendarId', { calendarId: undefined }, 'calendarId'],
    ['empty calendarId', { calendarId: '' }, 'calendarId'],
    ['calendarId not a string', { calendarId: { id: 'uk-support' } }, 'calendarId'],
    ['pauseWhile a string', { pauseWhile: 'waiting_on_customer' }, 'pauseWhile'],
    ['pauseWhile null', { pauseWhile: null }, 'pauseWhile'],
    ['pauseWhile an object', { pauseWhile: { 0: 'x' } }, 'pauseWhile'],
    ['a non-string pause status', { pauseWhile: ['on_hold', 3] }, 'pauseWhile[1]'],
    ['a null pause status', { pauseWhile: [null] }, 'pauseWhile[0]'],
    ['an empty pause status', { pauseWhile: ['on_hold', ''] }, 'pauseWhile[1]'],
    ['stopWhen a string', { stopWhen: 'closed' }, 'stopWhen'],
    ['a non-string stop status', { stopWhen: ['closed', 'resolved', true] }, 'stopWhen[2]'],
    ['a nested list as stop status', { stopWhen: [['closed']] }, 'stopWhen[0]'],
    ['an empty stop status', { stopWhen: [''] }, 'stopWhen[0]'],
  ])('rejects %s', (_, change, path) => {
    expectInvalid({ ...standardDefinition, ...change }, path);
  });

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['empty', {}],
    ['null', null],
    ['an array', [{ firstResponse: 30 }]],
    ['a number', 240],
    ['a string', 'urgent'],
  ])('rejects targets that are %s (no targets)', (_, targets) => {
    expectInvalid({ ...standardDefinition, targets }, 'targets');
  });

  it.each<[string, unknown]>([
    ['no metric', {}],
    ['a number instead of metrics', 30],
    ['null', null],
    ['an array', [30, 240]],
    ['metrics set to undefined only', { firstResponse: undefined, resolution: undefined }],
  ])('rejects a priority with %s', (_, metrics) => {
    expectInvalid(
      { ...standardDefinition, targets: { ...standardDefinition.targets, urgent: metrics } },
      'targets.urgent',
    );
  });

  it('rejects an empty priority name', () => {
    expectInvalid({ ...standardDefinition, targets: { '': { resolution: 60 } } }, 'targets[""]');
  });

  it.each<[string, unknown]>([
    ['0', 0],
    ['-0', -0],
    ['negative', -30],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a numeric string', '30'],
    ['null', null],
    ['a boolean', true],
    ['an array', [30]],
    ['an object', { minutes: 30 }],
    ['less than a millisecond', 1e-6],
    ['more than Number.MAX_SAFE_INTEGER milliseconds', Number.MAX_SAFE_INTEGER],
    ['1e300', 1e300],
  ])('rejects a target that is %s', (_, minutes) => {
    expectInvalid(
      { ...standardDefinition, targets: { urgent: { firstResponse: minutes, resolution: 240 } } },
      'targets.urgent.firstResponse',
    );
    expectInvalid(
      { ...standardDefinition, targets: { normal: { firstResponse: 240, resolution: minutes } } },
      'targets.normal.resolution',
    );
  });

  it('names the bad target in its message', () => {
    const error = caught(() =>
      defineSlaPolicy({ ...standardDefinition, targets: { urgent: { firstResponse: -30 } } }),
    );
    expect(error.message).toContain('targets.urgent.firstResponse');
    expect(error.message).toContain('positive');
    expect(error.message).toContain('-30');
  });

  it.each<[string, string]>([
    ['firstReply', 'targets.urgent.firstReply'],
    ['response', 'targets.urgent.response'],
    ['Resolution', 'targets.urgent.Resolution'],
    ['nextResponse', 'targets.urgent.nextResponse'],
  ])('rejects an unknown metric: %s', (metric, path) => {
    expectInvalid(
      { ...standardDefinition, targets: { urgent: { firstResponse: 30, [metric]: 60 } } },
      path,
    );
    const error = caught(() =>
      defineSlaPolicy({ ...standardDefinition, targets: { urgent: { [metric]: 60 } } }),
    );
    expect(error.message).toContain('"firstResponse"');
    expect(error.message).toContain('"resolution"');
  });

  it('rejects a status listed in both pauseWhile and stopWhen, naming it', () => {
    // stopWhen is written in its normal order here, so index 1 is the same in input and policy.
    expectInvalid(
      { ...standardDefinition, pauseWhile: ['on_hold'], stopWhen: ['closed', 'on_hold'] },
      'stopWhen[1]',
    );
    expectInvalid(
      {
        ...standardDefinition,
        pauseWhile: ['waiting_on_customer'],
        stopWhen: ['closed', 'resolved', 'waiting_on_customer'],
      },
      'stopWhen[2]',
    );
    const error = caught(() =>
      defineSlaPolicy({ ...standardDefinition, pauseWhile: ['closed'], stopWhen: ['closed'] }),
    );
    expect(error.code).toBe('INVALID_POLICY');
    expect(error.message).toContain('"closed"');
    expect(error.message).toContain('pauseWhile');
  });

  it('names the conflicting status at its index in the input', () => {
    expectInvalid(
      {
        ...standardDefinition,
        pauseWhile: ['waiting_on_customer'],
        stopWhen: ['waiting_on_customer', 'closed'],
      },
      'stopWhen[0]',
    );
  });

  it('rejects a bigint target with INVALID_POLICY (no TypeError)', () => {
    expectInvalid(
      { ...standardDefinition, targets: { urgent: { firstResponse: 30n } } },
      'targets.urgent.firstResponse',
    );
  });

  it('the message of a NaN or infinite target names the value', () => {
    for (const [minutes, text] of [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
    ] as const) {
      const error = caught(() =>
        defineSlaPolicy({ ...standardDefinition, targets: { urgent: { resolution: minutes } } }),
      );
      expect(error.message).toContain(text);
    }
  });

  it('a priority named "__proto__" is a key like any other, or a typed error', () => {
    const targets = JSON.parse('{"__proto__": {"resolution": 60}}') as Record<string, object>;
    let policy: SlaPolicy | undefined;
    try {
      policy = defineSlaPolicy({ id: 'p', calendarId: 'c', targets });
    } catch (error) {
      expect(error).toBeInstanceOf(PetSlaError);
      expect((error as PetSlaError).code).toBe('INVALID_POLICY');
      return;
    }
    expect(Object.hasOwn(policy.targets, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(policy.targets)).toBe(Object.prototype);
  });

  it('reports the first problem in field order', () => {
    // An unknown key is reported before anything else; then id, version, name, calendarId,
    // statuses, targets.
    expectInvalid({ bogus: 1, id: '' }, 'bogus');
    expectInvalid({ id: '', version: 0 }, 'id');
    expectInvalid({ id: 'x', version: 0, calendarId: '' }, 'version');
    expectInvalid({ id: 'x', calendarId: '', targets: {} }, 'calendarId');
    expectInvalid({ id: 'x', calendarId: 'c', pauseWhile: [1], targets: {} }, 'pauseWhile[0]');
    expectInvalid({ id: 'x', calendarId: 'c' }, 'targets');
  });

  it('never mutates or freezes the definition, even when it is rejected', () => {
    const definitions: unknown[] = [
      structuredClone(standardDefinition),
      { ...structuredClone(standardDefinition), stopWhen: ['b', 'a', 'b', 'a'] },
      { ...structuredClone(standardDefinition), targets: { urgent: { firstResponse: -1 } } },
      { ...structuredClone(standardDefinition), pauseWhile: ['closed'] },
    ];
    for (const definition of definitions) {
      const before = structuredClone(definition);
      try {
        defineSlaPolicy(definition as SlaPolicyDefinition);
      } catch {
        // rejected: still untouched
      }
      expect(definition).toEqual(before);
      expect(nothingFrozen(definition)).toBe(true);
    }
  });

  it('returns deeply frozen values that share nothing with the definition', () => {
    const definition = structuredClone(standardDefinition) as {
      pauseWhile: string[];
      targets: Record<string, { firstResponse?: number }>;
    } & SlaPolicyDefinition;
    const policy = defineSlaPolicy(definition);
    expect(isDeeplyFrozen(policy)).toBe(true);
    expect(policy.pauseWhile).not.toBe(definition.pauseWhile);
    expect(policy.targets).not.toBe(definition.targets);
    expect(policy.targets.urgent).not.toBe(definition.targets.urgent);
    // Changing the definition afterwards changes nothing in the policy.
    definition.pauseWhile.push('on_hold');
    (definition.targets.urgent as { firstResponse?: number }).firstResponse = 1;
    expect(policy).toEqual(defineSlaPolicy(standardDefinition));
    expect(() => {
      (policy as { id: string }).id = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (policy.stopWhen as string[]).push('x');
    }).toThrow(TypeError);
    expect(() => {
      (policy.targets.urgent as { resolution?: number }).resolution = 1;
    }).toThrow(TypeError);
  });
});

describe('§7 normal form: same meaning, same fingerprint', () => {
  const sameMeaning: [string, SlaPolicyDefinition][] = [
    ['statuses in another order', { ...standardDefinition, stopWhen: ['closed', 'resolved'] }],
    [
      'duplicate statuses',
      {
        ...standardDefinition,
        pauseWhile: ['waiting_on_customer', 'waiting_on_customer'],
        stopWhen: ['resolved', 'closed', 'resolved', 'closed'],
      },
    ],
    [
      'priorities in another order',
      {
        ...standardDefinition,
        targets: {
          normal: { firstResponse: 240, resolution: 2400 },
          urgent: { firstResponse: 30, resolution: 240 },
        },
      },
    ],
    [
      'metrics in another order',
      {
        ...standardDefinition,
        targets: {
          urgent: { resolution: 240, firstResponse: 30 },
          normal: { resolution: 2400, firstResponse: 240 },
        },
      },
    ],
    ['version 1 written out', { ...standardDefinition, version: 1 }],
    [
      'keys in another order',
      {
        targets: standardDefinition.targets,
        stopWhen: ['resolved', 'closed'],
        pauseWhile: ['waiting_on_customer'],
        calendarId: 'uk-support',
        name: 'Standard support',
        id: 'standard',
      },
    ],
  ];

  it.each(sameMeaning)('%s', (_, definition) => {
    const policy = defineSlaPolicy(definition);
    expect(policy).toEqual(standard);
    expect(JSON.stringify(policy)).toBe(JSON.stringify(standard));
    expect(policy.fingerprint).toBe(standard.fingerprint);
  });

  it('statuses are sorted and de-duplicated, and absent lists are empty', () => {
    const policy = defineSlaPolicy({
      id: 'p',
      calendarId: 'c',
      pauseWhile: ['on_hold', 'Awaiting', 'on_hold', 'awaiting', 'b'],
      targets: { p: { resolution: 1 } },
    });
    // Sorted by UTF-16 code units (uppercase before lowercase), as canonical JSON sorts keys.
    expect(policy.pauseWhile).toEqual(['Awaiting', 'awaiting', 'b', 'on_hold']);
    expect(policy.stopWhen).toEqual([]);
    const empty = defineSlaPolicy({
      id: 'p',
      calendarId: 'c',
      pauseWhile: [],
      stopWhen: [],
      targets: { p: { resolution: 1 } },
    });
    expect(empty.fingerprint).toBe(
      defineSlaPolicy({ id: 'p', calendarId: 'c', targets: { p: { resolution: 1 } } }).fingerprint,
    );
  });

  const changes: [string, SlaPolicyDefinition][] = [
    ['another id', { ...standardDefinition, id: 'standard-2' }],
    ['another name', { ...standardDefinition, name: 'Standard' }],
    ['no name', { ...standardDefinition, name: undefined } as unknown as SlaPolicyDefinition],
    ['another version', { ...standardDefinition, version: 2 }],
    ['another calendar', { ...standardDefinition, calendarId: 'us-support' }],
    ['another pause status', { ...standardDefinition, pauseWhile: ['on_hold'] }],
    [
      'an extra pause status',
      { ...standardDefinition, pauseWhile: ['on_hold', 'waiting_on_customer'] },
    ],
    ['no pause status', { ...standardDefinition, pauseWhile: [] }],
    ['one stop status fewer', { ...standardDefinition, stopWhen: ['closed'] }],
    [
      'a status moved from pausing to stopping',
      {
        ...standardDefinition,
        pauseWhile: [],
        stopWhen: ['closed', 'resolved', 'waiting_on_customer'],
      },
    ],
    [
      'a target one minute longer',
      {
        ...standardDefinition,
        targets: { ...standardDefinition.targets, urgent: { firstResponse: 31, resolution: 240 } },
      },
    ],
    [
      'a target one millisecond longer',
      {
        ...standardDefinition,
        targets: {
          ...standardDefinition.targets,
          urgent: { firstResponse: 30 + 1 / 60_000, resolution: 240 },
        },
      },
    ],
    [
      'a metric dropped',
      {
        ...standardDefinition,
        targets: { ...standardDefinition.targets, urgent: { firstResponse: 30 } },
      },
    ],
    [
      'targets swapped between metrics',
      {
        ...standardDefinition,
        targets: { ...standardDefinition.targets, urgent: { firstResponse: 240, resolution: 30 } },
      },
    ],
    [
      'a priority renamed',
      {
        ...standardDefinition,
        targets: {
          critical: { firstResponse: 30, resolution: 240 },
          normal: { firstResponse: 240, resolution: 2400 },
        },
      },
    ],
    [
      'an extra priority',
      {
        ...standardDefinition,
        targets: { ...standardDefinition.targets, low: { resolution: 4800 } },
      },
    ],
  ];

  it.each(changes)('a change of meaning changes the fingerprint: %s', (_, definition) => {
    const policy = defineSlaPolicy(definition);
    expect(policy.fingerprint).not.toBe(standard.fingerprint);
    expect(policy.fingerprint).toBe(independentFingerprint(policy));
  });

  it('all those changes give distinct fingerprints', () => {
    const fingerprints = changes.map(([, d]) => defineSlaPolicy(d).fingerprint);
    expect(new Set([standard.fingerprint, ...fingerprints]).size).toBe(changes.length + 1);
  });

  it('the fingerprint is SHA-256 of the canonical JSON of everything but itself', () => {
    for (const policy of [standard, rich]) {
      expect(policy.fingerprint).toBe(independentFingerprint(policy));
    }
    // It is stable: a hard-coded value guards against accidental changes of the format.
    expect(
      defineSlaPolicy({ id: 'p', calendarId: 'c', targets: { p: { resolution: 1 } } }).fingerprint,
    ).toBe(
      createHash('sha256')
        .update(
          '{"calendarId":"c","id":"p","pauseWhile":[],"schema":"pet-sla/policy@1","stopWhen":[],"targets":{"p":{"resolution":1}},"version":1}',
        )
        .digest('hex'),
    );
  });
});

describe('§7 revisePolicy', () => {
  it('gives version + 1, previous = the old fingerprint, and replaces only the given fields', () => {
    const before = structuredClone(standard);
    const v2 = revisePolicy(standard, { name: 'Standard support (2027)' });
    expect(v2).toEqual({
      ...standard,
      name: 'Standard support (2027)',
      version: 2,
      previous: standard.fingerprint,
      fingerprint: independentFingerprint(v2),
    });
    expect(v2.fingerprint).not.toBe(standard.fingerprint);

    const v3 = revisePolicy(v2, { calendarId: 'uk-support-2027' });
    expect({ id: v3.id, version: v3.version, previous: v3.previous }).toEqual({
      id: 'standard',
      version: 3,
      previous: v2.fingerprint,
    });
    expect(v3.calendarId).toBe('uk-support-2027');
    expect(v3.name).toBe('Standard support (2027)');

    // The old value is untouched and still frozen.
    expect(standard).toEqual(before);
    expect(isDeeplyFrozen(standard)).toBe(true);
    expect(isDeeplyFrozen(v2)).toBe(true);
  });

  it('each change replaces its field whole and is normalised like a definition', () => {
    const targets = revisePolicy(standard, { targets: { low: { resolution: 4800 } } });
    expect(targets.targets).toEqual({ low: { resolution: 4800 } });
    expect(targets.pauseWhile).toEqual(standard.pauseWhile);

    const pause = revisePolicy(standard, { pauseWhile: ['on_hold', 'b', 'on_hold'] });
    expect(pause.pauseWhile).toEqual(['b', 'on_hold']);
    expect(pause.stopWhen).toEqual(standard.stopWhen);

    const stop = revisePolicy(standard, { stopWhen: [] });
    expect(stop.stopWhen).toEqual([]);
    expect(stop.targets).toEqual(standard.targets);

    const all = revisePolicy(standard, {
      name: 'n',
      calendarId: 'c',
      pauseWhile: [],
      stopWhen: ['done'],
      targets: { p: { firstResponse: 1 } },
    });
    expect(all).toEqual({
      schema: POLICY_SCHEMA,
      id: 'standard',
      name: 'n',
      version: 2,
      previous: standard.fingerprint,
      calendarId: 'c',
      pauseWhile: [],
      stopWhen: ['done'],
      targets: { p: { firstResponse: 1 } },
      fingerprint: all.fingerprint,
    });
  });

  it('an empty revision is still a new version', () => {
    const v2 = revisePolicy(standard, {});
    expect(v2.version).toBe(2);
    expect(v2.previous).toBe(standard.fingerprint);
    expect(v2.fingerprint).not.toBe(standard.fingerprint);
  });

  it('is deterministic, whether given a policy or its JSON', () => {
    const changes: PolicyChanges = { stopWhen: ['closed'] };
    const a = revisePolicy(standard, changes);
    const b = revisePolicy(json(standard) as unknown as SlaPolicy, changes);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('the previous chain links every version back to the first', () => {
    const versions = [standard];
    for (let i = 0; i < 4; i++) {
      const last = versions[versions.length - 1] as SlaPolicy;
      versions.push(revisePolicy(last, { name: `Standard v${i + 2}` }));
    }
    versions.forEach((policy, i) => {
      expect(policy.version).toBe(i + 1);
      expect(policy.previous).toBe(i === 0 ? undefined : versions[i - 1]?.fingerprint);
    });
    expect(new Set(versions.map((p) => p.fingerprint)).size).toBe(versions.length);
  });

  it.each<[string, unknown, string | undefined]>([
    ['changes null', null, undefined],
    ['changes undefined', undefined, undefined],
    ['changes an array', [], undefined],
    ['changes a string', 'name', undefined],
    ['unknown key', { pauseWhen: [] }, 'pauseWhen'],
    ['id cannot change', { id: 'other' }, 'id'],
    ['version cannot be set', { version: 5 }, 'version'],
    ['previous cannot be set', { previous: standard.fingerprint }, 'previous'],
    ['schema is not a change', { schema: POLICY_SCHEMA }, 'schema'],
    ['fingerprint is not a change', { fingerprint: standard.fingerprint }, 'fingerprint'],
    ['null name', { name: null }, 'name'],
    ['null calendarId', { calendarId: null }, 'calendarId'],
    ['empty calendarId', { calendarId: '' }, 'calendarId'],
    ['null pauseWhile', { pauseWhile: null }, 'pauseWhile'],
    ['null stopWhen', { stopWhen: null }, 'stopWhen'],
    ['null targets', { targets: null }, 'targets'],
    ['empty targets', { targets: {} }, 'targets'],
    ['a bad target', { targets: { urgent: { firstResponse: 0 } } }, 'targets.urgent.firstResponse'],
    ['an unknown metric', { targets: { urgent: { firstReply: 5 } } }, 'targets.urgent.firstReply'],
    ['a pause status that also stops', { pauseWhile: ['closed'] }, 'stopWhen[0]'],
    ['a stop status that also pauses', { stopWhen: ['waiting_on_customer'] }, 'stopWhen[0]'],
    ['a non-string status', { stopWhen: [1] }, 'stopWhen[0]'],
  ])('rejects invalid changes: %s', (_, changes, path) => {
    const copy = structuredClone(changes);
    const before = structuredClone(standard);
    expect(codeAndPath(() => revisePolicy(standard, changes as PolicyChanges))).toEqual({
      code: 'INVALID_POLICY',
      path,
    });
    expect(changes).toEqual(copy);
    expect(standard).toEqual(before);
  });

  it('refuses to revise something that is not a valid policy', () => {
    expect(codeAndPath(() => revisePolicy(null as unknown as SlaPolicy, {}))).toEqual({
      code: 'INVALID_POLICY',
      path: 'policy',
    });
    expect(codeAndPath(() => revisePolicy(standardDefinition as SlaPolicy, {}))).toEqual({
      code: 'INVALID_POLICY',
      path: 'policy',
    });
    const tampered = { ...json(standard), id: 'someone-else' } as unknown as SlaPolicy;
    expect(codeAndPath(() => revisePolicy(tampered, { name: 'x' }))).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
  });

  it('never mutates or freezes the changes', () => {
    const changes = {
      pauseWhile: ['on_hold', 'b'],
      targets: { p: { resolution: 10 } },
    };
    const before = structuredClone(changes);
    const v2 = revisePolicy(standard, changes);
    expect(changes).toEqual(before);
    expect(nothingFrozen(changes)).toBe(true);
    expect(isDeeplyFrozen(v2)).toBe(true);
    changes.targets.p.resolution = 1;
    expect(v2.targets.p).toEqual({ resolution: 10 });
  });
});

describe('§7 toPolicySnapshot and parsePolicySnapshot (schema pet-sla/policy@1)', () => {
  it('a policy is its own snapshot', () => {
    expect(toPolicySnapshot(standard)).toBe(standard);
    expect(toPolicySnapshot(rich)).toBe(rich);
    expect(parsePolicySnapshot(rich)).toBe(rich);
    expect(SUPPORTED_POLICY_SCHEMAS).toEqual(['pet-sla/policy@1']);
  });

  it('round-trips through JSON text', () => {
    for (const policy of [standard, rich]) {
      const stored = JSON.stringify(toPolicySnapshot(policy));
      const again = parsePolicySnapshot(JSON.parse(stored));
      expect(again).toEqual(policy);
      expect(again.fingerprint).toBe(policy.fingerprint);
      expect(JSON.stringify(again)).toBe(stored);
      expect(isDeeplyFrozen(again)).toBe(true);
      // A parsed policy can be revised and snapshotted like any other.
      expect(toPolicySnapshot(again)).toBe(again);
      expect(revisePolicy(again, {}).previous).toBe(policy.fingerprint);
      // toPolicySnapshot also accepts the JSON and checks it.
      expect(toPolicySnapshot(json(policy) as unknown as SlaPolicy)).toEqual(policy);
    }
  });

  it('accepts a snapshot whose keys are in another order', () => {
    const snapshot = json(rich);
    const reordered: JsonObject = {};
    for (const key of Object.keys(snapshot).reverse()) reordered[key] = snapshot[key] ?? null;
    const targets = reordered.targets as JsonObject;
    reordered.targets = {
      urgent: { resolution: 120, firstResponse: 15 },
      normal: targets.normal ?? null,
      low: targets.low ?? null,
    };
    expect(parsePolicySnapshot(reordered)).toEqual(rich);
  });

  it('never mutates or freezes the JSON it reads', () => {
    const snapshot = json(rich);
    const before = structuredClone(snapshot);
    const policy = parsePolicySnapshot(snapshot);
    expect(snapshot).toEqual(before);
    expect(nothingFrozen(snapshot)).toBe(true);
    expect(policy).not.toBe(snapshot);
    (snapshot.pauseWhile as Json[]).push('zzz');
    expect(policy.pauseWhile).toEqual(rich.pauseWhile);
  });

  it.each<[string, unknown]>([
    ['a calendar schema', 'pet-sla/calendar@1'],
    ['a future policy schema', 'pet-sla/policy@2'],
    ['no version', 'pet-sla/policy'],
    ['the ticket state schema', 'pet-sla/ticket-sla@1'],
    ['a number', 1],
    ['missing', undefined],
  ])('rejects a wrong schema tag (%s), naming the supported one', (_, schema) => {
    const snapshot = json(standard);
    if (schema === undefined) delete snapshot.schema;
    else snapshot.schema = schema as Json;
    const error = caught(() => parsePolicySnapshot(snapshot));
    expect({ code: error.code, path: error.path }).toEqual({
      code: 'INVALID_SNAPSHOT',
      path: 'schema',
    });
    expect(error.message).toContain('"pet-sla/policy@1"');
  });

  it('rejects a calendar snapshot given as a policy snapshot', () => {
    const calendarLike = {
      schema: 'pet-sla/calendar@1',
      id: 'uk-support',
      version: 1,
      zone: 'Europe/London',
      week: {},
      overrides: [],
      fingerprint: '0'.repeat(64),
    };
    const error = caught(() => parsePolicySnapshot(calendarLike));
    expect(error.code).toBe('INVALID_SNAPSHOT');
    expect(error.path).toBe('schema');
    expect(error.message).toContain('"pet-sla/policy@1"');
  });

  const flips: [string, (s: JsonObject) => void][] = [
    ['id', (s) => (s.id = 'standard-x')],
    ['name', (s) => (s.name = 'Standard support!')],
    ['name removed', (s) => delete s.name],
    ['version', (s) => (s.version = 3)],
    ['previous', (s) => (s.previous = '0'.repeat(64))],
    ['previous removed', (s) => delete s.previous],
    ['calendarId', (s) => (s.calendarId = 'us-support')],
    ['a pause status (still sorted)', (s) => ((s.pauseWhile as string[])[0] = 'a_on_hold')],
    ['a pause status removed', (s) => (s.pauseWhile as string[]).pop()],
    ['a stop status added (still sorted)', (s) => (s.stopWhen as string[]).push('spam')],
    ['stop statuses emptied', (s) => (s.stopWhen = [])],
    ['a target', (s) => (((s.targets as JsonObject).urgent as JsonObject).firstResponse = 16)],
    [
      'a target by a millisecond',
      (s) => (((s.targets as JsonObject).low as JsonObject).resolution = 4800.5 + 1 / 60_000),
    ],
    ['a metric removed', (s) => delete ((s.targets as JsonObject).urgent as JsonObject).resolution],
    ['a metric added', (s) => (((s.targets as JsonObject).low as JsonObject).firstResponse = 60)],
    ['a priority removed', (s) => delete (s.targets as JsonObject).low],
    ['a priority added', (s) => ((s.targets as JsonObject).high = { resolution: 60 })],
    [
      'the fingerprint itself',
      (s) => {
        const f = s.fingerprint as string;
        s.fingerprint = `${f.slice(0, -1)}${f.endsWith('0') ? '1' : '0'}`;
      },
    ],
  ];

  it.each(flips)('FINGERPRINT_MISMATCH when a field was altered: %s', (_, alter) => {
    const snapshot = json(rich);
    alter(snapshot);
    expect(JSON.stringify(snapshot)).not.toBe(JSON.stringify(rich));
    const error = caught(() => parsePolicySnapshot(snapshot));
    expect({ code: error.code, path: error.path }).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
    expect(error.message).toContain(snapshot.fingerprint as string);
  });

  it('an altered snapshot that was re-signed is accepted as the other policy it now is', () => {
    const snapshot = refingerprint(json(standard));
    expect(parsePolicySnapshot(snapshot)).toEqual(standard);
    const altered = json(standard);
    altered.calendarId = 'us-support';
    const policy = parsePolicySnapshot(refingerprint(altered));
    expect(policy.calendarId).toBe('us-support');
    expect(policy.fingerprint).not.toBe(standard.fingerprint);
  });

  const malformed: [string, (s: JsonObject) => void, string | undefined][] = [
    ['unknown key', (s) => (s.priorities = {}), 'priorities'],
    ['version missing', (s) => delete s.version, 'version'],
    ['version 0', (s) => (s.version = 0), 'version'],
    ['version a string', (s) => (s.version = '2'), 'version'],
    ['fingerprint missing', (s) => delete s.fingerprint, 'fingerprint'],
    [
      'fingerprint upper case',
      (s) => (s.fingerprint = (s.fingerprint as string).toUpperCase()),
      'fingerprint',
    ],
    ['fingerprint too short', (s) => (s.fingerprint = 'abc'), 'fingerprint'],
    ['previous not a fingerprint', (s) => (s.previous = 'v1'), 'previous'],
    ['id missing', (s) => delete s.id, 'id'],
    ['id empty', (s) => (s.id = ''), 'id'],
    ['name null', (s) => (s.name = null), 'name'],
    ['calendarId missing', (s) => delete s.calendarId, 'calendarId'],
    ['pauseWhile missing', (s) => delete s.pauseWhile, 'pauseWhile'],
    ['pauseWhile not a list', (s) => (s.pauseWhile = 'on_hold'), 'pauseWhile'],
    ['a status not a string', (s) => ((s.pauseWhile as Json[])[1] = 5), 'pauseWhile[1]'],
    ['pauseWhile not sorted', (s) => (s.pauseWhile as Json[]).reverse(), 'pauseWhile[0]'],
    [
      'pauseWhile with a duplicate',
      (s) => (s.pauseWhile as Json[]).splice(1, 0, 'on_hold'),
      'pauseWhile[1]',
    ],
    [
      'a status both pauses and stops',
      (s) => (s.stopWhen = ['closed', 'on_hold', 'resolved']),
      'stopWhen[1]',
    ],
    ['targets missing', (s) => delete s.targets, 'targets'],
    ['targets empty', (s) => (s.targets = {}), 'targets'],
    ['a priority without metrics', (s) => ((s.targets as JsonObject).low = {}), 'targets.low'],
    [
      'a negative target',
      (s) => (((s.targets as JsonObject).urgent as JsonObject).resolution = -120),
      'targets.urgent.resolution',
    ],
    [
      'a target of zero',
      (s) => (((s.targets as JsonObject).urgent as JsonObject).firstResponse = 0),
      'targets.urgent.firstResponse',
    ],
    [
      'a target as a string',
      (s) => (((s.targets as JsonObject).urgent as JsonObject).firstResponse = '15'),
      'targets.urgent.firstResponse',
    ],
    [
      'an unknown metric',
      (s) => (((s.targets as JsonObject).urgent as JsonObject).firstReply = 5),
      'targets.urgent.firstReply',
    ],
  ];

  it.each(malformed)('INVALID_SNAPSHOT with the path of the problem: %s', (_, alter, path) => {
    const snapshot = json(rich);
    alter(snapshot);
    expect(codeAndPath(() => parsePolicySnapshot(snapshot))).toEqual({
      code: 'INVALID_SNAPSHOT',
      path,
    });
    // Re-signing does not make malformed content acceptable.
    if (path !== 'fingerprint' && path !== 'previous') {
      expect(codeAndPath(() => parsePolicySnapshot(refingerprint(snapshot)))).toEqual({
        code: 'INVALID_SNAPSHOT',
        path,
      });
    }
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['an array', [json(standard)]],
    ['a string', JSON.stringify(standard)],
    ['a number', 1],
  ])('INVALID_SNAPSHOT for data that is not an object: %s', (_, data) => {
    expect(codeAndPath(() => parsePolicySnapshot(data))).toEqual({
      code: 'INVALID_SNAPSHOT',
      path: undefined,
    });
  });

  it('explains a snapshot problem with the original reason', () => {
    const snapshot = json(standard);
    ((snapshot.targets as JsonObject).urgent as JsonObject).resolution = -1;
    const error = caught(() => parsePolicySnapshot(refingerprint(snapshot)));
    expect(error.code).toBe('INVALID_SNAPSHOT');
    expect(error.message).toContain('positive');
    expect(error.message).toContain('INVALID_POLICY');
  });
});
