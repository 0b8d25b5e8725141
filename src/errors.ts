/**
 * Every code a {@link PetSlaError} can carry. Codes are stable: hosts may switch on them,
 * persist them and translate them; messages may be improved between releases.
 *
 * @example
 * ```ts
 * const fixableInForm: readonly PetSlaErrorCode[] = ['INVALID_WINDOW', 'OVERLAPPING_WINDOWS', 'INVALID_DATE', 'DUPLICATE_DATE'];
 * if (e instanceof PetSlaError && fixableInForm.includes(e.code)) form.setError(e.path, e.detail);
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
 * the input it was found (`week.tue[1]`, `overrides[3].date`, `t`), and `detail` what was wrong
 * and what was expected. The message is the two together: `"<path>: <detail>"`, or the detail
 * alone when there is no path.
 *
 * @example
 * ```ts
 * try {
 *   defineCalendar({ id: 'x', zone: 'Mars/Olympus', week: {} });
 * } catch (e) {
 *   if (e instanceof PetSlaError && e.code === 'UNKNOWN_ZONE') console.log(e.path, e.detail); // 'zone', '"Mars/Olympus" is not an IANA time zone …'
 * }
 * ```
 */
export class PetSlaError extends Error {
  /** What kind of problem it is; stable across releases, unlike the message. */
  readonly code: PetSlaErrorCode;
  /** Where in the input it was found (`week.tue[1]`, `events[3].at`); `undefined` for the whole input. */
  readonly path: string | undefined;
  /** What was wrong and what was expected: the message without the path. */
  readonly detail: string;

  constructor(code: PetSlaErrorCode, detail: string, path?: string) {
    super(path === undefined || path === '' ? detail : `${path}: ${detail}`);
    this.name = 'PetSlaError';
    this.code = code;
    this.path = path === '' ? undefined : path;
    this.detail = detail;
  }
}

/** How {@link rethrowing} re-raises an error: each field given replaces the error's own. */
export interface ErrorChange {
  readonly code?: PetSlaErrorCode;
  /** The new path (`undefined` given explicitly: the whole input). */
  readonly path?: string | undefined;
  readonly detail?: string;
}

/**
 * Runs `step`; a `PetSlaError` it throws is thrown again as `change` says (another code, path
 * or detail), or as it is when `change` returns `undefined`. Anything else passes through.
 * Layers use it to name a problem in their caller's terms (`events[3].at` rather than `at`).
 */
export function rethrowing<T>(
  step: () => T,
  change: (error: PetSlaError) => ErrorChange | undefined,
): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof PetSlaError)) throw error;
    const how = change(error);
    if (how === undefined) throw error;
    throw new PetSlaError(
      how.code ?? error.code,
      how.detail ?? error.detail,
      'path' in how ? how.path : error.path,
    );
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

/** Longest piece of a caller's text quoted whole in a message. */
const QUOTED_LENGTH = 60;

/**
 * A caller's text as a message quotes it: whole when short, else its start and its length, so
 * that a huge key or id never makes a huge message.
 */
export function describeText(text: string): string {
  return text.length > QUOTED_LENGTH
    ? `${text.slice(0, QUOTED_LENGTH - 3)}... (${text.length} characters)`
    : text;
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
