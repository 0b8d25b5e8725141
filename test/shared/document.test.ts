import { describe, expect, it } from 'vitest';
import { PetSlaError } from '../../src/errors.js';
import { defineCalendar, defineSlaPolicy, parsePolicySnapshot } from '../../src/index.js';
import { documentKind, fingerprintOf, type VersionedDocument } from '../../src/shared/document.js';
import {
  expectArray,
  expectPositiveInteger,
  join,
  type PlainObject,
} from '../../src/shared/read.js';
import { caught, codeAndPath, jsonObject } from '../support/errors.js';
import { independentFingerprint, refingerprint } from '../support/independent-fingerprint.js';

// A new kind of document plugged into the shared machinery from outside src/shared, as the
// advanced layer's plans, contracts and models are: only schema, label, code, fields and a
// content reader are its own.

interface Ladder extends VersionedDocument {
  readonly schema: 'test/ladder@1';
  readonly steps: readonly number[];
}

function readSteps(object: PlainObject): Pick<Ladder, 'steps'> {
  if (object.steps === undefined) throw new PetSlaError('INVALID_PLAN', 'expected steps', 'steps');
  const list = expectArray(object.steps, 'steps', 'INVALID_PLAN', 'a list of steps');
  const steps = list.map((step, i) =>
    expectPositiveInteger(step, join('steps', i), 'INVALID_PLAN'),
  );
  return { steps: [...new Set(steps)].sort((a, b) => a - b) };
}

const ladders = documentKind<Ladder>({
  schema: 'test/ladder@1',
  label: 'a ladder',
  code: 'INVALID_PLAN',
  fields: ['steps'],
  readContent: readSteps,
});

describe('a kind plugged into the document machinery', () => {
  const v1 = ladders.define({ id: 'l', name: 'Ladder', steps: [30, 10, 20, 10] });

  it('defines a frozen document in normal form with its fingerprint', () => {
    expect(v1).toEqual({
      schema: 'test/ladder@1',
      id: 'l',
      name: 'Ladder',
      version: 1,
      steps: [10, 20, 30],
      fingerprint: independentFingerprint(v1),
    });
    expect(Object.keys(v1)).toEqual(['schema', 'id', 'name', 'version', 'steps', 'fingerprint']);
    expect(Object.isFrozen(v1) && Object.isFrozen(v1.steps)).toBe(true);
    const { fingerprint: _, ...body } = v1;
    expect(fingerprintOf(body)).toBe(v1.fingerprint);
    expect(ladders.isMade(v1)).toBe(true);
    expect(ladders.schemas).toEqual(['test/ladder@1']);
  });

  it('revises: version + 1, previous, fields replaced whole', () => {
    const v2 = ladders.revise(v1, { steps: [5] });
    expect(v2).toMatchObject({ version: 2, previous: v1.fingerprint, steps: [5], name: 'Ladder' });
    expect(ladders.revise(jsonObject(v1), { name: 'L' })).toMatchObject({ steps: [10, 20, 30] });
    expect(codeAndPath(() => ladders.revise(v1, { rungs: [] }))).toEqual({
      code: 'INVALID_PLAN',
      path: 'rungs',
    });
    expect(codeAndPath(() => ladders.revise(v1, { steps: null }))).toEqual({
      code: 'INVALID_PLAN',
      path: 'steps',
    });
  });

  it('definition problems carry the kind code and a path', () => {
    expect(codeAndPath(() => ladders.define({ id: 'l', steps: [1, 0] }))).toEqual({
      code: 'INVALID_PLAN',
      path: 'steps[1]',
    });
    expect(codeAndPath(() => ladders.define({ id: '', steps: [] }))).toEqual({
      code: 'INVALID_PLAN',
      path: 'id',
    });
    expect(() => ladders.define(7)).toThrow(/expected a ladder definition/);
  });

  it('parses snapshots: round trip, normal form, schema, fingerprint', () => {
    const back = ladders.parse(jsonObject(v1));
    expect(back).toEqual(v1);
    expect(ladders.parse(v1)).toBe(v1);
    const unsorted = jsonObject(v1);
    unsorted.steps = [20, 10, 30];
    expect(codeAndPath(() => ladders.parse(refingerprint(unsorted)))).toEqual({
      code: 'INVALID_SNAPSHOT',
      path: 'steps[0]',
    });
    const bad = jsonObject(v1);
    bad.steps = [1, -1];
    const error = caught(() => ladders.parse(refingerprint(bad)));
    expect([error.code, error.path]).toEqual(['INVALID_SNAPSHOT', 'steps[1]']);
    expect(error.detail).toMatch(/\(INVALID_PLAN\)$/);
    const altered = jsonObject(v1);
    altered.name = 'Other';
    expect(codeAndPath(() => ladders.parse(altered))).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
    const other = jsonObject(v1);
    other.schema = 'test/ladder@2';
    expect(() => ladders.parse(other)).toThrow(/reads ladder snapshots of schema "test\/ladder@1"/);
  });

  it('provenance is per kind: a value made as one kind is not taken for another', () => {
    const calendar = defineCalendar({ id: 'c', zone: 'UTC', week: {} });
    const policy = defineSlaPolicy({ id: 'p', calendarId: 'c', targets: { n: { resolution: 1 } } });
    expect(ladders.isMade(calendar) || ladders.isMade(policy)).toBe(false);
    expect(codeAndPath(() => parsePolicySnapshot(calendar))).toEqual({
      code: 'INVALID_SNAPSHOT',
      path: 'schema',
    });
    const refuse = () => new PetSlaError('INVALID_PLAN', 'expected a ladder', 'plan');
    expect(codeAndPath(() => ladders.accept(42, refuse))).toEqual({
      code: 'INVALID_PLAN',
      path: 'plan',
    });
    const snapshot = jsonObject(v1);
    const accepted = ladders.accept(snapshot, refuse);
    expect(ladders.accept(snapshot, refuse)).toBe(accepted);
    snapshot.name = 'edited';
    expect(codeAndPath(() => ladders.accept(snapshot, refuse))).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
  });

  it('a kind may refuse its malformed snapshots with its own code', () => {
    const models = documentKind<Ladder>({
      schema: 'test/ladder@1',
      label: 'a ladder',
      code: 'INVALID_MODEL',
      parseCode: 'INVALID_MODEL',
      fields: ['steps'],
      readContent: readSteps,
    });
    const model = models.define({ id: 'm', steps: [3] });
    const bad = jsonObject(model);
    bad.version = 0;
    const error = caught(() => models.parse(refingerprint(bad)));
    expect([error.code, error.path]).toEqual(['INVALID_MODEL', 'version']);
    expect(error.detail).not.toContain('(INVALID');
    // This reader raises INVALID_PLAN: it becomes the kind's parse code, naming the original.
    const steps = jsonObject(model);
    steps.steps = [0];
    const inner = caught(() => models.parse(refingerprint(steps)));
    expect([inner.code, inner.path]).toEqual(['INVALID_MODEL', 'steps[0]']);
    expect(inner.detail).toMatch(/\(INVALID_PLAN\)$/);
    expect(codeAndPath(() => models.parse({ ...jsonObject(model), schema: 'x' }))).toEqual({
      code: 'INVALID_MODEL',
      path: 'schema',
    });
    const altered = jsonObject(model);
    altered.id = 'n';
    expect(codeAndPath(() => models.parse(altered))).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
    // Provenance is per kind even for the same schema tag.
    expect(ladders.isMade(model)).toBe(false);
  });
});
