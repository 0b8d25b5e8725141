/**
 * Hot path: `between` and `add` over a day, a week, a year and a decade, on a calendar already
 * queried, against moment-business-time and the naive minute-stepping reference.
 * Every iteration takes the next of eight start instants (see STARTS in fixtures.ts).
 */
import type { BenchOptions } from 'vitest';
import { bench, describe } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween } from '../src/index.js';
import {
  calendar,
  checkAgreement,
  consume,
  momentAddMinutes,
  momentBetweenMinutes,
  naiveAddMinutes,
  naiveBetweenMinutes,
  type Query,
  queries,
  type SpanName,
  scanAgreement,
} from './fixtures.js';

const SPANS: readonly SpanName[] = ['day', 'week', 'year', 'decade'];
/** The naive reference takes ~2.5 s a decade query here, so it is run up to a year only. */
const NAIVE_SPANS: ReadonlySet<SpanName> = new Set(['day', 'week', 'year']);
/** Fixed sample counts for the slow contenders (each of the 8 starts twice). */
const SLOW: BenchOptions = { time: 0, iterations: 16, warmupTime: 0, warmupIterations: 2 };
/** pet-sla queries per iteration in the batched groups. */
const BATCH = 1_000;

for (const span of SPANS) checkAgreement(span, NAIVE_SPANS.has(span));
console.log(`[agreement] ${JSON.stringify(scanAgreement())}`);

/** Cycles through the span's queries. */
function cycle(span: SpanName): () => Query {
  const list = queries(span);
  let i = 0;
  return () => list[i++ % list.length] as Query;
}

const slowFor = (span: SpanName): BenchOptions | undefined =>
  span === 'year' || span === 'decade' ? SLOW : undefined;

for (const span of SPANS) {
  describe(`between, ${span} span`, () => {
    const next = cycle(span);
    bench('pet-sla', () => {
      const q = next();
      consume(businessMinutesBetween(calendar, q.a, q.b));
    });
    bench(
      'moment-business-time',
      () => {
        const q = next();
        consume(momentBetweenMinutes(q.a, q.b));
      },
      slowFor(span),
    );
    if (NAIVE_SPANS.has(span)) {
      bench(
        'naive reference (bitmap built per query)',
        () => {
          const q = next();
          consume(naiveBetweenMinutes(q.a, q.b));
        },
        SLOW,
      );
    }
  });

  describe(`add, ${span} span`, () => {
    const next = cycle(span);
    bench('pet-sla', () => {
      const q = next();
      consume(addBusinessMinutes(calendar, q.a, q.minutes));
    });
    bench(
      'moment-business-time',
      () => {
        const q = next();
        consume(momentAddMinutes(q.a, q.minutes));
      },
      slowFor(span),
    );
    if (NAIVE_SPANS.has(span)) {
      bench(
        'naive reference (bitmap built per query)',
        () => {
          const q = next();
          consume(naiveAddMinutes(q.a, q.minutes, q.addTo));
        },
        SLOW,
      );
    }
  });
}

// One timer read per query adds tens of nanoseconds to sub-microsecond results; these groups
// time 1,000 queries per iteration, so mean / 1,000 is the cost of one query.
describe(`pet-sla, ${BATCH} queries per iteration`, () => {
  for (const span of SPANS) {
    const list = queries(span);
    bench(`between, ${span} span`, () => {
      for (let i = 0; i < BATCH; i++) {
        const q = list[i % list.length] as Query;
        consume(businessMinutesBetween(calendar, q.a, q.b));
      }
    });
  }
  for (const span of SPANS) {
    const list = queries(span);
    bench(`add, ${span} span`, () => {
      for (let i = 0; i < BATCH; i++) {
        const q = list[i % list.length] as Query;
        consume(addBusinessMinutes(calendar, q.a, q.minutes));
      }
    });
  }
});
