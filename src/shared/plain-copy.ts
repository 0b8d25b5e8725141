import { describe, PetSlaError, type PetSlaErrorCode } from '../errors.js';
import { isPlainObject, join } from './read.js';

// A private copy of data a caller passed in, read exactly once: every later check and every
// computation uses the copy, so a getter, a Proxy or a caller editing the original cannot
// change what was validated. `toJSON` is never called: the copy is the data as it stands.

/** Nesting deeper than this is not stored data; refusing it keeps the copy from overflowing. */
const MAX_DEPTH = 32;

/**
 * A deep copy of plain JSON data (plain objects, dense arrays, strings, numbers, booleans,
 * null; a field whose value is `undefined` is left out), or `code` naming the path of the
 * first thing that is not.
 */
export function plainCopy(value: unknown, path: string, code: PetSlaErrorCode): unknown {
  return copyAt(value, { parent: undefined, key: path }, code, 0);
}

/** Where a value sits, built into a path string only when a message needs one. */
interface Place {
  readonly parent: Place | undefined;
  readonly key: string | number;
}

function pathOf(place: Place): string {
  return place.parent === undefined ? String(place.key) : join(pathOf(place.parent), place.key);
}

// Numbers are copied as they are: the reader of each field says which numbers it accepts.
const isScalar = (value: unknown): boolean =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean';

function copyAt(value: unknown, place: Place, code: PetSlaErrorCode, depth: number): unknown {
  if (isScalar(value)) return value;
  if (depth >= MAX_DEPTH) {
    throw new PetSlaError(
      code,
      `expected plain JSON data nested at most ${MAX_DEPTH} deep`,
      pathOf(place),
    );
  }
  if (Array.isArray(value)) {
    const length = value.length;
    const copy: unknown[] = [];
    for (let i = 0; i < length; i++) {
      if (!Object.hasOwn(value, i))
        throw new PetSlaError(
          code,
          'expected a value, got a hole in a sparse array',
          pathOf({ parent: place, key: i }),
        );
      const item = value[i];
      copy.push(isScalar(item) ? item : copyAt(item, { parent: place, key: i }, code, depth + 1));
    }
    return copy;
  }
  if (!isPlainObject(value))
    throw new PetSlaError(code, `expected plain JSON data, got ${describe(value)}`, pathOf(place));
  if (Object.getOwnPropertySymbols(value).length > 0) {
    throw new PetSlaError(
      code,
      'expected only string keys, got a symbol-keyed property',
      pathOf(place),
    );
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    // An absent optional field may be spelled `undefined`, as JSON would drop it.
    if (field === undefined) continue;
    // Most fields are JSON scalars, copied as they are without making a place for them.
    const inner = isScalar(field) ? field : copyAt(field, { parent: place, key }, code, depth + 1);
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: inner,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = inner;
  }
  return copy;
}
