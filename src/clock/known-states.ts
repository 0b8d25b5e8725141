import { knownStore } from '../shared/known-documents.js';
import { ENTRY_LENGTH } from './applied-events.js';
import type { TicketSlaState } from './types.js';

// States already trusted, by content: every state the library returns, and every stored state
// once it has been checked in full. A state read back from storage whose content is identical
// to a known one is that state, so a host that writes each state and reads it back for the
// next call pays for the comparison only (about what reading the JSON cost), not for checking
// every field against the policy and the calendar again. Anything that differs in any field is
// checked in full. Kept apart from known calendars and policies, so that many tickets never
// push a calendar out.

/** Bytes the known states are estimated to hold, at most. */
export const KNOWN_STATE_BYTES = 8 * 1024 * 1024;

const states = knownStore(KNOWN_STATE_BYTES);

/** Internal: the store's use, for tests and the memory benchmark. */
export const knownStateUse = () => states.use();

/** Internal: forgets every known state, so the next read is checked as in a fresh process. */
export const forgetKnownStates = () => states.clear();

/** Internal: changes the bound (tests use a larger one to measure many states at once). */
export const setKnownStateBytes = (bytes: number) => states.resize(bytes);

/**
 * What tells states apart before their content is compared: the ticket, how many events and
 * breach reports it has seen, and the instant of the last event (two workers racing on one
 * ticket give states of the same revision that mostly differ there; when they do not, one
 * replaces the other and the other is checked in full when read). Not the record of events:
 * reading its end would copy the whole record each time.
 */
function keyOf(ticketId: unknown, revision: unknown, lastEventAt: unknown): string | undefined {
  if (typeof ticketId !== 'string' || typeof revision !== 'number') return undefined;
  if (typeof lastEventAt !== 'number') return undefined;
  return `${revision} ${lastEventAt} ${ticketId}`;
}

/** The known state whose content is exactly `value`'s (a plain object), if there is one. */
export function knownState(value: Readonly<Record<string, unknown>>): TicketSlaState | undefined {
  const key = keyOf(value.ticketId, value.revision, value.lastEventAt);
  return key === undefined ? undefined : (states.find(key, value) as TicketSlaState | undefined);
}

// What a state retains, estimated from what was measured (node 20, heapUsed + arrayBuffers
// after full collections). Its fields, clocks and embedded policy: well under 2 bytes per
// character of their JSON, the fixed part under 1,000 characters (a state of no events read
// back retains 1.1 KB). Each applied event: 24 bytes in a state read back, but up to about
// 200 in one the library built event by event, whose record is a chain of joined pieces and
// which keeps an index for finding duplicates (a 10-event chain retains 4.2 KB, a 200-event one
// 41 KB, a 2,000-event one 385 KB). Every state is counted as if built, with room to spare.
const FIXED_STATE_LENGTH = 1_000;
const INDEX_BYTES = 2_048;
const BYTES_PER_APPLIED_EVENT = 300;
const policyLengths = new WeakMap<object, number>();

function policyLength(policy: object): number {
  let length = policyLengths.get(policy);
  if (length === undefined) {
    length = JSON.stringify(policy).length;
    policyLengths.set(policy, length);
  }
  return length;
}

/** Remembers a state the library made or checked in full (deeply frozen). */
export function rememberState(state: TicketSlaState): void {
  const key = keyOf(state.ticketId, state.revision, state.lastEventAt) as string;
  const length =
    FIXED_STATE_LENGTH +
    key.length +
    (state.status?.length ?? 0) +
    state.priority.length +
    policyLength(state.policy);
  const events = state.appliedEvents.length / ENTRY_LENGTH;
  states.remember(key, state, 2 * length + INDEX_BYTES + BYTES_PER_APPLIED_EVENT * events);
}
