import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  type Calendar,
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  nextCheckAt,
  PetSlaError,
  replay,
  reviseCalendar,
  type SlaBinding,
  type SlaEvent,
  slaStatus,
  startSla,
  type TicketEvent,
  type TicketSlaState,
  toActivityFeedEntry,
  toSnapshot,
} from '../../src/index.js';
import { checkClockLaws } from '../../src/testing/clock-laws.js';

// Ticket stories with exact instants (SPEC §9). Every instant is worked out by hand in the
// comments. The UK desk is open Monday to Friday 09:00–18:00 Europe/London; in November and
// December London is on GMT, so local time = UTC. Week of the stories:
//   Thu 2026-11-26, Fri 27, (Sat 28, Sun 29), Mon 30, Tue 2026-12-01, Wed 2, Thu 3, Fri 4.
// A business day is 9 h = 540 min.

const MIN = 60_000;
const T = (iso: string): number => Date.parse(iso); // only ever with a Z or an offset

const ukDefinition = {
  id: 'uk-support',
  zone: 'Europe/London',
  week: {
    mon: ['09:00-18:00'],
    tue: ['09:00-18:00'],
    wed: ['09:00-18:00'],
    thu: ['09:00-18:00'],
    fri: ['09:00-18:00'],
  },
};
const uk = defineCalendar(ukDefinition);

const targets = {
  urgent: { firstResponse: 30, resolution: 240 },
  high: { firstResponse: 60, resolution: 480 },
  normal: { firstResponse: 240, resolution: 2400 },
  low: { resolution: 4800 },
};
const standard = defineSlaPolicy({
  id: 'standard',
  calendarId: 'uk-support',
  pauseWhile: ['waiting_on_customer', 'on_hold'],
  stopWhen: ['resolved', 'closed'],
  targets,
});

const status = (id: string, at: string, s: string): TicketEvent => ({
  id,
  at,
  type: 'status_changed',
  status: s,
});
const reply = (id: string, at: string): TicketEvent => ({ id, at, type: 'agent_replied' });
const priority = (id: string, at: string, p: string): TicketEvent => ({
  id,
  at,
  type: 'priority_changed',
  priority: p,
});

/** A ticket under test: its state, everything emitted, and the events applied. */
class Ticket {
  state: TicketSlaState;
  readonly emitted: SlaEvent[] = [];
  readonly applied: TicketEvent[] = [];
  readonly started: readonly SlaEvent[];

  constructor(
    readonly binding: SlaBinding,
    readonly calendar: Calendar = binding.calendar,
  ) {
    const { state, events } = startSla(binding);
    this.state = state;
    this.started = events;
    this.emitted.push(...events);
  }

  apply(event: TicketEvent): readonly SlaEvent[] {
    const { state, events } = applyEvent(this.state, event, { calendar: this.calendar });
    this.state = state;
    this.applied.push(event);
    this.emitted.push(...events);
    return events;
  }

  check(now: string): readonly SlaEvent[] {
    const { state, events } = checkBreaches(this.state, now, { calendar: this.calendar });
    this.state = state;
    this.emitted.push(...events);
    return events;
  }

  status(now: string) {
    return slaStatus(this.state, now, { calendar: this.calendar });
  }

  next(): number | null {
    return nextCheckAt(this.state);
  }

  /** The story so far also satisfies every clock law, and replays to the same result. */
  checkLaws(): void {
    const story = {
      definition: ukDefinition,
      calendar: this.calendar,
      policy: this.binding.policy,
      binding: this.binding,
      events: this.applied,
    };
    checkClockLaws(story);
    const replayed = replay(this.binding, this.applied);
    if (this.emitted.every((e) => e.type !== 'sla.breached' || e.causedBy !== null)) {
      expect(replayed.state).toEqual(this.state);
      expect(replayed.events).toEqual(this.emitted);
    }
  }
}

const kinds = (events: readonly SlaEvent[]): string[] => events.map((e) => `${e.type} ${e.metric}`);
const text = (event: SlaEvent | undefined): string => {
  if (event === undefined) throw new Error('no such event');
  return toActivityFeedEntry(event).text;
};

const binding = (
  ticketId: string,
  p: string,
  createdAt: string,
  extra: object = {},
): SlaBinding => ({
  ticketId,
  priority: p,
  createdAt,
  policy: standard,
  calendar: uk,
  ...extra,
});

describe('a pause and resume across a night and a weekend', () => {
  // Urgent (first response 30 min, resolution 240 min), created Thu 26 Nov 17:10.
  //   first response: 17:10 + 30 min = 17:40 Thu.
  //   resolution: 50 min on Thu (17:10–18:00), 190 min left → Fri 09:00 + 3h10 = 12:10 Fri.
  const ticket = new Ticket(binding('T-100', 'urgent', '2026-11-26T17:10:00Z'));

  it('starts both clocks with their due instants', () => {
    expect(ticket.started).toMatchObject([
      {
        id: 'T-100/sla/1',
        type: 'sla.started',
        metric: 'firstResponse',
        at: T('2026-11-26T17:10:00Z'),
        phase: 'running',
        targetMs: 30 * MIN,
        usedMs: 0,
        remainingMs: 30 * MIN,
        dueAt: T('2026-11-26T17:40:00Z'),
        status: null,
        priority: 'urgent',
        causedBy: null,
      },
      {
        id: 'T-100/sla/2',
        type: 'sla.started',
        metric: 'resolution',
        targetMs: 240 * MIN,
        dueAt: T('2026-11-27T12:10:00Z'),
      },
    ]);
    expect(text(ticket.started[0])).toBe(
      'First response SLA started — target 30m business time, due 2026-11-26 17:40 UTC',
    );
    expect(ticket.next()).toBe(T('2026-11-26T17:40:00.001Z'));
  });

  it('a reply at 17:25 meets the first response with 15 min to spare', () => {
    const events = ticket.apply(reply('e1', '2026-11-26T17:25:00Z'));
    expect(events).toMatchObject([
      {
        id: 'T-100/sla/3',
        type: 'sla.stopped',
        metric: 'firstResponse',
        outcome: 'met',
        phase: 'stopped',
        usedMs: 15 * MIN,
        remainingMs: 15 * MIN,
        dueAt: null,
        causedBy: 'e1',
      },
    ]);
    expect(text(events[0])).toBe('First response SLA met (15m business time to spare)');
    expect(ticket.next()).toBe(T('2026-11-27T12:10:00.001Z'));
  });

  it('waiting on the customer at 17:50 pauses the resolution with 3h 20m left', () => {
    // Used: 17:10–17:50 = 40 min; left 240 − 40 = 200 min = 3h 20m.
    const events = ticket.apply(status('e2', '2026-11-26T17:50:00Z', 'waiting_on_customer'));
    expect(kinds(events)).toEqual(['sla.paused resolution']);
    expect(events[0]).toMatchObject({ usedMs: 40 * MIN, remainingMs: 200 * MIN, dueAt: null });
    const entry = toActivityFeedEntry(events[0] as SlaEvent);
    expect(entry).toEqual({
      id: 'T-100/sla/4/feed',
      ticketId: 'T-100',
      at: T('2026-11-26T17:50:00Z'),
      severity: 'info',
      text: 'Resolution SLA paused — waiting on customer (3h 20m business time left)',
    });
    expect(ticket.next()).toBeNull();
  });

  it('nothing is used over the night, and nothing breaches while paused', () => {
    expect(ticket.status('2026-11-27T12:30:00Z').resolution).toEqual({
      phase: 'paused',
      targetMs: 240 * MIN,
      usedMs: 40 * MIN,
      remainingMs: 200 * MIN,
      dueAt: null,
      breached: false,
      breachedAt: null,
      outcome: null,
    });
    expect(checkBreaches(ticket.state, '2026-11-27T12:30:00Z', { calendar: uk }).events).toEqual(
      [],
    );
  });

  it('the reply on Friday 09:30 resumes it: due 09:30 + 3h 20m = 12:50', () => {
    const events = ticket.apply(status('e3', '2026-11-27T09:30:00Z', 'open'));
    expect(kinds(events)).toEqual(['sla.resumed resolution']);
    expect(events[0]).toMatchObject({
      usedMs: 40 * MIN,
      dueAt: T('2026-11-27T12:50:00Z'),
      status: 'open',
    });
    expect(text(events[0])).toBe(
      'Resolution SLA resumed — due 2026-11-27 12:50 UTC (3h 20m business time left)',
    );
    expect(ticket.next()).toBe(T('2026-11-27T12:50:00.001Z'));
  });

  it('paused again on Friday 11:00 and resumed on Monday before opening: due Mon 10:50', () => {
    // Used: 40 + (09:30–11:00 = 90) = 130 min; left 110 min. Paused over the weekend;
    // resumed Mon 08:00 (closed), so counting restarts at 09:00: 09:00 + 1h50 = 10:50.
    expect(ticket.apply(status('e4', '2026-11-27T11:00:00Z', 'on_hold'))).toMatchObject([
      { type: 'sla.paused', usedMs: 130 * MIN, remainingMs: 110 * MIN },
    ]);
    const resumed = ticket.apply(status('e5', '2026-11-30T08:00:00Z', 'in_progress'));
    expect(resumed).toMatchObject([
      { type: 'sla.resumed', at: T('2026-11-30T08:00:00Z'), dueAt: T('2026-11-30T10:50:00Z') },
    ]);
    expect(ticket.status('2026-11-30T09:00:00Z').resolution?.usedMs).toBe(130 * MIN);
  });

  it('resolved Mon 10:00: met with 50 min to spare; the first response stays met', () => {
    const events = ticket.apply(status('e6', '2026-11-30T10:00:00Z', 'resolved'));
    expect(events).toMatchObject([
      {
        id: 'T-100/sla/8',
        type: 'sla.stopped',
        metric: 'resolution',
        outcome: 'met',
        usedMs: 190 * MIN,
        remainingMs: 50 * MIN,
      },
    ]);
    expect(text(events[0])).toBe('Resolution SLA met (50m business time to spare)');
    const s = ticket.status('2026-12-01T12:00:00Z');
    expect(s.firstResponse).toMatchObject({ phase: 'stopped', outcome: 'met', usedMs: 15 * MIN });
    expect(s.resolution).toMatchObject({ phase: 'stopped', outcome: 'met', usedMs: 190 * MIN });
    expect(ticket.next()).toBeNull();
    ticket.checkLaws();
  });
});

describe('a named zone across a weekend with a DST change (America/New_York)', () => {
  const nyDefinition = { ...ukDefinition, id: 'ny-support', zone: 'America/New_York' };
  const ny = defineCalendar(nyDefinition);
  const policy = defineSlaPolicy({
    id: 'ny',
    calendarId: 'ny-support',
    pauseWhile: ['waiting_on_customer'],
    stopWhen: ['resolved'],
    targets: { urgent: { firstResponse: 30, resolution: 240 } },
  });

  it('Friday in EST, Monday in EDT: business time is counted in wall time', () => {
    // Created Fri 2026-03-06 16:00 EST (21:00Z). Resolution 240 min: 16:00–18:00 = 120 min
    // on Friday; clocks spring forward on Sun 8 Mar; 120 min left from Mon 09:00 EDT (13:00Z)
    // → 11:00 EDT = 15:00Z (in EST it would have been 16:00Z).
    const ticket = new Ticket({
      ticketId: 'NY-1',
      priority: 'urgent',
      createdAt: '2026-03-06T16:00:00-05:00',
      policy,
      calendar: ny,
    });
    expect(ticket.started[1]).toMatchObject({ dueAt: T('2026-03-09T15:00:00Z') });
    // Waiting on the customer from 17:00 EST: 60 min used, 180 min left.
    ticket.apply(reply('r1', '2026-03-06T16:10:00-05:00'));
    expect(
      ticket.apply(status('w1', '2026-03-06T17:00:00-05:00', 'waiting_on_customer')),
    ).toMatchObject([{ type: 'sla.paused', usedMs: 60 * MIN, remainingMs: 180 * MIN }]);
    // Resumed Mon 10:00 EDT (14:00Z): due 13:00 EDT = 17:00Z.
    const resumed = ticket.apply(status('o1', '2026-03-09T10:00:00-04:00', 'open'));
    expect(resumed).toMatchObject([{ type: 'sla.resumed', dueAt: T('2026-03-09T17:00:00Z') }]);
    expect(text(resumed[0])).toBe(
      'Resolution SLA resumed — due 2026-03-09 17:00 UTC (3h 0m business time left)',
    );
    ticket.checkLaws();
  });
});

describe('a pause longer than the remaining time', () => {
  // High (first response 60 min, resolution 480 min), created Mon 30 Nov 09:00.
  //   first response due 10:00; resolution due 17:00 Mon.
  const ticket = new Ticket(binding('T-200', 'high', '2026-11-30T09:00:00Z', { status: 'open' }));

  it('pauses with 2h left for three days without breaching, then finishes in time', () => {
    expect(ticket.started.map((e) => e.dueAt)).toEqual([
      T('2026-11-30T10:00:00Z'),
      T('2026-11-30T17:00:00Z'),
    ]);
    ticket.apply(reply('e1', '2026-11-30T09:20:00Z'));
    // On hold at 15:00: 360 min used, 120 min left.
    expect(ticket.apply(status('e2', '2026-11-30T15:00:00Z', 'on_hold'))).toMatchObject([
      { type: 'sla.paused', usedMs: 360 * MIN, remainingMs: 120 * MIN },
    ]);
    // Paused from Mon 15:00 to Thu 09:00: far past the old due instant (Mon 17:00).
    expect(ticket.next()).toBeNull();
    expect(ticket.status('2026-12-02T12:00:00Z').resolution).toMatchObject({
      phase: 'paused',
      usedMs: 360 * MIN,
      remainingMs: 120 * MIN,
      breached: false,
    });
    expect(ticket.check('2026-12-02T12:00:00Z')).toEqual([]);
    // Resumed Thu 3 Dec 09:00: due 11:00; resolved 10:30, met with 30 min to spare.
    expect(ticket.apply(status('e3', '2026-12-03T09:00:00Z', 'open'))).toMatchObject([
      { type: 'sla.resumed', dueAt: T('2026-12-03T11:00:00Z'), usedMs: 360 * MIN },
    ]);
    expect(ticket.apply(status('e4', '2026-12-03T10:30:00Z', 'resolved'))).toMatchObject([
      { type: 'sla.stopped', outcome: 'met', usedMs: 450 * MIN, remainingMs: 30 * MIN },
    ]);
    expect(ticket.emitted.some((e) => e.type === 'sla.breached')).toBe(false);
    ticket.checkLaws();
  });
});

describe('reopen after resolve', () => {
  // Urgent, created Mon 30 Nov 09:00: first response due 09:30, resolution due 13:00.
  const ticket = new Ticket(binding('T-300', 'urgent', '2026-11-30T09:00:00Z'));

  it('resolved at 10:00: met with 3h to spare', () => {
    ticket.apply(reply('e1', '2026-11-30T09:10:00Z'));
    const events = ticket.apply(status('e2', '2026-11-30T10:00:00Z', 'resolved'));
    expect(events).toMatchObject([
      { type: 'sla.stopped', metric: 'resolution', outcome: 'met', usedMs: 60 * MIN },
    ]);
    expect(text(events[0])).toBe('Resolution SLA met (3h 0m business time to spare)');
  });

  it('reopened Tue 15:00 with the 60 min used kept: due 15:00 + 3h = 18:00 (at the close)', () => {
    const events = ticket.apply(status('e3', '2026-12-01T15:00:00Z', 'open'));
    // Only the resolution reopens: the first response is done for good.
    expect(events).toMatchObject([
      {
        type: 'sla.reopened',
        metric: 'resolution',
        phase: 'running',
        usedMs: 60 * MIN,
        remainingMs: 180 * MIN,
        dueAt: T('2026-12-01T18:00:00Z'),
      },
    ]);
    expect(text(events[0])).toBe('Resolution SLA reopened — open (3h 0m business time left)');
    expect(ticket.status('2026-12-01T16:00:00Z').resolution).toMatchObject({
      phase: 'running',
      usedMs: 120 * MIN,
      outcome: null,
    });
  });

  it('closed Wed 09:30: breached at Tue 18:00, stopped 30 min overdue', () => {
    const events = ticket.apply(status('e4', '2026-12-02T09:30:00Z', 'closed'));
    expect(events).toMatchObject([
      {
        type: 'sla.breached',
        metric: 'resolution',
        at: T('2026-12-01T18:00:00Z'),
        usedMs: 240 * MIN,
        remainingMs: 0,
        status: 'open',
        causedBy: 'e4',
      },
      { type: 'sla.stopped', outcome: 'breached', usedMs: 270 * MIN, remainingMs: -30 * MIN },
    ]);
    expect(toActivityFeedEntry(events[0] as SlaEvent).severity).toBe('critical');
    expect(text(events[1])).toBe('Resolution SLA stopped — breached (30m business time overdue)');
  });

  it('reopened and resolved again: still breached, never reported twice', () => {
    // Reopened Wed 10:00 with 270 of 240 min used: due at the reopening itself.
    expect(ticket.apply(status('e5', '2026-12-02T10:00:00Z', 'open'))).toMatchObject([
      { type: 'sla.reopened', dueAt: T('2026-12-02T10:00:00Z'), remainingMs: -30 * MIN },
    ]);
    expect(ticket.next()).toBeNull(); // already breached: nothing left to report
    expect(ticket.apply(status('e6', '2026-12-02T11:00:00Z', 'resolved'))).toMatchObject([
      { type: 'sla.stopped', outcome: 'breached', usedMs: 330 * MIN },
    ]);
    expect(ticket.emitted.filter((e) => e.type === 'sla.breached')).toHaveLength(1);
    expect(ticket.status('2026-12-02T11:00:00Z').resolution?.breachedAt).toBe(
      T('2026-12-01T18:00:00Z'),
    );
    ticket.checkLaws();
  });

  it('a ticket resolved before any reply has its first response done for good', () => {
    const t = new Ticket(binding('T-301', 'normal', '2026-11-30T09:00:00Z'));
    expect(kinds(t.apply(status('e1', '2026-11-30T09:10:00Z', 'resolved')))).toEqual([
      'sla.stopped firstResponse',
      'sla.stopped resolution',
    ]);
    expect(kinds(t.apply(status('e2', '2026-11-30T09:20:00Z', 'open')))).toEqual([
      'sla.reopened resolution',
    ]);
    expect(t.apply(reply('e3', '2026-11-30T09:30:00Z'))).toEqual([]);
    expect(t.status('2026-11-30T09:30:00Z').firstResponse).toMatchObject({
      phase: 'stopped',
      outcome: 'met',
      usedMs: 10 * MIN,
    });
    t.checkLaws();
  });
});

describe('a reply exactly at the due instant, and one millisecond later', () => {
  // Urgent, created Mon 30 Nov 09:00: first response due 09:30:00.000.
  const b = binding('T-400', 'urgent', '2026-11-30T09:00:00Z');

  it('at 09:30:00.000 the first response is met with nothing to spare', () => {
    const { events } = replay(b, [reply('r1', '2026-11-30T09:30:00.000Z')]);
    expect(events.slice(2)).toMatchObject([
      {
        type: 'sla.stopped',
        metric: 'firstResponse',
        outcome: 'met',
        usedMs: 30 * MIN,
        remainingMs: 0,
      },
    ]);
    expect(text(events[2])).toBe('First response SLA met (0m business time to spare)');
  });

  it('at 09:30:00.001 it breached at 09:30:00.000', () => {
    const { state, events } = replay(b, [reply('r1', '2026-11-30T09:30:00.001Z')]);
    expect(events.slice(2)).toMatchObject([
      {
        id: 'T-400/sla/3',
        type: 'sla.breached',
        metric: 'firstResponse',
        at: T('2026-11-30T09:30:00Z'),
        usedMs: 30 * MIN,
        remainingMs: 0,
        dueAt: T('2026-11-30T09:30:00Z'),
        causedBy: 'r1',
      },
      {
        id: 'T-400/sla/4',
        type: 'sla.stopped',
        outcome: 'breached',
        usedMs: 30 * MIN + 1,
        remainingMs: -1,
      },
    ]);
    expect(text(events[2])).toBe(
      'First response SLA breached — target of 30m business time passed at 2026-11-30 09:30 UTC',
    );
    expect(state.clocks.firstResponse?.breachedAt).toBe(T('2026-11-30T09:30:00Z'));
  });

  it('slaStatus and checkBreaches agree: in time at 09:30, breached from 09:30:00.001', () => {
    const { state } = startSla(b);
    expect(nextCheckAt(state)).toBe(T('2026-11-30T09:30:00.001Z'));
    expect(slaStatus(state, '2026-11-30T09:30:00Z', { calendar: uk }).firstResponse).toMatchObject({
      breached: false,
      remainingMs: 0,
    });
    expect(checkBreaches(state, '2026-11-30T09:30:00Z', { calendar: uk }).events).toEqual([]);
    expect(
      slaStatus(state, '2026-11-30T09:30:00.001Z', { calendar: uk }).firstResponse,
    ).toMatchObject({ breached: true, breachedAt: T('2026-11-30T09:30:00Z'), remainingMs: -1 });
    expect(
      kinds(checkBreaches(state, '2026-11-30T09:30:00.001Z', { calendar: uk }).events),
    ).toEqual(['sla.breached firstResponse']);
  });
});

describe('a late reply on the next morning', () => {
  it('due Tue 09:30 (30 min on Monday evening, 30 on Tuesday), replied 09:45', () => {
    // High, created Mon 30 Nov 17:30: first response 60 min = 17:30–18:00 (30) + Tue
    // 09:00–09:30 (30) → due Tue 1 Dec 09:30. Replied 09:45: 30 + 45 = 75 min used, 15 overdue.
    const ticket = new Ticket(binding('T-500', 'high', '2026-11-30T17:30:00Z'));
    expect(ticket.started[0]?.dueAt).toBe(T('2026-12-01T09:30:00Z'));
    expect(ticket.next()).toBe(T('2026-12-01T09:30:00.001Z'));
    const events = ticket.apply(reply('r1', '2026-12-01T09:45:00Z'));
    expect(events).toMatchObject([
      {
        type: 'sla.breached',
        metric: 'firstResponse',
        at: T('2026-12-01T09:30:00Z'),
        usedMs: 60 * MIN,
        status: null,
        priority: 'high',
      },
      { type: 'sla.stopped', outcome: 'breached', usedMs: 75 * MIN, remainingMs: -15 * MIN },
    ]);
    expect(events.map((e) => toActivityFeedEntry(e).severity)).toEqual(['critical', 'info']);
    expect(text(events[0])).toBe(
      'First response SLA breached — target of 1h 0m business time passed at 2026-12-01 09:30 UTC',
    );
    expect(text(events[1])).toBe(
      'First response SLA stopped — breached (15m business time overdue)',
    );
    ticket.checkLaws();
  });

  it('SPEC §9: a reply at 07:00 to a ticket due at 18:00 the evening before is late', () => {
    // Normal, created Mon 30 Nov 14:00: first response 240 min = 14:00–18:00, due Mon 18:00
    // exactly (the earliest instant, not Tue 09:00). No business time passes overnight, yet
    // a reply at Tue 07:00 is after the due instant.
    const ticket = new Ticket(binding('T-501', 'normal', '2026-11-30T14:00:00Z'));
    expect(ticket.started[0]?.dueAt).toBe(T('2026-11-30T18:00:00Z'));
    expect(ticket.check('2026-11-30T18:00:00Z')).toEqual([]);
    expect(ticket.status('2026-12-01T07:00:00Z').firstResponse).toEqual({
      phase: 'running',
      targetMs: 240 * MIN,
      usedMs: 240 * MIN,
      remainingMs: 0,
      dueAt: T('2026-11-30T18:00:00Z'),
      breached: true,
      breachedAt: T('2026-11-30T18:00:00Z'),
      outcome: null,
    });
    const events = ticket.apply(reply('r1', '2026-12-01T07:00:00Z'));
    expect(events).toMatchObject([
      { type: 'sla.breached', at: T('2026-11-30T18:00:00Z'), usedMs: 240 * MIN },
      { type: 'sla.stopped', outcome: 'breached', usedMs: 240 * MIN, remainingMs: 0 },
    ]);
    // The resolution clock (2400 min) is untouched.
    expect(ticket.status('2026-12-01T07:00:00Z').resolution).toMatchObject({
      phase: 'running',
      usedMs: 240 * MIN,
      breached: false,
    });
    ticket.checkLaws();
  });
});

describe('priority up and down', () => {
  // Normal, created Mon 30 Nov 09:00: first response due 13:00; resolution 2400 min =
  // 4 × 540 + 240 → Fri 4 Dec 13:00.
  const ticket = new Ticket(binding('T-600', 'normal', '2026-11-30T09:00:00Z'));

  it('up to urgent at 09:20 retargets both clocks, keeping the 20 min used', () => {
    expect(ticket.started[1]?.dueAt).toBe(T('2026-12-04T13:00:00Z'));
    const events = ticket.apply(priority('p1', '2026-11-30T09:20:00Z', 'urgent'));
    expect(events).toMatchObject([
      {
        type: 'sla.retargeted',
        metric: 'firstResponse',
        previousTargetMs: 240 * MIN,
        targetMs: 30 * MIN,
        usedMs: 20 * MIN,
        remainingMs: 10 * MIN,
        dueAt: T('2026-11-30T09:30:00Z'),
        priority: 'urgent',
      },
      {
        type: 'sla.retargeted',
        metric: 'resolution',
        previousTargetMs: 2400 * MIN,
        targetMs: 240 * MIN,
        usedMs: 20 * MIN,
        dueAt: T('2026-11-30T13:00:00Z'),
      },
    ]);
    expect(text(events[0])).toBe(
      'First response SLA target changed from 4h 0m to 30m — priority urgent (10m business time left)',
    );
  });

  it('down to low at 11:00: the met first response stays met, resolution due Thu 10 Dec 17:00', () => {
    ticket.apply(reply('r1', '2026-11-30T09:25:00Z'));
    // 4800 − 120 used = 4680 min: Mon 11:00–18:00 (420), then 7 × 540 = 3780 (Tue 1 … Wed 9),
    // 480 left → Thu 10 Dec 09:00 + 8h = 17:00.
    const events = ticket.apply(priority('p2', '2026-11-30T11:00:00Z', 'low'));
    expect(events).toMatchObject([
      {
        type: 'sla.retargeted',
        metric: 'resolution',
        targetMs: 4800 * MIN,
        usedMs: 120 * MIN,
        dueAt: T('2026-12-10T17:00:00Z'),
      },
    ]);
    expect(ticket.status('2026-11-30T11:00:00Z').firstResponse).toMatchObject({
      phase: 'stopped',
      outcome: 'met',
      targetMs: 30 * MIN,
    });
  });

  it('back to normal on Tue 10:00: 600 min used, due Fri 4 Dec 13:00 as first computed', () => {
    // Used 120 + 420 (Mon 11–18) + 60 (Tue 9–10) = 600; 1800 left: Tue 10–18 (480), Wed
    // (540), Thu (540), 240 on Fri → 13:00.
    const events = ticket.apply(priority('p3', '2026-12-01T10:00:00Z', 'normal'));
    expect(events).toMatchObject([
      {
        type: 'sla.retargeted',
        metric: 'resolution',
        previousTargetMs: 4800 * MIN,
        targetMs: 2400 * MIN,
        usedMs: 600 * MIN,
        dueAt: T('2026-12-04T13:00:00Z'),
      },
    ]);
    ticket.checkLaws();
  });
});

describe('a metric added or dropped by a priority change', () => {
  // Low (resolution only, 4800 min) with status open, created Mon 30 Nov 09:00: due Thu
  // 10 Dec 17:00 (8 × 540 = 4320, then 480 on the 9th business day).
  const ticket = new Ticket(binding('T-700', 'low', '2026-11-30T09:00:00Z', { status: 'open' }));

  it('a low ticket has no first-response clock at all', () => {
    expect(kinds(ticket.started)).toEqual(['sla.started resolution']);
    expect(ticket.started[0]?.dueAt).toBe(T('2026-12-10T17:00:00Z'));
    expect(Object.keys(ticket.status('2026-11-30T09:00:00Z'))).toEqual(['resolution']);
  });

  it('up to urgent at 10:00 starts the first response from nothing', () => {
    const events = ticket.apply(priority('p1', '2026-11-30T10:00:00Z', 'urgent'));
    expect(events).toMatchObject([
      {
        type: 'sla.started',
        metric: 'firstResponse',
        at: T('2026-11-30T10:00:00Z'),
        usedMs: 0,
        targetMs: 30 * MIN,
        dueAt: T('2026-11-30T10:30:00Z'),
        causedBy: 'p1',
      },
      {
        type: 'sla.retargeted',
        metric: 'resolution',
        usedMs: 60 * MIN,
        dueAt: T('2026-11-30T13:00:00Z'),
      },
    ]);
  });

  it('down to low at 10:10 cancels it; back to urgent at 10:20 reopens it with 10 min used', () => {
    const dropped = ticket.apply(priority('p2', '2026-11-30T10:10:00Z', 'low'));
    expect(dropped).toMatchObject([
      {
        type: 'sla.stopped',
        metric: 'firstResponse',
        outcome: 'cancelled',
        usedMs: 10 * MIN,
        remainingMs: 20 * MIN,
      },
      { type: 'sla.retargeted', metric: 'resolution', targetMs: 4800 * MIN },
    ]);
    expect(text(dropped[0])).toBe(
      'First response SLA cancelled — priority low has no first response target',
    );
    const back = ticket.apply(priority('p3', '2026-11-30T10:20:00Z', 'urgent'));
    // First response: 20 min left from 10:20 → 10:40. Resolution: 80 used, 160 left → 13:00.
    expect(back).toMatchObject([
      {
        type: 'sla.reopened',
        metric: 'firstResponse',
        usedMs: 10 * MIN,
        dueAt: T('2026-11-30T10:40:00Z'),
      },
      { type: 'sla.retargeted', metric: 'resolution', dueAt: T('2026-11-30T13:00:00Z') },
    ]);
    expect(text(back[0])).toBe('First response SLA reopened — open (20m business time left)');
    expect(ticket.apply(reply('r1', '2026-11-30T10:30:00Z'))).toMatchObject([
      { type: 'sla.stopped', metric: 'firstResponse', outcome: 'met', usedMs: 20 * MIN },
    ]);
    ticket.checkLaws();
  });

  it('a breached metric dropped by a priority change stays breached, not cancelled', () => {
    // Urgent, created 09:00, first response due 09:30; down to low at 09:45.
    const t = new Ticket(binding('T-701', 'urgent', '2026-11-30T09:00:00Z'));
    expect(t.apply(priority('p1', '2026-11-30T09:45:00Z', 'low'))).toMatchObject([
      { type: 'sla.breached', metric: 'firstResponse', at: T('2026-11-30T09:30:00Z') },
      { type: 'sla.stopped', metric: 'firstResponse', outcome: 'breached', usedMs: 45 * MIN },
      { type: 'sla.retargeted', metric: 'resolution', targetMs: 4800 * MIN },
    ]);
    t.checkLaws();
  });
});

describe('retargeting to a target at or below the time already used', () => {
  it('below: breaches at the instant of the change, reported by that applyEvent', () => {
    // Normal, created Mon 09:00; urgent at 10:00: 60 min used > 30 min target.
    const ticket = new Ticket(binding('T-800', 'normal', '2026-11-30T09:00:00Z'));
    const events = ticket.apply(priority('p1', '2026-11-30T10:00:00Z', 'urgent'));
    expect(events).toMatchObject([
      {
        type: 'sla.retargeted',
        metric: 'firstResponse',
        targetMs: 30 * MIN,
        usedMs: 60 * MIN,
        remainingMs: -30 * MIN,
      },
      {
        type: 'sla.breached',
        metric: 'firstResponse',
        at: T('2026-11-30T10:00:00Z'),
        causedBy: 'p1',
      },
      { type: 'sla.retargeted', metric: 'resolution', dueAt: T('2026-11-30T13:00:00Z') },
    ]);
    expect(text(events[0])).toBe(
      'First response SLA target changed from 4h 0m to 30m — priority urgent (30m business time overdue)',
    );
    expect(ticket.state.clocks.firstResponse?.breachedAt).toBe(T('2026-11-30T10:00:00Z'));
    // Only the resolution can still breach.
    expect(ticket.next()).toBe(T('2026-11-30T13:00:00.001Z'));
    expect(ticket.apply(reply('r1', '2026-11-30T10:05:00Z'))).toMatchObject([
      { type: 'sla.stopped', outcome: 'breached', usedMs: 65 * MIN },
    ]);
    ticket.checkLaws();
  });

  it('equal: due at the change instant, in time until then', () => {
    // Normal, created Mon 09:00; urgent at 09:30: 30 min used = the 30 min target.
    const ticket = new Ticket(binding('T-801', 'normal', '2026-11-30T09:00:00Z'));
    expect(ticket.apply(priority('p1', '2026-11-30T09:30:00Z', 'urgent'))).toMatchObject([
      {
        type: 'sla.retargeted',
        metric: 'firstResponse',
        remainingMs: 0,
        dueAt: T('2026-11-30T09:30:00Z'),
      },
      { type: 'sla.retargeted', metric: 'resolution', dueAt: T('2026-11-30T13:00:00Z') },
    ]);
    expect(ticket.next()).toBe(T('2026-11-30T09:30:00.001Z'));
    expect(ticket.check('2026-11-30T09:30:00Z')).toEqual([]);
    const onTime = applyEvent(ticket.state, reply('r1', '2026-11-30T09:30:00Z'), { calendar: uk });
    expect(onTime.events).toMatchObject([
      { type: 'sla.stopped', outcome: 'met', usedMs: 30 * MIN },
    ]);
    const late = applyEvent(ticket.state, reply('r1', '2026-11-30T09:30:00.001Z'), {
      calendar: uk,
    });
    expect(kinds(late.events)).toEqual(['sla.breached firstResponse', 'sla.stopped firstResponse']);
    expect(late.events[0]?.at).toBe(T('2026-11-30T09:30:00Z'));
    ticket.checkLaws();
  });
});

describe('idempotence and order', () => {
  it('an event id applied twice is a no-op: the same state, no events', () => {
    const ticket = new Ticket(binding('T-900', 'urgent', '2026-11-30T09:00:00Z'));
    const wait = status('e1', '2026-11-30T09:10:00Z', 'waiting_on_customer');
    ticket.apply(wait);
    const again = applyEvent(ticket.state, wait, { calendar: uk });
    expect(again.events).toEqual([]);
    expect(again.state).toBe(ticket.state);
    expect(again.duplicate).toBe(true);
    // Same id, other content, later: a conflict, and nothing changes.
    const conflicting = status('e1', '2026-11-30T12:00:00Z', 'resolved');
    expect(() => applyEvent(ticket.state, conflicting, { calendar: uk })).toThrow(
      expect.objectContaining({ code: 'EVENT_CONFLICT', path: 'id' }),
    );
    // And after a JSON round trip of the state: deep-equal, no events, still a duplicate.
    const stored = JSON.parse(JSON.stringify(ticket.state)) as TicketSlaState;
    const fromStore = applyEvent(stored, wait, { calendar: uk });
    expect(fromStore.events).toEqual([]);
    expect(fromStore.state).toEqual(ticket.state);
    expect(fromStore.duplicate).toBe(true);
    expect(() => applyEvent(stored, conflicting, { calendar: uk })).toThrow(
      expect.objectContaining({ code: 'EVENT_CONFLICT' }),
    );
    // In replay, a re-delivered event changes nothing either.
    const replayed = replay(ticket.binding, [wait, wait, { ...wait }]);
    expect(replayed.state).toEqual(ticket.state);
    expect(replayed.events).toEqual(ticket.emitted);
  });

  it('an out-of-order event is OUT_OF_ORDER_EVENT and changes nothing', () => {
    const ticket = new Ticket(binding('T-901', 'urgent', '2026-11-30T09:00:00Z'));
    ticket.apply(status('e1', '2026-11-30T10:00:00Z', 'waiting_on_customer'));
    const before = JSON.stringify(ticket.state);
    const late = status('e2', '2026-11-30T09:59:59.999Z', 'open');
    let error: unknown;
    try {
      applyEvent(ticket.state, late, { calendar: uk });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PetSlaError);
    expect(error).toMatchObject({ code: 'OUT_OF_ORDER_EVENT', path: 'at' });
    expect(JSON.stringify(ticket.state)).toBe(before);
    // The refused id was not recorded: the same event, in order, is applied normally.
    expect(kinds(ticket.apply({ ...late, at: '2026-11-30T10:00:00Z' } as TicketEvent))).toEqual([
      'sla.resumed firstResponse',
      'sla.resumed resolution',
    ]);
  });

  it('checkBreaches then applyEvent: each breach is reported once', () => {
    // Urgent, created Mon 09:00: first response due 09:30.
    const ticket = new Ticket(binding('T-902', 'urgent', '2026-11-30T09:00:00Z'));
    const found = ticket.check('2026-11-30T09:45:00Z');
    expect(found).toMatchObject([
      {
        id: 'T-902/sla/3',
        type: 'sla.breached',
        metric: 'firstResponse',
        at: T('2026-11-30T09:30:00Z'),
        causedBy: null,
      },
    ]);
    expect(ticket.check('2026-11-30T09:50:00Z')).toEqual([]);
    expect(ticket.next()).toBe(T('2026-11-30T13:00:00.001Z'));
    // The breach is history: an event at or before it can no longer be applied...
    expect(() =>
      applyEvent(ticket.state, reply('r0', '2026-11-30T09:30:00Z'), { calendar: uk }),
    ).toThrow(expect.objectContaining({ code: 'OUT_OF_ORDER_EVENT', path: 'at' }));
    // ...but one after it can, even before the instant checkBreaches was called with.
    expect(ticket.apply(reply('r1', '2026-11-30T09:40:00Z'))).toMatchObject([
      { id: 'T-902/sla/4', type: 'sla.stopped', outcome: 'breached', usedMs: 40 * MIN },
    ]);
    expect(ticket.emitted.filter((e) => e.type === 'sla.breached')).toHaveLength(1);
    // Both clocks breach by 14:00; the first response is not reported again.
    expect(kinds(ticket.check('2026-11-30T14:00:00Z'))).toEqual(['sla.breached resolution']);
    expect(ticket.apply(status('e2', '2026-11-30T15:00:00Z', 'resolved'))).toMatchObject([
      { type: 'sla.stopped', metric: 'resolution', outcome: 'breached' },
    ]);
    expect(ticket.emitted.filter((e) => e.type === 'sla.breached')).toHaveLength(2);
    ticket.checkLaws();
  });
});

describe('breach is a fact of the history, not of when a function was called', () => {
  it('after checkBreaches, slaStatus never claims a breach before it happened', () => {
    // Urgent, created Mon 09:00, status open at 10:00 (the first response, due 09:30, is
    // reported breached by that event); the resolution is due 13:00.
    const ticket = new Ticket(binding('T-903', 'urgent', '2026-11-30T09:00:00Z'));
    ticket.apply(status('e1', '2026-11-30T10:00:00Z', 'open'));
    const unchecked = ticket.state;
    expect(ticket.check('2026-11-30T14:00:00Z')).toMatchObject([
      { type: 'sla.breached', metric: 'resolution', at: T('2026-11-30T13:00:00Z') },
    ]);
    for (const now of ['2026-11-30T12:00:00Z', '2026-11-30T13:00:00Z']) {
      // Either refused (the reported breach covers it) or the same answer as before the check:
      // never "breached" with a breachedAt still to come.
      let answer: ReturnType<typeof slaStatus> | undefined;
      try {
        answer = ticket.status(now);
      } catch (error) {
        expect(error).toMatchObject({ code: 'OUT_OF_ORDER_EVENT', path: 'now' });
      }
      if (answer !== undefined) {
        expect(answer).toEqual(slaStatus(unchecked, now, { calendar: uk }));
        expect(answer.resolution?.breached).toBe(false);
      }
    }
    for (const now of ['2026-11-30T13:00:00.001Z', '2026-11-30T14:00:00Z']) {
      expect(ticket.status(now)).toEqual(slaStatus(unchecked, now, { calendar: uk }));
    }
  });
});

describe('a calendar revised after binding', () => {
  // Bound to v1. v2 closes Mon 30 Nov (an override); the ticket keeps v1's hours.
  const v2 = reviseCalendar(uk, {
    overrides: [{ date: '2026-11-30', windows: [], label: 'Closed for training' }],
  });
  const ticket = new Ticket(binding('T-1000', 'urgent', '2026-11-30T09:00:00Z'));

  it('the revised calendar is CALENDAR_MISMATCH for every function that takes one', () => {
    expect(v2.version).toBe(2);
    expect(v2.previous).toBe(uk.fingerprint);
    const options = { calendar: v2 };
    const wait = status('e1', '2026-11-30T09:10:00Z', 'waiting_on_customer');
    const calls: (() => unknown)[] = [
      () => applyEvent(ticket.state, wait, options),
      () => checkBreaches(ticket.state, '2026-11-30T10:00:00Z', options),
      () => slaStatus(ticket.state, '2026-11-30T10:00:00Z', options),
    ];
    const before = JSON.stringify(ticket.state);
    for (const call of calls) {
      expect(call).toThrow(
        expect.objectContaining({ code: 'CALENDAR_MISMATCH', path: 'calendar' }),
      );
    }
    expect(JSON.stringify(ticket.state)).toBe(before);
    expect(ticket.state.calendar).toEqual({
      id: 'uk-support',
      version: 1,
      fingerprint: uk.fingerprint,
    });
  });

  it('the pinned snapshot (read back from JSON) still works, with v1 hours', () => {
    const pinned = JSON.parse(JSON.stringify(toSnapshot(uk))) as Calendar;
    const events = applyEvent(ticket.state, reply('r1', '2026-11-30T09:20:00Z'), {
      calendar: pinned,
    }).events;
    expect(events).toMatchObject([{ type: 'sla.stopped', outcome: 'met', usedMs: 20 * MIN }]);
    expect(
      slaStatus(ticket.state, '2026-11-30T10:00:00Z', { calendar: pinned }).resolution,
    ).toMatchObject({
      usedMs: 60 * MIN,
      dueAt: T('2026-11-30T13:00:00Z'),
    });
  });

  it('a new ticket bound to v2 runs on v2: Monday closed, first response due Tue 09:30', () => {
    const fresh = startSla({ ...ticket.binding, ticketId: 'T-1001', calendar: v2 });
    expect(fresh.events.map((e) => e.dueAt)).toEqual([
      T('2026-12-01T09:30:00Z'),
      T('2026-12-01T13:00:00Z'),
    ]);
    expect(() =>
      applyEvent(fresh.state, reply('r1', '2026-12-01T09:00:00Z'), { calendar: uk }),
    ).toThrow(expect.objectContaining({ code: 'CALENDAR_MISMATCH' }));
  });
});

describe('the initial status', () => {
  it('a ticket created waiting on the customer starts paused', () => {
    const ticket = new Ticket(
      binding('T-1100', 'urgent', '2026-11-30T09:00:00Z', { status: 'waiting_on_customer' }),
    );
    expect(ticket.started).toMatchObject([
      { type: 'sla.started', metric: 'firstResponse', phase: 'paused', dueAt: null },
      { type: 'sla.started', metric: 'resolution', phase: 'paused', dueAt: null },
    ]);
    expect(text(ticket.started[1])).toBe(
      'Resolution SLA started, paused — waiting on customer (4h 0m business time left)',
    );
    expect(ticket.next()).toBeNull();
    expect(ticket.apply(status('e1', '2026-11-30T11:00:00Z', 'open'))).toMatchObject([
      { type: 'sla.resumed', metric: 'firstResponse', dueAt: T('2026-11-30T11:30:00Z') },
      { type: 'sla.resumed', metric: 'resolution', dueAt: T('2026-11-30T15:00:00Z') },
    ]);
    ticket.checkLaws();
  });

  it('a ticket created while the desk is closed starts counting at the next opening', () => {
    // Created Sat 28 Nov 12:00: first response due Mon 09:30.
    const ticket = new Ticket(binding('T-1101', 'urgent', '2026-11-28T12:00:00Z'));
    expect(ticket.started[0]?.dueAt).toBe(T('2026-11-30T09:30:00Z'));
  });
});

describe('emitted events', () => {
  it('ids are deterministic: the same history gives the same ids', () => {
    const events: TicketEvent[] = [
      reply('r1', '2026-11-30T09:10:00Z'),
      status('e1', '2026-11-30T10:00:00Z', 'resolved'),
    ];
    const b = binding('T-1200', 'urgent', '2026-11-30T09:00:00Z');
    const first = replay(b, events);
    const second = replay(b, structuredClone(events));
    expect(second).toEqual(first);
    expect(first.events.map((e) => e.id)).toEqual([
      'T-1200/sla/1',
      'T-1200/sla/2',
      'T-1200/sla/3',
      'T-1200/sla/4',
    ]);
    expect(JSON.parse(JSON.stringify(first.events))).toEqual(first.events);
    expect(Object.isFrozen(first.events[0])).toBe(true);
  });
});
