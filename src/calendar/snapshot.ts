import { calendars } from './calendar-document.js';
import type { Calendar } from './types.js';

/**
 * Schemas of calendar snapshots this version of the library reads (frozen). A stored snapshot
 * of any other schema is `INVALID_SNAPSHOT`; check first to handle it your own way.
 *
 * @example
 * ```ts
 * const doc = JSON.parse(row.json);
 * if (!SUPPORTED_CALENDAR_SCHEMAS.includes(doc.schema)) throw new Error(`upgrade pet-sla to read ${doc.schema}`);
 * const calendar = parseSnapshot(doc);
 * ```
 */
export const SUPPORTED_CALENDAR_SCHEMAS: readonly string[] = calendars.schemas;

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
  return calendars.parse(json);
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
  return calendars.toSnapshot(calendar);
}
