/**
 * Cold start: the first query on a calendar nobody has queried before. Each iteration takes a
 * calendar of its own (a new id and a new object, defined before the timed part), so nothing
 * compiled for an earlier one is reused; `defineCalendar` itself is timed on its own.
 */
import type { BenchOptions } from 'vitest';
import { bench, describe } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, type Calendar } from '../src/index.js';
import { consume, freshCalendar, type Query, queries, type SpanName } from './fixtures.js';

const ITERATIONS = 400;
const WARMUP = 100;

/**
 * Options giving a fixed number of iterations, and a pool of new calendars defined in the
 * (untimed) setup of the warm-up and of the run, one per iteration. `take` hands them out and
 * drops the pool's reference, so that used calendars and their caches can be collected.
 */
function coldPool(): { options: BenchOptions; take: () => Calendar } {
  let pool: (Calendar | undefined)[] = [];
  let index = 0;
  const options: BenchOptions = {
    time: 0,
    iterations: ITERATIONS,
    warmupTime: 0,
    warmupIterations: WARMUP,
    setup: (_task, mode) => {
      pool = Array.from({ length: mode === 'warmup' ? WARMUP : ITERATIONS }, freshCalendar);
      index = 0;
    },
    teardown: () => {
      pool = [];
    },
  };
  const take = (): Calendar => {
    const calendar = pool[index] ?? freshCalendar();
    pool[index++] = undefined;
    return calendar;
  };
  return { options, take };
}

function first(span: SpanName): Query {
  return queries(span)[0] as Query;
}

describe('cold start: first query on a new calendar', () => {
  bench(
    'defineCalendar (168 holiday overrides), no query',
    () => {
      consume(freshCalendar().version);
    },
    { time: 0, iterations: ITERATIONS, warmupTime: 0, warmupIterations: WARMUP },
  );

  for (const span of ['day', 'year', 'decade'] as const) {
    const q = first(span);
    const between = coldPool();
    bench(
      `first between, ${span} span`,
      () => {
        consume(businessMinutesBetween(between.take(), q.a, q.b));
      },
      between.options,
    );
    const add = coldPool();
    bench(
      `first add, ${span} span`,
      () => {
        consume(addBusinessMinutes(add.take(), q.a, q.minutes));
      },
      add.options,
    );
  }

  const q = first('day');
  bench(
    'defineCalendar + first between, day span',
    () => {
      consume(businessMinutesBetween(freshCalendar(), q.a, q.b));
    },
    { time: 0, iterations: ITERATIONS, warmupTime: 0, warmupIterations: WARMUP },
  );
});
