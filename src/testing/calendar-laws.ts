import { addBusinessMillis } from '../calendar/add-business-time.js';
import { businessMillisBetween } from '../calendar/business-between.js';
import { isOpen } from '../calendar/is-open.js';
import { nextClose } from '../calendar/next-close.js';
import { nextOpen } from '../calendar/next-open.js';
import type { Calendar, InstantInput } from '../calendar/types.js';
import { LawError } from './law-support.js';

/**
 * The calendar operations {@link checkCalendarLaws} exercises. Pass your own wrappers (a service
 * client, a cache, a port to another language) to check them against the rules of docs/semantics.md
 * §4.
 *
 * @example
 * ```ts
 * const viaService: CalendarApi = { ...libraryCalendar, businessMillisBetween: (c, a, b) => client.between(c.id, a, b) };
 * checkCalendarLaws(calendar, [t1, t2, t3], [60_000, 3_600_000], viaService);
 * ```
 */
export interface CalendarApi {
  /** As the library's `isOpen`. */
  readonly isOpen: (calendar: Calendar, t: InstantInput) => boolean;
  /** As the library's `nextOpen`. */
  readonly nextOpen: (calendar: Calendar, t: InstantInput) => number;
  /** As the library's `nextClose`. */
  readonly nextClose: (calendar: Calendar, t: InstantInput) => number;
  /** As the library's `businessMillisBetween`. */
  readonly businessMillisBetween: (calendar: Calendar, a: InstantInput, b: InstantInput) => number;
  /** As the library's `addBusinessMillis`. */
  readonly addBusinessMillis: (calendar: Calendar, t: InstantInput, n: number) => number;
}

/**
 * This library's own operations, the default {@link CalendarApi}.
 *
 * @example
 * ```ts
 * checkCalendarLaws(calendar, instants, amounts, libraryCalendar);
 * ```
 */
export const libraryCalendar: CalendarApi = Object.freeze({
  isOpen,
  nextOpen,
  nextClose,
  businessMillisBetween,
  addBusinessMillis,
});

/**
 * Thrown by {@link checkCalendarLaws}: which law failed, and for which inputs.
 *
 * @example
 * ```ts
 * try { checkCalendarLaws(cal, instants, amounts); } catch (e) { if (e instanceof CalendarLawError) console.log(e.law); }
 * ```
 */
export class CalendarLawError extends LawError<string> {
  constructor(law: string, message: string) {
    super('calendar', law, message);
    this.name = 'CalendarLawError';
  }
}

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/** `f()`, or undefined when the calendar has no answer (it never opens or closes, or not before 2200). */
function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (error) {
    const code = codeOf(error);
    if (
      code === 'CALENDAR_NEVER_OPENS' ||
      code === 'CALENDAR_NEVER_CLOSES' ||
      code === 'INSTANT_OUT_OF_RANGE'
    )
      return undefined;
    throw error;
  }
}

/**
 * Checks the laws of the calendar operations (docs/semantics.md §4) on one calendar at the given
 * instants and positive amounts (ms), through `api` (this library by default), and throws a {@link
 * CalendarLawError} naming the first law that fails. Combine it with `calendarCaseArb` to check a
 * wrapper on random calendars in DST zones.
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.property(calendarCaseArb(3), fc.array(fc.integer({ min: 1, max: 1e9 }), { maxLength: 3 }), ({ calendar, instants }, amounts) => {
 *     checkCalendarLaws(calendar, instants, amounts);
 *   }),
 * );
 * ```
 */
export function checkCalendarLaws(
  calendar: Calendar,
  instants: readonly number[],
  amounts: readonly number[],
  api: CalendarApi = libraryCalendar,
): void {
  const fail = (law: string, message: string): never => {
    throw new CalendarLawError(
      law,
      `${message} (calendar ${calendar.id} v${calendar.version}, zone ${calendar.zone})`,
    );
  };
  const between = (a: number, b: number): number => api.businessMillisBetween(calendar, a, b);
  const add = (t: number, n: number): number | undefined =>
    attempt(() => api.addBusinessMillis(calendar, t, n));

  for (const t of instants) {
    if (api.isOpen(calendar, t) !== (between(t, t + 1) === 1))
      fail('open-is-one-millisecond', `isOpen(${t}) disagrees with between(${t}, ${t + 1})`);
    if (add(t, 0) !== t) fail('add-zero', `addBusinessMillis(${t}, 0) is not ${t}`);
    const opening = attempt(() => api.nextOpen(calendar, t));
    if (
      opening !== undefined &&
      (opening < t || between(t, opening) !== 0 || !api.isOpen(calendar, opening))
    ) {
      fail(
        'next-open',
        `nextOpen(${t}) = ${opening} is not the first open instant at or after ${t}`,
      );
    }
    const closing = attempt(() => api.nextClose(calendar, t));
    if (
      closing !== undefined &&
      (closing < t || between(t, closing) !== closing - t || api.isOpen(calendar, closing))
    ) {
      fail('next-close', `nextClose(${t}) = ${closing} is not the end of the open period at ${t}`);
    }
    for (const n of amounts) {
      const u = add(t, n);
      if (u !== undefined && between(t, u) !== n)
        fail('between-of-add', `between(${t}, add(${t}, ${n}) = ${u}) is not ${n}`);
      if (u !== undefined && !api.isOpen(calendar, u - 1))
        fail('add-is-earliest', `add(${t}, ${n}) = ${u} is not the earliest such instant`);
      const back = add(t, -n);
      if (back !== undefined && between(back, t) !== n)
        fail('between-of-subtract', `between(add(${t}, -${n}) = ${back}, ${t}) is not ${n}`);
      for (const m of amounts) {
        const first = add(t, n);
        const stepped = first === undefined ? undefined : add(first, m);
        const whole = add(t, n + m);
        if (stepped !== undefined && whole !== undefined && stepped !== whole)
          fail(
            'add-is-additive',
            `add(add(${t}, ${n}), ${m}) = ${stepped} but add(${t}, ${n + m}) = ${whole}`,
          );
        if (m > n && first !== undefined && whole !== undefined) {
          const bigger = add(t, m);
          if (bigger !== undefined && bigger <= first)
            fail(
              'add-increasing-in-n',
              `add(${t}, ${m}) = ${bigger} is not after add(${t}, ${n}) = ${first}`,
            );
        }
      }
    }
    for (const s of instants) {
      if (s > t) continue;
      for (const n of amounts) {
        const a = add(s, n);
        const b = add(t, n);
        if (a !== undefined && b !== undefined && a > b)
          fail('add-monotone-in-t', `add(${s}, ${n}) = ${a} is after add(${t}, ${n}) = ${b}`);
      }
      for (const r of instants) {
        if (between(s, t) + between(t, r) !== between(s, r))
          fail(
            'between-is-additive',
            `between(${s}, ${t}) + between(${t}, ${r}) is not between(${s}, ${r})`,
          );
      }
    }
  }
}
