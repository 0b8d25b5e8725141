// Documents already verified, by fingerprint: a snapshot read back from storage whose content
// is identical to a known document's is that document, without re-checking its normal form or
// hashing it again (the comparison costs about what reading the JSON did). Invisible: a
// snapshot that differs in anything is checked in full. Bounded in bytes: each document counts
// what it retains, estimated from its canonical JSON's length plus what its engine data keeps
// (a calendar's compiled rules), so a calendar of 10,000 overrides counts as the megabytes it is.

/** Default bound on the bytes of documents kept, all kinds together. */
export const KNOWN_DOCUMENT_BYTES = 24 * 1024 * 1024;
let limit = KNOWN_DOCUMENT_BYTES;

// A frozen document read from JSON retains 4-6 bytes of heap per character of its canonical
// JSON (its objects, arrays and strings), plus about 1 KB of fixed overhead with the
// bookkeeping of where it came from: measured (node 20, heapUsed + arrayBuffers) on calendars
// of 0 to 10,000 overrides. Counted with room to spare:
const DOCUMENT_BYTES = 1_024;
const BYTES_PER_CHARACTER = 8;

/** Estimated bytes a document retains, by its canonical JSON's length (engine data apart). */
export function documentBytes(canonicalLength: number): number {
  return DOCUMENT_BYTES + BYTES_PER_CHARACTER * canonicalLength;
}

interface Known {
  readonly document: object;
  readonly bytes: number;
}

const known = new Map<string, Known>();
let used = 0;

/** Internal: the cache's use, for tests and the memory benchmark. */
export function knownDocumentUse(): {
  readonly bytes: number;
  readonly limit: number;
  readonly documents: number;
} {
  return { bytes: used, limit, documents: known.size };
}

/** Internal: changes the bound (tests use a small one to prove forgetting is invisible). */
export function setKnownDocumentBytes(bytes: number): void {
  limit = bytes;
  evictDownTo(limit);
}

function evictDownTo(target: number): void {
  while (used > target && known.size > 0) {
    const [oldestKey, oldest] = known.entries().next().value as [string, Known];
    known.delete(oldestKey);
    used -= oldest.bytes;
  }
}

/** The known document of this schema and fingerprint whose content is exactly `object`'s. */
export function knownDocument(
  schema: string,
  fingerprint: string,
  object: object,
): object | undefined {
  const key = `${schema} ${fingerprint}`;
  const entry = known.get(key);
  if (entry === undefined || !sameJson(entry.document, object)) return undefined;
  // Map order is insertion order: re-inserting marks it most recently used.
  known.delete(key);
  known.set(key, entry);
  return entry.document;
}

/**
 * Remembers a document just verified in full, counted as `bytes` (see {@link documentBytes});
 * one over a quarter of the bound is not kept.
 */
export function rememberDocument(
  schema: string,
  fingerprint: string,
  document: object,
  bytes: number,
): void {
  if (bytes > limit / 4) return;
  const key = `${schema} ${fingerprint}`;
  const old = known.get(key);
  if (old !== undefined) {
    known.delete(key);
    used -= old.bytes;
  }
  evictDownTo(limit - bytes);
  known.set(key, { document, bytes });
  used += bytes;
}

/** Whether two values are the same JSON: same keys (in any order) and the same values. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++)
      if (!Object.hasOwn(b, i) || !sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  if (Object.keys(b).length !== keys.length || Object.getOwnPropertySymbols(b).length > 0)
    return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false;
    const descriptor = Object.getOwnPropertyDescriptor(b, key) as PropertyDescriptor;
    // A getter could answer differently later: only plain data properties count as the same.
    if (!('value' in descriptor)) return false;
    if (!sameJson((a as Record<string, unknown>)[key], descriptor.value)) return false;
  }
  return true;
}
