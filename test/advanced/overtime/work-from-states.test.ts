import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitBreachModel, overtimeExposure, workFromStates } from '../../../src/advanced/index.js';
import {
  applyEvent,
  defineCalendar,
  defineSlaPolicy,
  type MetricStatus,
  replay,
  startSla,
  type TicketSlaState,
  toSnapshot,
} from '../../../src/index.js';
import { ticketStoryArb } from '../../../src/testing/index.js';
import { codeAndPath, jsonCopy } from '../../support/errors.js';
import { params } from '../../support/fc.js';

// The UK desk, Monday–Friday 09:00–17:00 Europe/London (GMT in November: local = UTC).
// Thu 2026-11-26, Fri 27, Sat 28, Sun 29, Mon 30.
const H = 3_600_000;
const T = (iso: string): number => Date.parse(iso);
const nineToFive = ['09:00-17:00'];
const uk = defineCalendar({
  id: 'uk',
  zone: 'Europe/London',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
});
const other = defineCalendar({ id: 'uk', zone: 'Europe/London', week: { sat: nineToFive } });
const policy = defineSlaPolicy({
  id: 'standard',
  calendarId: 'uk',
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved'],
  targets: { urgent: { firstResponse: 30, resolution: 240 }, normal: { resolution: 960 } },
});
const open = (ticketId: string, priority: string, createdAt: string): TicketSlaState =>
  startSla({ ticketId, priority, createdAt, policy, calendar: uk }).state;
const withStatus = (state: TicketSlaState, status: string, at: string): TicketSlaState =>
  applyEvent(state, { id: `${status}@${at}`, type: 'status_changed', status, at }, { calendar: uk })
    .state;

const NOW = '2026-11-27T15:00:00Z'; // Friday 15:00
// Urgent at Fri 15:00: resolution 4 h = 2 h Friday + 2 h Monday → Mon 11:00; first response Fri 15:30.
const fresh = open('A', 'urgent', NOW);
// Urgent at Thu 09:00: resolution due Thu 13:00, already breached by Friday.
const overdue = open('D', 'urgent', '2026-11-26T09:00:00Z');
// Normal at Thu 10:00: 16 h → Thu 7 h + Fri 8 h + Mon 1 h → Mon 10:00.
const normal = open('N', 'normal', '2026-11-26T10:00:00Z');
const paused = withStatus(
  open('P', 'urgent', '2026-11-27T10:00:00Z'),
  'waiting_on_customer',
  '2026-11-27T11:00:00Z',
);
const resolved = withStatus(
  open('R', 'urgent', '2026-11-27T10:00:00Z'),
  'resolved',
  '2026-11-27T11:00:00Z',
);

describe('workFromStates', () => {
  it('one item per ticket whose clock is running, due at its due instant, with the host estimate', () => {
    const seen: [string, MetricStatus][] = [];
    const work = workFromStates([fresh, paused, overdue, resolved, normal], NOW, {
      calendars: [uk],
      effort: (state, status) => {
        seen.push([state.ticketId, status]);
        return state.priority === 'urgent' ? 2 * H : H;
      },
    });
    expect(work).toEqual([
      {
        ticketId: 'A',
        dueAt: T('2026-11-30T11:00:00Z'),
        remainingMs: 2 * H,
        metric: 'resolution',
        priority: 'urgent',
      },
      {
        ticketId: 'D',
        dueAt: T('2026-11-26T13:00:00Z'),
        remainingMs: 2 * H,
        metric: 'resolution',
        priority: 'urgent',
      },
      {
        ticketId: 'N',
        dueAt: T('2026-11-30T10:00:00Z'),
        remainingMs: H,
        metric: 'resolution',
        priority: 'normal',
      },
    ]);
    expect(Object.isFrozen(work)).toBe(true);
    // The estimate is asked for running clocks only, with where each stands at `now`.
    expect(seen.map(([id]) => id)).toEqual(['A', 'D', 'N']);
    expect(seen[2]?.[1]).toMatchObject({ phase: 'running', usedMs: 13 * H, remainingMs: 3 * H });
  });

  it('first response instead, and states and calendars read back from JSON', () => {
    const work = workFromStates(jsonCopy([fresh, normal]), NOW, {
      calendars: [jsonCopy(toSnapshot(other)), jsonCopy(toSnapshot(uk))],
      effort: () => 10 * 60_000,
      metric: 'firstResponse',
    });
    // N's priority targets no first response: no clock, no item.
    expect(work).toEqual([
      {
        ticketId: 'A',
        dueAt: T('2026-11-27T15:30:00Z'),
        remainingMs: 600_000,
        metric: 'firstResponse',
        priority: 'urgent',
      },
    ]);
  });

  it('feeds overtimeExposure', () => {
    // One agent from Fri 15:00; D (2 h, already past due) then N (1 h, Mon 10:00) then A (2 h,
    // Mon 11:00). C(Thu 13:00) = 0 → 2 h short; C(Mon 10:00) = 2 h + 1 h = 3 h = D: 0;
    // C(Mon 11:00) = 4 h vs 5 h: 1 h. The largest is the 2 h already overdue.
    const work = workFromStates([fresh, overdue, normal], NOW, {
      calendars: [uk],
      effort: (state) => (state.priority === 'urgent' ? 2 * H : H),
    });
    const exposure = overtimeExposure({ now: NOW, work, roster: { calendar: uk, agents: 1 } });
    expect(exposure.requiredOvertimeMs).toBe(2 * H);
    expect(exposure.bottleneck).toEqual({ dueAt: T('2026-11-26T13:00:00Z'), ticketIds: ['D'] });
    expect(exposure.lateWithoutOvertime.map((l) => [l.ticketId, l.finishAt])).toEqual([
      ['D', T('2026-11-27T17:00:00Z')],
      ['A', T('2026-11-30T12:00:00Z')],
    ]);
  });

  it("without effort, the breach model's median remaining time of each clock", () => {
    // History: four urgent tickets created Mon 09:00, resolved after 1, 2, 3 and 4 business
    // hours of their 4 h target: stops at 1/4, 1/2, 3/4 and all of the target.
    const history = [1, 2, 3, 4].flatMap((hours) => {
      const start = startSla({
        ticketId: `H-${hours}`,
        priority: 'urgent',
        createdAt: '2026-11-23T09:00:00Z',
        policy,
        calendar: uk,
      });
      const at = new Date(T('2026-11-23T09:00:00Z') + hours * H).toISOString();
      const done = applyEvent(
        start.state,
        { id: 'done', type: 'status_changed', status: 'resolved', at },
        { calendar: uk },
      );
      return [...start.events, ...done.events];
    });
    const model = fitBreachModel(history, { asOf: T('2026-11-24T00:00:00Z') });
    const work = workFromStates([fresh, normal], NOW, { calendars: [uk], model: jsonCopy(model) });
    // A fresh clock (nothing used): half the history stopped by 1/2 of the target: 2 h left.
    // N has used 13 h of 16 h (0.8125): only the stop at the whole target lies beyond, so its
    // median is there: 16 h − 13 h = 3 h. (Few priority samples: the metric's curve is used.)
    expect(work.map((w) => [w.ticketId, w.remainingMs])).toEqual([
      ['A', 2 * H],
      ['N', 3 * H],
    ]);
    // An effort function takes precedence.
    expect(
      workFromStates([fresh], NOW, { calendars: [uk], model, effort: () => 7 }).map(
        (w) => w.remainingMs,
      ),
    ).toEqual([7]);
    // D has used 14 h of a 4 h target, beyond all the history: no estimate.
    expect(
      codeAndPath(() => workFromStates([fresh, overdue], NOW, { calendars: [uk], model })),
    ).toEqual({
      code: 'INVALID_MODEL',
      path: 'states[1]',
    });
    expect(
      codeAndPath(() =>
        workFromStates([fresh], NOW, {
          calendars: [uk],
          model: { ...jsonCopy(model), fingerprint: '0'.repeat(64) },
        }),
      ),
    ).toEqual({ code: 'FINGERPRINT_MISMATCH', path: 'options.model.fingerprint' });
  });

  const effort = () => H;
  it.each([
    [
      'states not a list',
      () => workFromStates({} as never, NOW, { calendars: [uk], effort }),
      'INVALID_STATE',
      'states',
    ],
    [
      'a state that is not one',
      () => workFromStates([42 as never], NOW, { calendars: [uk], effort }),
      'INVALID_STATE',
      'states[0]',
    ],
    [
      'a damaged state',
      () =>
        workFromStates([{ ...jsonCopy(fresh), lastEventAt: 'x' } as never], NOW, {
          calendars: [uk],
          effort,
        }),
      'INVALID_STATE',
      'states[0].lastEventAt',
    ],
    [
      'its calendar not given',
      () => workFromStates([fresh], NOW, { calendars: [other], effort }),
      'CALENDAR_MISMATCH',
      'states[0].calendar',
    ],
    [
      'now before its history',
      () => workFromStates([normal, fresh], '2026-11-27T14:00:00Z', { calendars: [uk], effort }),
      'OUT_OF_ORDER_EVENT',
      'states[1]',
    ],
    [
      'bad now',
      () => workFromStates([fresh], 'friday', { calendars: [uk], effort }),
      'INVALID_INSTANT',
      'now',
    ],
    [
      'options not an object',
      () => workFromStates([fresh], NOW, null as never),
      'INVALID_CALENDAR',
      'options',
    ],
    [
      'calendars not a list',
      () => workFromStates([fresh], NOW, { calendars: uk as never, effort }),
      'INVALID_CALENDAR',
      'options.calendars',
    ],
    [
      'a calendar that is not one',
      () => workFromStates([fresh], NOW, { calendars: ['uk' as never], effort }),
      'INVALID_CALENDAR',
      'options.calendars[0]',
    ],
    [
      'no effort',
      () => workFromStates([fresh], NOW, { calendars: [uk] } as never),
      'INVALID_AMOUNT',
      'options.effort',
    ],
    [
      'effort not a number',
      () => workFromStates([fresh], NOW, { calendars: [uk], effort: () => Number.NaN }),
      'INVALID_AMOUNT',
      'options.effort(states[0])',
    ],
    [
      'negative effort',
      () =>
        workFromStates([normal, fresh], NOW, {
          calendars: [uk],
          effort: (s) => (s.ticketId === 'A' ? -1 : 1),
        }),
      'INVALID_AMOUNT',
      'options.effort(states[1])',
    ],
    [
      'unknown metric',
      () => workFromStates([fresh], NOW, { calendars: [uk], effort, metric: 'speed' as never }),
      'INVALID_AMOUNT',
      'options.metric',
    ],
    [
      'unknown option',
      () => workFromStates([fresh], NOW, { calendars: [uk], effort, agents: 2 } as never),
      'INVALID_CALENDAR',
      'options.agents',
    ],
    [
      'a ticket twice',
      () => workFromStates([fresh, paused, fresh], NOW, { calendars: [uk], effort }),
      'INVALID_STATE',
      'states[2].ticketId',
    ],
  ])('%s', (_name, call, code, path) => {
    expect(codeAndPath(call)).toEqual({ code, path });
  });

  it('agrees with the stored clocks on random ticket stories', () => {
    fc.assert(
      fc.property(
        ticketStoryArb({ maxEvents: 8, maxOverrides: 1 }),
        fc.integer({ min: 0, max: 5 * 86_400_000 }),
        (story, later) => {
          const { state } = replay(story.binding, story.events);
          const now = state.lastEventAt + later;
          for (const metric of ['firstResponse', 'resolution'] as const) {
            const work = workFromStates([state], now, {
              calendars: [story.calendar],
              effort: () => 1,
              metric,
            });
            const clock = state.clocks[metric];
            // Phases change only with events: a clock running at its last event still runs,
            // and its due instant is the one stored with it.
            if (clock?.phase === 'running')
              expect(work).toEqual([
                {
                  ticketId: state.ticketId,
                  dueAt: clock.dueAt,
                  remainingMs: 1,
                  metric,
                  priority: state.priority,
                },
              ]);
            else expect(work).toEqual([]);
          }
        },
      ),
      params(0.25),
    );
  });
});
