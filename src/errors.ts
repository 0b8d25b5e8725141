/**
 * Every code a {@link PetSlaError} can carry. Codes are stable: hosts may switch on them,
 * persist them and translate them; messages may be improved between releases.
 *
 * @example
 * ```ts
 * const fixableInForm: readonly PetSlaErrorCode[] = ['INVALID_WINDOW', 'OVERLAPPING_WINDOWS', 'INVALID_DATE', 'DUPLICATE_DATE'];
 * if (e instanceof PetSlaError && fixableInForm.includes(e.code)) form.setError(e.path, e.message);
 * ```
 */
export type PetSlaErrorCode =
  | 'INVALID_DEFINITION'
  | 'UNKNOWN_ZONE'
  | 'INVALID_WINDOW'
  | 'OVERLAPPING_WINDOWS'
  | 'INVALID_DATE'
  | 'DUPLICATE_DATE'
  | 'INVALID_CALENDAR'
  | 'INVALID_INSTANT'
  | 'INSTANT_OUT_OF_RANGE'
  | 'INVALID_AMOUNT'
  | 'CALENDAR_NEVER_OPENS'
  | 'CALENDAR_NEVER_CLOSES'
  | 'INVALID_SNAPSHOT'
  | 'FINGERPRINT_MISMATCH'
  | 'INVALID_POLICY'
  | 'UNKNOWN_PRIORITY'
  | 'CALENDAR_MISMATCH'
  | 'INVALID_EVENT'
  | 'OUT_OF_ORDER_EVENT'
  | 'INVALID_STATE'
  | 'EVENT_CONFLICT'
  | 'INVALID_PLAN'
  | 'INVALID_CONTRACT'
  | 'INVALID_MODEL'
  | 'INVALID_PERIOD'
  | 'INVALID_EVENT_LOG'
  | 'PLAN_MISMATCH';

/**
 * The one error type pet-sla throws. `code` says what kind of problem it is, `path` where in
 * the input it was found (`week.tue[1]`, `overrides[3].date`, `t`), and the message what was
 * wrong and what was expected.
 *
 * @example
 * ```ts
 * try {
 *   defineCalendar({ id: 'x', zone: 'Mars/Olympus', week: {} });
 * } catch (e) {
 *   if (e instanceof PetSlaError && e.code === 'UNKNOWN_ZONE') console.log(e.path); // 'zone'
 * }
 * ```
 */
export class PetSlaError extends Error {
  /** What kind of problem it is; stable across releases, unlike the message. */
  readonly code: PetSlaErrorCode;
  /** Where in the input it was found (`week.tue[1]`, `events[3].at`); `undefined` for the whole input. */
  readonly path: string | undefined;

  constructor(code: PetSlaErrorCode, message: string, path?: string) {
    super(path === undefined || path === '' ? message : `${path}: ${message}`);
    this.name = 'PetSlaError';
    this.code = code;
    this.path = path === '' ? undefined : path;
  }
}

/**
 * True when `error` is a {@link PetSlaError}, optionally of the given code.
 *
 * @example
 * ```ts
 * if (isPetSlaError(e, 'CALENDAR_NEVER_OPENS')) return null;
 * ```
 */
export function isPetSlaError(error: unknown, code?: PetSlaErrorCode): error is PetSlaError {
  return error instanceof PetSlaError && (code === undefined || error.code === code);
}

/** Describes a value for an error message without ever throwing on exotic input. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `the string "${value.slice(0, 37)}..."` : `the string "${value}"`;
    case 'number':
      return Number.isNaN(value) ? 'NaN' : `the number ${String(value)}`;
    case 'undefined':
      return 'undefined';
    case 'object':
      return value instanceof Date ? 'a Date' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}
