import { describe, PetSlaError } from '../errors.js';
import { isPlainObject } from '../shared/read.js';

/** The `graceMs` option: a whole number of milliseconds ≥ 0, 0 when absent. */
export function expectGrace(options: unknown): number {
  const value = isPlainObject(options) ? options.graceMs : undefined;
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected a grace of whole milliseconds ≥ 0, got ${describe(value)}`,
      'options.graceMs',
    );
  }
  return value;
}
