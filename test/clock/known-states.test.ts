import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateOf } from '../../src/clock/clock-input.js';
import {
  forgetKnownStates,
  KNOWN_STATE_BYTES,
  knownStateUse,
  rememberState,
  setKnownStateBytes,
} from '../../src/clock/known-states.js';
import {
  applyEvent,
  isPetSlaError,
  nextCheckAt,
  type SlaBinding,
  slaStatus,
  startSla,
  type TicketSlaState,
} from '../../src/index.js';
import { ticketStoryArb } from '../../src/testing/sla-arbitraries.js';
import { params } from '../support/fc.js';
import { liveBytes } from '../support/memory.js';
import { standard, uk } from './desk.js';

// A state read back from storage that is identical to one the library already trusts is that
// state, and is not checked again. The store must be invisible: whatever is edited, added or
// hidden in the JSON, the outcome is the one a fresh process (which knows no state) gives.

const options = { calendar: uk };
const binding: SlaBinding = {
  ticketId: 'T-7',
  priority: 'urgent',
  createdAt: '2026-11-30T09:00:00Z',
  policy: standard,
  calendar: uk,
};
const made = applyEvent(
  startSla(binding).state,
  { id: 'r1', type: 'agent_replied', at: '2026-11-30T09:10:00Z' },
  options,
).state;
// biome-ignore lint/suspicious/noExplicitAny: edits reach into the stored JSON freely
type Json = any;
const stored = (): Json => JSON.parse(JSON.stringify(made));

/** What a call gives for `value`: its result, or the error's code, path and message. */
function outcome(
  value: unknown,
  at: number | string = '2026-11-30T10:00:00Z',
  on = options,
): unknown {
  try {
    const state = value as TicketSlaState;
    return { status: slaStatus(state, at, on), next: nextCheckAt(state) };
  } catch (error) {
    const { code, path, message } = error as { code: string; path: string; message: string };
    return { code, path, message };
  }
}

/**
 * The outcome of `edit`ed copies of the state stored as `text`: while that state is known, and
 * in a fresh process.
 */
function bothWays(
  edit: (s: Json) => void,
  text = JSON.stringify(made),
  at?: number,
  on?: typeof options,
): { known: unknown; fresh: unknown } {
  const edited = (): Json => {
    const s = JSON.parse(text);
    edit(s);
    return s;
  };
  // Once read (checked in full if it was not known), the same content is known.
  const trusted = stateOf(JSON.parse(text));
  expect(stateOf(JSON.parse(text))).toBe(trusted);
  const known = outcome(edited(), at, on);
  forgetKnownStates();
  const fresh = outcome(edited(), at, on);
  return { known, fresh };
}

/** Every leaf of a JSON value, as the path of keys leading to it. */
function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  return Object.keys(value).flatMap((key) =>
    leaves(value[key], [...path, Array.isArray(value) ? Number(key) : key]),
  );
}

function setAt(root: Json, path: (string | number)[], f: (old: unknown) => unknown): void {
  let at = root;
  for (const key of path.slice(0, -1)) at = at[key];
  const last = path[path.length - 1] as string | number;
  at[last] = f(at[last]);
}

const changed = (old: unknown): unknown =>
  typeof old === 'number'
    ? old + 1
    : typeof old === 'string'
      ? `${old}x`
      : typeof old === 'boolean'
        ? !old
        : 0;

describe('known states', () => {
  it('a state read back from JSON is the state the library made, not a new check', () => {
    const first = stateOf(stored());
    expect(first).toBe(made);
    // Key order is not content.
    const reordered = Object.fromEntries(Object.entries(stored()).reverse());
    expect(stateOf(reordered)).toBe(made);
    // In a fresh process it is checked in full, then known.
    forgetKnownStates();
    const checked = stateOf(stored());
    expect(checked).not.toBe(made);
    expect(checked).toEqual(made);
    expect(stateOf(stored())).toBe(checked);
  });

  it('is invisible: every single-field edit gives what a fresh process gives', () => {
    const paths = leaves(stored());
    expect(paths.length).toBeGreaterThan(30);
    let refused = 0;
    for (const path of paths) {
      const { known, fresh } = bothWays((s) => setAt(s, path, changed));
      expect(known, path.join('.')).toEqual(fresh);
      if ((known as { code?: string }).code !== undefined) refused += 1;
    }
    // Nearly every edit contradicts something; the comparison would be empty otherwise.
    expect(refused).toBeGreaterThan(paths.length / 2);
  });

  it('is invisible for what reading in full refuses or leaves out', () => {
    const cases: [string, (s: Json) => void][] = [
      ['a symbol key', (s) => Object.assign(s.clocks, { [Symbol('x')]: 1 })],
      ['an extra field', (s) => Object.assign(s, { extra: 1 })],
      ['a field spelled undefined', (s) => Object.assign(s, { extra: undefined })],
      ['a missing field', (s) => delete s.emitted],
      ['a hole in a list', (s) => delete s.policy.stopWhen[0]],
      ['a longer list', (s) => s.policy.stopWhen.push('closed')],
      ['a class instance', (s) => Object.setPrototypeOf(s.clocks, new (class Box {})())],
      [
        'a getter answering the same',
        (s) => {
          const emitted = s.emitted;
          Object.defineProperty(s, 'emitted', { get: () => emitted, enumerable: true });
        },
      ],
      [
        'a non-enumerable field',
        (s) => Object.defineProperty(s, 'hidden', { value: 1, enumerable: false }),
      ],
      ['a toJSON', (s) => Object.assign(s, { toJSON: () => JSON.parse(JSON.stringify(made)) })],
    ];
    for (const [what, edit] of cases) {
      const { known, fresh } = bothWays(edit);
      expect(known, what).toEqual(fresh);
    }
  });

  it('stays within its bound in bytes, however many tickets it sees', () => {
    forgetKnownStates();
    let state = startSla({ ...binding, ticketId: 'T-many' }).state;
    for (let i = 0; i < 6_000; i++) {
      state = startSla({ ...binding, ticketId: `T-${i}-${'x'.repeat(i % 300)}` }).state;
      const use = knownStateUse();
      expect(use.bytes).toBeLessThanOrEqual(KNOWN_STATE_BYTES);
    }
    const use = knownStateUse();
    expect(use.limit).toBe(KNOWN_STATE_BYTES);
    // The bound was reached, so older states were forgotten; the newest half is always kept.
    expect(use.bytes).toBeGreaterThan(KNOWN_STATE_BYTES / 2);
    expect(use.entries).toBeLessThan(6_000);
    expect(stateOf(JSON.parse(JSON.stringify(state)))).toBe(state);
    // A state too large to keep is checked each time it is read, and never evicts the rest.
    const huge = startSla({ ...binding, ticketId: 'T'.repeat(KNOWN_STATE_BYTES) }).state;
    expect(knownStateUse().entries).toBe(use.entries);
    const read = stateOf(JSON.parse(JSON.stringify(huge)));
    expect(read).not.toBe(huge);
    expect(read).toEqual(huge);
  });
});

describe('known states, on random stories', () => {
  it('any one edit of any state of a story gives what a fresh process gives', () => {
    fc.assert(
      fc.property(ticketStoryArb({ maxEvents: 8 }), fc.nat(), fc.nat(), (story, which, where) => {
        const states: TicketSlaState[] = [startSla(story.binding).state];
        for (const event of story.events) {
          const last = states[states.length - 1] as TicketSlaState;
          try {
            states.push(applyEvent(last, event, { calendar: story.calendar }).state);
          } catch (error) {
            // A refused event (out of order, say) changes nothing; anything else is a bug.
            if (!isPetSlaError(error)) throw error;
          }
        }
        const state = states[which % states.length] as TicketSlaState;
        const text = JSON.stringify(state);
        const paths = leaves(JSON.parse(text));
        const path = paths[where % paths.length] as (string | number)[];
        const on = { calendar: story.calendar };
        const at = state.notBefore;
        const { known, fresh } = bothWays((s) => setAt(s, path, changed), text, at, on);
        expect(known).toEqual(fresh);
        // And unedited, known or not, it is the state itself.
        expect(outcome(JSON.parse(text), at, on)).toEqual(outcome(state, at, on));
      }),
      params(0.5),
    );
  });
});

describe('what the known states count covers what they retain', () => {
  // Many states at once, so that what they retain stands well above what a collection frees
  // elsewhere in the process (compiled code, say) between two readings.
  beforeAll(() => setKnownStateBytes(96 * 2 ** 20));
  afterAll(() => setKnownStateBytes(KNOWN_STATE_BYTES));

  it.each([
    [0, 5_000],
    [10, 3_000],
    [200, 300],
    [2_000, 30],
  ])('states of %i applied events, read back and checked in full', (events, copies) => {
    let state = startSla(binding).state;
    for (let i = 0; i < events; i++) {
      const event = {
        id: `e-${i}`,
        type: 'status_changed' as const,
        status: i % 2 ? 'open' : 'in_progress',
        at: Date.parse('2026-11-30T09:00:00Z') + i,
      };
      state = applyEvent(state, event, options).state;
    }
    const text = JSON.stringify(state);
    // Whatever a first read leaves in the other caches (the calendar's compiled time) is there
    // before measuring.
    slaStatus(JSON.parse(text), state.lastEventAt, options);
    forgetKnownStates();
    const before = liveBytes();
    const counted = knownStateUse().bytes;
    for (let i = 0; i < copies; i++) stateOf(JSON.parse(text.replace('"T-7"', `"T-7-${i}"`)));
    const retained = liveBytes() - before;
    const count = knownStateUse().bytes - counted;
    expect(knownStateUse().entries).toBe(copies);
    expect(retained).toBeGreaterThan(copies * 500);
    expect(count).toBeGreaterThanOrEqual(retained);
  });

  it.each([
    [10, 1_000],
    [200, 100],
    [2_000, 16],
  ])('the last states of tickets built event by event, %i events each', (events, tickets) => {
    const story = (ticketId: string): TicketSlaState => {
      let state = startSla({ ...binding, ticketId }).state;
      for (let i = 0; i < events; i++) {
        const at = Date.parse('2026-11-30T09:00:00Z') + i;
        const status = i % 2 ? 'open' : 'in_progress';
        const event = { id: `e-${i}`, type: 'status_changed' as const, status, at };
        state = applyEvent(state, event, options).state;
      }
      return state;
    };
    story('warm-up'); // what it leaves in the other caches is there before measuring
    forgetKnownStates();
    const before = liveBytes();
    let last: TicketSlaState[] = [];
    for (let k = 0; k < tickets; k++) last.push(story(`T-${k}`));
    // Only the last state of each ticket stays known, with its chain of records and its index.
    forgetKnownStates();
    for (const state of last) rememberState(state);
    last = [];
    const retained = liveBytes() - before;
    const { bytes, entries } = knownStateUse();
    expect(entries).toBe(tickets);
    expect(retained).toBeGreaterThan(tickets * events * 100);
    expect(bytes).toBeGreaterThanOrEqual(retained);
  });
});
