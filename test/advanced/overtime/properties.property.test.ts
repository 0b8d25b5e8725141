import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overtimeExposure, type WorkItem } from '../../../src/advanced/index.js';
import type { Calendar } from '../../../src/index.js';
import { calendarCaseArb } from '../../../src/testing/index.js';
import { params } from '../../support/fc.js';

// Laws of the model, on random rosters in DST zones and arbitrary millisecond amounts.

const HOUR = 3_600_000;

const boardArb = calendarCaseArb(1, { fromYear: 2024, toYear: 2027, maxOverrides: 3 }).chain(
  ({ calendar, instants }) =>
    fc.record({
      roster: fc.constant(calendar),
      now: fc.constant(instants[0] as number),
      agents: fc.integer({ min: 1, max: 5 }),
      work: fc
        .uniqueArray(
          fc.record({
            ticketId: fc.string({ minLength: 1, maxLength: 3 }),
            due: fc.integer({ min: -12 * HOUR, max: 10 * 24 * HOUR }),
            remainingMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 * HOUR })),
          }),
          { selector: (w) => w.ticketId, maxLength: 12 },
        )
        .map((items) =>
          items.map(
            (w): WorkItem => ({
              ticketId: w.ticketId,
              dueAt: (instants[0] as number) + w.due,
              remainingMs: w.remainingMs,
            }),
          ),
        ),
    }),
);

const required = (roster: Calendar, agents: number, now: number, work: readonly WorkItem[]) =>
  overtimeExposure({ now, work, roster: { calendar: roster, agents } }).requiredOvertimeMs;

describe('overtimeExposure: laws', () => {
  it('more agents never need more overtime', () => {
    fc.assert(
      fc.property(
        boardArb,
        fc.integer({ min: 1, max: 3 }),
        ({ roster, now, agents, work }, more) => {
          expect(required(roster, agents + more, now, work)).toBeLessThanOrEqual(
            required(roster, agents, now, work),
          );
        },
      ),
      params(0.5),
    );
  });

  it('adding work never needs less: another ticket, or more effort on one', () => {
    fc.assert(
      fc.property(
        boardArb,
        fc.integer({ min: -12 * HOUR, max: 10 * 24 * HOUR }),
        fc.integer({ min: 0, max: 40 * HOUR }),
        fc.nat(),
        ({ roster, now, agents, work }, due, extra, pick) => {
          const before = required(roster, agents, now, work);
          const added = [
            ...work,
            { ticketId: 'added-ticket', dueAt: now + due, remainingMs: extra },
          ];
          expect(required(roster, agents, now, added)).toBeGreaterThanOrEqual(before);
          if (work.length > 0) {
            const i = pick % work.length;
            const grown = work.map((w, j) =>
              j === i ? { ...w, remainingMs: w.remainingMs + extra } : w,
            );
            expect(required(roster, agents, now, grown)).toBeGreaterThanOrEqual(before);
          }
        },
      ),
      params(0.5),
    );
  });

  it('the order of the work list does not matter, and late tickets exist exactly when overtime is needed (or a due date has passed)', () => {
    fc.assert(
      fc.property(boardArb, ({ roster, now, agents, work }) => {
        const exposure = overtimeExposure({ now, work, roster: { calendar: roster, agents } });
        const reversed = overtimeExposure({
          now,
          work: [...work].reverse(),
          roster: { calendar: roster, agents },
        });
        expect(reversed).toEqual(exposure);
        const passed = work.some((w) => (w.dueAt as number) < now);
        if (!passed)
          expect(exposure.lateWithoutOvertime.length > 0).toBe(exposure.requiredOvertimeMs > 0);
        // Required overtime is never more than the work there is.
        const total = work.reduce((sum, w) => sum + w.remainingMs, 0);
        expect(exposure.requiredOvertimeMs).toBeLessThanOrEqual(total);
      }),
      params(0.5),
    );
  });

  it('an overtime calendar equal to the roster adds nothing', () => {
    fc.assert(
      fc.property(boardArb, ({ roster, now, agents, work }) => {
        const without = overtimeExposure({ now, work, roster: { calendar: roster, agents } });
        const same = overtimeExposure({
          now,
          work,
          roster: { calendar: roster, agents },
          overtime: { calendar: roster, agents: 9, ratePerHour: 0, currency: 'EUR' },
        });
        expect(same.unmeetable).toEqual(without.unmeetable);
      }),
      params(0.25),
    );
  });
});
