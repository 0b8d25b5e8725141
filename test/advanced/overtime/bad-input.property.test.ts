import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overtimeExposure, workFromStates } from '../../../src/advanced/index.js';
import { defineCalendar, defineSlaPolicy, PetSlaError, startSla } from '../../../src/index.js';
import { params } from '../../support/fc.js';

// Bad input never crashes with a TypeError from inside, never returns NaN and never changes
// what was passed in: arbitrary values, and near misses of valid ones, in every field.

const calendar = defineCalendar({
  id: 'uk',
  zone: 'Europe/London',
  week: { mon: ['09:00-17:00'] },
});
const policy = defineSlaPolicy({
  id: 'p',
  calendarId: 'uk',
  targets: { normal: { resolution: 60 } },
});
const { state } = startSla({
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
    { ...calendar, fingerprint: 'x' },
    state,
    { ...state, clocks: { resolution: { phase: 'running' } } },
    '2026-11-23T10:00:00',
    '2026-11-23T10:00:00Z',
    Number.NaN,
    -1,
    0,
    1.5,
    1e300,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    new Date(Number.NaN),
    { toMillis: () => Number.NaN },
    Object.create(null),
    [],
    [{}],
    'EUR',
    'resolution',
    () => 1,
    () => -1,
  ),
);

const valid = {
  now: '2026-11-23T10:00:00Z',
  work: [{ ticketId: 'A', dueAt: '2026-11-23T12:00:00Z', remainingMs: 3_600_000 }],
  roster: { calendar, agents: 1 },
  overtime: { calendar, agents: 1, ratePerHour: 100, currency: 'EUR' },
};

/** `valid` with the value at one path replaced. */
function replaced(path: readonly (string | number)[], value: unknown): unknown {
  const copy = {
    ...valid,
    work: [{ ...valid.work[0] }],
    roster: { ...valid.roster },
    overtime: { ...valid.overtime },
  };
  let target: Record<string | number, unknown> = copy as never;
  for (const key of path.slice(0, -1)) target = target[key] as never;
  target[path[path.length - 1] as string] = value;
  return copy;
}

const PATHS: readonly (readonly (string | number)[])[] = [
  ['now'],
  ['work'],
  ['work', 0],
  ['work', 0, 'ticketId'],
  ['work', 0, 'dueAt'],
  ['work', 0, 'remainingMs'],
  ['work', 0, 'metric'],
  ['work', 0, 'priority'],
  ['roster'],
  ['roster', 'calendar'],
  ['roster', 'agents'],
  ['overtime'],
  ['overtime', 'calendar'],
  ['overtime', 'agents'],
  ['overtime', 'ratePerHour'],
  ['overtime', 'currency'],
  ['contract'],
];

/** Every number in a result is a finite whole number (instants, amounts, milliseconds). */
function wholeNumbersOnly(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (typeof value === 'object' && value !== null)
    return Object.values(value).every(wholeNumbersOnly);
  return true;
}

function behaves(call: () => unknown): void {
  try {
    const result = call();
    expect(wholeNumbersOnly(result)).toBe(true);
    expect(Object.isFrozen(result)).toBe(true);
  } catch (error) {
    expect(error).toBeInstanceOf(PetSlaError);
  }
}

describe('overtime: bad input gets a typed error', () => {
  it('overtimeExposure, one field at a time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), nearMiss, (path, value) => {
        const options = replaced(path, value);
        const before = JSON.stringify(options);
        behaves(() => overtimeExposure(options as never));
        expect(JSON.stringify(options)).toBe(before);
      }),
      params(0.5),
    );
  });

  it('overtimeExposure and workFromStates, whole arguments', () => {
    fc.assert(
      fc.property(nearMiss, nearMiss, nearMiss, (a, b, c) => {
        behaves(() => overtimeExposure(a as never));
        behaves(() => workFromStates(a as never, b as never, c as never));
        behaves(() =>
          workFromStates([state, a] as never, '2026-11-23T11:00:00Z', {
            calendars: [calendar],
            effort: b,
          } as never),
        );
        behaves(() =>
          workFromStates([state], '2026-11-23T11:00:00Z', {
            calendars: [calendar, a],
            effort: () => 1,
            metric: c,
          } as never),
        );
      }),
      params(0.5),
    );
  });
});
