import { describe, expect, it } from 'vitest';
import {
  checkEscalations,
  defineEscalationPlan,
  nextEscalationAt,
  observeSla,
  reviseEscalationPlan,
  startEscalation,
  toEscalationFeedEntry,
} from '../../../src/advanced/index.js';
import { applyEvent, reviseCalendar, startSla, toSnapshot } from '../../../src/index.js';
import { caught, jsonCopy, jsonObject } from '../../support/errors.js';
import { london, MIN, planOf, policy, T, Ticket } from './fixtures.js';

const plan = planOf('highest');
const options = { plan, calendar: london };
const binding = {
  ticketId: 'T-7',
  priority: 'urgent',
  createdAt: T('2026-10-26T09:00:00Z'),
  policy,
  calendar: london,
};

describe('startEscalation', () => {
  it('pins ticket, plan and calendar, and has seen nothing', () => {
    const { state } = startSla(binding);
    const esc = startEscalation(state, { plan });
    expect(esc).toEqual({
      schema: 'pet-sla/escalation-state@1',
      ticketId: 'T-7',
      plan: { id: plan.id, version: 1, fingerprint: plan.fingerprint },
      calendar: { id: 'london', version: 1, fingerprint: london.fingerprint },
      seenEvents: 0,
      lastEventAt: null,
      emitted: 0,
      observedTo: null,
      priority: null,
      prioritySince: null,
      clocks: {},
      reported: [false, false, false, false, false],
    });
    expect(Object.isFrozen(esc)).toBe(true);
    expect(nextEscalationAt(esc)).toBeNull();
  });

  it('refuses a plan for another policy (PLAN_MISMATCH) and what is no SLA state', () => {
    const { state } = startSla(binding);
    const other = defineEscalationPlan({
      id: 'x',
      policyId: 'premium',
      levels: [{ id: 'a', metric: 'resolution', percent: 50 }],
    });
    expect(caught(() => startEscalation(state, { plan: other })).code).toBe('PLAN_MISMATCH');
    expect(caught(() => startEscalation({} as never, { plan })).code).toBe('INVALID_STATE');
    expect(caught(() => startEscalation(state, { plan: {} as never })).code).toBe('INVALID_PLAN');
  });
});

describe('observeSla', () => {
  const started = startSla(binding);
  const esc0 = startEscalation(started.state, { plan });
  const first = observeSla(esc0, started, options);
  const reply = applyEvent(
    started.state,
    { id: 'r', type: 'agent_replied', at: T('2026-10-26T09:10:00Z') },
    { calendar: london },
  );

  it('refuses a gap in the SLA events, and changes nothing', () => {
    const error = caught(() => observeSla(esc0, reply, options));
    expect([error.code, error.path]).toEqual(['INVALID_EVENT_LOG', 'transition.events[0].id']);
    expect(error.detail).toContain('T-7/sla/1');
  });

  it('refuses a plan or a calendar other than the pinned ones', () => {
    const v2 = reviseEscalationPlan(plan, { catchUp: 'all' });
    expect(caught(() => observeSla(first.state, reply, { plan: v2, calendar: london })).code).toBe(
      'PLAN_MISMATCH',
    );
    const moved = reviseCalendar(london, { zone: 'Europe/Dublin' });
    expect(caught(() => observeSla(first.state, reply, { plan, calendar: moved })).code).toBe(
      'CALENDAR_MISMATCH',
    );
    // Stored snapshots of the pinned ones are fine.
    expect(
      observeSla(first.state, reply, {
        plan: jsonCopy(plan),
        calendar: jsonCopy(toSnapshot(london)),
      }).state.seenEvents,
    ).toBe(3);
  });

  it('refuses events of another ticket, malformed events and malformed transitions', () => {
    const foreign = jsonObject(reply);
    (foreign.state as { ticketId: string }).ticketId = 'T-8';
    expect(caught(() => observeSla(first.state, foreign as never, options)).path).toBe(
      'transition.state.ticketId',
    );
    const broken = jsonObject(reply);
    (broken.events as { usedMs: unknown }[])[0] = {
      ...(broken.events as object[])[0],
      usedMs: 'x',
    } as never;
    const error = caught(() => observeSla(first.state, broken as never, options));
    expect([error.code, error.path]).toEqual(['INVALID_EVENT_LOG', 'transition.events[0].usedMs']);
    expect(caught(() => observeSla(first.state, null as never, options)).code).toBe(
      'INVALID_EVENT_LOG',
    );
    expect(
      caught(() => observeSla(first.state, { state: reply.state } as never, options)).path,
    ).toBe('transition.events');
    expect(
      caught(() => observeSla({ ...first.state, reported: [true] }, reply, options)).code,
    ).toBe('INVALID_STATE');
    expect(
      caught(() => observeSla({ ...jsonObject(first.state), schema: 'x' } as never, reply, options))
        .path,
    ).toBe('schema');
  });

  it('a stale transition, delivered after a newer one, adds nothing (not even its priority)', () => {
    // normal → high → normal keep the targets: both changes are silent, seen only in the states.
    const t = new Ticket(plan, 'normal', '2026-10-26T09:00:00Z')
      .priority('2026-10-26T10:00:00Z', 'high')
      .priority('2026-10-26T11:00:00Z', 'normal');
    const older = t.transitions.at(-2) as never;
    const again = observeSla(t.esc, older, options);
    expect(again.events).toEqual([]);
    expect(again.state).toBe(t.esc);
    expect(again.state.priority).toBe('normal');
  });

  it('never changes what it was given', () => {
    const state = jsonCopy(first.state);
    const transition = jsonCopy(reply);
    const before = JSON.stringify([state, transition]);
    observeSla(state, transition, options);
    expect(JSON.stringify([state, transition])).toBe(before);
  });
});

describe('checkEscalations and nextEscalationAt', () => {
  // Urgent ticket Mon 26 Oct 09:00Z, replied 09:10Z: res-50 (120 of 240 min) at 11:00Z.
  const ticket = new Ticket(plan, 'urgent', '2026-10-26T09:00:00Z').reply('2026-10-26T09:10:00Z');

  it('schedules and reports the next level, with and without grace', () => {
    expect(nextEscalationAt(ticket.esc)).toBe(T('2026-10-26T11:00:00Z'));
    expect(nextEscalationAt(ticket.esc, { graceMs: 5 * MIN })).toBe(T('2026-10-26T11:05:00Z'));
    const early = checkEscalations(ticket.esc, '2026-10-26T11:04:59.999Z', {
      ...options,
      graceMs: 5 * MIN,
    });
    expect(early.events).toEqual([]);
    expect(early.state).toBe(ticket.esc);
    const due = checkEscalations(ticket.esc, new Date('2026-10-26T11:05:00Z'), {
      ...options,
      graceMs: 5 * MIN,
    });
    expect(due.events.map((e) => [e.levelId, e.at])).toEqual([
      ['res-50', T('2026-10-26T11:00:00Z')],
    ]);
    expect(checkEscalations(due.state, T('2026-10-26T11:05:00Z'), options).events).toEqual([]);
    // res-75 (180 min) is next: 12:00Z.
    expect(nextEscalationAt(due.state)).toBe(T('2026-10-26T12:00:00Z'));
  });

  it('a report stands when an earlier-stamped ticket event arrives later', () => {
    const reported = checkEscalations(ticket.esc, T('2026-10-26T11:30:00Z'), options);
    expect(reported.events.map((e) => e.levelId)).toEqual(['res-50']);
    // The host delivers, late, a pause stamped 10:30Z: the SLA clock takes it (nothing was
    // breached), the tracker keeps its report and continues from the paused clock.
    const paused = applyEvent(
      ticket.sla,
      {
        id: 'late',
        type: 'status_changed',
        status: 'waiting_on_customer',
        at: T('2026-10-26T10:30:00Z'),
      },
      { calendar: london },
    );
    const next = observeSla(reported.state, paused, options);
    expect(next.events).toEqual([]);
    expect(nextEscalationAt(next.state)).toBeNull();
  });

  it('refuses a bad now or grace, naming it', () => {
    expect(caught(() => checkEscalations(ticket.esc, '2026-10-26T11:00:00', options)).path).toBe(
      'now',
    );
    expect(caught(() => checkEscalations(ticket.esc, Number.NaN, options)).code).toBe(
      'INVALID_INSTANT',
    );
    const grace = caught(() => checkEscalations(ticket.esc, 0, { ...options, graceMs: -1 }));
    expect([grace.code, grace.path]).toEqual(['INVALID_AMOUNT', 'graceMs']);
    expect(caught(() => nextEscalationAt(ticket.esc, { graceMs: 1.5 })).code).toBe(
      'INVALID_AMOUNT',
    );
  });

  it('returns deeply frozen states and events', () => {
    const isDeeplyFrozen = (v: unknown): boolean =>
      typeof v !== 'object' ||
      v === null ||
      (Object.isFrozen(v) && Object.values(v).every(isDeeplyFrozen));
    const out = checkEscalations(ticket.esc, T('2026-10-27T09:00:00Z'), options);
    expect(out.events.length).toBeGreaterThan(0);
    expect(isDeeplyFrozen(out)).toBe(true);
    expect(isDeeplyFrozen(ticket.esc)).toBe(true);
    expect(
      isDeeplyFrozen(checkEscalations(jsonCopy(ticket.esc), T('2026-10-27T09:00:00Z'), options)),
    ).toBe(true);
  });

  it('a state round-tripped through JSON behaves identically', () => {
    const stored = jsonCopy(ticket.esc);
    expect(nextEscalationAt(stored)).toBe(nextEscalationAt(ticket.esc));
    const a = checkEscalations(ticket.esc, T('2026-10-27T09:00:00Z'), options);
    const b = checkEscalations(stored, T('2026-10-27T09:00:00Z'), {
      plan: jsonCopy(plan),
      calendar: jsonCopy(toSnapshot(london)),
    });
    expect(b).toEqual(a);
    expect(a.events.map((e) => e.levelId)).toEqual(['res-50', 'res-75', 'res-due', 'res-late-2h']);
  });
});

describe('toEscalationFeedEntry', () => {
  const ticket = new Ticket(planOf('all'), 'high', '2026-10-22T12:00:00Z')
    .reply('2026-10-22T13:00:00Z')
    .check('2026-10-27T12:00:00Z');
  const [warn, half, threeQuarters, due, late] = ticket.escalations;

  it('warns below the target, is critical at and past it', () => {
    expect(ticket.escalations.map((e) => toEscalationFeedEntry(e).severity)).toEqual([
      'warning',
      'warning',
      'warning',
      'critical',
      'critical',
    ]);
  });

  it('says what was reached, what is left and whom to notify', () => {
    const texts = [warn, half, threeQuarters, due, late].map(
      (e) => toEscalationFeedEntry(e as never).text,
    );
    expect(texts).toEqual([
      'First response SLA due in 10m — 10m left (notify: assignee)',
      'Resolution SLA 50% used — 8h 0m left (notify: assignee)',
      'Resolution SLA 75% used — 4h 0m left (notify: assignee, team-lead)',
      'Resolution SLA 100% used — due now (notify: team-lead)',
      'Resolution SLA 2h 0m past due — 2h 0m overdue (notify: duty-manager)',
    ]);
    expect(toEscalationFeedEntry(threeQuarters as never)).toMatchObject({
      id: 'T-7/esc/3/feed',
      ticketId: 'T-7',
      at: T('2026-10-23T16:00:00Z'),
    });
  });

  it('with a zone, names the due instant on that wall clock (GMT on Mon 26 Oct, BST before)', () => {
    expect(toEscalationFeedEntry(threeQuarters as never, { zone: 'Europe/London' }).text).toBe(
      'Resolution SLA 75% used — 4h 0m left, due 2026-10-26 13:00 Europe/London (notify: assignee, team-lead)',
    );
    expect(toEscalationFeedEntry(warn as never, { zone: 'Europe/London' }).text).toBe(
      'First response SLA due in 10m — 10m left, due 2026-10-22 14:00 Europe/London (notify: assignee)',
    );
    expect(caught(() => toEscalationFeedEntry(warn as never, { zone: 'Mars/Base' })).code).toBe(
      'UNKNOWN_ZONE',
    );
  });

  it('refuses what is no escalation event', () => {
    expect(caught(() => toEscalationFeedEntry({ type: 'sla.breached' } as never)).code).toBe(
      'INVALID_EVENT',
    );
    expect(caught(() => toEscalationFeedEntry(null as never)).code).toBe('INVALID_EVENT');
  });
});
