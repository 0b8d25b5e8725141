import { PetSlaError, type PetSlaErrorCode, rethrowing } from '../errors.js';
import { canonicalJson } from './canonical-json.js';
import { documentBytes, knownDocument, rememberDocument } from './known-documents.js';
import { plainCopy } from './plain-copy.js';
import { isMade, madeData, provenance, recordMade } from './provenance.js';
import {
  deepFreeze,
  expectKnownKeys,
  expectObject,
  expectPositiveInteger,
  expectString,
  isPlainObject,
  join,
  type PlainObject,
} from './read.js';
import { sha256Hex } from './sha256.js';

// The machinery every versioned, fingerprinted document shares: calendars, SLA policies, and
// the advanced layer's plans, contracts and models. A kind supplies what is its own (schema
// tag, label, error code, content reader); the rest is here, written once: definitions,
// revisions, snapshots, the normal form, fingerprints and provenance. See
// docs/snapshots.md for the rules as users read them.

/**
 * The fields every versioned document has around its own content. A document is plain JSON,
 * deeply frozen, its own snapshot: `{ schema, id, name?, version, previous?, …content, fingerprint }`.
 */
export interface VersionedDocument {
  readonly schema: string;
  readonly id: string;
  readonly name?: string;
  readonly version: number;
  readonly previous?: string;
  readonly fingerprint: string;
}

/** A document's own content: everything except the fields every document has. */
export type DocumentContent<D extends VersionedDocument> = Omit<D, keyof VersionedDocument>;

/** What a kind of document supplies to {@link documentKind}. */
export interface DocumentKind<
  D extends VersionedDocument,
  Read = DocumentContent<D>,
  Data = undefined,
> {
  /** The schema tag this version writes, e.g. `'pet-sla/escalation-plan@1'`. */
  readonly schema: D['schema'];
  /** Every schema tag it reads, the written one first (default: just `schema`). */
  readonly reads?: readonly string[];
  /** The kind with its article, for messages: `'a calendar'`, `'an SLA policy'`. */
  readonly label: string;
  /** The code of every problem in a definition or a revision, e.g. `'INVALID_PLAN'`. */
  readonly code: PetSlaErrorCode;
  /**
   * The code of a malformed snapshot (default `'INVALID_SNAPSHOT'`, as for calendars and
   * policies; a kind whose stored form is refused with its own code gives that code here).
   */
  readonly parseCode?: PetSlaErrorCode;
  /**
   * The keys of the kind's own content, in the order the normal form writes them; a revision
   * may change these and `name`.
   */
  readonly fields: readonly (keyof DocumentContent<D> & string)[];
  /**
   * Validates the kind's own fields of untrusted input (a definition, a revision or a
   * snapshot; unknown keys are already refused). Throws a `PetSlaError` of `code` (or a more
   * specific code) with the path from the document's root (`levels[2].percent`). Returns
   * fresh data, never the caller's objects: the result is frozen.
   */
  readContent(object: PlainObject): Read;
  /** The content in normal form, plain JSON (default: what `readContent` returned). */
  normalForm?(read: Read): DocumentContent<D>;
  /** Private data for the engine kept with each value made (a calendar's compiled rules). */
  engineData?(read: Read, document: D): Data;
  /**
   * Estimated bytes the engine data retains, for the bound on documents kept (default 0). A
   * kind with engine data that grows with its content must say how much.
   */
  engineBytes?(data: Data): number;
}

/** The operations {@link documentKind} gives a kind of document. */
export interface Documents<D extends VersionedDocument, Data = undefined> {
  /** The schema tags read (frozen), for the public `SUPPORTED_…_SCHEMAS`. */
  readonly schemas: readonly string[];
  /** Validates a definition (`version` defaults to 1) and returns the document. */
  define(definition: unknown): D;
  /**
   * The next version of `current` (a document or its snapshot): `version + 1`, `previous` =
   * its fingerprint, each field given in `changes` replacing the old one whole.
   */
  revise(current: unknown, changes: unknown): D;
  /**
   * Validates untrusted snapshot data: shape, schema, content, normal form, then fingerprint.
   * Every problem is the kind's `parseCode` (INVALID_SNAPSHOT unless it says otherwise) with
   * the path of the first one (a content problem of another code keeps that code in the
   * message), except a fingerprint that does not match well-formed content:
   * FINGERPRINT_MISMATCH. A document the library made is returned as it is.
   */
  parse(json: unknown): D;
  /** The snapshot of a document: the document itself, once checked to be one. */
  toSnapshot(value: unknown): D;
  /**
   * A document the library made, or a snapshot of one (parsed once per object while its JSON
   * text is unchanged); anything else is `refuse(value)`, thrown.
   */
  accept(value: unknown, refuse: (value: unknown) => PetSlaError): D;
  /** Whether the library made `value` as a document of this kind. */
  isMade(value: unknown): value is D;
  /** The engine data kept with a document of this kind; `undefined` for anything else. */
  data(value: unknown): Data | undefined;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The fingerprint of a document's body: SHA-256 of its canonical JSON (RFC 8785). */
export function fingerprintOf(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}

/** Reads a lowercase SHA-256 hex string, as fingerprints are written. */
function expectFingerprint(value: unknown, path: string, code: PetSlaErrorCode): string {
  const text = expectString(value, path, code);
  if (!HEX64.test(text))
    throw new PetSlaError(
      code,
      'expected a fingerprint: 64 lowercase hexadecimal digits (SHA-256)',
      path,
    );
  return text;
}

/** First path at which two JSON values differ (in document order), for normal-form messages. */
function firstDifference(expected: unknown, actual: unknown, path: string): string | undefined {
  if (expected === actual) return undefined;
  if (
    typeof expected !== 'object' ||
    expected === null ||
    typeof actual !== 'object' ||
    actual === null
  ) {
    return path;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return path;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const found = firstDifference(expected[i], actual[i], join(path, i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of keys) {
    const found = firstDifference(
      (expected as Record<string, unknown>)[key],
      (actual as Record<string, unknown>)[key],
      join(path, key),
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Re-raises any problem found while reading a snapshot with `code`, keeping its path. */
function asSnapshotProblem<T>(code: PetSlaErrorCode, read: () => T): T {
  return rethrowing(read, (error) =>
    error.code === code ? undefined : { code, detail: `${error.detail} (${error.code})` },
  );
}

/**
 * Plugs a kind of versioned document into the shared machinery and returns its operations.
 * The kind supplies only what is its own; definitions, revisions (`version + 1`,
 * `previous`), snapshots, the normal-form check, fingerprints and the recognition of values
 * the library made are the same for every kind, so a new kind needs no change here. Call it
 * once per kind, at module load.
 *
 * @example
 * ```ts
 * // src/advanced/escalation/plan-document.ts
 * import { documentKind } from '../../shared/document.js';
 *
 * export const plans = documentKind<EscalationPlan>({
 *   schema: ESCALATION_PLAN_SCHEMA, // 'pet-sla/escalation-plan@1'
 *   label: 'an escalation plan',
 *   code: 'INVALID_PLAN',
 *   fields: ['policyId', 'levels'],
 *   // Validates and normalises { policyId, levels } (INVALID_PLAN with a path such as
 *   // 'levels[2].percent') and returns fresh plain data in normal form.
 *   readContent: readPlanContent,
 * });
 *
 * const plan = plans.define({ id: 'p', policyId: 'standard', levels: [{ percent: 75 }] });
 * const v2 = plans.revise(plan, { levels: [{ percent: 50 }] }); // version 2, previous = plan.fingerprint
 * plans.parse(JSON.parse(JSON.stringify(v2))).fingerprint === v2.fingerprint; // true
 * ```
 */
export function documentKind<
  D extends VersionedDocument,
  Read = DocumentContent<D>,
  Data = undefined,
>(kind: DocumentKind<D, Read, Data>): Documents<D, Data> {
  const { code } = kind;
  const parseCode = kind.parseCode ?? 'INVALID_SNAPSHOT';
  const token = provenance<Data>(kind.schema);
  const schemas: readonly string[] = Object.freeze([...(kind.reads ?? [kind.schema])]);
  const noun = kind.label.replace(/^an? /, '');
  const definitionKeys = ['id', 'version', 'name', ...kind.fields];
  const snapshotKeys = [
    'schema',
    'id',
    'name',
    'version',
    'previous',
    ...kind.fields,
    'fingerprint',
  ];
  const changeKeys = ['name', ...kind.fields];
  const normalForm = kind.normalForm ?? ((read: Read) => read as unknown as DocumentContent<D>);

  /** The document's body (all but the fingerprint) in normal form, and what its reader gave. */
  function readBody(object: PlainObject, previous: string | undefined) {
    const id = expectString(object.id, 'id', code, true);
    const version =
      object.version === undefined ? 1 : expectPositiveInteger(object.version, 'version', code);
    const name = object.name === undefined ? undefined : expectString(object.name, 'name', code);
    const read = kind.readContent(object);
    const body = {
      schema: kind.schema,
      id,
      ...(name === undefined ? {} : { name }),
      version,
      ...(previous === undefined ? {} : { previous }),
      ...normalForm(read),
    };
    return { body, read };
  }

  function build(body: object, read: Read, fingerprint = fingerprintOf(body)): D {
    const document = deepFreeze({ ...body, fingerprint }) as unknown as D;
    return recordMade(document, token, kind.engineData?.(read, document));
  }

  const engineBytes = (document: D): number =>
    kind.engineBytes === undefined ? 0 : kind.engineBytes(madeData(document, token) as Data);

  const isMadeHere = (value: unknown): value is D => isMade(value, token);

  function parse(json: unknown): D {
    if (isMadeHere(json)) return json;
    // Identical content to a document already verified: every check below would pass.
    if (isPlainObject(json) && typeof json.fingerprint === 'string') {
      const seen = knownDocument(kind.schema, json.fingerprint, json);
      if (seen !== undefined) return seen as D;
    }
    const object = expectObject(json, '', parseCode, `${kind.label} snapshot`);
    if (object.schema !== schemas[0] && !schemas.includes(object.schema as string)) {
      throw new PetSlaError(
        parseCode,
        `${object.schema === undefined ? 'missing schema tag' : `unsupported schema ${JSON.stringify(object.schema)}`}; this version of pet-sla reads ${noun} snapshots of schema ${schemas.map((s) => `"${s}"`).join(', ')}`,
        'schema',
      );
    }
    expectKnownKeys(object, snapshotKeys, '', parseCode);
    if (object.version === undefined)
      throw new PetSlaError(parseCode, 'expected a version', 'version');
    const previous =
      object.previous === undefined
        ? undefined
        : expectFingerprint(object.previous, 'previous', parseCode);
    const fingerprint = expectFingerprint(object.fingerprint, 'fingerprint', parseCode);
    // Checked and read from a private copy: holes, symbol keys and getters cannot get through.
    const copy = plainCopy(object, '', parseCode) as PlainObject;
    const { body, read } = asSnapshotProblem(parseCode, () => readBody(copy, previous));
    const canonical = canonicalJson(body);
    const { fingerprint: _, ...given } = copy;
    if (canonicalJson(given) !== canonical) {
      throw new PetSlaError(
        parseCode,
        `the snapshot is not in normal form (as written by the library: lists sorted and merged, every field spelled canonically); write ${noun} snapshots with the library`,
        firstDifference(body, given, '') ?? '',
      );
    }
    if (sha256Hex(canonical) !== fingerprint) {
      throw new PetSlaError(
        'FINGERPRINT_MISMATCH',
        `the fingerprint ${fingerprint} is not that of the snapshot's content: it was corrupted or altered after it was written`,
        'fingerprint',
      );
    }
    const document = build(body, read, fingerprint);
    rememberDocument(
      kind.schema,
      fingerprint,
      document,
      documentBytes(canonical.length) + engineBytes(document),
    );
    return document;
  }

  return Object.freeze({
    schemas,
    define(definition: unknown): D {
      expectObject(definition, '', code, `${kind.label} definition`);
      const object = plainCopy(definition, '', code) as PlainObject;
      expectKnownKeys(object, definitionKeys, '', code);
      const { body, read } = readBody(object, undefined);
      return build(body, read);
    },
    revise(current: unknown, changes: unknown): D {
      const old = parse(current);
      const object = expectObject(
        changes,
        '',
        code,
        `changes { ${changeKeys.map((k) => `${k}?`).join(', ')} }`,
      );
      expectKnownKeys(object, changeKeys, '', code);
      if (old.version >= Number.MAX_SAFE_INTEGER) {
        throw new PetSlaError(code, 'the largest version number has been reached', 'version');
      }
      // An explicit null is a change (refused by the reader), never "no change".
      const fields: Record<string, unknown> = { id: old.id, version: old.version + 1 };
      const oldFields = old as unknown as PlainObject;
      for (const key of changeKeys)
        fields[key] = object[key] === undefined ? oldFields[key] : object[key];
      const { body, read } = readBody(fields, old.fingerprint);
      return build(body, read);
    },
    parse,
    toSnapshot: parse,
    accept(value: unknown, refuse: (value: unknown) => PetSlaError): D {
      if (isMadeHere(value)) return value;
      // A snapshot known by fingerprint with identical content is the known document.
      if (isPlainObject(value) && 'schema' in value) return parse(value);
      throw refuse(value);
    },
    isMade: isMadeHere,
    data: (value: unknown) => madeData(value, token),
  });
}
