// The one registry of where values came from. Values the library made (calendars, policies,
// ticket states, and every later document kind) are recognised by identity, so they need no
// re-validation, and may carry private data for the engine (a calendar's compiled rules).
// Objects a caller passed in are never recorded here: what is known about their content lives
// in the known stores (known-documents.ts), which compare the content on every read.

/**
 * A kind of value the library makes: a token for {@link recordMade} and the lookups, typed by
 * the private data kept with each value (`undefined` when there is none).
 */
export interface Provenance<Data = undefined> {
  /** For debugging only. */
  readonly name: string;
  /** Phantom, never set: ties the token to its data type. */
  readonly data?: Data;
}

/** A new provenance token; each kind makes exactly one, at module load. */
export function provenance<Data = undefined>(name: string): Provenance<Data> {
  return Object.freeze({ name });
}

interface Made {
  readonly by: Provenance<unknown>;
  readonly data: unknown;
}

const made = new WeakMap<object, Made>();

/** Records that the library made `value` (deeply frozen already) as a `by`, with its data. */
export function recordMade<T extends object, Data>(value: T, by: Provenance<Data>, data?: Data): T {
  made.set(value, { by, data });
  return value;
}

/** Whether the library made `value` as a `by`. */
export function isMade(value: unknown, by: Provenance<unknown>): boolean {
  return typeof value === 'object' && value !== null && made.get(value)?.by === by;
}

/** The private data kept with a value the library made as a `by`; `undefined` for any other. */
export function madeData<Data>(value: unknown, by: Provenance<Data>): Data | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = made.get(value);
  return entry?.by === by ? (entry.data as Data) : undefined;
}
