import { describe, PetSlaError, type PetSlaErrorCode } from '../errors.js';
import { isPlainObject, join } from './read.js';

// A private copy of data a caller passed in, read exactly once: every later check and every
// computation uses the copy, so a getter, a Proxy or a caller editing the original cannot
// change what was validated. `toJSON` is never called: the copy is the data as it stands.

/** Nesting deeper than this is not stored data; refusing it keeps the copy from overflowing. */
const MAX_DEPTH = 32;

/**
 * A deep copy of plain JSON data (plain objects, dense arrays, strings, finite numbers,
 * booleans, null), or `code` naming the path of the first thing that is not.
 */
export function plainCopy(value: unknown, path: string, code: PetSlaErrorCode, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new PetSlaError(code, `expected a finite number, got ${describe(value)}`, path);
    return value;
  }
  if (depth >= MAX_DEPTH)
    throw new PetSlaError(code, `expected plain JSON data nested at most ${MAX_DEPTH} deep`, path);
  if (Array.isArray(value)) {
    const length = value.length;
    const copy: unknown[] = [];
    for (let i = 0; i < length; i++) {
      if (!Object.hasOwn(value, i))
        throw new PetSlaError(
          code,
          'expected a value, got a hole in a sparse array',
          join(path, i),
        );
      copy.push(plainCopy(value[i], join(path, i), code, depth + 1));
    }
    return copy;
  }
  if (!isPlainObject(value))
    throw new PetSlaError(code, `expected plain JSON data, got ${describe(value)}`, path);
  if (Object.getOwnPropertySymbols(value).length > 0)
    throw new PetSlaError(code, 'expected only string keys, got a symbol-keyed property', path);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = plainCopy(value[key], join(path, key), code, depth + 1);
    Object.defineProperty(copy, key, {
      value: inner,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
