import { describe, expect, it } from 'vitest';
import { explainSla } from '../../../src/advanced/explain/index.js';
import {
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  replay,
  reviseCalendar,
  startSla,
  toSnapshot,
} from '../../../src/index.js';
import { MIN, priority, reply, status, story, T, uk, ukDefinition } from './stories.js';

// Every instant below is worked out by hand, as in test/clock/scenarios.test.ts.

describe('a pause and resume across a night and a weekend (T-100)', () => {
  // Urgent (resolution 240 min), created Thu 26 Nov 17:10; reply 17:25; waiting 17:50;
  // open Fri 09:30; on hold Fri 11:00; in progress Mon 08:00; resolved Mon 10:00.
  const { log, state } = story('T-100', 'urgent', '2026-11-26T17:10:00Z', [
    reply('e1', '2026-11-26T17:25:00Z'),
    status('e2', '2026-11-26T17:50:00Z', 'waiting_on_customer'),
    status('e3', '2026-11-27T09:30:00Z', 'open'),
    status('e4', '2026-11-27T11:00:00Z', 'on_hold'),
    status('e5', '2026-11-30T08:00:00Z', 'in_progress'),
    status('e6', '2026-11-30T10:00:00Z', 'resolved'),
  ]);

  it('every stretch, with the open time counted: 40 + 90 + 60 = 190 min', () => {
    const x = explainSla(log, 'resolution', { calendar: uk, state });
    expect(
      x.intervals.map(({ from, to, phase, countedMs, open, startedBy }) => ({
        from,
        to,
        phase,
        countedMs,
        open,
        startedBy,
      })),
    ).toEqual([
      {
        from: T('2026-11-26T17:10:00Z'),
        to: T('2026-11-26T17:50:00Z'),
        phase: 'running',
        countedMs: 40 * MIN,
        open: [{ start: T('2026-11-26T17:10:00Z'), end: T('2026-11-26T17:50:00Z') }],
        startedBy: 'T-100/sla/2',
      },
      {
        from: T('2026-11-26T17:50:00Z'),
        to: T('2026-11-27T09:30:00Z'),
        phase: 'paused',
        countedMs: 0,
        open: [],
        startedBy: 'T-100/sla/4',
      },
      {
        from: T('2026-11-27T09:30:00Z'),
        to: T('2026-11-27T11:00:00Z'),
        phase: 'running',
        countedMs: 90 * MIN,
        open: [{ start: T('2026-11-27T09:30:00Z'), end: T('2026-11-27T11:00:00Z') }],
        startedBy: 'T-100/sla/5',
      },
      {
        from: T('2026-11-27T11:00:00Z'),
        to: T('2026-11-30T08:00:00Z'),
        phase: 'paused',
        countedMs: 0,
        open: [],
        startedBy: 'T-100/sla/6',
      },
      {
        // Resumed at 08:00 while closed: counting starts at the 09:00 opening.
        from: T('2026-11-30T08:00:00Z'),
        to: T('2026-11-30T10:00:00Z'),
        phase: 'running',
        countedMs: 60 * MIN,
        open: [{ start: T('2026-11-30T09:00:00Z'), end: T('2026-11-30T10:00:00Z') }],
        startedBy: 'T-100/sla/7',
      },
    ]);
    expect(x.intervals.map((i) => [i.usedAtFrom / MIN, i.status])).toEqual([
      [0, null],
      [40, 'waiting_on_customer'],
      [40, 'open'],
      [130, 'on_hold'],
      [130, 'in_progress'],
    ]);
    expect(x).toMatchObject({
      ticketId: 'T-100',
      metric: 'resolution',
      startedAt: T('2026-11-26T17:10:00Z'),
      now: T('2026-11-30T10:00:00Z'),
      phase: 'stopped',
      outcome: 'met',
      targetMs: 240 * MIN,
      usedMs: 190 * MIN,
      remainingMs: 50 * MIN,
      due: null,
      breach: null,
      targetChanges: [],
      calendar: {
        id: 'uk-support',
        version: 1,
        fingerprint: uk.fingerprint,
        zone: 'Europe/London',
      },
    });
  });

  it('each due computation: since, used then, the remainder, where it lands', () => {
    const x = explainSla(log, 'resolution', { calendar: uk });
    expect(x.dues.map(({ open, ...d }) => d)).toEqual([
      {
        // 240 min: Thu 17:10–18:00 (50) + Fri 09:00–12:10 (190).
        since: T('2026-11-26T17:10:00Z'),
        usedAtSince: 0,
        targetMs: 240 * MIN,
        remainderMs: 240 * MIN,
        dueAt: T('2026-11-27T12:10:00Z'),
        until: T('2026-11-26T17:50:00Z'),
        event: 'T-100/sla/2',
      },
      {
        since: T('2026-11-27T09:30:00Z'),
        usedAtSince: 40 * MIN,
        targetMs: 240 * MIN,
        remainderMs: 200 * MIN,
        dueAt: T('2026-11-27T12:50:00Z'),
        until: T('2026-11-27T11:00:00Z'),
        event: 'T-100/sla/5',
      },
      {
        since: T('2026-11-30T08:00:00Z'),
        usedAtSince: 130 * MIN,
        targetMs: 240 * MIN,
        remainderMs: 110 * MIN,
        dueAt: T('2026-11-30T10:50:00Z'),
        until: T('2026-11-30T10:00:00Z'),
        event: 'T-100/sla/7',
      },
    ]);
    expect(x.dues[0]?.open).toEqual([
      { start: T('2026-11-26T17:10:00Z'), end: T('2026-11-26T18:00:00Z') },
      { start: T('2026-11-27T09:00:00Z'), end: T('2026-11-27T12:10:00Z') },
    ]);
    expect(x.dues[2]?.open).toEqual([
      { start: T('2026-11-30T09:00:00Z'), end: T('2026-11-30T10:50:00Z') },
    ]);
  });

  it('as of Mon 09:30, the clock is running, 160 min used, due 10:50', () => {
    const x = explainSla(log, 'resolution', { calendar: uk, now: '2026-11-30T09:30:00Z' });
    expect(x.intervals.at(-1)).toMatchObject({
      from: T('2026-11-30T08:00:00Z'),
      to: T('2026-11-30T09:30:00Z'),
      countedMs: 30 * MIN,
    });
    expect(x).toMatchObject({ phase: 'running', usedMs: 160 * MIN, outcome: null });
    expect(x.due).toMatchObject({
      since: T('2026-11-30T08:00:00Z'),
      dueAt: T('2026-11-30T10:50:00Z'),
      until: null,
    });
    expect(x.events).toEqual([
      'T-100/sla/2',
      'T-100/sla/4',
      'T-100/sla/5',
      'T-100/sla/6',
      'T-100/sla/7',
    ]);
  });

  it('the first response: 15 min, met', () => {
    const x = explainSla(log, 'firstResponse', { calendar: uk });
    expect(x.intervals.map((i) => [i.from, i.to, i.phase, i.countedMs])).toEqual([
      [T('2026-11-26T17:10:00Z'), T('2026-11-26T17:25:00Z'), 'running', 15 * MIN],
      [T('2026-11-26T17:25:00Z'), T('2026-11-30T10:00:00Z'), 'stopped', 0],
    ]);
    expect(x).toMatchObject({ outcome: 'met', usedMs: 15 * MIN, remainingMs: 15 * MIN });
  });
});

describe('reopened after a resolve, then breached (T-300)', () => {
  // Urgent, Mon 30 Nov 09:00; resolved 10:00 (60 min used); reopened Tue 15:00 (due 18:00);
  // closed Wed 09:30 (breached Tue 18:00); reopened Wed 10:00; resolved Wed 11:00.
  const { log } = story('T-300', 'urgent', '2026-11-30T09:00:00Z', [
    reply('e1', '2026-11-30T09:10:00Z'),
    status('e2', '2026-11-30T10:00:00Z', 'resolved'),
    status('e3', '2026-12-01T15:00:00Z', 'open'),
    status('e4', '2026-12-02T09:30:00Z', 'closed'),
    status('e5', '2026-12-02T10:00:00Z', 'open'),
    status('e6', '2026-12-02T11:00:00Z', 'resolved'),
  ]);
  const x = explainSla(log, 'resolution', { calendar: uk });

  it('breached at Tue 18:00: 60 used, reopened at 15:00 with 180 min left', () => {
    expect(x.breach).toEqual({
      at: T('2026-12-01T18:00:00Z'),
      cause: 'due-passed',
      due: {
        since: T('2026-12-01T15:00:00Z'),
        usedAtSince: 60 * MIN,
        targetMs: 240 * MIN,
        remainderMs: 180 * MIN,
        dueAt: T('2026-12-01T18:00:00Z'),
        open: [{ start: T('2026-12-01T15:00:00Z'), end: T('2026-12-01T18:00:00Z') }],
        until: null,
        event: 'T-300/sla/5',
      },
      usedMs: 240 * MIN,
      targetMs: 240 * MIN,
      reportedBy: 'T-300/sla/6',
    });
  });

  it('the stretches after the breach are overdue; 60 + 180 + 30 + 60 = 330 min', () => {
    expect(x.intervals.map((i) => [i.from, i.phase, i.countedMs / MIN, i.overdue])).toEqual([
      [T('2026-11-30T09:00:00Z'), 'running', 60, false],
      [T('2026-11-30T10:00:00Z'), 'stopped', 0, false],
      [T('2026-12-01T15:00:00Z'), 'running', 180, false],
      [T('2026-12-01T18:00:00Z'), 'running', 30, true],
      [T('2026-12-02T09:30:00Z'), 'stopped', 0, true],
      [T('2026-12-02T10:00:00Z'), 'running', 60, true],
    ]);
    expect(x).toMatchObject({ usedMs: 330 * MIN, remainingMs: -90 * MIN, outcome: 'breached' });
    // Reopened with 270 of 240 used: due at the reopening itself.
    expect(x.dues.at(-1)).toMatchObject({
      since: T('2026-12-02T10:00:00Z'),
      remainderMs: 0,
      dueAt: T('2026-12-02T10:00:00Z'),
      until: T('2026-12-02T11:00:00Z'),
    });
  });
});

describe('a target lowered below the time used (T-800)', () => {
  // Normal, Mon 09:00; urgent at 10:00 (first response 60 min used > 30); reply 10:05.
  const { log } = story('T-800', 'normal', '2026-11-30T09:00:00Z', [
    priority('p1', '2026-11-30T10:00:00Z', 'urgent'),
    reply('r1', '2026-11-30T10:05:00Z'),
  ]);

  it('breaches at the change, not at a due instant', () => {
    const x = explainSla(log, 'firstResponse', { calendar: uk });
    expect(x.targetChanges).toEqual([
      {
        at: T('2026-11-30T10:00:00Z'),
        fromMs: 240 * MIN,
        toMs: 30 * MIN,
        priority: 'urgent',
        event: 'T-800/sla/3',
      },
    ]);
    expect(x.breach).toEqual({
      at: T('2026-11-30T10:00:00Z'),
      cause: 'target-lowered',
      due: null,
      usedMs: 60 * MIN,
      targetMs: 30 * MIN,
      reportedBy: 'T-800/sla/4',
    });
    expect(
      x.intervals.map((i) => [i.from, i.to, i.targetMs / MIN, i.countedMs / MIN, i.overdue]),
    ).toEqual([
      [T('2026-11-30T09:00:00Z'), T('2026-11-30T10:00:00Z'), 240, 60, false],
      [T('2026-11-30T10:00:00Z'), T('2026-11-30T10:05:00Z'), 30, 5, true],
    ]);
    expect(x).toMatchObject({ usedMs: 65 * MIN, outcome: 'breached' });
  });

  it('the resolution: retargeted 2400 → 240 min at 10:00, 60 used, due 13:00', () => {
    const x = explainSla(log, 'resolution', { calendar: uk });
    expect(x.due).toMatchObject({
      since: T('2026-11-30T10:00:00Z'),
      usedAtSince: 60 * MIN,
      remainderMs: 180 * MIN,
      dueAt: T('2026-11-30T13:00:00Z'),
      event: 'T-800/sla/5',
    });
    // 2400 min from Mon 09:00 = 4 days of 540 + 240: due Fri 4 Dec 13:00.
    expect(x.dues[0]).toMatchObject({
      dueAt: T('2026-12-04T13:00:00Z'),
      until: T('2026-11-30T10:00:00Z'),
    });
  });
});

describe('a breach no event has reported yet (T-501)', () => {
  // Normal, Mon 30 Nov 14:00: first response 240 min, due Mon 18:00; asked Tue 07:00.
  const { log, state } = story('T-501', 'normal', '2026-11-30T14:00:00Z', []);

  it('is derived from the history: breached at 18:00 although nothing counted overnight', () => {
    const x = explainSla(log, 'firstResponse', {
      calendar: uk,
      state,
      now: '2026-12-01T07:00:00Z',
    });
    expect(
      x.intervals.map((i) => [i.from, i.to, i.countedMs / MIN, i.overdue, i.startedBy]),
    ).toEqual([
      [T('2026-11-30T14:00:00Z'), T('2026-11-30T18:00:00Z'), 240, false, 'T-501/sla/1'],
      [T('2026-11-30T18:00:00Z'), T('2026-12-01T07:00:00Z'), 0, true, null],
    ]);
    expect(x.breach).toMatchObject({
      at: T('2026-11-30T18:00:00Z'),
      cause: 'due-passed',
      reportedBy: null,
    });
    expect(x).toMatchObject({ phase: 'running', usedMs: 240 * MIN, remainingMs: 0 });
  });

  it('at the due instant itself it is in time', () => {
    const x = explainSla(log, 'firstResponse', { calendar: uk, now: '2026-11-30T18:00:00Z' });
    expect(x.breach).toBeNull();
    expect(x.due?.dueAt).toBe(T('2026-11-30T18:00:00Z'));
  });

  it('a breach reported by checkBreaches is the same breach', () => {
    const { events } = checkBreaches(state, '2026-12-01T07:00:00Z', { calendar: uk });
    const x = explainSla([...log, ...events], 'firstResponse', { calendar: uk });
    expect(x.breach).toMatchObject({ at: T('2026-11-30T18:00:00Z'), reportedBy: 'T-501/sla/3' });
  });
});

describe('across a DST change (America/New_York)', () => {
  const ny = defineCalendar({ ...ukDefinition, id: 'ny-support', zone: 'America/New_York' });
  const policy = defineSlaPolicy({
    id: 'ny',
    calendarId: 'ny-support',
    pauseWhile: ['waiting_on_customer'],
    stopWhen: ['resolved'],
    targets: { urgent: { firstResponse: 30, resolution: 240 } },
  });
  it('Friday 16:00–17:00 EST counted, paused, resumed Mon 10:00 EDT: due 13:00 EDT', () => {
    const { events } = replay(
      {
        ticketId: 'NY-1',
        priority: 'urgent',
        createdAt: '2026-03-06T16:00:00-05:00',
        policy,
        calendar: ny,
      },
      [
        reply('r1', '2026-03-06T16:10:00-05:00'),
        status('w1', '2026-03-06T17:00:00-05:00', 'waiting_on_customer'),
        status('o1', '2026-03-09T10:00:00-04:00', 'open'),
      ],
    );
    const x = explainSla(events, 'resolution', { calendar: ny });
    expect(x.dues[0]).toMatchObject({
      dueAt: T('2026-03-09T15:00:00Z'),
      open: [
        { start: T('2026-03-06T21:00:00Z'), end: T('2026-03-06T23:00:00Z') },
        { start: T('2026-03-09T13:00:00Z'), end: T('2026-03-09T15:00:00Z') },
      ],
    });
    expect(x.due).toMatchObject({
      since: T('2026-03-09T14:00:00Z'),
      usedAtSince: 60 * MIN,
      dueAt: T('2026-03-09T17:00:00Z'),
    });
  });
});

describe('the calendar must be the one the events were computed with', () => {
  // v2 closes Mon 30 Nov: the ticket bound to v1 counted that Monday.
  const v2 = reviseCalendar(uk, {
    overrides: [{ date: '2026-11-30', windows: [], label: 'Training' }],
  });
  const { log, state } = story('T-1000', 'urgent', '2026-11-30T09:00:00Z', [
    reply('r1', '2026-11-30T09:20:00Z'),
  ]);

  it('with the state: any other calendar is CALENDAR_MISMATCH', () => {
    expect(() => explainSla(log, 'resolution', { calendar: v2, state })).toThrow(
      expect.objectContaining({ code: 'CALENDAR_MISMATCH', path: 'calendar' }),
    );
  });

  it('without it: refused where the calendar changes a recorded number', () => {
    expect(() => explainSla(log, 'resolution', { calendar: v2 })).toThrow(
      expect.objectContaining({ code: 'CALENDAR_MISMATCH', path: 'events[1].dueAt' }),
    );
  });

  it('the pinned snapshot, read back from JSON, is accepted', () => {
    const pinned = JSON.parse(JSON.stringify(toSnapshot(uk)));
    expect(explainSla(log, 'firstResponse', { calendar: pinned, state }).usedMs).toBe(20 * MIN);
  });
});

describe('the log must be one ticket’s complete, ordered history', () => {
  const { log } = story('T-1', 'urgent', '2026-11-30T09:00:00Z', [
    reply('r1', '2026-11-30T09:20:00Z'),
    status('w', '2026-11-30T10:00:00Z', 'waiting_on_customer'),
  ]);
  const code = (f: () => unknown) => {
    try {
      f();
      return 'no error';
    } catch (e) {
      return `${(e as { code: string }).code} ${(e as { path: string }).path}`;
    }
  };
  it('a gap, another ticket, an empty log, a metric without clock', () => {
    expect(code(() => explainSla([log[0], log[2]], 'resolution', { calendar: uk }))).toBe(
      'INVALID_EVENT_LOG events[1].id',
    );
    const other = startSla({
      ticketId: 'T-2',
      priority: 'urgent',
      createdAt: '2026-11-30T09:00:00Z',
      policy: story('x', 'urgent', '2026-11-30T09:00:00Z', []).binding.policy,
      calendar: uk,
    }).events;
    expect(code(() => explainSla([...log, ...other], 'resolution', { calendar: uk }))).toBe(
      `INVALID_EVENT_LOG events[${log.length}]`,
    );
    expect(code(() => explainSla([], 'resolution', { calendar: uk }))).toBe(
      'INVALID_EVENT_LOG events',
    );
    const low = story('T-3', 'low', '2026-11-30T09:00:00Z', []).log;
    expect(code(() => explainSla(low, 'firstResponse', { calendar: uk }))).toBe(
      'INVALID_EVENT_LOG metric',
    );
    expect(code(() => explainSla(log, 'firstReply' as never, { calendar: uk }))).toBe(
      'INVALID_EVENT_LOG metric',
    );
  });
  it('a state that is not one, or another ticket’s', () => {
    const other = story('T-9', 'urgent', '2026-11-30T09:00:00Z', []).state;
    expect(code(() => explainSla(log, 'resolution', { calendar: uk, state: other }))).toBe(
      'INVALID_STATE state.ticketId',
    );
    expect(
      code(() =>
        explainSla(log, 'resolution', { calendar: uk, state: { ...other, schema: 'x' } as never }),
      ),
    ).toMatch(/^INVALID_STATE state/);
  });
  it('an altered used time, bad options, now before the clock started', () => {
    const altered = log.map((e, i) =>
      i === 3 ? { ...e, usedMs: e.usedMs + 1, remainingMs: e.remainingMs - 1 } : e,
    );
    expect(code(() => explainSla(altered, 'resolution', { calendar: uk }))).toBe(
      'CALENDAR_MISMATCH events[3].usedMs',
    );
    expect(code(() => explainSla(log, 'resolution', null as never))).toBe(
      'INVALID_CALENDAR options',
    );
    expect(code(() => explainSla(log, 'resolution', { calendar: uk, zone: 'UTC' } as never))).toBe(
      'INVALID_CALENDAR zone',
    );
    expect(code(() => explainSla(log, 'resolution', { calendar: {} as never }))).toBe(
      'INVALID_CALENDAR calendar',
    );
    expect(
      code(() => explainSla(log, 'resolution', { calendar: uk, now: '2026-11-30T08:00:00Z' })),
    ).toBe('OUT_OF_ORDER_EVENT now');
    expect(
      code(() => explainSla(log, 'resolution', { calendar: uk, now: '2026-11-30T08:00:00' })),
    ).toBe('INVALID_INSTANT now');
  });
  it('never changes its input', () => {
    const before = JSON.stringify(log);
    const x = explainSla(log, 'resolution', { calendar: uk });
    expect(JSON.stringify(log)).toBe(before);
    expect(Object.isFrozen(x.intervals[0]?.open)).toBe(true);
    expect(JSON.parse(JSON.stringify(x))).toEqual(x);
  });
});
