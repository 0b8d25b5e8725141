import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainSla } from '../../../src/advanced/explain/index.js';
import {
  addBusinessMillis,
  businessMillisBetween,
  replay,
  SLA_METRICS,
  slaStatus,
} from '../../../src/index.js';
import { ticketStoryArb } from '../../../src/testing/index.js';
import { params } from '../../support/fc.js';

// Random ticket stories (zones with DST, pauses, reopenings, retargets, breaches): the
// explanation of every clock must add up to what the clock itself says, its due instants must
// be recomputable, and a naive reference (replaying the ticket's events up to the start of each
// stretch and asking the clock) must see the same phase and used time.

const stories = fc.record({
  story: ticketStoryArb({ maxEvents: 10, spanDays: 10 }),
  later: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 * 86_400_000 })),
});

describe('explainSla on random ticket stories', () => {
  it('Σ countedMs = usedMs, and the clock at now is the one slaStatus reports', () => {
    fc.assert(
      fc.property(stories, ({ story, later }) => {
        const { state, events } = replay(story.binding, story.events);
        const now = state.lastEventAt + later;
        const status = slaStatus(state, now, { calendar: story.calendar });
        for (const metric of SLA_METRICS) {
          const s = status[metric];
          if (s === undefined) continue;
          const x = explainSla(events, metric, { calendar: story.calendar, state, now });
          const sum = x.intervals.reduce((total, i) => total + i.countedMs, 0);
          expect(sum).toBe(x.usedMs);
          expect({
            phase: x.phase,
            targetMs: x.targetMs,
            usedMs: x.usedMs,
            remainingMs: x.remainingMs,
            dueAt: x.due?.dueAt ?? null,
            breached: x.breach !== null,
            breachedAt: x.breach?.at ?? null,
            outcome: x.outcome,
          }).toEqual(s);
          // The stretches tile the clock's life, each counting exactly its open time.
          let at = x.startedAt;
          for (const interval of x.intervals) {
            expect(interval.from).toBe(at);
            expect(interval.to).toBeGreaterThan(interval.from);
            const expected =
              interval.phase === 'running'
                ? businessMillisBetween(story.calendar, interval.from, interval.to)
                : 0;
            expect(interval.countedMs).toBe(expected);
            for (const { start, end } of interval.open) {
              expect(start).toBeGreaterThanOrEqual(interval.from);
              expect(end).toBeLessThanOrEqual(interval.to);
            }
            at = interval.to;
          }
          expect(at).toBe(x.intervals.length === 0 ? x.startedAt : x.now);
        }
      }),
      params(0.25),
    );
  });

  it('every due instant is addBusinessMillis(since, target − used then)', () => {
    fc.assert(
      fc.property(stories, ({ story, later }) => {
        const { state, events } = replay(story.binding, story.events);
        for (const metric of SLA_METRICS) {
          if (state.clocks[metric] === undefined) continue;
          const x = explainSla(events, metric, {
            calendar: story.calendar,
            now: state.lastEventAt + later,
          });
          for (const due of x.dues) {
            expect(due.remainderMs).toBe(Math.max(0, due.targetMs - due.usedAtSince));
            expect(due.dueAt).toBe(addBusinessMillis(story.calendar, due.since, due.remainderMs));
            expect(due.open.reduce((sum, o) => sum + (o.end - o.start), 0)).toBe(due.remainderMs);
          }
          if (x.breach?.cause === 'due-passed') {
            expect(x.breach.at).toBe(x.breach.due?.dueAt);
            expect(x.breach.usedMs).toBe(x.breach.targetMs);
          }
        }
      }),
      params(0.25),
    );
  });

  it('agrees with a naive reference: replay up to each stretch and ask the clock', () => {
    fc.assert(
      fc.property(stories, ({ story }) => {
        const { state, events } = replay(story.binding, story.events);
        for (const metric of SLA_METRICS) {
          if (state.clocks[metric] === undefined) continue;
          const x = explainSla(events, metric, { calendar: story.calendar });
          const breachedAt =
            slaStatus(state, state.lastEventAt, { calendar: story.calendar })[metric]?.breachedAt ??
            null;
          for (const interval of x.intervals) {
            const upTo = story.events.filter((e) => (e.at as number) <= interval.from);
            const prefix = replay(story.binding, upTo).state;
            const s = slaStatus(prefix, interval.from, { calendar: story.calendar })[metric];
            expect([interval.phase, interval.usedAtFrom, interval.targetMs]).toEqual([
              s?.phase,
              s?.usedMs,
              s?.targetMs,
            ]);
            // A stretch that begins at the breach instant (or later) is overdue.
            expect(interval.overdue).toBe(breachedAt !== null && breachedAt <= interval.from);
          }
        }
      }),
      params(0.25),
    );
  });
});
