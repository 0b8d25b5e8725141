import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationStats, exactMean, nearestRank } from '../../../src/advanced/shared/percentile.js';
import { codeAndPath } from '../../support/errors.js';
import { params } from '../../support/fc.js';

const MAX = Number.MAX_SAFE_INTEGER;
const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('nearestRank', () => {
  it('takes rank ⌈p·n/100⌉, rank 1 for p = 0', () => {
    expect([0, 50, 90, 95, 100].map((p) => nearestRank(oneToTen, p))).toEqual([1, 5, 9, 10, 10]);
    expect([0, 50, 90, 95, 100].map((p) => nearestRank([42], p))).toEqual([42, 42, 42, 42, 42]);
    const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect([0, 50, 90, 95, 100].map((p) => nearestRank(twenty, p))).toEqual([
      10, 100, 180, 190, 200,
    ]);
    // ⌈1.5⌉ = 2: the upper of two middle values, never their average.
    expect(nearestRank([10, 20, 30], 50)).toBe(20);
    expect(nearestRank([10, 20], 50)).toBe(10);
    // Two decimals are exact: 33.33 % of 3 is 0.9999 (rank 1), 33.34 % is 1.0002 (rank 2).
    expect(nearestRank([10, 20, 30], 33.33)).toBe(10);
    expect(nearestRank([10, 20, 30], 33.34)).toBe(20);
    expect(nearestRank([10, 20, 30], 0.01)).toBe(10);
  });

  it('rejects a percentile outside [0, 100] or finer than two decimals, and empty lists', () => {
    for (const p of [-1, 100.01, Number.NaN, Number.POSITIVE_INFINITY, 50.001, '50', null]) {
      expect(codeAndPath(() => nearestRank(oneToTen, p as number))).toEqual({
        code: 'INVALID_AMOUNT',
        path: 'p',
      });
    }
    expect(codeAndPath(() => nearestRank([], 50)).code).toBe('INVALID_AMOUNT');
    expect(codeAndPath(() => nearestRank([1, 0.5], 50))).toEqual({
      code: 'INVALID_AMOUNT',
      path: 'values[1]',
    });
  });
});

describe('exactMean', () => {
  it('rounds the exact quotient half away from zero', () => {
    expect(exactMean([1, 2])).toBe(2);
    expect(exactMean([-1, -2])).toBe(-2);
    expect(exactMean([1, 2, 2])).toBe(2); // 5/3
    expect(exactMean([0, 1, 1, 1])).toBe(1); // 0.75
    expect(exactMean([1, 0, 0, 0])).toBe(0); // 0.25
    expect(exactMean([1, 0, 0, 0, 0, 0, 0, 0])).toBe(0); // 0.125
    expect(exactMean([-1, 0])).toBe(-1); // -0.5
    expect(exactMean([7])).toBe(7);
  });

  it('stays exact for huge values', () => {
    expect(exactMean([MAX, MAX, MAX])).toBe(MAX);
    // (2^54 − 3) / 2 = MAX − 0.5, which rounds away from zero to MAX; a float sum cannot say so.
    expect(exactMean([MAX, MAX - 1])).toBe(MAX);
    expect(exactMean([MAX, MAX - 2])).toBe(MAX - 1);
    expect(exactMean([MAX, -MAX, 1])).toBe(0);
    expect(exactMean([-MAX, -MAX, -MAX + 1])).toBe(-MAX);
    expect(exactMean([MAX, 1, -1, MAX, 2])).toBe(Number((2n * BigInt(MAX) + 2n + 2n) / 5n));
  });

  it('rejects what is not whole milliseconds', () => {
    expect(codeAndPath(() => exactMean([])).code).toBe('INVALID_AMOUNT');
    expect(codeAndPath(() => exactMean([1, MAX + 1]))).toEqual({
      code: 'INVALID_AMOUNT',
      path: 'values[1]',
    });
  });

  it('agrees with a BigInt reference', () => {
    const big = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.constantFrom(MAX, -MAX, MAX - 1, 2 ** 52),
      fc.maxSafeInteger(),
    );
    fc.assert(
      fc.property(fc.array(big, { minLength: 1, maxLength: 30 }), (values) => {
        const sum = values.reduce((s, v) => s + BigInt(v), 0n);
        const n = BigInt(values.length);
        // Half away from zero, the slow way: compare twice the remainder with n.
        const abs = sum < 0n ? -sum : sum;
        let q = abs / n;
        if (2n * (abs % n) >= n) q += 1n;
        expect(exactMean(values)).toBe(Number(sum < 0n ? -q : q));
      }),
      params(),
    );
  });
});

describe('durationStats', () => {
  it('summarises unsorted values without changing them', () => {
    const values = [30, 10, 20];
    expect(durationStats(values)).toEqual({
      count: 3,
      mean: 20,
      p50: 20,
      p90: 30,
      p95: 30,
      max: 30,
    });
    expect(values).toEqual([30, 10, 20]);
    expect(Object.isFrozen(durationStats(values))).toBe(true);
  });

  it('gives nulls for no values', () => {
    expect(durationStats([])).toEqual({
      count: 0,
      mean: null,
      p50: null,
      p90: null,
      p95: null,
      max: null,
    });
  });

  it('agrees with the definition on random lists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e12 }), { minLength: 1, maxLength: 60 }),
        (values) => {
          const sorted = [...values].sort((a, b) => a - b);
          const n = sorted.length;
          // The smallest value with at least p % of the values at or below it.
          const rank = (p: number) => sorted.find((_, i) => (i + 1) * 100 >= p * n) as number;
          const stats = durationStats(values);
          expect(stats.p50).toBe(rank(50));
          expect(stats.p90).toBe(rank(90));
          expect(stats.p95).toBe(rank(95));
          expect(stats.max).toBe(Math.max(...values));
          expect(stats.count).toBe(n);
        },
      ),
      params(),
    );
  });
});
