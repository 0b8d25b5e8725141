import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { params } from './support/fc.js';

// SPEC §10: bad input never crashes with a TypeError from inside, never returns NaN, never
// hangs, and never changes what was passed in. Every public function gets arbitrary values
// (and near-miss values built from valid ones) in every argument.
const calendar = api.defineCalendar({
  id: 'uk',
  zone: 'Europe/London',
  week: { mon: ['09:00-17:00'] },
});
const policy = api.defineSlaPolicy({
  id: 'p',
  calendarId: 'uk',
  targets: { normal: { resolution: 60 } },
});
const { state } = api.startSla({
  ticketId: 'T',
  priority: 'normal',
  createdAt: '2026-11-23T10:00:00Z',
  policy,
  calendar,
});

const nearMiss = fc.oneof(
  fc.anything(),
  fc.constantFrom<unknown>(
    calendar,
    JSON.parse(JSON.stringify(calendar)),
    { ...calendar, zone: 'Mars/Base' },
    { ...calendar, week: null },
    policy,
    { ...policy, targets: {} },
    state,
    { ...state, clocks: { resolution: { phase: 'running' } } },
    { ...state, schema: 'x' },
    { id: 'e', type: 'status_changed', at: '2026-11-23T11:00:00Z' },
    { id: 'e', type: 'priority_changed', priority: 'toString', at: 0 },
    { calendar },
    { calendar: {} },
    '2026-11-23T10:00:00',
    '2026-13-45T99:99:99Z',
    Number.NaN,
    -0,
    1e300,
    2 ** 53,
    new Date(Number.NaN),
    { toMillis: () => Number.NaN },
    { toMillis: () => 'x' },
    Object.create(null),
    [],
    [[]],
    { week: { __proto__: ['x'] } },
  ),
);

const functions = Object.entries(api).filter(
  ([name, value]) => typeof value === 'function' && name !== 'PetSlaError',
) as unknown as [string, (...args: unknown[]) => unknown][];

describe('§10 every public function, fed arbitrary input', () => {
  it('covers the whole API', () => {
    expect(functions.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'defineCalendar',
        'addBusinessMinutes',
        'parseSnapshot',
        'applyEvent',
        'replay',
        'toActivityFeedEntry',
      ]),
    );
    expect(functions.length).toBeGreaterThanOrEqual(25);
  });

  it.each(functions)(
    '%s: returns or throws a PetSlaError; never NaN, never mutates',
    (_name, f) => {
      fc.assert(
        fc.property(fc.array(nearMiss, { maxLength: 4 }), (args) => {
          const before = args.map((a) => {
            try {
              return JSON.stringify(a);
            } catch {
              return undefined;
            }
          });
          let result: unknown;
          try {
            result = f(...args);
          } catch (error) {
            expect(error).toBeInstanceOf(api.PetSlaError);
          }
          if (typeof result === 'number') expect(Number.isNaN(result)).toBe(false);
          args.forEach((a, i) => {
            try {
              expect(JSON.stringify(a)).toBe(before[i]);
            } catch (error) {
              if (before[i] !== undefined) throw error;
            }
          });
        }),
        params(0.5),
      );
    },
  );
});
