import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explainSla,
  explanationToSvg,
  formatExplanation,
} from '../../../src/advanced/explain/index.js';
import { PetSlaError } from '../../../src/index.js';
import { params } from '../../support/fc.js';
import { reply, status, story, uk } from './stories.js';

// Bad input gets a PetSlaError, never a TypeError, NaN in the output, or a changed argument.
const { log, state } = story('T-F', 'urgent', '2026-11-30T09:00:00Z', [
  reply('r1', '2026-11-30T09:20:00Z'),
  status('w1', '2026-11-30T10:00:00Z', 'waiting_on_customer'),
]);
const good = explainSla(log, 'resolution', { calendar: uk });

const nearMiss = fc.oneof(
  fc.anything(),
  fc.constantFrom<unknown>(
    log,
    [...log].reverse(),
    log.map((e, i) => (i === 1 ? { ...e, at: 'x' } : e)),
    log.map((e, i) => (i === 2 ? { ...e, ticketId: 'other' } : e)),
    [log[0], { ...log[0] }],
    'resolution',
    'firstResponse',
    { calendar: uk },
    { calendar: uk, state },
    { calendar: uk, now: 'nope' },
    { calendar: uk, state: { ...state, calendar: null } },
    { calendar: {} },
    good,
    { ...good, intervals: null },
    { ...good, intervals: [{ ...good.intervals[0], open: [{ start: 'a' }] }] },
    { ...good, calendar: { ...good.calendar, zone: 'Mars/Base' } },
    { ...good, now: 0 },
    { zone: 'Europe/London' },
    { zone: 'Nowhere/Land' },
    { zone: '' },
    Number.NaN,
    null,
    [],
  ),
);

const functions: [string, (...args: unknown[]) => unknown][] = [
  ['explainSla', explainSla as never],
  ['formatExplanation', formatExplanation as never],
  ['explanationToSvg', explanationToSvg as never],
];

describe('explain functions, fed arbitrary and near-miss input', () => {
  it.each(functions)('%s: returns or throws a PetSlaError; never mutates', (_name, f) => {
    fc.assert(
      fc.property(fc.array(nearMiss, { maxLength: 3 }), (args) => {
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
          expect(error).toBeInstanceOf(PetSlaError);
        }
        if (typeof result === 'string') expect(result).not.toMatch(/NaN|undefined/);
        args.forEach((a, i) => {
          if (before[i] !== undefined) expect(JSON.stringify(a)).toBe(before[i]);
        });
      }),
      params(0.5),
    );
  });
});
