import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rosterCapacityReader } from '../../../src/advanced/overtime/capacity.js';
import { businessMillisBetween } from '../../../src/index.js';
import { calendarCaseArb } from '../../../src/testing/index.js';
import { params } from '../../support/fc.js';

// The roster's capacity is read with a cursor over its open intervals, a week at a time, with
// far jumps measured directly: it must agree with businessMillisBetween from `now` everywhere.
const DAY = 86_400_000;

describe('rosterCapacityReader', () => {
  it('agrees with agents × businessMillisBetween(now, d) for ascending d, near and far', () => {
    fc.assert(
      fc.property(
        calendarCaseArb(1, { fromYear: 2024, toYear: 2027, maxOverrides: 3 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(
          fc.oneof(
            fc.integer({ min: -DAY, max: 3 * DAY }),
            fc.integer({ min: -DAY, max: 60 * DAY }),
            fc.constantFrom(0, 1, 7 * DAY, 7 * DAY + 1, 14 * DAY),
          ),
          { maxLength: 30 },
        ),
        ({ calendar, instants }, agents, offsets) => {
          const now = instants[0] as number;
          const read = rosterCapacityReader({ calendar, agents }, now);
          for (const offset of [...offsets].sort((a, b) => a - b)) {
            const d = now + offset;
            const expected = d <= now ? 0 : agents * businessMillisBetween(calendar, now, d);
            expect(read(d)).toBe(expected);
          }
        },
      ),
      params(0.5),
    );
  });
});
