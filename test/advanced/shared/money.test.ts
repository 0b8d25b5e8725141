import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  divideRounded,
  formatMoney,
  readCurrency,
  readMinorUnits,
  readPercent,
  shareOf,
} from '../../../src/advanced/shared/money.js';
import { caught } from '../../support/errors.js';
import { params } from '../../support/fc.js';

const plan = { min: 0, max: 1000, minExclusive: true } as const;

describe('readPercent', () => {
  it.each([
    [50, 5000],
    [0.01, 1],
    [0.07, 7],
    [12.34, 1234],
    [99.99, 9999],
    [33.33, 3333],
    [1000, 100_000],
    [1.1, 110],
    [0.29, 29],
    [4.35, 435],
  ])('%d %% is %d bp', (percent, bp) => {
    expect(readPercent(percent, 'p', 'INVALID_PLAN', plan)).toBe(bp);
  });

  it('every two-decimal literal reads back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (bp) => {
        const literal = Number(`${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`);
        expect(readPercent(literal, 'p', 'INVALID_PLAN', plan)).toBe(bp);
      }),
      params(),
    );
  });

  it.each([
    [12.345, 'more than two decimals'],
    [0.001, 'more than two decimals'],
    [99.999, 'more than two decimals'],
    [33.333, 'more than two decimals'],
    [0.005, 'more than two decimals'],
    [1 / 3, 'more than two decimals'],
  ])('refuses %d (three decimals or more)', (percent, why) => {
    const error = caught(() => readPercent(percent, 'levels[2].percent', 'INVALID_PLAN', plan));
    expect(error.code).toBe('INVALID_PLAN');
    expect(error.path).toBe('levels[2].percent');
    expect(error.message).toContain(why);
  });

  it.each([[0], [-5], [1000.01], [1e308], [-0.01]])('refuses %d, out of (0, 1000]', (percent) => {
    const error = caught(() => readPercent(percent, 'p', 'INVALID_PLAN', plan));
    expect(error.code).toBe('INVALID_PLAN');
    expect(error.message).toContain('above 0 and at most 1000');
  });

  it('an inclusive minimum admits it; -0 reads as 0', () => {
    const range = { min: 0, max: 100 };
    expect(readPercent(0, 'p', 'INVALID_CONTRACT', range)).toBe(0);
    expect(Object.is(readPercent(-0, 'p', 'INVALID_CONTRACT', range), 0)).toBe(true);
    expect(readPercent(100, 'p', 'INVALID_CONTRACT', range)).toBe(10_000);
    expect(caught(() => readPercent(100.01, 'p', 'INVALID_CONTRACT', range)).code).toBe(
      'INVALID_CONTRACT',
    );
  });

  it.each([
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    ['50'],
    [null],
    [undefined],
    [{}],
    [[50]],
    [50n],
  ])('refuses %s, which is no number', (value) => {
    const error = caught(() => readPercent(value, 'p', 'INVALID_MODEL', plan));
    expect(error.code).toBe('INVALID_MODEL');
    expect(error.path).toBe('p');
  });
});

describe('readMinorUnits', () => {
  it('takes safe integers ≥ 0', () => {
    expect(readMinorUnits(0, 'a', 'INVALID_CONTRACT')).toBe(0);
    expect(readMinorUnits(Number.MAX_SAFE_INTEGER, 'a', 'INVALID_CONTRACT')).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(readMinorUnits(-7, 'a', 'INVALID_CONTRACT', { allowNegative: true })).toBe(-7);
  });
  it.each([[-1], [1.5], [Number.MAX_SAFE_INTEGER + 1], [Number.NaN], ['12'], [null], [12n]])(
    'refuses %s',
    (value) => {
      const error = caught(() => readMinorUnits(value, 'fees[1].amount', 'INVALID_CONTRACT'));
      expect(error.code).toBe('INVALID_CONTRACT');
      expect(error.path).toBe('fees[1].amount');
    },
  );
});

describe('currencyDigits and readCurrency', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['XOF', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['TND', 3],
    ['CLF', 4],
    ['UYW', 4],
    ['CHF', 2],
    ['XCD', 2],
  ])('%s has %d digits', (code, digits) => {
    expect(currencyDigits(code)).toBe(digits);
    expect(readCurrency(code, 'currency', 'INVALID_CONTRACT')).toBe(code);
  });
  it.each([['eur'], ['EURO'], [''], ['XAU'], ['XXX'], ['ABC'], ['toString'], ['__proto__']])(
    '%j is not a currency with a minor unit',
    (code) => {
      expect(currencyDigits(code)).toBeUndefined();
      const error = caught(() => readCurrency(code, 'currency', 'INVALID_CONTRACT'));
      expect(error.code).toBe('INVALID_CONTRACT');
      expect(error.path).toBe('currency');
    },
  );
  it('refuses a non-string', () => {
    expect(currencyDigits(5 as unknown as string)).toBeUndefined();
    expect(caught(() => readCurrency(5, 'c', 'INVALID_CONTRACT')).code).toBe('INVALID_CONTRACT');
  });
});

describe('divideRounded: once, half away from zero', () => {
  it.each([
    [5n, 2n, 3],
    [-5n, 2n, -3],
    [5n, -2n, -3],
    [-5n, -2n, 3],
    [7n, 2n, 4],
    [-7n, 2n, -4],
    [4n, 3n, 1],
    [-4n, 3n, -1],
    [5n, 3n, 2],
    [-5n, 3n, -2],
    [1n, 2n, 1],
    [-1n, 2n, -1],
    [1n, 3n, 0],
    [-1n, 3n, 0],
    [0n, 7n, 0],
    [12_345n, 10n, 1235],
    [-12_345n, 10n, -1235],
    [12_344n, 10n, 1234],
    [25n, 10n, 3],
    [-25n, 10n, -3],
    [15n, 10n, 2],
    [-15n, 10n, -2],
  ])('%s / %s = %d', (n, d, q) => {
    const result = divideRounded(n, d);
    expect(result).toBe(q);
    expect(Object.is(result, -0)).toBe(false);
  });

  it('works beyond 2^53 in the operands', () => {
    const big = 2n ** 60n + 1n; // not representable as a double
    expect(divideRounded(big, 2n ** 10n)).toBe(2 ** 50); // 2^50 + 1/1024 rounds down
    expect(divideRounded(big * 3n, big)).toBe(3);
    expect(divideRounded(2n ** 70n + 2n ** 19n, 2n ** 20n)).toBe(2 ** 50 + 1); // exact half up
    expect(divideRounded(-(2n ** 70n) - 2n ** 19n, 2n ** 20n)).toBe(-(2 ** 50) - 1);
    expect(divideRounded(2n ** 70n + 2n ** 19n - 1n, 2n ** 20n)).toBe(2 ** 50);
  });

  it('agrees with a reference over random BigInts', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
        fc.bigInt({ min: 1n, max: 2n ** 40n }),
        fc.boolean(),
        (n, d0, negate) => {
          const d = negate ? -d0 : d0;
          // Reference: floor(|n/d| + 1/2) with the sign put back.
          const abs = (x: bigint) => (x < 0n ? -x : x);
          const q = (2n * abs(n) + abs(d)) / (2n * abs(d));
          const expected = n < 0n !== d < 0n ? -q : q;
          if (abs(expected) > BigInt(Number.MAX_SAFE_INTEGER)) {
            expect(caught(() => divideRounded(n, d)).code).toBe('INVALID_AMOUNT');
          } else {
            expect(divideRounded(n, d)).toBe(Number(expected) === 0 ? 0 : Number(expected));
          }
        },
      ),
      params(),
    );
  });

  it('refuses a zero denominator, a result beyond the safe integers, and non-BigInts', () => {
    expect(caught(() => divideRounded(1n, 0n)).code).toBe('INVALID_AMOUNT');
    expect(caught(() => divideRounded(2n ** 60n, 1n)).code).toBe('INVALID_AMOUNT');
    expect(caught(() => divideRounded(-(2n ** 60n), 1n)).code).toBe('INVALID_AMOUNT');
    expect(divideRounded(BigInt(Number.MAX_SAFE_INTEGER), 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(caught(() => divideRounded(5 as unknown as bigint, 2n)).code).toBe('INVALID_AMOUNT');
  });
});

describe('shareOf', () => {
  it.each([
    [12_345, 1000, 1235], // 12.345 → 12.35
    [-12_345, 1000, -1235],
    [10_000, 5000, 5000],
    [1, 5000, 1], // 0.5 → 1
    [-1, 5000, -1],
    [1, 4999, 0],
    [999, 3333, 333], // 332.9667
    [200, 25, 1], // 0.5 → 1
    [100, 1, 0], // 0.01
    [0, 10_000, 0],
    [7, 100_000, 70], // 1000 %
  ])('%d × %d bp = %d', (amount, bp, share) => {
    expect(shareOf(amount, bp)).toBe(share);
  });
  it('stays exact where a float product would not', () => {
    // 9 007 199 254 740 991 × 0.5 = 4 503 599 627 370 495.5 → …496 (a double cannot even hold the product).
    expect(shareOf(Number.MAX_SAFE_INTEGER, 5000)).toBe(4_503_599_627_370_496);
    // 1.15 × 100 = 114.99999999999999 in floats; exactly 115 here: 1.15 % of 10 000.
    expect(shareOf(10_000, 115)).toBe(115);
  });
  it('refuses non-integers', () => {
    expect(caught(() => shareOf(1.5, 100)).code).toBe('INVALID_AMOUNT');
    expect(caught(() => shareOf(100, Number.NaN)).code).toBe('INVALID_AMOUNT');
  });
});

describe('formatMoney', () => {
  it.each([
    [123_456, 'EUR', 'EUR 1,234.56'],
    [0, 'EUR', 'EUR 0.00'],
    [5, 'EUR', 'EUR 0.05'],
    [-5, 'EUR', 'EUR -0.05'],
    [-123_456_789, 'USD', 'USD -1,234,567.89'],
    [100_000, 'GBP', 'GBP 1,000.00'],
    [99_999, 'GBP', 'GBP 999.99'],
    [1_500, 'BHD', 'BHD 1.500'],
    [1_234_567, 'JPY', 'JPY 1,234,567'],
    [-5, 'JPY', 'JPY -5'],
    [12_345, 'CLF', 'CLF 1.2345'],
    [Number.MAX_SAFE_INTEGER, 'EUR', 'EUR 90,071,992,547,409.91'],
  ])('%d %s → %s', (amount, currency, text) => {
    expect(formatMoney(amount, currency)).toBe(text);
  });
  it('refuses unknown currencies and non-integer amounts', () => {
    expect(caught(() => formatMoney(100, 'eur')).path).toBe('currency');
    expect(caught(() => formatMoney(1.5, 'EUR')).path).toBe('amountMinor');
    expect(caught(() => formatMoney(Number.NaN, 'EUR')).code).toBe('INVALID_AMOUNT');
  });
});
