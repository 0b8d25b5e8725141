import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forgetKnownStates } from '../../src/clock/known-states.js';
import {
  applyEvent,
  checkBreaches,
  nextCheckAt,
  type SlaTransition,
  slaStatus,
  startSla,
  type TicketEvent,
  type TicketSlaState,
  toSnapshot,
} from '../../src/index.js';
import { type TicketStory, ticketStoryArb } from '../../src/testing/sla-arbitraries.js';
import { codeOf, params } from '../support/fc.js';

// Random ticket stories told three times: on built states; on states and snapshots sent
// through JSON at every step (each state then read back is one the library knows); and the
// same with the known states forgotten before every read, as a fresh process would read them,
// so every state is checked in full. Old events are re-delivered, conflicting copies and
// breach checks with a grace thrown in. All tellings must agree exactly.

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const atOf = (e: TicketEvent): number => e.at as number;

type Telling = 'built' | 'stored' | 'fresh process';

function tell(story: TicketStory, telling: Telling, graceMs: number) {
  const stored = telling !== 'built';
  const snapshot = JSON.stringify(toSnapshot(story.calendar));
  const calendar = () => (stored ? JSON.parse(snapshot) : story.calendar);
  const through = (s: TicketSlaState) => {
    if (telling === 'fresh process') forgetKnownStates();
    return stored ? json(s) : s;
  };
  let { state } = startSla(story.binding);
  const log: unknown[] = [];
  const applied: TicketEvent[] = [];
  for (const [i, event] of story.events.entries()) {
    // A breach check with the grace, at the event's instant.
    const checked = checkBreaches(through(state), atOf(event), { calendar: calendar(), graceMs });
    log.push(checked.events, nextCheckAt(through(checked.state), { graceMs }));
    state = checked.state;
    const code = codeOf(() => applyEvent(through(state), event, { calendar: calendar() }));
    if (code !== undefined) {
      log.push(code);
      continue;
    }
    const next: SlaTransition = applyEvent(through(state), event, { calendar: calendar() });
    log.push(next.events, slaStatus(through(next.state), atOf(event), { calendar: calendar() }));
    state = next.state;
    applied.push(event);
    // An earlier event delivered again: a duplicate, nothing changes.
    const old = applied[i % applied.length] as TicketEvent;
    const again = applyEvent(through(state), old, { calendar: calendar() });
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual([]);
    expect(again.state).toEqual(state);
    // The same id with other content: a conflict, whatever the state went through.
    const other = { ...old, at: atOf(old) + 1 } as TicketEvent;
    expect(codeOf(() => applyEvent(through(state), other, { calendar: calendar() }))).toBe(
      'EVENT_CONFLICT',
    );
  }
  return { state, log };
}

describe('stored states behave as built ones', () => {
  it('every step through JSON gives the same events, statuses and state; re-deliveries are duplicates, conflicts refused', () => {
    fc.assert(
      fc.property(
        ticketStoryArb({ maxEvents: 10 }),
        fc.constantFrom(0, 60_000, 600_000),
        (story, graceMs) => {
          const built = tell(story, 'built', graceMs);
          for (const telling of ['stored', 'fresh process'] as const) {
            const stored = tell(story, telling, graceMs);
            expect(stored.log).toEqual(built.log);
            expect(stored.state).toEqual(built.state);
          }
        },
      ),
      params(0.25),
    );
  });

  it('with a grace, a breach is never reported before due + grace', () => {
    fc.assert(
      fc.property(
        ticketStoryArb({ maxEvents: 6 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        (story, graceMs) => {
          const { state } = startSla(story.binding);
          const at = nextCheckAt(state, { graceMs });
          const plain = nextCheckAt(state);
          if (plain === null) {
            expect(at).toBeNull();
            return;
          }
          if (at === null) return;
          expect(at).toBe(plain + graceMs);
          const early = checkBreaches(state, at - 1, { calendar: story.calendar, graceMs });
          expect(early.events).toEqual([]);
          const onTime = checkBreaches(state, at, { calendar: story.calendar, graceMs });
          expect(onTime.events.length).toBeGreaterThan(0);
          for (const e of onTime.events) expect(e.at).toBeLessThan(at - graceMs);
        },
      ),
      params(0.25),
    );
  });
});
