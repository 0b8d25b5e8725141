/**
 * Cache memory, measured while the file is collected (before any timing runs) and printed as
 * `[memory]` lines, and the time to compile ten years of a new calendar.
 */
import { bench, describe } from 'vitest';
import { businessMillisBetween } from '../src/index.js';
import { consume, DAY, freshCalendar } from './fixtures.js';
import { cacheUse, describeStep, measureCacheMemory } from './memory.js';

const YEARS = 10;
measureCacheMemory([4], 1); // warm-up: the code itself, shared zone data
const report = measureCacheMemory([100, 1_000, 3_000], YEARS);
for (const step of report.steps) console.log(`[memory] ${describeStep(step)}`);
console.log(`[memory] counted by the caches at the end: ${cacheUse()}`);
console.log(
  `[memory] left once all calendars are dropped: ${(report.afterReleaseBytes / 2 ** 20).toFixed(1)} MiB`,
);
console.log(`[memory-json] ${JSON.stringify(report)}`);

describe('compile ten years of a new calendar', () => {
  const from = Date.parse('2025-01-01T00:00:00Z');
  const to = from + 3_652 * DAY;
  bench(
    'defineCalendar + between over ten years',
    () => {
      consume(businessMillisBetween(freshCalendar(), from, to));
    },
    { time: 0, iterations: 200, warmupTime: 0, warmupIterations: 20 },
  );
});
