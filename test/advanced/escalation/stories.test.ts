import { describe, expect, it } from 'vitest';
import {
  checkEscalations,
  defineEscalationPlan,
  nextEscalationAt,
  observeSla,
  startEscalation,
} from '../../../src/advanced/index.js';
import { defineCalendar, defineSlaPolicy, startSla } from '../../../src/index.js';
import { MIN, planOf, T, Ticket } from './fixtures.js';

// Unit stories with instants worked out by hand (desk and calendar in fixtures.ts: Mon–Fri
// 09:00–17:00 London, BST until Sun 25 October 2026). Targets: high and normal 60 min first
// response and 960 min (two business days) resolution; urgent 30 and 240. Levels: fr-warn 10
// min before due (50 min of 60), res-50 / res-75 / res-due (percent), res-late-2h 120 min after
// due, urgent and high only.

describe('each kind of threshold, across nights, a weekend and the end of summer time', () => {
  // High ticket created Thu 22 Oct 13:00 BST (12:00Z); Thursday has 240 business minutes left.
  //   fr-warn 50 min      → Thu 13:50 BST = 12:50Z
  //   res-50  480 min     → Thu 240 + Fri 09:00 BST + 240 = Fri 13:00 BST = 12:00Z
  //   res-75  720 min     → Fri 17:00 BST (the close) = 16:00Z
  //   res-due 960 min     → Mon 26 (GMT now) 09:00 + 240 = 13:00Z, the due instant
  //   res-late 1080 min   → Mon 15:00Z
  const story = () => new Ticket(planOf('highest'), 'high', '2026-10-22T12:00:00Z');

  it('reports each level at its exact instant', () => {
    const ticket = story().reply('2026-10-22T13:00:00Z').check('2026-10-27T12:00:00Z');
    expect(ticket.reported()).toEqual([
      ['fr-warn', '2026-10-22T12:50:00.000Z', false],
      ['res-50', '2026-10-23T12:00:00.000Z', false],
      ['res-75', '2026-10-23T16:00:00.000Z', false],
      ['res-due', '2026-10-26T13:00:00.000Z', false],
      ['res-late-2h', '2026-10-26T15:00:00.000Z', false],
    ]);
    expect(ticket.escalations.map((e) => e.id)).toEqual([1, 2, 3, 4, 5].map((n) => `T-7/esc/${n}`));
  });

  it('carries the clock as it stands at the level', () => {
    const ticket = story().reply('2026-10-22T13:00:00Z').check('2026-10-27T12:00:00Z');
    expect(ticket.escalations[0]).toEqual({
      id: 'T-7/esc/1',
      type: 'sla.escalated',
      ticketId: 'T-7',
      metric: 'firstResponse',
      at: T('2026-10-22T12:50:00Z'),
      levelId: 'fr-warn',
      threshold: { beforeDue: 10 },
      thresholdMs: 50 * MIN,
      notify: ['assignee'],
      targetMs: 60 * MIN,
      usedMs: 50 * MIN,
      remainingMs: 10 * MIN,
      dueAt: T('2026-10-22T13:00:00Z'),
      priority: 'high',
      catchUp: false,
    });
    expect(ticket.escalations[2]).toMatchObject({
      levelId: 'res-75',
      threshold: { percent: 75 },
      thresholdMs: 720 * MIN,
      notify: ['assignee', 'team-lead'],
      targetMs: 960 * MIN,
      usedMs: 720 * MIN,
      remainingMs: 240 * MIN,
      dueAt: T('2026-10-26T13:00:00Z'),
    });
    expect(ticket.escalations[4]).toMatchObject({
      levelId: 'res-late-2h',
      threshold: { afterDue: 120 },
      thresholdMs: 1080 * MIN,
      usedMs: 1080 * MIN,
      remainingMs: -120 * MIN,
    });
  });

  it('the fr-warn level, passed before the reply, is reported when the reply is observed', () => {
    const ticket = story();
    expect(ticket.escalations).toEqual([]);
    ticket.reply('2026-10-22T13:00:00Z');
    expect(ticket.reported()).toEqual([['fr-warn', '2026-10-22T12:50:00.000Z', false]]);
  });

  it('levels reached between two ticket events come in time order with the later transition', () => {
    // No timer at all: Mon 14:00Z the ticket goes on hold. That applyEvent reports both
    // breaches (Thu 13:00Z, Mon 13:00Z) and the pauses; every level reached before is reported,
    // in time order, each before the SLA event that follows it.
    const ticket = story().status('2026-10-26T14:00:00Z', 'waiting_on_customer');
    expect(ticket.reported()).toEqual([
      ['fr-warn', '2026-10-22T12:50:00.000Z', false],
      ['res-50', '2026-10-23T12:00:00.000Z', false],
      ['res-75', '2026-10-23T16:00:00.000Z', false],
      ['res-due', '2026-10-26T13:00:00.000Z', false],
    ]);
    // Paused at Mon 14:00Z with 1020 min used: res-late-2h (1080) is not reached while on hold.
    ticket.check('2026-10-30T12:00:00Z');
    expect(ticket.escalations).toHaveLength(4);
  });

  it('a normal ticket never reaches a level filtered to urgent and high', () => {
    const ticket = new Ticket(planOf('highest'), 'normal', '2026-10-22T12:00:00Z')
      .reply('2026-10-22T13:00:00Z')
      .check('2026-10-30T12:00:00Z');
    expect(ticket.reported().map(([id]) => id)).toEqual(['fr-warn', 'res-50', 'res-75', 'res-due']);
  });
});

describe('a level met while paused is reached at the resume', () => {
  // Normal ticket Mon 26 Oct 09:00Z; reply 09:55Z (fr-warn was reached at 09:50Z). On hold at
  // 13:00Z with 240 min of resolution used. Made urgent at 14:00Z while on hold: the target
  // drops to 240 = the time used (no breach; due at the resume). Resumed Tue 10:00Z: res-50
  // (120), res-75 (180) and res-due (240) are all met at that instant; res-late-2h (360) is
  // reached 120 business minutes later, Tue 12:00Z.
  const run = (catchUp: 'highest' | 'all') =>
    new Ticket(planOf(catchUp), 'normal', '2026-10-26T09:00:00Z')
      .reply('2026-10-26T09:55:00Z')
      .status('2026-10-26T13:00:00Z', 'waiting_on_customer')
      .priority('2026-10-26T14:00:00Z', 'urgent')
      .status('2026-10-27T10:00:00Z', 'open')
      .check('2026-10-27T15:00:00Z');

  it("catchUp 'highest': only the highest of the levels met together", () => {
    const ticket = run('highest');
    expect(ticket.reported()).toEqual([
      ['fr-warn', '2026-10-26T09:50:00.000Z', false],
      ['res-due', '2026-10-27T10:00:00.000Z', true],
      ['res-late-2h', '2026-10-27T12:00:00.000Z', false],
    ]);
    expect(ticket.escalations[1]).toMatchObject({
      usedMs: 240 * MIN,
      remainingMs: 0,
      priority: 'urgent',
    });
  });

  it("catchUp 'all': each, lowest threshold first", () => {
    expect(run('all').reported()).toEqual([
      ['fr-warn', '2026-10-26T09:50:00.000Z', false],
      ['res-50', '2026-10-27T10:00:00.000Z', true],
      ['res-75', '2026-10-27T10:00:00.000Z', true],
      ['res-due', '2026-10-27T10:00:00.000Z', true],
      ['res-late-2h', '2026-10-27T12:00:00.000Z', false],
    ]);
  });

  it('nothing is reached while on hold, however long', () => {
    const ticket = new Ticket(planOf('all'), 'normal', '2026-10-26T09:00:00Z')
      .reply('2026-10-26T09:55:00Z')
      .status('2026-10-26T13:00:00Z', 'waiting_on_customer')
      .priority('2026-10-26T14:00:00Z', 'urgent')
      .check('2026-11-20T10:00:00Z');
    expect(ticket.reported().map(([id]) => id)).toEqual(['fr-warn']);
  });
});

describe('retargets', () => {
  it('down: the levels it brings under the used time are reached at the change', () => {
    // Normal ticket Mon 09:00Z, replied 09:20Z (before fr-warn at 09:50Z). Urgent at 14:00Z with
    // 300 min used: target 240, breached at the change; res-50/75/due met at 14:00Z.
    // res-late-2h (360) is 60 business minutes on: 15:00Z.
    const run = (catchUp: 'highest' | 'all') =>
      new Ticket(planOf(catchUp), 'normal', '2026-10-26T09:00:00Z')
        .reply('2026-10-26T09:20:00Z')
        .priority('2026-10-26T14:00:00Z', 'urgent')
        .check('2026-10-26T16:00:00Z');
    const highest = run('highest');
    expect(highest.reported()).toEqual([
      ['res-due', '2026-10-26T14:00:00.000Z', true],
      ['res-late-2h', '2026-10-26T15:00:00.000Z', false],
    ]);
    expect(highest.escalations[0]).toMatchObject({ usedMs: 300 * MIN, remainingMs: -60 * MIN });
    expect(run('all').reported()).toEqual([
      ['res-50', '2026-10-26T14:00:00.000Z', true],
      ['res-75', '2026-10-26T14:00:00.000Z', true],
      ['res-due', '2026-10-26T14:00:00.000Z', true],
      ['res-late-2h', '2026-10-26T15:00:00.000Z', false],
    ]);
  });

  it('up: a reported level whose threshold moves above the used time is re-armed', () => {
    // Urgent ticket Mon 09:00Z, replied 09:10Z. res-50 (120 of 240) at 11:00Z. Normal at 11:30Z
    // with 150 used: res-50 is now 480 → Mon 17:00Z, again; res-75 720 → Tue 09:00 + 240 =
    // 13:00Z; res-due 960 → Tue 17:00Z.
    const ticket = new Ticket(planOf('highest'), 'urgent', '2026-10-26T09:00:00Z')
      .reply('2026-10-26T09:10:00Z')
      .check('2026-10-26T11:15:00Z')
      .priority('2026-10-26T11:30:00Z', 'normal')
      .check('2026-10-28T09:00:00Z');
    expect(ticket.reported()).toEqual([
      ['res-50', '2026-10-26T11:00:00.000Z', false],
      ['res-50', '2026-10-26T17:00:00.000Z', false],
      ['res-75', '2026-10-27T13:00:00.000Z', false],
      ['res-due', '2026-10-27T17:00:00.000Z', false],
    ]);
  });

  it('reopening re-arms nothing', () => {
    // Urgent ticket Mon 09:00Z, replied 09:10Z: res-50 at 11:00Z. Resolved 11:10Z with 130 used,
    // reopened 11:20Z: res-75 (180) at 12:10Z, res-due (240) 13:10Z, res-late-2h (360) 15:10Z.
    const ticket = new Ticket(planOf('highest'), 'urgent', '2026-10-26T09:00:00Z')
      .reply('2026-10-26T09:10:00Z')
      .status('2026-10-26T11:10:00Z', 'resolved')
      .status('2026-10-26T11:20:00Z', 'open')
      .check('2026-10-26T16:00:00Z');
    expect(ticket.reported()).toEqual([
      ['res-50', '2026-10-26T11:00:00.000Z', false],
      ['res-75', '2026-10-26T12:10:00.000Z', false],
      ['res-due', '2026-10-26T13:10:00.000Z', false],
      ['res-late-2h', '2026-10-26T15:10:00.000Z', false],
    ]);
  });
});

describe('the priority filter follows the priority the tracker last saw', () => {
  it('a level met before the priority entered its filter is reached at the change', () => {
    // Normal ticket Mon 09:00Z, replied 09:20Z; res-due at Tue 17:00Z (960 used). Made high at
    // Wed 12:00Z (the target stays 960, so no retarget): 960 + 180 = 1140 used ≥ 1080, so
    // res-late-2h, for high tickets only, is reached at the change, catching up.
    const ticket = new Ticket(planOf('highest'), 'normal', '2026-10-26T09:00:00Z')
      .reply('2026-10-26T09:20:00Z')
      .priority('2026-10-28T12:00:00Z', 'high')
      .check('2026-10-28T16:00:00Z');
    // The change emitted only the breach it found, stamped with the priority before it.
    expect(ticket.transitions.at(-2)?.events.map((e) => [e.type, e.priority])).toEqual([
      ['sla.breached', 'normal'],
    ]);
    expect(ticket.reported()).toEqual([
      ['res-50', '2026-10-26T17:00:00.000Z', false],
      ['res-75', '2026-10-27T13:00:00.000Z', false],
      ['res-due', '2026-10-27T17:00:00.000Z', false],
      ['res-late-2h', '2026-10-28T12:00:00.000Z', true],
    ]);
    expect(ticket.escalations[3]).toMatchObject({ usedMs: 1140 * MIN, priority: 'high' });
  });

  it('a silent priority change within the filter changes nothing', () => {
    // Same ticket made high at Tue 13:00Z, with 720 used: res-late-2h (1080) is reached by
    // running time: Tue 13:00–17:00 is 240, then Wed 09:00 + 120 = Wed 11:00Z.
    const ticket = new Ticket(planOf('highest'), 'normal', '2026-10-26T09:00:00Z')
      .reply('2026-10-26T09:20:00Z')
      .priority('2026-10-27T13:00:00Z', 'high')
      .check('2026-10-28T16:00:00Z');
    expect(ticket.transitions.at(-2)?.events).toEqual([]);
    expect(ticket.reported().at(-1)).toEqual(['res-late-2h', '2026-10-28T11:00:00.000Z', false]);
  });
});

describe('a night desk open through the end of summer time', () => {
  // Open Sundays 00:00–06:00 London. On Sun 25 Oct 2026 the clocks go back at 02:00 BST, so
  // that night's window runs from 00:00 BST (Sat 23:00Z) to 06:00 GMT (06:00Z): seven real
  // hours of business time. Target 420 min, created at the opening, Sat 23:00Z:
  //   res-50   210 min → 23:00Z + 3h30 = Sun 02:30Z (02:30 GMT, after the repeated hour)
  //   pre-1h   360 min → Sun 05:00Z
  //   res-due  420 min → Sun 06:00Z, the close
  //   late-1h  480 min → next Sunday's opening, 00:00 GMT = Sun 1 Nov 00:00Z, + 60 = 01:00Z
  const night = defineCalendar({
    id: 'night',
    zone: 'Europe/London',
    week: { sun: ['00:00-06:00'] },
  });
  const nightPolicy = defineSlaPolicy({
    id: 'night',
    calendarId: 'night',
    targets: { p: { resolution: 420 } },
  });
  const nightPlan = defineEscalationPlan({
    id: 'night-escalations',
    policyId: 'night',
    catchUp: 'all',
    levels: [
      { id: 'res-50', metric: 'resolution', percent: 50 },
      { id: 'pre-1h', metric: 'resolution', beforeDue: 60 },
      { id: 'res-due', metric: 'resolution', percent: 100 },
      { id: 'late-1h', metric: 'resolution', afterDue: 60 },
    ],
  });

  it('counts the repeated hour as business time', () => {
    const sla = startSla({
      ticketId: 'N-1',
      priority: 'p',
      createdAt: T('2026-10-24T23:00:00Z'),
      policy: nightPolicy,
      calendar: night,
    });
    const options = { plan: nightPlan, calendar: night };
    const esc = observeSla(startEscalation(sla.state, { plan: nightPlan }), sla, options);
    expect(nextEscalationAt(esc.state)).toBe(T('2026-10-25T02:30:00Z'));
    const { events } = checkEscalations(esc.state, T('2026-11-02T00:00:00Z'), options);
    expect(events.map((e) => [e.levelId, new Date(e.at).toISOString(), e.usedMs / MIN])).toEqual([
      ['res-50', '2026-10-25T02:30:00.000Z', 210],
      ['pre-1h', '2026-10-25T05:00:00.000Z', 360],
      ['res-due', '2026-10-25T06:00:00.000Z', 420],
      ['late-1h', '2026-11-01T01:00:00.000Z', 480],
    ]);
  });
});
