import { describe, PetSlaError } from '../../errors.js';

// Statistics of durations, exact: percentiles pick a value that occurred (nearest rank, no
// interpolation), and means divide the exact integer sum once, rounding half away from zero.

function badAmount(message: string, path: string): PetSlaError {
  return new PetSlaError('INVALID_AMOUNT', message, path);
}

function checkValues(values: readonly number[], path: string): void {
  if (!Array.isArray(values) || values.length === 0) {
    throw badAmount(
      `expected a non-empty list of whole milliseconds, got ${describe(values)}`,
      path,
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isSafeInteger(values[i])) {
      throw badAmount(
        `expected a safe integer of milliseconds, got ${describe(values[i])}`,
        `${path}[${i}]`,
      );
    }
  }
}

/**
 * Nearest-rank percentile of values sorted ascending: the value at rank ⌈p·n/100⌉ (rank 1
 * for p = 0). `p` is a percent in [0, 100] with at most two decimals, so the rank is computed
 * exactly in integers.
 *
 * @example
 * ```ts
 * nearestRank([10, 20, 30, 40], 50); // 20 (rank 2)
 * nearestRank([10, 20, 30, 40], 90); // 40 (rank ⌈3.6⌉ = 4)
 * ```
 */
export function nearestRank(sorted: readonly number[], p: number): number {
  checkValues(sorted, 'values');
  const basisPoints = Math.round(p * 100);
  if (typeof p !== 'number' || !(p >= 0 && p <= 100) || Math.abs(basisPoints - p * 100) > 1e-6) {
    throw badAmount(
      `expected a percentile from 0 to 100 with at most two decimals, got ${describe(p)}`,
      'p',
    );
  }
  // ⌈bp·n / 10 000⌉ in integers: bp ≤ 10 000 and n is an array length, so the product is safe.
  const rank = Math.max(1, Math.floor((basisPoints * sorted.length + 9_999) / 10_000));
  return sorted[rank - 1] as number;
}

/** ⌊(2·|sum| + n) / 2n⌋ with the sign of sum: sum / n rounded half away from zero. */
function roundedQuotient(sum: bigint, n: bigint): number {
  const magnitude = sum < 0n ? -sum : sum;
  const q = (2n * magnitude + n) / (2n * n);
  return Number(sum < 0n ? -q : q);
}

/**
 * The exact mean of whole milliseconds: the integer sum divided by the count once, rounded
 * half away from zero. The sum never passes through a float that could round.
 *
 * @example
 * ```ts
 * exactMean([1, 2]); // 2 (1.5 rounds away from zero)
 * exactMean([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]); // Number.MAX_SAFE_INTEGER
 * ```
 */
export function exactMean(values: readonly number[]): number {
  checkValues(values, 'values');
  // Sum as a number while every partial sum is exact; switch to BigInt before one is not.
  let small = 0;
  let big = 0n;
  for (const value of values) {
    const next = small + value;
    if (Number.isSafeInteger(next)) {
      small = next;
    } else {
      big += BigInt(small) + BigInt(value);
      small = 0;
    }
  }
  return roundedQuotient(big + BigInt(small), BigInt(values.length));
}

/**
 * Count, exact mean, nearest-rank p50 / p90 / p95 and maximum of durations in milliseconds.
 *
 * @example
 * ```ts
 * durationStats([3, 1, 2]); // { count: 3, mean: 2, p50: 2, p90: 3, p95: 3, max: 3 }
 * durationStats([]); // { count: 0, mean: null, p50: null, p90: null, p95: null, max: null }
 * ```
 */
export interface DurationStats {
  readonly count: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

const EMPTY: DurationStats = Object.freeze({
  count: 0,
  mean: null,
  p50: null,
  p90: null,
  p95: null,
  max: null,
});

/**
 * The {@link DurationStats} of `values` (any order; the input is not changed).
 *
 * @example
 * ```ts
 * durationStats([60_000, 120_000, 30_000]).p50; // 60_000
 * ```
 */
export function durationStats(values: readonly number[]): DurationStats {
  if (Array.isArray(values) && values.length === 0) return EMPTY;
  checkValues(values, 'values');
  const sorted = [...values].sort((a, b) => a - b);
  return Object.freeze({
    count: sorted.length,
    mean: exactMean(sorted),
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p95: nearestRank(sorted, 95),
    max: sorted[sorted.length - 1] as number,
  });
}
