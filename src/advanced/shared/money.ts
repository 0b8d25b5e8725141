import { describe, PetSlaError, type PetSlaErrorCode } from '../../errors.js';

// Exact percent and money arithmetic. Percentages carry at most two decimals, so they are held
// as integer basis points (1 % = 100 bp); every amount is computed in BigInt and rounded once,
// half away from zero. A float never stands between an input and a rounded result.

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A percent with at most two decimals in `[min, max]` (or `(min, max]` with `minExclusive`),
 * as integer basis points; anything else is `code` at `path`. `min` and `max` are percents.
 *
 * @example
 * ```ts
 * readPercent(99.95, 'levels[0].percent', 'INVALID_PLAN', { min: 0, max: 1000, minExclusive: true }); // 9995
 * ```
 */
export function readPercent(
  value: unknown,
  path: string,
  code: PetSlaErrorCode,
  range: { readonly min: number; readonly max: number; readonly minExclusive?: boolean },
): number {
  const exclusive = range.minExclusive === true;
  const expected = `a percent with at most two decimals, ${exclusive ? 'above' : 'at least'} ${range.min} and at most ${range.max}`;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new PetSlaError(code, `expected ${expected}, got ${describe(value)}`, path);
  if (value < range.min || (exclusive && value === range.min) || value > range.max)
    throw new PetSlaError(code, `expected ${expected}, got ${describe(value)}`, path);
  const basisPoints = Math.round(value * 100);
  // bp / 100 is the double nearest to the two-decimal number, which is exactly what a literal
  // like 12.34 parses to; any third decimal makes them differ.
  if (!Number.isSafeInteger(basisPoints) || basisPoints / 100 !== value) {
    throw new PetSlaError(
      code,
      `expected ${expected}, got ${describe(value)}, which has more than two decimals`,
      path,
    );
  }
  return basisPoints === 0 ? 0 : basisPoints;
}

/**
 * A safe integer of minor units (cents): at least 0, or any sign with `allowNegative`;
 * anything else is `code` at `path`.
 *
 * @example
 * ```ts
 * readMinorUnits(1999, 'fee.amount', 'INVALID_CONTRACT'); // 1999
 * ```
 */
export function readMinorUnits(
  value: unknown,
  path: string,
  code: PetSlaErrorCode,
  options: { readonly allowNegative?: boolean } = {},
): number {
  const negative = options.allowNegative === true;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || (!negative && value < 0)) {
    throw new PetSlaError(
      code,
      `expected an amount in whole minor units (cents)${negative ? '' : ', at least 0'}, up to ${Number.MAX_SAFE_INTEGER}, got ${describe(value)}`,
      path,
    );
  }
  return value === 0 ? 0 : value;
}

// ISO 4217 minor-unit digits. Codes not listed have 2; codes with no minor unit at all
// (precious metals, bond units, XDR, XXX) are left out: money in them is not counted in cents.
const DIGITS_OTHER_THAN_TWO: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};
// Current codes, plus a few withdrawn recently (ANG, CUC, HRK, SLL, ZWL) that stored contracts
// may still name.
const CURRENCIES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN ' +
    'BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ' +
    'ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ' +
    'ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD ' +
    'MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR ' +
    'PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL ' +
    'THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF ' +
    'XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL'
  ).split(' '),
);

/**
 * The minor-unit digits of an ISO 4217 currency code (EUR 2, JPY 0, BHD 3, CLF 4), or
 * `undefined` for a code that is unknown or has no minor unit (XAU). Codes are upper case.
 *
 * @example
 * ```ts
 * currencyDigits('JPY'); // 0
 * currencyDigits('eur'); // undefined
 * ```
 */
export function currencyDigits(code: string): number | undefined {
  if (typeof code !== 'string' || !CURRENCIES.has(code)) return undefined;
  return DIGITS_OTHER_THAN_TWO[code] ?? 2;
}

/**
 * An ISO 4217 currency code with a minor unit, else `code` at `path`.
 *
 * @example
 * ```ts
 * readCurrency(contract.currency, 'currency', 'INVALID_CONTRACT'); // 'EUR'
 * ```
 */
export function readCurrency(value: unknown, path: string, code: PetSlaErrorCode): string {
  if (typeof value !== 'string' || currencyDigits(value) === undefined) {
    throw new PetSlaError(
      code,
      `expected an ISO 4217 currency code with a minor unit, in capitals ("EUR", "USD", "JPY"), got ${describe(value)}`,
      path,
    );
  }
  return value;
}

function notSafe(what: string): PetSlaError {
  return new PetSlaError(
    'INVALID_AMOUNT',
    `${what} is beyond the safe integers (±${Number.MAX_SAFE_INTEGER}); expected amounts that fit`,
  );
}

/**
 * `numerator / denominator`, rounded once, half away from zero, as a safe integer; a zero
 * denominator or a result beyond the safe integers is `INVALID_AMOUNT`.
 *
 * @example
 * ```ts
 * divideRounded(5n, 2n); // 3
 * divideRounded(-5n, 2n); // -3
 * ```
 */
export function divideRounded(numerator: bigint, denominator: bigint): number {
  if (typeof numerator !== 'bigint' || typeof denominator !== 'bigint' || denominator === 0n) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      'expected a BigInt numerator and a non-zero BigInt denominator',
    );
  }
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if (2n * (n % d) >= d) quotient += 1n;
  if (quotient > MAX) throw notSafe('the result');
  const result = Number(quotient);
  return negative && result !== 0 ? -result : result;
}

/**
 * `amountMinor × basisPoints / 10 000`, computed exactly and rounded once, half away from
 * zero: the share of an amount a percentage gives.
 *
 * @example
 * ```ts
 * shareOf(12_345, 1_000); // 1235 (10 % of 123.45 is 12.345, rounded to 12.35)
 * shareOf(-12_345, 1_000); // -1235
 * ```
 */
export function shareOf(amountMinor: number, basisPoints: number): number {
  if (!Number.isSafeInteger(amountMinor) || !Number.isSafeInteger(basisPoints)) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected a whole amount of minor units and whole basis points, got ${describe(amountMinor)} and ${describe(basisPoints)}`,
    );
  }
  return divideRounded(BigInt(amountMinor) * BigInt(basisPoints), 10_000n);
}

/**
 * Minor units written with the currency's digits, grouped by thousands, the code first; no
 * host locale: `formatMoney(123456, 'EUR')` is `'EUR 1,234.56'`, `formatMoney(-5, 'JPY')`
 * `'JPY -5'`. An unknown currency or an amount that is not a safe integer is `INVALID_AMOUNT`.
 *
 * @example
 * ```ts
 * formatMoney(123_456, 'EUR'); // 'EUR 1,234.56'
 * formatMoney(1_500, 'BHD'); // 'BHD 1.500'
 * ```
 */
export function formatMoney(amountMinor: number, currency: string): string {
  if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor)) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected a whole amount of minor units, got ${describe(amountMinor)}`,
      'amountMinor',
    );
  }
  const digits = currencyDigits(currency);
  if (digits === undefined) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected an ISO 4217 currency code with a minor unit ("EUR", "JPY"), got ${describe(currency)}`,
      'currency',
    );
  }
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+$)/g, ',');
  const fraction = digits === 0 ? '' : `.${text.slice(text.length - digits)}`;
  return `${currency} ${amountMinor < 0 ? '-' : ''}${whole}${fraction}`;
}
