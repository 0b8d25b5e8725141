/**
 * Shared set-up of the benchmarks: one calendar, configured identically in pet-sla, in
 * moment-business-time and in the naive minute-stepping reference, and the spans measured.
 *
 * The zone is UTC because moment-business-time has no time zones: every moment is made with
 * `moment.utc(...)`, so the host's TZ does not change any answer.
 */
import moment from 'moment';
import 'moment-business-time';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type Calendar,
  type CalendarDefinition,
  defineCalendar,
  type OverrideDefinition,
} from '../src/index.js';
import { type NaiveDefinition, naiveCalendar } from '../test/reference/naive.js';

declare module 'moment' {
  interface Moment {
    workingDiff(other: moment.MomentInput, unit: moment.unitOfTime.Diff, detail?: boolean): number;
    addWorkingTime(amount: number, unit: moment.unitOfTime.DurationConstructor): moment.Moment;
  }
}

export const MINUTE = 60_000;
export const DAY = 1_440 * MINUTE;

/** Two windows on every weekday, none at the weekend. */
const WINDOWS = ['09:00-12:00', '13:00-17:00'] as const;
/** Fixed-date holidays (MM-DD), closed every year from FIRST_YEAR to LAST_YEAR. */
export const HOLIDAYS = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '12-25', '12-26'];
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2040;

function holidayDates(): string[] {
  const dates: string[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const day of HOLIDAYS) dates.push(`${year}-${day}`);
  }
  return dates;
}

const overrides: OverrideDefinition[] = holidayDates().map((date) => ({ date, windows: [] }));

export function definition(id: string): CalendarDefinition {
  return {
    id,
    zone: 'UTC',
    week: { mon: WINDOWS, tue: WINDOWS, wed: WINDOWS, thu: WINDOWS, fri: WINDOWS },
    overrides,
  };
}

export const naiveDefinition: NaiveDefinition = {
  zone: 'UTC',
  week: {
    mon: [...WINDOWS],
    tue: [...WINDOWS],
    wed: [...WINDOWS],
    thu: [...WINDOWS],
    fri: [...WINDOWS],
  },
  overrides: overrides.map((o) => ({ date: o.date, windows: [...o.windows] })),
};

/** The warm pet-sla calendar that the hot-path benchmarks query. */
export const calendar: Calendar = defineCalendar(definition('bench'));

let freshCount = 0;
/** A calendar never queried before (new id, new object): nothing compiled for it is reused. */
export function freshCalendar(): Calendar {
  freshCount++;
  return defineCalendar(definition(`bench-fresh-${freshCount}`));
}

// moment-business-time reads its configuration from the current moment locale. Day 0 is
// Sunday. Recurring holidays are given as `*-MM-DD` patterns: equivalent to the 168 dated
// overrides for every instant these benchmarks touch (2024-2036), and the fastest form for
// moment-business-time, which runs one minimatch per holiday pattern per day it looks at.
const hours = ['09:00:00', '12:00:00', '13:00:00', '17:00:00'];
moment.updateLocale('en', {
  workinghours: { 0: null, 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: null },
  holidays: HOLIDAYS.map((day) => `*-${day}`),
} as moment.LocaleSpecification);

export function momentBetweenMinutes(a: number, b: number): number {
  return moment.utc(b).workingDiff(moment.utc(a), 'minutes');
}

export function momentAddMinutes(t: number, minutes: number): number {
  return moment.utc(t).addWorkingTime(minutes, 'minutes').valueOf();
}

export function naiveBetweenMinutes(a: number, b: number): number {
  return naiveCalendar(naiveDefinition, a, b).between(a, b) / MINUTE;
}

/** `to` must be at or after the answer: the naive bitmap covers [t, to) only. */
export function naiveAddMinutes(t: number, minutes: number, to: number): number | undefined {
  return naiveCalendar(naiveDefinition, t, to).add(t, minutes * MINUTE);
}

export type SpanName = 'day' | 'week' | 'year' | 'decade';

export const SPAN_DAYS: Readonly<Record<SpanName, number>> = {
  day: 1,
  week: 7,
  year: 365,
  decade: 3_652,
};

/**
 * Start instants of the measured queries (whole minutes, early 2025): open and closed times,
 * weekdays, a weekend and a holiday. Each benchmark iteration takes the next one in turn. A
 * query ends at the same time of day as it starts, and none starts before 13:00: when the end
 * falls before the day's last window, moment-business-time's workingDiff is wrong (it subtracts
 * the time from the end to each later window; lennym/moment-business-time#42), and a benchmark
 * must compare right answers.
 */
export const STARTS: readonly number[] = [
  '2025-01-06T14:17:00Z', // Monday afternoon, open
  '2025-01-07T13:00:00Z', // Tuesday, as the afternoon window opens
  '2025-01-08T16:59:00Z', // Wednesday, one minute before closing
  '2025-01-09T17:00:00Z', // Thursday, at closing
  '2025-01-10T15:02:00Z', // Friday afternoon, open
  '2025-01-11T15:00:00Z', // Saturday, closed
  '2025-05-01T14:00:00Z', // Thursday, a holiday
  '2025-02-12T20:13:00Z', // Wednesday evening, closed
].map((iso) => Date.parse(iso));

export interface Query {
  readonly a: number;
  readonly b: number;
  /** The amount added to `a` in the `add` benchmarks: business minutes in [a, b) minus 7. */
  readonly minutes: number;
  /** The result of adding `minutes` to `a`. */
  readonly due: number;
  /** End of the naive reference's bitmap in the `add` benchmarks: the later of `b` and `due`. */
  readonly addTo: number;
}

export function queries(span: SpanName): readonly Query[] {
  return STARTS.map((a) => {
    const b = a + SPAN_DAYS[span] * DAY;
    const minutes = businessMinutesBetween(calendar, a, b);
    // The span's business time minus a few minutes, so that the answer usually lies inside the
    // span (not on a Saturday start with a one-day span, where it is 1 minute, on Monday).
    const amount = Math.max(1, minutes - 7);
    const due = addBusinessMinutes(calendar, a, amount);
    return { a, b, minutes: amount, due, addTo: Math.max(b, due) };
  });
}

const iso = (t: number): string => new Date(t).toISOString();

/**
 * Throws unless pet-sla, moment-business-time and (when asked) the naive reference agree on
 * every query: a benchmark of wrong answers would be worthless.
 */
export function checkAgreement(span: SpanName, withNaive: boolean): void {
  for (const q of queries(span)) {
    const pet = businessMinutesBetween(calendar, q.a, q.b);
    const mom = momentBetweenMinutes(q.a, q.b);
    if (pet !== mom) {
      throw new Error(`${span} between ${iso(q.a)}..${iso(q.b)}: pet-sla ${pet}, moment ${mom}`);
    }
    const petDue = addBusinessMinutes(calendar, q.a, q.minutes);
    const momDue = momentAddMinutes(q.a, q.minutes);
    if (petDue !== momDue) {
      throw new Error(
        `${span} add ${iso(q.a)} + ${q.minutes} min: pet-sla ${iso(petDue)}, moment ${iso(momDue)}`,
      );
    }
    if (withNaive) {
      const naive = naiveBetweenMinutes(q.a, q.b);
      if (pet !== naive) {
        throw new Error(`${span} between ${iso(q.a)}..${iso(q.b)}: pet-sla ${pet}, naive ${naive}`);
      }
      const naiveDue = naiveAddMinutes(q.a, q.minutes, q.addTo);
      if (petDue !== naiveDue) {
        throw new Error(
          `${span} add ${iso(q.a)} + ${q.minutes} min: pet-sla ${iso(petDue)}, naive`,
        );
      }
    }
  }
}

/** Deterministic pseudo-random integers (Numerical Recipes LCG, 32-bit). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

export interface Ticket {
  readonly created: number;
  /** The SLA in business minutes: 240 (4 hours) or 2,400 (one business week). */
  readonly sla: number;
}

/** `count` tickets created at whole seconds spread over 2025, each with a 4 h or 40 h SLA. */
export function tickets(count: number, seed = 2025): Ticket[] {
  const next = lcg(seed);
  const from = Date.parse('2025-01-01T00:00:00Z') / 1000;
  const seconds = 365 * 86_400;
  const out: Ticket[] = [];
  for (let i = 0; i < count; i++) {
    const created = (from + Math.floor((next() / 2 ** 32) * seconds)) * 1000;
    out.push({ created, sla: (next() >>> 16) % 4 === 0 ? 2_400 : 240 });
  }
  return out;
}

/** Keeps results alive so that no engine can skip the work that produced them. */
export let sink = 0;
export function consume(value: number | undefined): void {
  sink = (sink + (value ?? 0)) % 1_000_003;
}

export interface AgreementScan {
  readonly between: number;
  /** `between` answers where moment-business-time differs from pet-sla. */
  readonly betweenDiffer: number;
  /** ... of which the later instant is on a working day before 13:00 (its known bug). */
  readonly betweenDifferMorningEnd: number;
  readonly add: number;
  readonly addDiffer: number;
  /** Answers (of both kinds) where pet-sla differs from the naive reference. */
  readonly naiveDiffer: number;
  /** The first disagreement with moment-business-time, as a reproduction. */
  readonly example: string | undefined;
}

/**
 * A wider comparison than the measured queries: starts every 59 minutes over two weeks around
 * the 1 May and 8 May holidays, `between` to ends every 127 minutes up to two days later, and
 * `add` of 1 to 1,500 minutes in steps of 97, against moment-business-time and the naive
 * reference. It reports rather than throws: moment-business-time's workingDiff is known wrong.
 */
export function scanAgreement(): AgreementScan {
  const from = Date.parse('2025-04-26T00:00:00Z');
  const naive = naiveCalendar(naiveDefinition, from, from + 28 * DAY);
  let between = 0;
  let betweenDiffer = 0;
  let betweenDifferMorningEnd = 0;
  let add = 0;
  let addDiffer = 0;
  let naiveDiffer = 0;
  let example: string | undefined;
  for (let a = from; a < from + 14 * DAY; a += 59 * MINUTE) {
    for (let b = a; b <= a + 2 * DAY; b += 127 * MINUTE) {
      const pet = businessMinutesBetween(calendar, a, b);
      if (naive.between(a, b) !== pet * MINUTE) naiveDiffer++;
      const mom = momentBetweenMinutes(a, b);
      between++;
      if (mom !== pet) {
        betweenDiffer++;
        const end = new Date(b);
        const workingDay = end.getUTCDay() % 6 !== 0 && !HOLIDAYS.includes(iso(b).slice(5, 10));
        if (workingDay && end.getUTCHours() < 13) betweenDifferMorningEnd++;
        example ??= `moment.utc('${iso(b)}').workingDiff(moment.utc('${iso(a)}'), 'minutes') = ${mom}; pet-sla and the naive reference: ${pet}`;
      }
    }
    for (let n = 1; n <= 1_500; n += 97) {
      const pet = addBusinessMinutes(calendar, a, n);
      if (naive.add(a, n * MINUTE) !== pet) naiveDiffer++;
      add++;
      if (momentAddMinutes(a, n) !== pet) addDiffer++;
    }
  }
  return { between, betweenDiffer, betweenDifferMorningEnd, add, addDiffer, naiveDiffer, example };
}
