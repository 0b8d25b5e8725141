import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  applyEvent,
  type Calendar,
  type CalendarDefinition,
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  MAX_INSTANT,
  nextCheckAt,
  reviseCalendar,
  revisePolicy,
  type SlaBinding,
  type SlaPolicy,
  type SlaPolicyDefinition,
  slaStatus,
  startSla,
  TICKET_SLA_SCHEMA,
  toActivityFeedEntry,
} from '../../src/index.js';
import { caught, codeAndPath, jsonCopy as json } from '../support/errors.js';

// SPEC §8 (binding a ticket at creation) and the start of §9: startSla's state, its clocks,
// its sla.started events and the first due dates, worked out by hand.

/** Epoch milliseconds of an ISO instant with `Z` (Date.parse is exact for these). */
const ms = (iso: string): number => Date.parse(iso);
const MINUTE = 60_000;

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

function nothingFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return !Object.isFrozen(value) && Object.values(value).every(nothingFrozen);
}

// ---------------------------------------------------------------------------------------------
// Two queues, same rules, different places:
//   New York: Mon–Fri 09:00–17:00 America/New_York (EST = UTC−5 after 2026-11-01).
//   Moscow:   Mon–Fri 09:00–18:00 Europe/Moscow (MSK = UTC+3 all year, no DST).
// 2026-11-26 is a Thursday (US Thanksgiving, but these calendars do not know that).

const weekdays = (window: string): CalendarDefinition['week'] => ({
  mon: [window],
  tue: [window],
  wed: [window],
  thu: [window],
  fri: [window],
});

const nyDefinition: CalendarDefinition = {
  id: 'ny',
  name: 'New York desk',
  zone: 'America/New_York',
  week: weekdays('09:00-17:00'),
};
const ny = defineCalendar(nyDefinition);
const moscow = defineCalendar({
  id: 'moscow',
  zone: 'Europe/Moscow',
  week: weekdays('09:00-18:00'),
});

const rules = {
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved', 'closed'],
  targets: {
    urgent: { firstResponse: 60, resolution: 240 },
    low: { resolution: 60 },
  },
};
const nyPolicyDefinition: SlaPolicyDefinition = { id: 'ny-queue', calendarId: 'ny', ...rules };
const nyPolicy = defineSlaPolicy(nyPolicyDefinition);
const moscowPolicy = defineSlaPolicy({ id: 'moscow-queue', calendarId: 'moscow', ...rules });

const THU_1330Z = '2026-11-26T13:30:00Z';

const bindNy = (extra: Partial<SlaBinding> = {}): SlaBinding => ({
  ticketId: 'T-1',
  priority: 'urgent',
  createdAt: THU_1330Z,
  policy: nyPolicy,
  calendar: ny,
  ...extra,
});
const bindMoscow = (extra: Partial<SlaBinding> = {}): SlaBinding => ({
  ticketId: 'M-1',
  priority: 'urgent',
  createdAt: THU_1330Z,
  policy: moscowPolicy,
  calendar: moscow,
  ...extra,
});

/** The due instants of the running clocks, as ISO text. */
function dueDates(binding: SlaBinding): Record<string, string | null> {
  const { state } = startSla(binding);
  const out: Record<string, string | null> = {};
  for (const [metric, clock] of Object.entries(state.clocks)) {
    out[metric] = clock.dueAt === null ? null : new Date(clock.dueAt).toISOString();
  }
  return out;
}

describe('§8 startSla: the state and its sla.started events', () => {
  it('binds the ticket: plain JSON state pinning the policy and the calendar', () => {
    const { state, events } = startSla(bindNy());
    const created = ms(THU_1330Z);
    // NY: 13:30Z = 08:30 EST, before opening. Counting starts at 09:00 EST = 14:00Z.
    // firstResponse 60 min → 10:00 EST = 15:00Z; resolution 240 min → 13:00 EST = 18:00Z.
    const clock = (targetMs: number, dueAt: string) => ({
      phase: 'running',
      targetMs,
      usedMs: 0,
      since: created,
      dueAt: ms(dueAt),
      breachedAt: null,
      breachReported: false,
      outcome: null,
    });
    expect(state).toEqual({
      schema: 'pet-sla/ticket-sla@1',
      ticketId: 'T-1',
      policy: nyPolicy,
      calendar: { id: 'ny', version: 1, fingerprint: ny.fingerprint },
      createdAt: created,
      status: null,
      priority: 'urgent',
      firstResponseDone: false,
      lastEventAt: created,
      notBefore: created,
      revision: 0,
      appliedEvents: '',
      emitted: 2,
      clocks: {
        firstResponse: clock(60 * MINUTE, '2026-11-26T15:00:00Z'),
        resolution: clock(240 * MINUTE, '2026-11-26T18:00:00Z'),
      },
    });
    expect(TICKET_SLA_SCHEMA).toBe('pet-sla/ticket-sla@1');
    // The ids, versions and fingerprints of both pinned values are in the state.
    expect(state.policy.id).toBe('ny-queue');
    expect(state.policy.version).toBe(1);
    expect(state.policy.fingerprint).toBe(nyPolicy.fingerprint);

    const started = (metric: string, targetMs: number, dueAt: string, n: number) => ({
      id: `T-1/sla/${n}`,
      type: 'sla.started',
      ticketId: 'T-1',
      metric,
      at: created,
      phase: 'running',
      targetMs,
      usedMs: 0,
      remainingMs: targetMs,
      dueAt: ms(dueAt),
      status: null,
      priority: 'urgent',
      causedBy: null,
    });
    expect(events).toEqual([
      started('firstResponse', 60 * MINUTE, '2026-11-26T15:00:00Z', 1),
      started('resolution', 240 * MINUTE, '2026-11-26T18:00:00Z', 2),
    ]);
  });

  it('state and events are deeply frozen plain JSON', () => {
    const result = startSla(bindNy());
    expect(isDeeplyFrozen(result)).toBe(true);
    expect(json(result)).toEqual(result);
    expect(JSON.stringify(json(result))).toBe(JSON.stringify(result));
    expect(Object.getPrototypeOf(result.state)).toBe(Object.prototype);
    expect(() => {
      (result.state as { priority: string }).priority = 'low';
    }).toThrow(TypeError);
  });

  it('the state read back from JSON works like the original', () => {
    const { state } = startSla(bindNy());
    const copy = json(state);
    const reply = { id: 'r1', type: 'agent_replied', at: '2026-11-26T14:20:00Z' } as const;
    expect(applyEvent(copy, reply, { calendar: json(ny) })).toEqual(
      applyEvent(state, reply, { calendar: ny }),
    );
    expect(slaStatus(copy, '2026-11-26T16:00:00Z', { calendar: json(ny) })).toEqual(
      slaStatus(state, '2026-11-26T16:00:00Z', { calendar: ny }),
    );
    expect(nextCheckAt(copy)).toBe(ms('2026-11-26T15:00:00.001Z'));
  });

  // Regression (fixed in b467544): the clock functions once froze parts of a state read back
  // from JSON in place (its policy and unchanged clocks). §1: no function changes its inputs.
  it('the clock functions never freeze or change a state passed in as JSON', () => {
    const state = startSla(bindNy()).state;
    const calls: ((copy: typeof state) => unknown)[] = [
      (copy) =>
        applyEvent(
          copy,
          { id: 'r1', type: 'agent_replied', at: '2026-11-26T14:20:00Z' },
          {
            calendar: ny,
          },
        ),
      (copy) => checkBreaches(copy, '2026-11-27T00:00:00Z', { calendar: ny }),
      (copy) => slaStatus(copy, '2026-11-27T00:00:00Z', { calendar: ny }),
      (copy) => nextCheckAt(copy),
    ];
    for (const call of calls) {
      const copy = json(state);
      call(copy);
      expect(copy).toEqual(state);
      expect(nothingFrozen(copy)).toBe(true);
    }
  });
});

describe('§8 first due dates, worked out by hand', () => {
  it('one instant, two queues: New York and Moscow', () => {
    // 2026-11-26T13:30Z is 08:30 in New York (EST, UTC−5) and 16:30 in Moscow (MSK, UTC+3).
    // New York: closed until 09:00 EST = 14:00Z.
    //   firstResponse 60 min:  09:00 → 10:00 EST = 15:00Z.
    //   resolution   240 min:  09:00 → 13:00 EST = 18:00Z.
    expect(dueDates(bindNy())).toEqual({
      firstResponse: '2026-11-26T15:00:00.000Z',
      resolution: '2026-11-26T18:00:00.000Z',
    });
    // Moscow: open now, until 18:00 MSK (90 minutes left today).
    //   firstResponse 60 min:  16:30 → 17:30 MSK = 14:30Z, earlier than New York's.
    //   resolution   240 min:  90 today (16:30–18:00), 150 on Friday: 09:00 → 11:30 MSK
    //                          = 2026-11-27T08:30Z.
    expect(dueDates(bindMoscow())).toEqual({
      firstResponse: '2026-11-26T14:30:00.000Z',
      resolution: '2026-11-27T08:30:00.000Z',
    });
  });

  it('a ticket created at night starts counting at the next opening', () => {
    // 2026-11-25T23:00Z = Thursday 02:00 MSK. Opens 09:00 MSK = 06:00Z.
    //   firstResponse → 10:00 MSK = 07:00Z; resolution → 13:00 MSK = 10:00Z.
    expect(dueDates(bindMoscow({ createdAt: '2026-11-25T23:00:00Z' }))).toEqual({
      firstResponse: '2026-11-26T07:00:00.000Z',
      resolution: '2026-11-26T10:00:00.000Z',
    });
    // The same instant in New York is Wednesday 18:00 EST: closed until Thursday 09:00 EST.
    expect(dueDates(bindNy({ createdAt: '2026-11-25T23:00:00Z' }))).toEqual({
      firstResponse: '2026-11-26T15:00:00.000Z',
      resolution: '2026-11-26T18:00:00.000Z',
    });
  });

  it('a ticket created on Friday evening is due on Monday', () => {
    // New York: 2026-11-27T22:30Z = Friday 17:30 EST, just after closing. The weekend is
    // closed; Monday 2026-11-30 opens 09:00 EST = 14:00Z.
    //   firstResponse → 10:00 EST = 15:00Z; resolution → 13:00 EST = 18:00Z.
    expect(dueDates(bindNy({ createdAt: '2026-11-27T22:30:00Z' }))).toEqual({
      firstResponse: '2026-11-30T15:00:00.000Z',
      resolution: '2026-11-30T18:00:00.000Z',
    });
    // Moscow: 2026-11-27T16:00Z = Friday 19:00 MSK. Monday opens 09:00 MSK = 06:00Z.
    //   firstResponse → 10:00 MSK = 07:00Z; resolution → 13:00 MSK = 10:00Z.
    expect(dueDates(bindMoscow({ createdAt: '2026-11-27T16:00:00Z' }))).toEqual({
      firstResponse: '2026-11-30T07:00:00.000Z',
      resolution: '2026-11-30T10:00:00.000Z',
    });
  });

  it('a ticket created on a weekend is due on Monday', () => {
    // Saturday 2026-11-28T15:00Z = 10:00 EST: as above, Monday 15:00Z and 18:00Z.
    expect(dueDates(bindNy({ createdAt: '2026-11-28T15:00:00Z' }))).toEqual({
      firstResponse: '2026-11-30T15:00:00.000Z',
      resolution: '2026-11-30T18:00:00.000Z',
    });
    // Sunday 2026-11-29T20:00Z = 23:00 MSK: Monday 07:00Z and 10:00Z.
    expect(dueDates(bindMoscow({ createdAt: '2026-11-29T20:00:00Z' }))).toEqual({
      firstResponse: '2026-11-30T07:00:00.000Z',
      resolution: '2026-11-30T10:00:00.000Z',
    });
  });

  it('created near closing: the due date is the earliest instant, even at the close', () => {
    // Thursday 16:00 EST = 21:00Z: 60 minutes reach 17:00 EST = 22:00Z the same day, not Friday.
    // Resolution 240: 60 today, 180 on Friday 09:00 → 12:00 EST = 17:00Z.
    expect(dueDates(bindNy({ createdAt: '2026-11-26T21:00:00Z' }))).toEqual({
      firstResponse: '2026-11-26T22:00:00.000Z',
      resolution: '2026-11-27T17:00:00.000Z',
    });
    // Thursday 16:30 EST = 21:30Z: 30 minutes today, 30 on Friday → 09:30 EST = 14:30Z.
    expect(dueDates(bindNy({ createdAt: '2026-11-26T21:30:00Z' })).firstResponse).toBe(
      '2026-11-27T14:30:00.000Z',
    );
    // Exactly at opening (09:00 EST = 14:00Z) and exactly at closing (17:00 EST = 22:00Z,
    // closed: counting starts Friday 09:00 EST).
    expect(dueDates(bindNy({ createdAt: '2026-11-26T14:00:00Z' })).firstResponse).toBe(
      '2026-11-26T15:00:00.000Z',
    );
    expect(dueDates(bindNy({ createdAt: '2026-11-26T22:00:00Z' })).firstResponse).toBe(
      '2026-11-27T15:00:00.000Z',
    );
  });

  it('across the end of DST: the offset changes between creation and the due date', () => {
    // Friday 2026-10-30T20:00Z = 16:00 EDT (UTC−4). A 120-minute first response: 60 minutes
    // today (16:00–17:00 EDT), and DST ends on Sunday 2026-11-01, so Monday 2026-11-02 opens
    // at 09:00 EST = 14:00Z; the other 60 minutes end at 10:00 EST = 15:00Z.
    const policy = revisePolicy(nyPolicy, { targets: { urgent: { firstResponse: 120 } } });
    expect(dueDates(bindNy({ policy, createdAt: '2026-10-30T20:00:00Z' }))).toEqual({
      firstResponse: '2026-11-02T15:00:00.000Z',
    });
  });

  it('a holiday override pushes the due date', () => {
    // New York with Thanksgiving closed and a half day after it (09:00–13:00 EST).
    const holidays = reviseCalendar(ny, {
      overrides: [
        { date: '2026-11-26', windows: [], label: 'Thanksgiving' },
        { date: '2026-11-27', windows: ['09:00-13:00'], label: 'Day after Thanksgiving' },
      ],
    });
    const policy = revisePolicy(nyPolicy, {
      targets: { urgent: { firstResponse: 60, resolution: 300 } },
    });
    // Without the overrides: Thursday 09:00 EST + 60 → 15:00Z; + 300 → 14:00 EST = 19:00Z.
    expect(dueDates(bindNy({ policy }))).toEqual({
      firstResponse: '2026-11-26T15:00:00.000Z',
      resolution: '2026-11-26T19:00:00.000Z',
    });
    // With them: Thursday is closed. Friday opens 09:00 EST = 14:00Z.
    //   firstResponse 60 → Friday 10:00 EST = 15:00Z.
    //   resolution 300: 240 on Friday (09:00–13:00), 60 on Monday 2026-11-30 09:00 → 10:00 EST
    //                   = 15:00Z.
    expect(dueDates(bindNy({ policy, calendar: holidays }))).toEqual({
      firstResponse: '2026-11-27T15:00:00.000Z',
      resolution: '2026-11-30T15:00:00.000Z',
    });
    // The due dates are the calendar engine's own answer.
    const { state } = startSla(bindNy({ policy, calendar: holidays }));
    expect(state.clocks.resolution?.dueAt).toBe(
      addBusinessMillis(holidays, THU_1330Z, 300 * MINUTE),
    );
    expect(state.calendar).toEqual({ id: 'ny', version: 2, fingerprint: holidays.fingerprint });
  });

  it('a priority with only one metric gets only that clock', () => {
    // low: resolution 60 only. NY, Thursday 08:30 EST: due 10:00 EST = 15:00Z.
    const { state, events } = startSla(bindNy({ priority: 'low' }));
    expect(Object.keys(state.clocks)).toEqual(['resolution']);
    expect(state.clocks.resolution?.dueAt).toBe(ms('2026-11-26T15:00:00Z'));
    expect(events.map((e) => [e.id, e.type, e.metric])).toEqual([
      ['T-1/sla/1', 'sla.started', 'resolution'],
    ]);
    expect(state.emitted).toBe(1);
    // slaStatus lists only metrics that have ever had a clock.
    expect(Object.keys(slaStatus(state, THU_1330Z, { calendar: ny }))).toEqual(['resolution']);
    // The same priority in Moscow: 16:30 → 17:30 MSK = 14:30Z.
    expect(dueDates(bindMoscow({ priority: 'low' }))).toEqual({
      resolution: '2026-11-26T14:30:00.000Z',
    });
  });

  it('accepts createdAt in every instant form, with the same result', () => {
    const expected = startSla(bindNy());
    for (const createdAt of [
      ms(THU_1330Z),
      new Date(THU_1330Z),
      '2026-11-26T08:30:00-05:00',
      '2026-11-26T16:30:00+03:00',
      '2026-11-26T13:30:00.000Z',
      DateTime.fromISO('2026-11-26T08:30', { zone: 'America/New_York' }),
      { toMillis: () => ms(THU_1330Z) },
    ]) {
      expect(startSla(bindNy({ createdAt }))).toEqual(expected);
    }
  });
});

describe('§8/§9 the initial status', () => {
  it('a status in pauseWhile starts the clocks paused, with no due date', () => {
    const { state, events } = startSla(bindNy({ status: 'waiting_on_customer' }));
    expect(state.status).toBe('waiting_on_customer');
    for (const metric of ['firstResponse', 'resolution'] as const) {
      expect(state.clocks[metric]).toMatchObject({ phase: 'paused', usedMs: 0, dueAt: null });
    }
    expect(events.map((e) => [e.type, e.metric, e.phase, e.dueAt, e.remainingMs])).toEqual([
      ['sla.started', 'firstResponse', 'paused', null, 60 * MINUTE],
      ['sla.started', 'resolution', 'paused', null, 240 * MINUTE],
    ]);
    expect(nextCheckAt(state)).toBeNull();
    expect(slaStatus(state, '2026-11-26T20:00:00Z', { calendar: ny }).resolution).toEqual({
      phase: 'paused',
      targetMs: 240 * MINUTE,
      usedMs: 0,
      remainingMs: 240 * MINUTE,
      dueAt: null,
      breached: false,
      breachedAt: null,
      outcome: null,
    });
    // Resumed on Thursday 16:00Z = 11:00 EST: the first response is due at 12:00 EST = 17:00Z.
    const resumed = applyEvent(
      state,
      { id: 'e1', type: 'status_changed', status: 'open', at: '2026-11-26T16:00:00Z' },
      { calendar: ny },
    );
    expect(resumed.events.map((e) => [e.type, e.metric, e.dueAt])).toEqual([
      ['sla.resumed', 'firstResponse', ms('2026-11-26T17:00:00Z')],
      ['sla.resumed', 'resolution', ms('2026-11-26T20:00:00Z')],
    ]);
  });

  it('a status in stopWhen starts no clock: there is nothing to measure', () => {
    const { state, events } = startSla(bindNy({ status: 'resolved' }));
    expect(events).toEqual([]);
    expect(state.clocks).toEqual({});
    expect(state.emitted).toBe(0);
    expect(state.firstResponseDone).toBe(true);
    expect(nextCheckAt(state)).toBeNull();
    expect(slaStatus(state, THU_1330Z, { calendar: ny })).toEqual({});
  });

  it('any other status runs, as no status does', () => {
    const none = startSla(bindNy());
    const open = startSla(bindNy({ status: 'new' }));
    expect(open.state.status).toBe('new');
    expect(none.state.status).toBeNull();
    expect(open.state.clocks).toEqual(none.state.clocks);
    expect(open.events.map((e) => e.status)).toEqual(['new', 'new']);
  });
});

describe('§8 snapshots in place of values', () => {
  it('a policy snapshot and a calendar snapshot parsed from JSON bind the same way', () => {
    const expected = startSla(bindNy());
    const policy = JSON.parse(JSON.stringify(nyPolicy)) as SlaPolicy;
    const calendar = JSON.parse(JSON.stringify(ny)) as Calendar;
    const fromJson = startSla(bindNy({ policy, calendar }));
    expect(fromJson).toEqual(expected);
    expect(JSON.stringify(fromJson)).toBe(JSON.stringify(expected));
    expect(startSla(bindNy({ policy }))).toEqual(expected);
    expect(startSla(bindNy({ calendar }))).toEqual(expected);
    // The JSON passed in is neither changed nor frozen.
    expect(policy).toEqual(json(nyPolicy));
    expect(nothingFrozen(policy)).toBe(true);
    expect(nothingFrozen(calendar)).toBe(true);
    // And the calendar snapshot works for the clock functions.
    expect(
      checkBreaches(fromJson.state, '2026-11-26T15:00:00.001Z', { calendar }).events.map((e) => [
        e.type,
        e.metric,
        e.at,
      ]),
    ).toEqual([['sla.breached', 'firstResponse', ms('2026-11-26T15:00:00Z')]]);
  });

  it('a tampered snapshot is refused', () => {
    const policy = { ...json(nyPolicy), targets: { urgent: { firstResponse: 6000 } } };
    expect(codeAndPath(() => startSla(bindNy({ policy: policy as SlaPolicy })))).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
    const calendar = { ...json(ny), zone: 'Europe/Moscow' };
    expect(codeAndPath(() => startSla(bindNy({ calendar: calendar as Calendar })))).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
  });
});

describe('§6/§8 pinning: later versions never change a bound ticket', () => {
  it('a revised calendar is CALENDAR_MISMATCH for a ticket bound to the old one', () => {
    const { state } = startSla(bindNy());
    const v2 = reviseCalendar(ny, { overrides: [{ date: '2026-11-26', windows: [] }] });
    const now = '2026-11-26T16:00:00Z';
    const event = { id: 'e1', type: 'agent_replied', at: now } as const;
    for (const f of [
      () => applyEvent(state, event, { calendar: v2 }),
      () => checkBreaches(state, now, { calendar: v2 }),
      () => slaStatus(state, now, { calendar: v2 }),
      () => applyEvent(state, event, { calendar: moscow }),
    ]) {
      const error = caught(f);
      expect({ code: error.code, path: error.path }).toEqual({
        code: 'CALENDAR_MISMATCH',
        path: 'calendar',
      });
      expect(error.message).toContain(ny.fingerprint.slice(0, 12));
    }
    // The pinned version still works, and the ticket's due dates are unchanged.
    expect(slaStatus(state, now, { calendar: ny }).firstResponse?.dueAt).toBe(
      ms('2026-11-26T15:00:00Z'),
    );
    // Re-binding with the new version is an explicit, new startSla.
    expect(startSla(bindNy({ calendar: v2 })).state.clocks.firstResponse?.dueAt).toBe(
      ms('2026-11-27T15:00:00Z'),
    );
  });

  it('a bound ticket keeps the policy version it was bound with', () => {
    const { state } = startSla(bindNy());
    const v2 = revisePolicy(nyPolicy, {
      targets: { urgent: { firstResponse: 5, resolution: 10 }, low: { resolution: 60 } },
    });
    expect(v2.version).toBe(2);
    // Events on the old ticket still use version 1's targets.
    const next = applyEvent(
      state,
      { id: 'e1', type: 'priority_changed', priority: 'low', at: '2026-11-26T14:30:00Z' },
      { calendar: ny },
    );
    expect(next.state.policy).toBe(state.policy);
    expect(next.state.policy.version).toBe(1);
    expect(next.state.clocks.resolution?.targetMs).toBe(60 * MINUTE);
    // A new ticket bound to version 2 gets version 2.
    const fresh = startSla(bindNy({ policy: v2 }));
    expect(fresh.state.policy.fingerprint).toBe(v2.fingerprint);
    expect(fresh.state.clocks.firstResponse?.dueAt).toBe(ms('2026-11-26T14:05:00Z'));
  });
});

describe('§8/§10 rejected bindings', () => {
  it('CALENDAR_MISMATCH: the calendar is not the one the policy names', () => {
    expect(codeAndPath(() => startSla(bindNy({ calendar: moscow })))).toEqual({
      code: 'CALENDAR_MISMATCH',
      path: 'calendar',
    });
    expect(codeAndPath(() => startSla(bindMoscow({ calendar: ny })))).toEqual({
      code: 'CALENDAR_MISMATCH',
      path: 'calendar',
    });
    const error = caught(() => startSla(bindNy({ calendar: moscow })));
    expect(error.message).toContain('"ny"');
    expect(error.message).toContain('"moscow"');
    // Only the id is compared: any version of the named calendar may be bound.
    const sameId = defineCalendar({ ...nyDefinition, zone: 'Europe/Moscow' });
    expect(startSla(bindNy({ calendar: sameId })).state.calendar.fingerprint).toBe(
      sameId.fingerprint,
    );
  });

  it.each<[string, string]>([
    ['a priority the policy has no targets for', 'critical'],
    ['another spelling', 'Urgent'],
    ['surrounding spaces', ' urgent'],
  ])('UNKNOWN_PRIORITY: %s', (_, priority) => {
    const error = caught(() => startSla(bindNy({ priority })));
    expect({ code: error.code, path: error.path }).toEqual({
      code: 'UNKNOWN_PRIORITY',
      path: 'priority',
    });
    expect(error.message).toContain(`"${priority}"`);
    expect(error.message).toContain('"low", "urgent"');
  });

  it('UNKNOWN_PRIORITY for names inherited from Object.prototype', () => {
    for (const priority of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      expect(codeAndPath(() => startSla(bindNy({ priority })))).toEqual({
        code: 'UNKNOWN_PRIORITY',
        path: 'priority',
      });
    }
    const { state } = startSla(bindNy());
    expect(
      codeAndPath(() =>
        applyEvent(
          state,
          { id: 'e1', type: 'priority_changed', priority: 'constructor', at: THU_1330Z },
          { calendar: ny },
        ),
      ),
    ).toEqual({ code: 'UNKNOWN_PRIORITY', path: 'priority' });
  });

  it.each<[string, unknown]>([
    ['a string without an offset', '2026-11-26T13:30:00'],
    ['a date only', '2026-11-26'],
    ['an unparseable string', 'yesterday'],
    ['a date that does not exist', '2026-02-30T10:00:00Z'],
    ['NaN', Number.NaN],
    ['a fractional number', 1.5],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an invalid Date', new Date('nope')],
    ['an invalid luxon DateTime', DateTime.invalid('test')],
    ['missing', undefined],
    ['null', null],
    ['a boolean', true],
    ['a plain object', { at: THU_1330Z }],
  ])('INVALID_EVENT for a bad createdAt: %s', (_, createdAt) => {
    const error = caught(() => startSla(bindNy({ createdAt: createdAt as string })));
    expect({ code: error.code, path: error.path }).toEqual({
      code: 'INVALID_EVENT',
      path: 'createdAt',
    });
  });

  it.each<[string, unknown]>([
    ['before 1900', '1899-12-31T23:59:59.999Z'],
    ['at 2200', '2200-01-01T00:00:00Z'],
    ['MAX_INSTANT', MAX_INSTANT],
    ['far past', -8.64e15],
  ])('INSTANT_OUT_OF_RANGE for createdAt %s', (_, createdAt) => {
    expect(codeAndPath(() => startSla(bindNy({ createdAt: createdAt as string })))).toEqual({
      code: 'INSTANT_OUT_OF_RANGE',
      path: 'createdAt',
    });
  });

  it('INSTANT_OUT_OF_RANGE when a first due date would fall past 2200', () => {
    // 2199-12-31T23:00Z is Tuesday 18:00 EST, after closing: the next opening is Wednesday
    // 2200-01-01 09:00 EST, past the supported range.
    expect(caught(() => startSla(bindNy({ createdAt: '2199-12-31T23:00:00Z' }))).code).toBe(
      'INSTANT_OUT_OF_RANGE',
    );
  });

  it('CALENDAR_NEVER_OPENS when the calendar never opens after creation', () => {
    const never = defineCalendar({ id: 'ny', zone: 'America/New_York', week: {} });
    expect(caught(() => startSla(bindNy({ calendar: never }))).code).toBe('CALENDAR_NEVER_OPENS');
    // …unless nothing would run: a paused start needs no due date.
    expect(
      startSla(bindNy({ calendar: never, status: 'waiting_on_customer' })).events,
    ).toHaveLength(2);
  });

  it.each<[string, unknown, string, string | undefined]>([
    ['binding null', null, 'INVALID_EVENT', undefined],
    ['binding an array', [], 'INVALID_EVENT', undefined],
    ['binding a string', 'T-1', 'INVALID_EVENT', undefined],
    ['ticketId missing', { ticketId: undefined }, 'INVALID_EVENT', 'ticketId'],
    ['ticketId empty', { ticketId: '' }, 'INVALID_EVENT', 'ticketId'],
    ['ticketId a number', { ticketId: 1001 }, 'INVALID_EVENT', 'ticketId'],
    ['priority missing', { priority: undefined }, 'INVALID_EVENT', 'priority'],
    ['priority empty', { priority: '' }, 'INVALID_EVENT', 'priority'],
    ['status empty', { status: '' }, 'INVALID_EVENT', 'status'],
    ['status null', { status: null }, 'INVALID_EVENT', 'status'],
    ['status a number', { status: 3 }, 'INVALID_EVENT', 'status'],
    ['policy missing', { policy: undefined }, 'INVALID_POLICY', 'policy'],
    ['policy a definition', { policy: nyPolicyDefinition }, 'INVALID_POLICY', 'policy'],
    ['policy a string', { policy: 'ny-queue' }, 'INVALID_POLICY', 'policy'],
    ['calendar missing', { calendar: undefined }, 'INVALID_CALENDAR', 'calendar'],
    ['calendar a definition', { calendar: nyDefinition }, 'INVALID_CALENDAR', 'calendar'],
    ['calendar an id', { calendar: 'ny' }, 'INVALID_CALENDAR', 'calendar'],
    ['a policy snapshot as calendar', { calendar: json(nyPolicy) }, 'INVALID_SNAPSHOT', 'schema'],
    ['a calendar snapshot as policy', { policy: json(ny) }, 'INVALID_SNAPSHOT', 'schema'],
  ])('typed error for a bad binding: %s', (_, change, code, path) => {
    const binding =
      change === null || Array.isArray(change) || typeof change !== 'object'
        ? change
        : { ...bindNy(), ...change };
    expect(codeAndPath(() => startSla(binding as SlaBinding))).toEqual({ code, path });
  });

  it('never mutates or freezes its inputs, even when it refuses them', () => {
    const bindings = [
      bindNy({ policy: json(nyPolicy), calendar: json(ny), createdAt: new Date(THU_1330Z) }),
      bindNy({ policy: json(nyPolicy), calendar: json(moscow) }),
      bindNy({ policy: json(nyPolicy), calendar: json(ny), priority: 'nope' }),
    ];
    for (const binding of bindings) {
      const before = structuredClone(binding);
      try {
        startSla(binding);
      } catch {
        // refused: still untouched
      }
      expect(binding).toEqual(before);
      expect(nothingFrozen(binding)).toBe(true);
    }
  });
});

describe('§9 emitted event ids and the activity feed', () => {
  it('ids are deterministic: the ticket id and a counter that later events continue', () => {
    const a = startSla(bindNy());
    const b = startSla(bindNy());
    expect(b).toEqual(a);
    expect(a.events.map((e) => e.id)).toEqual(['T-1/sla/1', 'T-1/sla/2']);
    expect(startSla(bindNy({ ticketId: 'T-2' })).events.map((e) => e.id)).toEqual([
      'T-2/sla/1',
      'T-2/sla/2',
    ]);
    const next = applyEvent(
      a.state,
      {
        id: 'e1',
        type: 'status_changed',
        status: 'waiting_on_customer',
        at: '2026-11-26T14:30:00Z',
      },
      { calendar: ny },
    );
    expect(next.events.map((e) => [e.id, e.type, e.causedBy])).toEqual([
      ['T-1/sla/3', 'sla.paused', 'e1'],
      ['T-1/sla/4', 'sla.paused', 'e1'],
    ]);
  });

  it('sla.started as an activity-feed entry', () => {
    const { events } = startSla(bindNy());
    expect(events.map(toActivityFeedEntry)).toEqual([
      {
        id: 'T-1/sla/1/feed',
        ticketId: 'T-1',
        at: ms(THU_1330Z),
        severity: 'info',
        text: 'First response SLA started — target 1h 0m business time, due 2026-11-26 15:00 UTC',
      },
      {
        id: 'T-1/sla/2/feed',
        ticketId: 'T-1',
        at: ms(THU_1330Z),
        severity: 'info',
        text: 'Resolution SLA started — target 4h 0m business time, due 2026-11-26 18:00 UTC',
      },
    ]);
    expect(
      startSla(bindMoscow({ priority: 'low' })).events.map((e) => toActivityFeedEntry(e).text),
    ).toEqual(['Resolution SLA started — target 1h 0m business time, due 2026-11-26 14:30 UTC']);
    expect(
      startSla(bindNy({ status: 'waiting_on_customer' })).events.map(
        (e) => toActivityFeedEntry(e).text,
      ),
    ).toEqual([
      'First response SLA started, paused — waiting on customer (1h 0m business time left)',
      'Resolution SLA started, paused — waiting on customer (4h 0m business time left)',
    ]);
    const entry = toActivityFeedEntry(startSla(bindNy()).events[0] as never);
    expect(isDeeplyFrozen(entry)).toBe(true);
  });
});
