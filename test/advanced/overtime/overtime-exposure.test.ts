import { describe, expect, it } from 'vitest';
import {
  defineServiceContract,
  type OvertimeExposureOptions,
  overtimeExposure,
  type WorkItem,
} from '../../../src/advanced/index.js';
import { defineCalendar, toSnapshot } from '../../../src/index.js';
import { codeAndPath, jsonCopy } from '../../support/errors.js';

// Hand-computed stories on a Monday–Friday 09:00–17:00 roster in Europe/London. In November
// London is on GMT, so local time = UTC. The week: Mon 2026-11-23 … Fri 27, Sat 28, Sun 29,
// Mon 30. A business day is 8 h.

const MIN = 60_000;
const H = 3_600_000;
const T = (iso: string): number => Date.parse(iso); // only ever with a Z

const nineToFive = ['09:00-17:00'];
const weekdays = defineCalendar({
  id: 'desk',
  zone: 'Europe/London',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
});
const saturdayMorning = defineCalendar({
  id: 'sat-morning',
  zone: 'Europe/London',
  week: { sat: ['09:00-11:00'] },
});

const item = (ticketId: string, dueAt: string, remainingMs: number): WorkItem => ({
  ticketId,
  dueAt,
  remainingMs,
});

const FRIDAY_15 = '2026-11-27T15:00:00Z';

describe('overtimeExposure: hand-computed stories', () => {
  it('needs nothing when rostered capacity covers every due date', () => {
    // Fri 09:00, one agent: by 12:00 3 h of capacity for 2 h due; by 17:00 8 h for 6 h.
    const exposure = overtimeExposure({
      now: '2026-11-27T09:00:00Z',
      work: [item('B', '2026-11-27T17:00:00Z', 4 * H), item('A', '2026-11-27T12:00:00Z', 2 * H)],
      roster: { calendar: weekdays, agents: 1 },
      overtime: { calendar: saturdayMorning, agents: 1, ratePerHour: 4_500, currency: 'EUR' },
    });
    expect(exposure).toEqual({
      requiredOvertimeMs: 0,
      cost: 0,
      currency: 'EUR',
      bottleneck: null,
      lateWithoutOvertime: [],
      unmeetable: [],
      creditExposure: null,
    });
    expect(Object.isFrozen(exposure)).toBe(true);
  });

  it('a due date at night: capacity stops at 17:00, the rest waits for Monday', () => {
    // Fri 15:00, one agent, 3 h due Fri 20:00. C = 2 h (15:00–17:00): 1 h short. On the roster
    // alone it finishes Mon 10:00 (2 h Friday, 1 h Monday): 62 h after Fri 20:00.
    const exposure = overtimeExposure({
      now: FRIDAY_15,
      work: [item('A', '2026-11-27T20:00:00Z', 3 * H)],
      roster: { calendar: weekdays, agents: 1 },
    });
    expect(exposure).toEqual({
      requiredOvertimeMs: H,
      cost: null,
      currency: null,
      bottleneck: { dueAt: T('2026-11-27T20:00:00Z'), ticketIds: ['A'] },
      lateWithoutOvertime: [
        {
          ticketId: 'A',
          dueAt: T('2026-11-27T20:00:00Z'),
          finishAt: T('2026-11-30T10:00:00Z'),
          lateMs: 62 * H,
        },
      ],
      // No overtime offered: the missing hour cannot be found anywhere.
      unmeetable: [{ ticketId: 'A', dueAt: T('2026-11-27T20:00:00Z'), shortMs: H }],
      creditExposure: null,
    });
  });

  it('over a weekend: the deficit peaks on Sunday and is gone by Monday 11:00', () => {
    // Two agents from Fri 15:00: C(Sat 12:00) = C(Sun 18:00) = 2 × 2 h = 4 h;
    // C(Mon 11:00) = 2 × (2 h + 2 h) = 8 h.
    // D: Sat 12:00 3 h (−1 h), Sun 18:00 5 h (+1 h), Mon 11:00 8 h (0).
    const exposure = overtimeExposure({
      now: FRIDAY_15,
      work: [
        item('C', '2026-11-30T11:00:00Z', 3 * H),
        item('A', '2026-11-28T12:00:00Z', 3 * H),
        item('B', '2026-11-29T18:00:00Z', 2 * H),
      ],
      roster: { calendar: weekdays, agents: 2 },
      overtime: { calendar: saturdayMorning, agents: 1, ratePerHour: 4_500, currency: 'EUR' },
    });
    expect(exposure.requiredOvertimeMs).toBe(H);
    expect(exposure.cost).toBe(4_500);
    expect(exposure.bottleneck).toEqual({ dueAt: T('2026-11-29T18:00:00Z'), ticketIds: ['B'] });
    // EDF on the roster: A's 3 h take 1.5 h of two agents (16:30); B's cumulative 5 h take
    // 2.5 h of roster time: 2 h Friday + 30 min Monday = Mon 09:30, 15.5 h after Sun 18:00;
    // C's cumulative 8 h take 4 h: Mon 11:00, exactly on time.
    expect(exposure.lateWithoutOvertime).toEqual([
      {
        ticketId: 'B',
        dueAt: T('2026-11-29T18:00:00Z'),
        finishAt: T('2026-11-30T09:30:00Z'),
        lateMs: 15.5 * H,
      },
    ]);
    // Saturday 09:00–11:00 adds 2 h before Sunday 18:00: 5 h ≤ 4 h + 2 h.
    expect(exposure.unmeetable).toEqual([]);
  });

  it('ties: served in ticket id order; the bottleneck is the earliest date of the largest deficit', () => {
    // One agent from Fri 15:00. 'b' and 'a' both due 17:00, 1.5 h each: D = 3 h, C = 2 h (+1 h).
    // 'c' due Mon 10:00, 1 h: D = 4 h, C = 3 h (+1 h again, but later).
    const exposure = overtimeExposure({
      now: FRIDAY_15,
      work: [
        item('c', '2026-11-30T10:00:00Z', H),
        item('b', '2026-11-27T17:00:00Z', 1.5 * H),
        item('a', '2026-11-27T17:00:00Z', 1.5 * H),
      ],
      roster: { calendar: weekdays, agents: 1 },
    });
    expect(exposure.requiredOvertimeMs).toBe(H);
    expect(exposure.bottleneck).toEqual({
      dueAt: T('2026-11-27T17:00:00Z'),
      ticketIds: ['a', 'b'],
    });
    // 'a' first: done 16:30. 'b': cumulative 3 h → Mon 10:00 (65 h late). 'c': 4 h → Mon 11:00.
    expect(exposure.lateWithoutOvertime).toEqual([
      {
        ticketId: 'b',
        dueAt: T('2026-11-27T17:00:00Z'),
        finishAt: T('2026-11-30T10:00:00Z'),
        lateMs: 65 * H,
      },
      {
        ticketId: 'c',
        dueAt: T('2026-11-30T10:00:00Z'),
        finishAt: T('2026-11-30T11:00:00Z'),
        lateMs: H,
      },
    ]);
    // Without overtime both due dates are short by 1 h; ties are reported together.
    expect(exposure.unmeetable).toEqual([
      { ticketId: 'a', dueAt: T('2026-11-27T17:00:00Z'), shortMs: H },
      { ticketId: 'b', dueAt: T('2026-11-27T17:00:00Z'), shortMs: H },
      { ticketId: 'c', dueAt: T('2026-11-30T10:00:00Z'), shortMs: H },
    ]);
  });

  it('several agents: pooled work that does not divide evenly finishes at the first whole millisecond', () => {
    // Three agents from Mon 09:00. 10 agent-ms due 09:00:00.003: capacity 3 × 3 = 9 → 1 ms short.
    // The roster does 3 agent-ms per ms, so 10 agent-ms need ⌈10 / 3⌉ = 4 ms: done at .004.
    const monday = T('2026-11-23T09:00:00Z');
    const exposure = overtimeExposure({
      now: monday,
      work: [{ ticketId: 'X', dueAt: monday + 3, remainingMs: 10 }],
      roster: { calendar: weekdays, agents: 3 },
    });
    expect(exposure.requiredOvertimeMs).toBe(1);
    expect(exposure.lateWithoutOvertime).toEqual([
      { ticketId: 'X', dueAt: monday + 3, finishAt: monday + 4, lateMs: 1 },
    ]);
    // 9 agent-ms by .003 is exactly enough for 9: on time.
    const exact = overtimeExposure({
      now: monday,
      work: [{ ticketId: 'X', dueAt: monday + 3, remainingMs: 9 }],
      roster: { calendar: weekdays, agents: 3 },
    });
    expect(exact.requiredOvertimeMs).toBe(0);
    expect(exact.lateWithoutOvertime).toEqual([]);
  });

  it('several agents over days: 4 agents clear 30 h by Monday 10:30', () => {
    // Four agents from Fri 15:00: 8 agent-hours Friday, then 4 per hour on Monday.
    // 30 h due Mon 12:00: C = 4 × (2 h + 3 h) = 20 h → 10 h short. Finish: ⌈30 h / 4⌉ = 7.5 h
    // of roster time = 2 h Friday + 5.5 h Monday = Mon 14:30, 2.5 h late.
    const exposure = overtimeExposure({
      now: FRIDAY_15,
      work: [item('big', '2026-11-30T12:00:00Z', 30 * H)],
      roster: { calendar: weekdays, agents: 4 },
    });
    expect(exposure.requiredOvertimeMs).toBe(10 * H);
    expect(exposure.lateWithoutOvertime).toEqual([
      {
        ticketId: 'big',
        dueAt: T('2026-11-30T12:00:00Z'),
        finishAt: T('2026-11-30T14:30:00Z'),
        lateMs: 2.5 * H,
      },
    ]);
  });

  it('an overtime calendar too small: unmeetable, short by what even overtime cannot cover', () => {
    // One agent from Fri 15:00, 6 h due Sat 12:00. Roster 2 h; overtime Sat 09:00–11:00, 1 agent
    // (2 h): short by 2 h. Required overtime is still the full deficit, 4 h, at €45/h = €180.
    const exposure = overtimeExposure({
      now: FRIDAY_15,
      work: [item('A', '2026-11-28T12:00:00Z', 6 * H)],
      roster: { calendar: weekdays, agents: 1 },
      overtime: { calendar: saturdayMorning, agents: 1, ratePerHour: 4_500, currency: 'EUR' },
    });
    expect(exposure.requiredOvertimeMs).toBe(4 * H);
    expect(exposure.cost).toBe(18_000);
    expect(exposure.unmeetable).toEqual([
      { ticketId: 'A', dueAt: T('2026-11-28T12:00:00Z'), shortMs: 2 * H },
    ]);
    // Two people on the Saturday morning: 4 h of overtime, just enough.
    const two = overtimeExposure({
      now: FRIDAY_15,
      work: [item('A', '2026-11-28T12:00:00Z', 6 * H)],
      roster: { calendar: weekdays, agents: 1 },
      overtime: { calendar: saturdayMorning, agents: 2, ratePerHour: 4_500, currency: 'EUR' },
    });
    expect(two.unmeetable).toEqual([]);
  });

  it('only overtime hours outside the roster count, and only before the due date', () => {
    // Overtime open Fri 16:00–19:00 and Sat 10:00–14:00: outside the roster that is Fri 17:00–19:00
    // (2 h) and Sat 10:00–14:00, of which 10:00–12:00 lies before a Sat 12:00 due date (2 h).
    const late = defineCalendar({
      id: 'late',
      zone: 'Europe/London',
      week: { fri: ['16:00-19:00'], sat: ['10:00-14:00'] },
    });
    const exposure = overtimeExposure({
      now: FRIDAY_15,
      work: [item('A', '2026-11-28T12:00:00Z', 7 * H)],
      roster: { calendar: weekdays, agents: 1 },
      overtime: { calendar: late, agents: 1, ratePerHour: 1, currency: 'EUR' },
    });
    // D = 7 h; C = 2 h; E = 4 h: short 1 h.
    expect(exposure.unmeetable).toEqual([
      { ticketId: 'A', dueAt: T('2026-11-28T12:00:00Z'), shortMs: H },
    ]);
    // The same offer in calendar snapshot form, read back from JSON, gives the same answer.
    const again = overtimeExposure({
      now: FRIDAY_15,
      work: [item('A', '2026-11-28T12:00:00Z', 7 * H)],
      roster: { calendar: jsonCopy(toSnapshot(weekdays)), agents: 1 },
      overtime: {
        calendar: jsonCopy(toSnapshot(late)),
        agents: 1,
        ratePerHour: 1,
        currency: 'EUR',
      },
    });
    expect(again).toEqual(exposure);
  });

  it('work already past due has no capacity at all', () => {
    // Due Fri 14:00, now Fri 15:00: D = 2 h, C = 0 → 2 h of overtime, unmeetable by 2 h; on the
    // roster it is done at 17:00, 3 h late. A ticket past due with nothing left is late too.
    const exposure = overtimeExposure({
      now: FRIDAY_15,
      work: [item('old', '2026-11-27T14:00:00Z', 2 * H), item('done', '2026-11-27T14:30:00Z', 0)],
      roster: { calendar: weekdays, agents: 1 },
      overtime: { calendar: saturdayMorning, agents: 5, ratePerHour: 4_500, currency: 'EUR' },
    });
    expect(exposure.requiredOvertimeMs).toBe(2 * H);
    expect(exposure.bottleneck).toEqual({ dueAt: T('2026-11-27T14:00:00Z'), ticketIds: ['old'] });
    expect(exposure.lateWithoutOvertime).toEqual([
      {
        ticketId: 'old',
        dueAt: T('2026-11-27T14:00:00Z'),
        finishAt: T('2026-11-27T17:00:00Z'),
        lateMs: 3 * H,
      },
      {
        ticketId: 'done',
        dueAt: T('2026-11-27T14:30:00Z'),
        finishAt: T('2026-11-27T17:00:00Z'),
        lateMs: 2.5 * H,
      },
    ]);
    expect(exposure.unmeetable).toEqual([
      { ticketId: 'old', dueAt: T('2026-11-27T14:00:00Z'), shortMs: 2 * H },
      { ticketId: 'done', dueAt: T('2026-11-27T14:30:00Z'), shortMs: 2 * H },
    ]);
  });

  it('a roster that runs out of open time never finishes: finishAt null', () => {
    // A roster open only on Mon 2026-11-30 09:00–17:00 (an override, empty week).
    const oneDay = defineCalendar({
      id: 'one-day',
      zone: 'Europe/London',
      week: {},
      overrides: [{ date: '2026-11-30', windows: ['09:00-17:00'] }],
    });
    const exposure = overtimeExposure({
      now: FRIDAY_15,
      work: [
        item('A', '2026-11-30T12:00:00Z', 2 * H),
        item('B', '2026-12-01T12:00:00Z', 7 * H),
        item('C', '2026-12-02T12:00:00Z', 0),
      ],
      roster: { calendar: oneDay, agents: 1 },
    });
    // C(Mon 12:00) = 3 h ≥ 2 h; C(Tue 12:00) = 8 h < 9 h: 1 h short, and never done.
    expect(exposure.requiredOvertimeMs).toBe(H);
    expect(exposure.lateWithoutOvertime).toEqual([
      { ticketId: 'B', dueAt: T('2026-12-01T12:00:00Z'), finishAt: null, lateMs: null },
      // Nothing left on C, but it waits behind B, which is never done.
      { ticketId: 'C', dueAt: T('2026-12-02T12:00:00Z'), finishAt: null, lateMs: null },
    ]);
  });

  it('no work: nothing needed', () => {
    expect(
      overtimeExposure({ now: FRIDAY_15, work: [], roster: { calendar: weekdays, agents: 1 } }),
    ).toEqual({
      requiredOvertimeMs: 0,
      cost: null,
      currency: null,
      bottleneck: null,
      lateWithoutOvertime: [],
      unmeetable: [],
      creditExposure: null,
    });
  });
});

describe('overtimeExposure: the credits the late tickets would cost', () => {
  const gold = defineServiceContract({
    id: 'acme-gold',
    currency: 'EUR',
    monthlyFee: 1_250_000,
    period: { zone: 'Europe/London', unit: 'month' },
    measure: { metric: 'resolution' },
    tiers: [{ from: 0, to: 100, creditPercent: 0 }],
    perBreach: [
      { metric: 'resolution', priorities: ['urgent'], amount: 15_000 },
      { metric: 'resolution', priorities: ['high'], amount: 5_000 },
    ],
  });
  // One agent from Fri 15:00 (2 h left on Friday, then Monday); Saturday 09:00–11:00 overtime.
  const work: WorkItem[] = [
    // Past due: late whatever is done.
    {
      ticketId: 'old',
      dueAt: '2026-11-27T14:00:00Z',
      remainingMs: H,
      metric: 'resolution',
      priority: 'urgent',
    },
    // Cumulative 2 h by Fri 17:00: on time.
    {
      ticketId: 'ok',
      dueAt: '2026-11-27T17:00:00Z',
      remainingMs: H,
      metric: 'resolution',
      priority: 'urgent',
    },
    // Cumulative 4 h by Sat 10:00 vs 2 h + 1 h of overtime: short 1 h, unmeetable.
    {
      ticketId: 'sat',
      dueAt: '2026-11-28T10:00:00Z',
      remainingMs: 2 * H,
      metric: 'resolution',
      priority: 'high',
    },
    // Cumulative 5 h by Sun 12:00 vs 2 h + 2 h of overtime: late, and short by 1 h.
    {
      ticketId: 'sun',
      dueAt: '2026-11-29T12:00:00Z',
      remainingMs: H,
      metric: 'resolution',
      priority: 'urgent',
    },
    // Cumulative 6 h by Mon 13:00 vs 2 h Friday + 4 h Monday: on time.
    {
      ticketId: 'mon',
      dueAt: '2026-11-30T13:00:00Z',
      remainingMs: H,
      metric: 'firstResponse',
      priority: 'urgent',
    },
    // No metric: cannot be priced. Cumulative 8 h by Mon 14:00 vs 7 h: late, avoidable.
    { ticketId: 'anon', dueAt: '2026-11-30T14:00:00Z', remainingMs: 2 * H },
    // Cumulative 9 h by Mon 16:00 vs 9 h: on time.
  ];
  const options = (contract: unknown): OvertimeExposureOptions =>
    ({
      now: FRIDAY_15,
      work,
      roster: { calendar: weekdays, agents: 1 },
      overtime: { calendar: saturdayMorning, agents: 1, ratePerHour: 4_500, currency: 'EUR' },
      contract,
    }) as OvertimeExposureOptions;

  it('prices each late breach by the contract, and says which overtime could avoid', () => {
    const exposure = overtimeExposure(options(gold));
    expect(exposure.lateWithoutOvertime.map((l) => l.ticketId)).toEqual([
      'old',
      'sat',
      'sun',
      'anon',
    ]);
    expect(exposure.unmeetable.map((u) => u.ticketId)).toEqual(['old', 'sat', 'sun']);
    expect(exposure.creditExposure).toEqual({
      contract: { id: 'acme-gold', version: 1, fingerprint: gold.fingerprint },
      currency: 'EUR',
      tickets: [
        {
          ticketId: 'old',
          dueAt: T('2026-11-27T14:00:00Z'),
          metric: 'resolution',
          priority: 'urgent',
          amount: 15_000,
          avoidable: false,
        },
        {
          ticketId: 'sat',
          dueAt: T('2026-11-28T10:00:00Z'),
          metric: 'resolution',
          priority: 'high',
          amount: 5_000,
          avoidable: false,
        },
        {
          ticketId: 'sun',
          dueAt: T('2026-11-29T12:00:00Z'),
          metric: 'resolution',
          priority: 'urgent',
          amount: 15_000,
          avoidable: false,
        },
      ],
      unpriced: ['anon'],
      total: 35_000,
      avoidable: 0,
    });
  });

  it('reads a stored contract, and rejects a damaged one at its path', () => {
    expect(overtimeExposure(options(jsonCopy(gold)))).toEqual(overtimeExposure(options(gold)));
    expect(
      codeAndPath(() =>
        overtimeExposure(options({ ...jsonCopy(gold), fingerprint: '0'.repeat(64) })),
      ),
    ).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'contract.fingerprint',
    });
    expect(codeAndPath(() => overtimeExposure(options('gold')))).toEqual({
      code: 'INVALID_CONTRACT',
      path: 'contract',
    });
  });

  it('a late ticket the overtime can save is avoidable; a metric no rule covers costs 0', () => {
    // Two agents on Saturday morning: 4 h of overtime. 'sat' (4 h due by Sat 10:00: 2 h + 2 h
    // from 09:00–10:00 × 2) and 'sun' (5 h by Sun 12:00: 2 h + 4 h) can now both be met.
    const exposure = overtimeExposure({
      ...options(gold),
      overtime: { calendar: saturdayMorning, agents: 2, ratePerHour: 4_500, currency: 'EUR' },
      work: work.map((w) =>
        w.ticketId === 'sun' ? { ...w, metric: 'firstResponse' as const } : w,
      ),
    });
    expect(exposure.unmeetable.map((u) => u.ticketId)).toEqual(['old']);
    expect(
      exposure.creditExposure?.tickets.map((t) => [t.ticketId, t.amount, t.avoidable]),
    ).toEqual([
      ['old', 15_000, false],
      ['sat', 5_000, true],
      ['sun', 0, true],
    ]);
    expect(exposure.creditExposure?.avoidable).toBe(5_000);
    expect(exposure.creditExposure?.total).toBe(20_000);
  });
});

describe('overtimeExposure: cost is rounded once, half away from zero', () => {
  // 1 agent from Fri 16:59 with a due date at 17:00 and `deficit` more than one minute of work.
  const costOf = (deficitMs: number, ratePerHour: number, currency = 'EUR'): number | null =>
    overtimeExposure({
      now: '2026-11-27T16:59:00Z',
      work: [item('A', '2026-11-27T17:00:00Z', MIN + deficitMs)],
      roster: { calendar: weekdays, agents: 1 },
      overtime: { calendar: saturdayMorning, agents: 1, ratePerHour, currency },
    }).cost;

  it.each([
    [36_000, 150, 2], // 0.01 h × 150 = 1.5 → 2
    [36_000, 149, 1], // 1.49 → 1
    [18_000, 100, 1], // 0.5 → 1 (half away from zero)
    [17_999, 100, 0], // 0.49997… → 0
    [60_000, 50, 1], // 1 min × 50 / 60 = 0.8333… → 1
    [7_200_000, 4_525, 9_050], // 2 h × 45.25 = 90.50
    [1, 3_600_000, 1], // 1 ms at 36 000.00 per hour = 1 cent exactly
    [0, 4_500, 0],
  ])('%i ms at %i per hour costs %i', (deficitMs, rate, expected) => {
    expect(costOf(deficitMs, rate)).toBe(expected);
  });

  it('in currencies without cents the rate is whole units', () => {
    expect(costOf(30 * MIN, 3_001, 'JPY')).toBe(1_501); // 1500.5 → 1501
  });
});

describe('overtimeExposure: bad input', () => {
  const good: OvertimeExposureOptions = {
    now: FRIDAY_15,
    work: [item('A', '2026-11-28T12:00:00Z', H)],
    roster: { calendar: weekdays, agents: 1 },
    overtime: { calendar: saturdayMorning, agents: 1, ratePerHour: 4_500, currency: 'EUR' },
  };
  const withChange = (change: (o: Record<string, unknown>) => void): OvertimeExposureOptions => {
    const copy = { ...jsonCopy(good), roster: { ...good.roster }, overtime: { ...good.overtime } };
    const o = copy as unknown as Record<string, unknown>;
    change(o);
    return copy as unknown as OvertimeExposureOptions;
  };
  const workItem = (patch: Record<string, unknown>) =>
    withChange((o) => {
      o.work = [{ ...(good.work[0] as object), ...patch }];
    });

  it.each([
    [
      'not an object',
      () => null as unknown as OvertimeExposureOptions,
      'INVALID_AMOUNT',
      undefined,
    ],
    [
      'unknown key',
      () =>
        withChange((o) => {
          o.agents = 3;
        }),
      'INVALID_AMOUNT',
      'agents',
    ],
    [
      'a contract that is not one',
      () =>
        withChange((o) => {
          o.contract = {};
        }),
      'INVALID_CONTRACT',
      'contract',
    ],
    [
      'now missing',
      () =>
        withChange((o) => {
          delete o.now;
        }),
      'INVALID_INSTANT',
      'now',
    ],
    [
      'now without offset',
      () =>
        withChange((o) => {
          o.now = '2026-11-27T15:00';
        }),
      'INVALID_INSTANT',
      'now',
    ],
    [
      'now out of range',
      () =>
        withChange((o) => {
          o.now = '2300-01-01T00:00:00Z';
        }),
      'INSTANT_OUT_OF_RANGE',
      'now',
    ],
    [
      'work not a list',
      () =>
        withChange((o) => {
          o.work = {};
        }),
      'INVALID_AMOUNT',
      'work',
    ],
    [
      'work item not an object',
      () =>
        withChange((o) => {
          o.work = [7];
        }),
      'INVALID_AMOUNT',
      'work[0]',
    ],
    ['empty ticket id', () => workItem({ ticketId: '' }), 'INVALID_AMOUNT', 'work[0].ticketId'],
    ['bad due date', () => workItem({ dueAt: 1.5 }), 'INVALID_INSTANT', 'work[0].dueAt'],
    [
      'negative effort',
      () => workItem({ remainingMs: -1 }),
      'INVALID_AMOUNT',
      'work[0].remainingMs',
    ],
    [
      'fractional effort',
      () => workItem({ remainingMs: 0.5 }),
      'INVALID_AMOUNT',
      'work[0].remainingMs',
    ],
    [
      'NaN effort',
      () => workItem({ remainingMs: Number.NaN }),
      'INVALID_AMOUNT',
      'work[0].remainingMs',
    ],
    ['unknown metric', () => workItem({ metric: 'speed' }), 'INVALID_AMOUNT', 'work[0].metric'],
    ['empty priority', () => workItem({ priority: '' }), 'INVALID_AMOUNT', 'work[0].priority'],
    ['unknown work key', () => workItem({ due: 1 }), 'INVALID_AMOUNT', 'work[0].due'],
    [
      'duplicate ticket',
      () =>
        withChange((o) => {
          o.work = [good.work[0], good.work[0]];
        }),
      'INVALID_AMOUNT',
      'work[1].ticketId',
    ],
    [
      'total beyond safe integers',
      () =>
        withChange((o) => {
          o.work = [item('A', FRIDAY_15, Number.MAX_SAFE_INTEGER), item('B', FRIDAY_15, 1)];
        }),
      'INVALID_AMOUNT',
      'work[1].remainingMs',
    ],
    [
      'roster missing',
      () =>
        withChange((o) => {
          delete o.roster;
        }),
      'INVALID_CALENDAR',
      'roster',
    ],
    [
      'roster calendar not one',
      () =>
        withChange((o) => {
          o.roster = { calendar: 'desk', agents: 1 };
        }),
      'INVALID_CALENDAR',
      'roster.calendar',
    ],
    [
      'roster snapshot tampered',
      () =>
        withChange((o) => {
          o.roster = {
            calendar: { ...jsonCopy(weekdays), fingerprint: 'f'.repeat(64) },
            agents: 1,
          };
        }),
      'FINGERPRINT_MISMATCH',
      'roster.calendar.fingerprint',
    ],
    [
      'no agents',
      () =>
        withChange((o) => {
          o.roster = { calendar: weekdays, agents: 0 };
        }),
      'INVALID_AMOUNT',
      'roster.agents',
    ],
    [
      'roster unknown key',
      () =>
        withChange((o) => {
          o.roster = { calendar: weekdays, agents: 1, shift: 'a' };
        }),
      'INVALID_CALENDAR',
      'roster.shift',
    ],
    [
      'overtime not an object',
      () =>
        withChange((o) => {
          o.overtime = 5;
        }),
      'INVALID_CALENDAR',
      'overtime',
    ],
    [
      'overtime agents',
      () =>
        withChange((o) => {
          (o.overtime as Record<string, unknown>).agents = 1.5;
        }),
      'INVALID_AMOUNT',
      'overtime.agents',
    ],
    [
      'negative rate',
      () =>
        withChange((o) => {
          (o.overtime as Record<string, unknown>).ratePerHour = -1;
        }),
      'INVALID_AMOUNT',
      'overtime.ratePerHour',
    ],
    [
      'unknown currency',
      () =>
        withChange((o) => {
          (o.overtime as Record<string, unknown>).currency = 'eur';
        }),
      'INVALID_AMOUNT',
      'overtime.currency',
    ],
    [
      'cost beyond safe integers',
      () =>
        withChange((o) => {
          o.work = [item('A', FRIDAY_15, 2 ** 52)];
          (o.overtime as Record<string, unknown>).ratePerHour = 2 ** 52;
        }),
      'INVALID_AMOUNT',
      'overtime.ratePerHour',
    ],
  ])('%s', (_name, options, code, path) => {
    const given = options();
    const before = JSON.stringify(given);
    expect(codeAndPath(() => overtimeExposure(given))).toEqual({ code, path });
    expect(JSON.stringify(given)).toBe(before);
  });

  it('never changes its input', () => {
    const options = jsonCopy(good) as unknown as OvertimeExposureOptions;
    const before = JSON.stringify(options);
    overtimeExposure(options);
    expect(JSON.stringify(options)).toBe(before);
    expect(Object.isFrozen(options.work)).toBe(false);
  });
});
