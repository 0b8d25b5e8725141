import { PetSlaError } from '../errors.js';
import { canonicalJson } from '../shared/canonical-json.js';
import {
  expectKnownKeys,
  expectObject,
  expectString,
  join,
  type PlainObject,
} from '../shared/read.js';
import { sha256Hex } from '../shared/sha256.js';
import { buildCalendar, normalForm, readCalendarContent } from './content.js';
import { isRegisteredCalendar } from './registry.js';
import { CALENDAR_SCHEMA, type Calendar } from './types.js';

/** Schemas of calendar snapshots this version of the library reads. */
export const SUPPORTED_CALENDAR_SCHEMAS: readonly string[] = Object.freeze([CALENDAR_SCHEMA]);

const SNAPSHOT_KEYS = [
  'schema',
  'id',
  'name',
  'version',
  'previous',
  'zone',
  'week',
  'overrides',
  'fingerprint',
] as const;
const HEX64 = /^[0-9a-f]{64}$/;

/** Reads a lowercase SHA-256 hex string, as fingerprints are written. */
export function expectFingerprint(value: unknown, path: string, code: 'INVALID_SNAPSHOT'): string {
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
export function expectSchema(
  object: PlainObject,
  supported: readonly string[],
  kind: string,
): void {
  if (object.schema === supported[0] || supported.includes(object.schema as string)) return;
  throw new PetSlaError(
    'INVALID_SNAPSHOT',
    `${object.schema === undefined ? 'missing schema tag' : `unsupported schema ${JSON.stringify(object.schema)}`}; this version of pet-sla reads ${kind} snapshots of schema ${supported.map((s) => `"${s}"`).join(', ')}`,
    'schema',
  );
}

/** First path at which two JSON values differ, for "not in normal form" messages. */
export function firstDifference(
  expected: unknown,
  actual: unknown,
  path: string,
): string | undefined {
  if (canonicalJson(expected) === canonicalJson(actual)) return undefined;
  if (
    typeof expected !== 'object' ||
    expected === null ||
    typeof actual !== 'object' ||
    actual === null
  )
    return path;
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of [...keys].sort()) {
    const inner = Array.isArray(expected) ? Number(key) : key;
    const found = firstDifference(
      (expected as Record<string, unknown>)[key],
      (actual as Record<string, unknown>)[key],
      join(path, inner),
    );
    if (found !== undefined) return found;
  }
  return path;
}

/** Re-raises any problem found while reading a snapshot as INVALID_SNAPSHOT, keeping its path. */
export function asSnapshotProblem<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PetSlaError && error.code !== 'INVALID_SNAPSHOT') {
      const message =
        error.path === undefined ? error.message : error.message.slice(error.path.length + 2);
      throw new PetSlaError('INVALID_SNAPSHOT', `${message} (${error.code})`, error.path);
    }
    throw error;
  }
}

/**
 * Validates untrusted data (for instance a snapshot read back from a database) and returns
 * the calendar it describes. Every problem is a `PetSlaError` with the JSON path of the first
 * one: `INVALID_SNAPSHOT` for malformed data, an unsupported schema or content not in normal
 * form, `FINGERPRINT_MISMATCH` when the fingerprint is not that of the content (corruption or
 * tampering).
 *
 * @example
 * ```ts
 * const stored = JSON.stringify(toSnapshot(uk));
 * const again = parseSnapshot(JSON.parse(stored));
 * again.fingerprint === uk.fingerprint; // true
 * ```
 */
export function parseSnapshot(json: unknown): Calendar {
  if (isRegisteredCalendar(json)) return json;
  const object = expectObject(json, '', 'INVALID_SNAPSHOT', 'a calendar snapshot');
  expectSchema(object, SUPPORTED_CALENDAR_SCHEMAS, 'calendar');
  expectKnownKeys(object, SNAPSHOT_KEYS, '', 'INVALID_SNAPSHOT');
  if (object.version === undefined)
    throw new PetSlaError('INVALID_SNAPSHOT', 'expected a version', 'version');
  const previous =
    object.previous === undefined
      ? undefined
      : expectFingerprint(object.previous, 'previous', 'INVALID_SNAPSHOT');
  const fingerprint = expectFingerprint(object.fingerprint, 'fingerprint', 'INVALID_SNAPSHOT');
  const content = asSnapshotProblem(() =>
    readCalendarContent(object, '', 'INVALID_SNAPSHOT', previous),
  );
  const body = normalForm(content);
  const canonical = canonicalJson(body);
  const { fingerprint: _, ...given } = object;
  if (canonicalJson(given) !== canonical) {
    throw new PetSlaError(
      'INVALID_SNAPSHOT',
      'the snapshot is not in normal form (windows sorted and merged, all seven weekdays, overrides sorted by date, zone spelled canonically); snapshots are written by toSnapshot',
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
  return buildCalendar(content, body, fingerprint);
}

/**
 * The snapshot of a calendar: frozen plain JSON in normal form, schema `pet-sla/calendar@1`,
 * with its fingerprint. A calendar value already is its own snapshot, so this returns it as
 * it is (after checking that it is one).
 *
 * @example
 * ```ts
 * const snapshot = toSnapshot(uk);
 * db.save(uk.id, uk.version, JSON.stringify(snapshot));
 * ```
 */
export function toSnapshot(calendar: Calendar): Calendar {
  return isRegisteredCalendar(calendar) ? calendar : parseSnapshot(calendar);
}
