import { describe, PetSlaError } from '../errors.js';
import { timelineOf } from './calendar-input.js';
import { MS_PER_MINUTE } from './civil.js';
import { toInstant } from './instant.js';
import type { Calendar, InstantInput } from './types.js';

function invalidAmount(n: unknown, unit: string): PetSlaError {
  return new PetSlaError(
    'INVALID_AMOUNT',
    `expected an amount of business time in ${unit}: a finite number that is a safe integer of milliseconds, got ${describe(n)}`,
    'n',
  );
}

/**
 * Moves `n` milliseconds of business time from `t`. For n > 0 the **earliest** u ≥ t with
 * business time [t, u) = n (so 60 minutes from 16:00 with a 17:00 close is 17:00, not the next
 * morning); for n < 0 the latest u ≤ t with business time [u, t) = −n; n = 0 gives t.
 *
 * @example
 * ```ts
 * addBusinessMillis(uk, '2026-11-26T16:00:00Z', 3_600_000); // Date.parse('2026-11-26T17:00:00Z')
 * ```
 */
export function addBusinessMillis(calendar: Calendar, t: InstantInput, n: number): number {
  const timeline = timelineOf(calendar);
  const from = toInstant(t, 't');
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalidAmount(n, 'milliseconds');
  if (n === 0) return from;
  return n > 0 ? timeline.advance(from, n) : timeline.retreat(from, -n);
}

/**
 * {@link addBusinessMillis} with the amount in minutes, converted to whole milliseconds with
 * `Math.round(n * 60000)`.
 *
 * @example
 * ```ts
 * addBusinessMinutes(uk, '2026-11-26T16:00:00Z', 120); // Date.parse('2026-11-27T10:00:00Z')
 * ```
 */
export function addBusinessMinutes(calendar: Calendar, t: InstantInput, n: number): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidAmount(n, 'minutes');
  const millis = Math.round(n * MS_PER_MINUTE);
  if (!Number.isSafeInteger(millis)) throw invalidAmount(n, 'minutes');
  // Math.round can give -0; business time has no sign of zero.
  return addBusinessMillis(calendar, t, millis === 0 ? 0 : millis);
}
