import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineServiceContract,
  type OvertimeExposure,
  overtimeExposure,
} from '../../../src/advanced/index.js';
import { type Calendar, type CalendarDefinition, defineCalendar } from '../../../src/index.js';
import { calendarCaseArb, calendarDefinitionArb } from '../../../src/testing/index.js';
import { params } from '../../support/fc.js';
import {
  edfOrder,
  extraMinutesBefore,
  leastOvertimeBySearch,
  MINUTE,
  minutesBefore,
  openMinutes,
  type RefItem,
  referenceCost,
  simulate,
} from './reference.js';

// The engine against the brute-force reference on small whole-minute cases: rosters and
// overtime calendars drawn at random (DST zones, night windows, overrides), `now` near an
// offset change, up to six tickets due from 10 h before `now` to 4 days after it.

const ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Apia',
  'UTC',
];
const DUE_MINUTES = 4 * 1440;
/** Minutes simulated from `now` (finishing later is checked only as "later"). */
const SPAN_MINUTES = DUE_MINUTES + 3 * 1440;

interface Case {
  readonly rosterDefinition: CalendarDefinition;
  readonly roster: Calendar;
  readonly overtimeDefinition: CalendarDefinition;
  readonly now: number;
  readonly agents: number;
  readonly overtimeAgents: number;
  readonly ratePerHour: number;
  readonly work: readonly RefItem[];
}

const calendarOptions = {
  zones: ZONES,
  fromYear: 2026,
  toYear: 2026,
  maxWindowsPerDay: 2,
  maxOverrides: 3,
};

const dueMinute = fc.oneof(
  fc.integer({ min: -10, max: DUE_MINUTES / 60 }).map((h) => h * 60), // whole hours: ties, 17:00s
  fc.integer({ min: -600, max: DUE_MINUTES }),
);

const caseArb: fc.Arbitrary<Case> = calendarCaseArb(1, {
  ...calendarOptions,
  minuteAligned: true,
  spreadDays: 3,
}).chain(({ definition, calendar, instants }) =>
  fc.record({
    rosterDefinition: fc.constant(definition),
    roster: fc.constant(calendar),
    overtimeDefinition: calendarDefinitionArb(calendarOptions),
    now: fc.constant(instants[0] as number),
    agents: fc.integer({ min: 1, max: 3 }),
    overtimeAgents: fc.integer({ min: 1, max: 2 }),
    ratePerHour: fc.integer({ min: 0, max: 100_000 }),
    work: fc
      .uniqueArray(
        fc.record({
          ticketId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
          due: dueMinute,
          minutes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 })),
          metric: fc.constantFrom(undefined, 'resolution', 'firstResponse'),
          priority: fc.constantFrom(undefined, 'urgent', 'high', 'low'),
        }),
        { selector: (w) => w.ticketId, maxLength: 6 },
      )
      .map((items) =>
        items.map(
          (w): RefItem => ({
            ticketId: w.ticketId,
            dueAt: (instants[0] as number) + w.due * MINUTE,
            remainingMs: w.minutes * MINUTE,
            ...(w.metric === undefined ? {} : { metric: w.metric }),
            ...(w.priority === undefined ? {} : { priority: w.priority }),
          }),
        ),
      ),
  }),
);

/** The contract's per-breach credits, as a table to look up by hand. */
const CREDITS: Record<string, Record<string, number>> = {
  resolution: { urgent: 15_000, high: 5_000 },
  firstResponse: { urgent: 2_000 },
};
const contract = defineServiceContract({
  id: 'reference',
  currency: 'EUR',
  monthlyFee: 1_000_000,
  period: { zone: 'UTC', unit: 'month' },
  measure: { metric: 'resolution' },
  tiers: [{ from: 0, to: 100, creditPercent: 0 }],
  perBreach: [
    { metric: 'resolution', priorities: ['urgent'], amount: 15_000 },
    { metric: 'resolution', priorities: ['high'], amount: 5_000 },
    { metric: 'firstResponse', priorities: ['urgent'], amount: 2_000 },
  ],
});

interface Expected {
  requiredOvertimeMs: number;
  bottleneck: { dueAt: number; ticketIds: string[] } | null;
  late: { ticketId: string; dueAt: number; finishAt: number | undefined }[];
  unmeetable: { ticketId: string; dueAt: number; shortMs: number }[];
  cost: number;
  credits: { ticketId: string; amount: number; avoidable: boolean }[];
  unpriced: string[];
}

function expected(c: Case): Expected {
  const rosterOpen = openMinutes(c.rosterDefinition, c.now, SPAN_MINUTES);
  const overtimeOpen = openMinutes(c.overtimeDefinition, c.now, DUE_MINUTES);
  const roster = { open: rosterOpen, agents: c.agents };
  const requiredOvertimeMs = leastOvertimeBySearch(c.work, roster, c.now);

  const ordered = edfOrder(c.work);
  const dates = [...new Set(ordered.map((item) => item.dueAt))];
  let best = 0;
  let bottleneck: Expected['bottleneck'] = null;
  const unmeetable: Expected['unmeetable'] = [];
  for (const d of dates) {
    const due = ordered.filter((item) => item.dueAt <= d);
    const demand = due.reduce((sum, item) => sum + item.remainingMs, 0);
    const rostered = d <= c.now ? 0 : c.agents * MINUTE * minutesBefore(rosterOpen, c.now, d);
    const extra =
      d <= c.now
        ? 0
        : c.overtimeAgents * MINUTE * extraMinutesBefore(overtimeOpen, rosterOpen, c.now, d);
    const atD = ordered.filter((item) => item.dueAt === d);
    if (demand - rostered > best) {
      best = demand - rostered;
      bottleneck = { dueAt: d, ticketIds: atD.map((item) => item.ticketId) };
    }
    if (demand > rostered + extra) {
      for (const item of atD)
        unmeetable.push({ ticketId: item.ticketId, dueAt: d, shortMs: demand - rostered - extra });
    }
  }
  // The reference's two answers must agree with each other before the engine is judged.
  expect(best).toBe(requiredOvertimeMs);

  const finish = simulate(c.work, roster, c.now);
  const late = ordered.flatMap((item) => {
    const at = finish.get(item.ticketId) as number | undefined;
    return at === undefined || at > item.dueAt
      ? [{ ticketId: item.ticketId, dueAt: item.dueAt, finishAt: at }]
      : [];
  });
  return {
    requiredOvertimeMs,
    bottleneck,
    late,
    unmeetable,
    cost: referenceCost(requiredOvertimeMs, c.ratePerHour),
    credits: late.flatMap(({ ticketId, dueAt }) => {
      const item = c.work.find((w) => w.ticketId === ticketId) as RefItem;
      if (item.metric === undefined || item.priority === undefined) return [];
      const amount = CREDITS[item.metric]?.[item.priority] ?? 0;
      const avoidable = dueAt > c.now && !unmeetable.some((u) => u.ticketId === ticketId);
      return [{ ticketId, amount, avoidable }];
    }),
    unpriced: late
      .map((l) => c.work.find((w) => w.ticketId === l.ticketId) as RefItem)
      .filter((w) => w.metric === undefined || w.priority === undefined)
      .map((w) => w.ticketId),
  };
}

function engine(c: Case): OvertimeExposure {
  return overtimeExposure({
    now: c.now,
    work: c.work,
    roster: { calendar: c.roster, agents: c.agents },
    overtime: {
      calendar: defineCalendar(c.overtimeDefinition),
      agents: c.overtimeAgents,
      ratePerHour: c.ratePerHour,
      currency: 'EUR',
    },
    contract,
  });
}

describe('overtimeExposure agrees with the brute-force reference', () => {
  it('on random whole-minute cases', () => {
    const spanEnd = (c: Case) => c.now + SPAN_MINUTES * MINUTE;
    let finishesCompared = 0;
    let needOvertime = 0;
    let unmeetable = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const want = expected(c);
        const got = engine(c);
        if (got.requiredOvertimeMs > 0) needOvertime++;
        if (got.unmeetable.length > 0) unmeetable++;
        expect(got.requiredOvertimeMs).toBe(want.requiredOvertimeMs);
        expect(got.bottleneck).toEqual(want.bottleneck);
        expect(got.cost).toBe(want.cost);
        expect(got.unmeetable).toEqual(want.unmeetable);
        expect(
          got.creditExposure?.tickets.map(({ ticketId, amount, avoidable }) => ({
            ticketId,
            amount,
            avoidable,
          })),
        ).toEqual(want.credits);
        expect(got.creditExposure?.unpriced).toEqual(want.unpriced);
        const sum = (list: Expected['credits']) => list.reduce((total, x) => total + x.amount, 0);
        expect(got.creditExposure?.total).toBe(sum(want.credits));
        expect(got.creditExposure?.avoidable).toBe(sum(want.credits.filter((x) => x.avoidable)));
        expect(got.lateWithoutOvertime.map((l) => l.ticketId)).toEqual(
          want.late.map((l) => l.ticketId),
        );
        got.lateWithoutOvertime.forEach((late, i) => {
          const ref = want.late[i] as Expected['late'][number];
          expect(late.dueAt).toBe(ref.dueAt);
          if (ref.finishAt === undefined) {
            // Not done within the simulated span: the engine finishes later, or never.
            if (late.finishAt !== null) expect(late.finishAt).toBeGreaterThan(spanEnd(c));
          } else {
            finishesCompared++;
            expect(late.finishAt).toBe(ref.finishAt);
            expect(late.lateMs).toBe(ref.finishAt - ref.dueAt);
          }
        });
      }),
      params(1.5),
    );
    const runs = params(1.5).numRuns ?? 0;
    // The cases must exercise what they check: deficits, shortfalls, late finishes.
    expect(needOvertime).toBeGreaterThan(runs / 10);
    expect(unmeetable).toBeGreaterThan(runs / 20);
    expect(finishesCompared).toBeGreaterThan(runs / 5);
  });
});
