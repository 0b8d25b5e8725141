import { describe, describeText, PetSlaError, type PetSlaErrorCode } from '../errors.js';

// Small Zod-like readers: each names the path it looked at and what it expected there.

export type PlainObject = Readonly<Record<string, unknown>>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export const join = (path: string, key: string | number): string =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : key === '' || !/^[A-Za-z_$][\w$-]*$/.test(key)
      ? `${path}[${JSON.stringify(describeText(key))}]`
      : path === ''
        ? key
        : `${path}.${key}`;

export function expectObject(
  value: unknown,
  path: string,
  code: PetSlaErrorCode,
  what: string,
): PlainObject {
  if (!isPlainObject(value))
    throw new PetSlaError(code, `expected ${what} (a plain object), got ${describe(value)}`, path);
  return value;
}

/** Rejects keys outside `allowed`; a typo must not silently become a default. */
export function expectKnownKeys(
  object: PlainObject,
  allowed: readonly string[],
  path: string,
  code: PetSlaErrorCode,
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new PetSlaError(
        code,
        `unknown key "${describeText(key)}"; expected only ${allowed.map((k) => `"${k}"`).join(', ')}`,
        join(path, key),
      );
    }
  }
}

export function expectString(
  value: unknown,
  path: string,
  code: PetSlaErrorCode,
  nonEmpty = false,
): string {
  if (typeof value !== 'string')
    throw new PetSlaError(code, `expected a string, got ${describe(value)}`, path);
  if (nonEmpty && value.length === 0)
    throw new PetSlaError(code, 'expected a non-empty string', path);
  return value;
}

export function expectArray(
  value: unknown,
  path: string,
  code: PetSlaErrorCode,
  what: string,
): readonly unknown[] {
  if (!Array.isArray(value))
    throw new PetSlaError(code, `expected ${what} (an array), got ${describe(value)}`, path);
  return value;
}

export function expectPositiveInteger(value: unknown, path: string, code: PetSlaErrorCode): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new PetSlaError(code, `expected a positive whole number, got ${describe(value)}`, path);
  }
  return value;
}

/** Deep-freezes plain data built by the library itself (never a caller's object). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
