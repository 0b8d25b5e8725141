import { PetSlaError, rethrowing } from '../errors.js';
import { canonicalJson } from './canonical-json.js';
import { expectKnownKeys, expectObject, expectString, join, type PlainObject } from './read.js';
import { sha256Hex } from './sha256.js';

// The machinery every versioned, fingerprinted snapshot shares (calendars, SLA policies):
// schema tags, fingerprints, normal-form checks, and one error code for what is malformed.

const HEX64 = /^[0-9a-f]{64}$/;

/** Reads a lowercase SHA-256 hex string, as fingerprints are written. */
function expectFingerprint(value: unknown, path: string): string {
  const code = 'INVALID_SNAPSHOT';
  const text = expectString(value, path, code);
  if (!HEX64.test(text))
    throw new PetSlaError(
      code,
      'expected a fingerprint: 64 lowercase hexadecimal digits (SHA-256)',
      path,
    );
  return text;
}

/** Checks a snapshot's schema tag against the supported ones, naming them if it is not. */
function expectSchema(object: PlainObject, supported: readonly string[], kind: string): void {
  if (object.schema === supported[0] || supported.includes(object.schema as string)) return;
  throw new PetSlaError(
    'INVALID_SNAPSHOT',
    `${object.schema === undefined ? 'missing schema tag' : `unsupported schema ${JSON.stringify(object.schema)}`}; this version of pet-sla reads ${kind} snapshots of schema ${supported.map((s) => `"${s}"`).join(', ')}`,
    'schema',
  );
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

/** Re-raises any problem found while reading a snapshot as INVALID_SNAPSHOT, keeping its path. */
function asSnapshotProblem<T>(read: () => T): T {
  return rethrowing(read, (error) =>
    error.code === 'INVALID_SNAPSHOT'
      ? undefined
      : { code: 'INVALID_SNAPSHOT', detail: `${error.detail} (${error.code})` },
  );
}

/** How to read one kind of snapshot: its schemas, keys, and how to rebuild its value. */
export interface SnapshotKind<T> {
  /** "calendar", "policy": used in messages. */
  readonly kind: string;
  readonly schemas: readonly string[];
  readonly keys: readonly string[];
  /**
   * Reads the content (throwing typed errors with paths) and returns its normal form without
   * the fingerprint, and how to build the value once the fingerprint has been checked.
   */
  read(
    object: PlainObject,
    previous: string | undefined,
  ): {
    readonly body: object;
    build(fingerprint: string): T;
  };
}

/**
 * Validates untrusted snapshot data: shape, schema, normal form, then fingerprint. Every
 * problem is INVALID_SNAPSHOT with the JSON path of the first one, except a fingerprint that
 * does not match well-formed content, which is FINGERPRINT_MISMATCH.
 */
export function parseVersionedSnapshot<T>(json: unknown, spec: SnapshotKind<T>): T {
  const object = expectObject(
    json,
    '',
    'INVALID_SNAPSHOT',
    `${spec.kind === 'calendar' ? 'a' : 'an SLA'} ${spec.kind} snapshot`,
  );
  expectSchema(object, spec.schemas, spec.kind);
  expectKnownKeys(object, spec.keys, '', 'INVALID_SNAPSHOT');
  if (object.version === undefined)
    throw new PetSlaError('INVALID_SNAPSHOT', 'expected a version', 'version');
  const previous =
    object.previous === undefined ? undefined : expectFingerprint(object.previous, 'previous');
  const fingerprint = expectFingerprint(object.fingerprint, 'fingerprint');
  const { body, build } = asSnapshotProblem(() => spec.read(object, previous));
  const canonical = canonicalJson(body);
  const { fingerprint: _, ...given } = object;
  if (canonicalJson(given) !== canonical) {
    throw new PetSlaError(
      'INVALID_SNAPSHOT',
      `the snapshot is not in normal form (as written by the library: lists sorted and merged, every field spelled canonically); write ${spec.kind} snapshots with the library`,
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
  return build(fingerprint);
}

/** The fingerprint of a snapshot body: SHA-256 of its canonical JSON (RFC 8785). */
export function fingerprintOf(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}

/**
 * The content of a value's next version: its id, `version + 1`, and each field in `keys`
 * taken from `changes` where given (replacing it whole) and from `current` otherwise. The
 * changes object is checked for shape and unknown keys; an explicit `null` is a change (and
 * fails validation later), never "no change".
 */
export function nextVersionFields<T extends { readonly id: string; readonly version: number }>(
  current: T,
  changes: unknown,
  keys: readonly string[],
  code: 'INVALID_DEFINITION' | 'INVALID_POLICY',
): Record<string, unknown> {
  const object = expectObject(
    changes,
    '',
    code,
    `changes { ${keys.map((k) => `${k}?`).join(', ')} }`,
  );
  expectKnownKeys(object, keys, '', code);
  if (current.version >= Number.MAX_SAFE_INTEGER) {
    throw new PetSlaError(code, 'the largest version number has been reached', 'version');
  }
  const fields: Record<string, unknown> = { id: current.id, version: current.version + 1 };
  const old = current as Readonly<Record<string, unknown>>;
  for (const key of keys) fields[key] = object[key] === undefined ? old[key] : object[key];
  return fields;
}
