import { expect } from 'vitest';
import { PetSlaError } from '../../src/index.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Calls `f` and returns the PetSlaError it must throw. */
export function caught(f: () => unknown): PetSlaError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(PetSlaError);
    return error as PetSlaError;
  }
  throw new Error('expected a PetSlaError, but nothing was thrown');
}

/** The code and path of the PetSlaError `f` must throw. */
export function codeAndPath(f: () => unknown): { code: string; path: string | undefined } {
  const error = caught(f);
  return { code: error.code, path: error.path };
}

/** A fresh plain-JSON copy (as a host would read it back from a database), typed as the original. */
export const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A fresh, mutable, plain-JSON copy as a JSON object, for tests that edit it. */
export const jsonObject = (value: unknown): JsonObject =>
  JSON.parse(JSON.stringify(value)) as JsonObject;
