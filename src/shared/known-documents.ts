// Values already verified, by content: a snapshot (or a ticket state) read back from storage
// whose content is identical to a known one's is that value, without checking it or hashing it
// again (the comparison costs about what reading the JSON did). Invisible: anything that
// differs in any field is checked in full. Each store is bounded by the bytes its entries are
// estimated to hold, and forgets the least recently used first.

/** A bounded store of verified values, each under a key that tells it apart. */
export interface KnownStore {
  /** The value under `key` whose content is exactly `object`'s, if there is one. */
  find(key: string, object: object): object | undefined;
  /** Remembers `value` (deeply frozen, verified in full), estimated to hold `bytes`. */
  remember(key: string, value: object, bytes: number): void;
  /** Internal: the store's use, for tests and the memory benchmark. */
  use(): { readonly bytes: number; readonly limit: number; readonly entries: number };
  /** Internal: forgets everything (tests use it to read values as a fresh process would). */
  clear(): void;
  /** Internal: changes the bound, forgetting what no longer fits (tests use small ones). */
  resize(limit: number): void;
}

interface Known {
  readonly value: object;
  readonly bytes: number;
}

/**
 * A new store holding at most `limit` bytes; a single value over a quarter of it is not kept.
 * Two generations of at most half the limit each: values go into the young one, and when it
 * is full the old one is forgotten whole and the young one becomes old; a value found in the
 * old one moves to the young. So the most recently used half of the limit is always kept, and
 * nothing ever scans for the oldest entry (a Map's oldest entry is slow to reach once many
 * before it were deleted).
 */
export function knownStore(limit: number): KnownStore {
  let young = new Map<string, Known>();
  let youngBytes = 0;
  let old = new Map<string, Known>();
  let oldBytes = 0;
  function add(key: string, entry: Known): void {
    if (youngBytes + entry.bytes > limit / 2) {
      old = young;
      oldBytes = youngBytes;
      young = new Map();
      youngBytes = 0;
    }
    young.set(key, entry);
    youngBytes += entry.bytes;
  }
  function take(key: string): void {
    const entry = young.get(key);
    if (entry !== undefined) {
      young.delete(key);
      youngBytes -= entry.bytes;
    }
    const older = old.get(key);
    if (older !== undefined) {
      old.delete(key);
      oldBytes -= older.bytes;
    }
  }
  return {
    find(key, object) {
      const entry = young.get(key);
      if (entry !== undefined) return sameJson(entry.value, object) ? entry.value : undefined;
      const older = old.get(key);
      if (older === undefined || !sameJson(older.value, object)) return undefined;
      take(key);
      add(key, older);
      return older.value;
    },
    remember(key, value, bytes) {
      if (bytes > limit / 4) return;
      take(key);
      add(key, { value, bytes });
    },
    use: () => ({ bytes: youngBytes + oldBytes, limit, entries: young.size + old.size }),
    clear() {
      young = new Map();
      old = new Map();
      youngBytes = 0;
      oldBytes = 0;
    },
    resize(bytes) {
      limit = bytes;
      // Each generation holds at most half the limit, the young one being the one kept.
      if (youngBytes > limit / 2) {
        old = young;
        oldBytes = youngBytes;
        young = new Map();
        youngBytes = 0;
      }
      if (oldBytes > limit / 2) {
        old = new Map();
        oldBytes = 0;
      }
    },
  };
}

/**
 * Default bound on the bytes of documents kept, all kinds together. Each counts what it
 * retains, estimated from its canonical JSON's length plus what its engine data keeps (a
 * calendar's compiled rules), so a calendar of 10,000 overrides counts as the megabytes it is.
 */
export const KNOWN_DOCUMENT_BYTES = 24 * 1024 * 1024;

// A frozen document read from JSON retains 2-6 bytes of heap per character of its canonical
// JSON (its objects, arrays and strings), plus under 1 KB of fixed overhead with the
// bookkeeping of where it came from: measured (node 20, heapUsed + arrayBuffers) on calendars
// of 0 to 10,000 overrides. Counted with room to spare:
const DOCUMENT_BYTES = 1_024;
const BYTES_PER_CHARACTER = 8;

/** Estimated bytes a document retains, by its canonical JSON's length (engine data apart). */
export function documentBytes(canonicalLength: number): number {
  return DOCUMENT_BYTES + BYTES_PER_CHARACTER * canonicalLength;
}

const documents = knownStore(KNOWN_DOCUMENT_BYTES);

/** Internal: the documents' store use, for tests and the memory benchmark. */
export function knownDocumentUse(): {
  readonly bytes: number;
  readonly limit: number;
  readonly documents: number;
} {
  const { bytes, limit, entries } = documents.use();
  return { bytes, limit, documents: entries };
}

/** Internal: changes the documents' bound (tests use small ones to prove forgetting invisible). */
export function setKnownDocumentBytes(bytes: number): void {
  documents.resize(bytes);
}

/** The known document of this schema and fingerprint whose content is exactly `object`'s. */
export function knownDocument(
  schema: string,
  fingerprint: string,
  object: object,
): object | undefined {
  return documents.find(`${schema} ${fingerprint}`, object);
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
  documents.remember(`${schema} ${fingerprint}`, document, bytes);
}

const { hasOwn, getOwnPropertySymbols, getPrototypeOf } = Object;

/**
 * Whether `b` is the same JSON as the known `a`: the same own enumerable keys (in any order)
 * with the same values, and nothing that reading `b` in full would refuse (a symbol key, a
 * hole). Each field of `b` is read once and only `a` is used afterwards, so a getter or a
 * Proxy cannot change what is used after the comparison.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!hasOwn(b, i) || !sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || getPrototypeOf(b) !== Object.prototype) return false;
  if (getOwnPropertySymbols(b).length !== 0) return false;
  const known = a as Record<string, unknown>;
  const given = b as Record<string, unknown>;
  // for…in rather than Object.keys: no array is allocated at each level.
  let count = 0;
  for (const key in given) {
    if (!hasOwn(given, key) || !hasOwn(known, key) || !sameJson(known[key], given[key]))
      return false;
    count++;
  }
  for (const _ in known) count--;
  return count === 0;
}
