import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSlaLogReader,
  readSlaEvent,
  readSlaEventLog,
  slaEventSequence,
} from '../../../src/advanced/shared/event-log.js';
import {
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  replay,
  type SlaEvent,
} from '../../../src/index.js';
import { ticketStoryArb } from '../../../src/testing/index.js';
import { caught, type JsonObject, jsonCopy, jsonObject } from '../../support/errors.js';
import { params } from '../../support/fc.js';

const uk = defineCalendar({
  id: 'uk',
  zone: 'Europe/London',
  week: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'] },
});
const policy = defineSlaPolicy({
  id: 'p',
  calendarId: 'uk',
  pauseWhile: ['waiting'],
  stopWhen: ['resolved'],
  targets: { urgent: { firstResponse: 30, resolution: 240 }, low: { resolution: 600 } },
});
const T = (iso: string): number => Date.parse(iso);

/** A log with every type of event: started, paused, resumed, retargeted, breached, stopped, reopened. */
function storyLog(ticketId: string): SlaEvent[] {
  const run = replay(
    { ticketId, priority: 'urgent', createdAt: T('2026-11-30T09:00:00Z'), policy, calendar: uk },
    [
      { id: 'a', at: T('2026-11-30T09:10:00Z'), type: 'status_changed', status: 'waiting' },
      { id: 'b', at: T('2026-11-30T10:00:00Z'), type: 'status_changed', status: 'open' },
      { id: 'c', at: T('2026-11-30T10:05:00Z'), type: 'priority_changed', priority: 'low' },
      { id: 'd', at: T('2026-11-30T10:06:00Z'), type: 'priority_changed', priority: 'urgent' },
      { id: 'e', at: T('2026-11-30T16:00:00Z'), type: 'status_changed', status: 'resolved' },
      { id: 'f', at: T('2026-11-30T16:30:00Z'), type: 'status_changed', status: 'open' },
    ],
  );
  const late = checkBreaches(run.state, T('2026-12-01T12:00:00Z'), { calendar: uk });
  return [...run.events, ...late.events];
}

const log = storyLog('T-1');
const byType = (type: SlaEvent['type']): SlaEvent => {
  const found = log.find((e) => e.type === type);
  if (found === undefined) throw new Error(`the story has no ${type}`);
  return found;
};

describe('the story log', () => {
  it('has every type of SLA event (else the tests below would test less than they claim)', () => {
    expect(new Set(log.map((e) => e.type))).toEqual(
      new Set([
        'sla.started',
        'sla.paused',
        'sla.resumed',
        'sla.retargeted',
        'sla.breached',
        'sla.stopped',
        'sla.reopened',
      ]),
    );
  });
});

describe('slaEventSequence', () => {
  it('reads n of <ticketId>/sla/<n>', () => {
    expect(log.map((e) => slaEventSequence(e))).toEqual(log.map((_, i) => i + 1));
    const odd = { ...byType('sla.paused'), ticketId: 'a/sla/b', id: 'a/sla/b/sla/12' };
    expect(slaEventSequence(odd)).toBe(12);
  });
  it.each([
    ['T-1/sla/0'],
    ['T-1/sla/01'],
    ['T-1/sla/'],
    ['T-1/sla/1.5'],
    ['T-1/sla/-1'],
    ['T-2/sla/1'],
    ['T-1/esc/1'],
    ['T-1/sla/99999999999999999999'],
    ['T-1/sla/1 '],
  ])('refuses %j', (id) => {
    const error = caught(() => slaEventSequence({ ...log[0], id } as SlaEvent, 'events[4].id'));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.path).toBe('events[4].id');
    expect(error.message).toContain('T-1');
  });
});

describe('readSlaEvent', () => {
  it('accepts every event the clock emits, as JSON, and returns a frozen copy', () => {
    for (const [i, event] of log.entries()) {
      const stored = jsonCopy(event);
      const read = readSlaEvent(stored, `events[${i}]`);
      expect(read).toEqual(event);
      expect(read).not.toBe(stored);
      expect(Object.isFrozen(read)).toBe(true);
      expect(Object.isFrozen(stored)).toBe(false);
    }
  });

  // Each malformed variant: the event it starts from, the change, the path it must name.
  const cases: [SlaEvent['type'], string, (e: JsonObject) => void, string][] = [
    [
      'sla.started',
      'unknown type',
      (e) => {
        e.type = 'sla.escalated';
      },
      'type',
    ],
    [
      'sla.started',
      'missing type',
      (e) => {
        delete e.type;
      },
      'type',
    ],
    [
      'sla.started',
      'unknown key',
      (e) => {
        e.extra = 1;
      },
      'extra',
    ],
    [
      'sla.started',
      'outcome on a start',
      (e) => {
        e.outcome = 'met';
      },
      'outcome',
    ],
    [
      'sla.paused',
      'previousTargetMs on a pause',
      (e) => {
        e.previousTargetMs = 5;
      },
      'previousTargetMs',
    ],
    [
      'sla.started',
      'empty ticket id',
      (e) => {
        e.ticketId = '';
      },
      'ticketId',
    ],
    [
      'sla.started',
      'numeric ticket id',
      (e) => {
        e.ticketId = 7;
      },
      'ticketId',
    ],
    [
      'sla.started',
      'id of another ticket',
      (e) => {
        e.id = 'T-2/sla/1';
      },
      'id',
    ],
    [
      'sla.started',
      'id missing',
      (e) => {
        delete e.id;
      },
      'id',
    ],
    [
      'sla.started',
      'unknown metric',
      (e) => {
        e.metric = 'nextResponse';
      },
      'metric',
    ],
    [
      'sla.started',
      'at as a string',
      (e) => {
        e.at = '2026-11-30T09:00:00Z';
      },
      'at',
    ],
    [
      'sla.started',
      'at fractional',
      (e) => {
        e.at = 1.5;
      },
      'at',
    ],
    [
      'sla.started',
      'at out of range',
      (e) => {
        e.at = 8e12;
      },
      'at',
    ],
    [
      'sla.started',
      'phase stopped on a start',
      (e) => {
        e.phase = 'stopped';
      },
      'phase',
    ],
    [
      'sla.paused',
      'phase running on a pause',
      (e) => {
        e.phase = 'running';
      },
      'phase',
    ],
    [
      'sla.resumed',
      'phase paused on a resume',
      (e) => {
        e.phase = 'paused';
      },
      'phase',
    ],
    [
      'sla.stopped',
      'phase running on a stop',
      (e) => {
        e.phase = 'running';
      },
      'phase',
    ],
    [
      'sla.reopened',
      'phase stopped on a reopen',
      (e) => {
        e.phase = 'stopped';
      },
      'phase',
    ],
    [
      'sla.retargeted',
      'phase stopped on a retarget',
      (e) => {
        e.phase = 'stopped';
      },
      'phase',
    ],
    [
      'sla.breached',
      'unknown phase',
      (e) => {
        e.phase = 'late';
      },
      'phase',
    ],
    [
      'sla.started',
      'zero target',
      (e) => {
        e.targetMs = 0;
      },
      'targetMs',
    ],
    [
      'sla.started',
      'NaN target',
      (e) => {
        e.targetMs = null;
      },
      'targetMs',
    ],
    [
      'sla.started',
      'used on a start',
      (e) => {
        e.usedMs = 5;
      },
      'usedMs',
    ],
    [
      'sla.paused',
      'negative used',
      (e) => {
        e.usedMs = -1;
      },
      'usedMs',
    ],
    [
      'sla.paused',
      'remaining inconsistent',
      (e) => {
        e.remainingMs = 1;
      },
      'remainingMs',
    ],
    [
      'sla.paused',
      'dueAt on a paused clock',
      (e) => {
        e.dueAt = 0;
      },
      'dueAt',
    ],
    [
      'sla.resumed',
      'no dueAt on a running clock',
      (e) => {
        e.dueAt = null;
      },
      'dueAt',
    ],
    [
      'sla.stopped',
      'dueAt on a stopped clock',
      (e) => {
        e.dueAt = 0;
      },
      'dueAt',
    ],
    [
      'sla.started',
      'empty status',
      (e) => {
        e.status = '';
      },
      'status',
    ],
    [
      'sla.started',
      'missing status',
      (e) => {
        delete e.status;
      },
      'status',
    ],
    [
      'sla.started',
      'numeric priority',
      (e) => {
        e.priority = 1;
      },
      'priority',
    ],
    [
      'sla.paused',
      'causedBy numeric',
      (e) => {
        e.causedBy = 3;
      },
      'causedBy',
    ],
    [
      'sla.paused',
      'causedBy missing',
      (e) => {
        delete e.causedBy;
      },
      'causedBy',
    ],
    [
      'sla.stopped',
      'no outcome',
      (e) => {
        delete e.outcome;
      },
      'outcome',
    ],
    [
      'sla.stopped',
      'unknown outcome',
      (e) => {
        e.outcome = 'late';
      },
      'outcome',
    ],
    [
      'sla.retargeted',
      'no previous target',
      (e) => {
        delete e.previousTargetMs;
      },
      'previousTargetMs',
    ],
    [
      'sla.retargeted',
      'previous target equal to the target',
      (e) => {
        e.previousTargetMs = e.targetMs ?? null;
      },
      'previousTargetMs',
    ],
    [
      'sla.breached',
      'dueAt as a string',
      (e) => {
        e.dueAt = 'soon';
      },
      'dueAt',
    ],
    [
      'sla.reopened',
      'remaining as a string',
      (e) => {
        e.remainingMs = '5';
      },
      'remainingMs',
    ],
  ];
  it.each(cases)('%s: %s → INVALID_EVENT_LOG at the field', (type, _, change, key) => {
    const event = jsonObject(byType(type));
    change(event);
    const before = JSON.stringify(event);
    const error = caught(() => readSlaEvent(event, 'events[17]'));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.path).toBe(`events[17].${key}`);
    expect(JSON.stringify(event)).toBe(before);
  });

  it('names the ticket and the event id in the message', () => {
    const event = jsonObject(byType('sla.paused'));
    event.usedMs = -3;
    expect(caught(() => readSlaEvent(event, 'events[2]')).message).toContain(
      `SLA event "${String(event.id)}" of ticket "T-1"`,
    );
  });

  it.each([
    [null],
    [undefined],
    [42],
    ['sla.started'],
    [[]],
    [new Date(0)],
    [Object.create({ type: 'sla.started' })],
  ])('refuses %j, which is no event', (value) => {
    const error = caught(() => readSlaEvent(value, 'events[0]'));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.path).toBe('events[0]');
  });

  it('never throws anything but INVALID_EVENT_LOG on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          readSlaEvent(value, 'x');
        } catch (error) {
          expect((error as { code?: string }).code).toBe('INVALID_EVENT_LOG');
        }
      }),
      params(),
    );
  });

  it('refuses every single-field corruption of real events', () => {
    const field = fc.constantFrom(
      'id',
      'type',
      'ticketId',
      'metric',
      'at',
      'phase',
      'targetMs',
      'usedMs',
      'remainingMs',
      'dueAt',
      'priority',
    );
    const junk = fc.oneof(
      fc.constant(null),
      fc.constant(''),
      fc.double(),
      fc.boolean(),
      fc.object(),
    );
    fc.assert(
      fc.property(fc.nat(log.length - 1), field, junk, (i, key, value) => {
        const event = jsonObject(log[i]);
        fc.pre(JSON.stringify(event[key]) !== JSON.stringify(value));
        event[key] = value as never;
        const error = caught(() => readSlaEvent(event, 'e'));
        expect(error.code).toBe('INVALID_EVENT_LOG');
      }),
      params(),
    );
  });
});

describe('createSlaLogReader', () => {
  const other = storyLog('T-2');

  it('accepts two tickets interleaved, each in order', () => {
    const reader = createSlaLogReader();
    const seen: string[] = [];
    for (let i = 0; i < Math.max(log.length, other.length); i++) {
      for (const event of [log[i], other[i]]) {
        if (event === undefined) continue;
        expect(reader.accept(jsonCopy(event), `events[${seen.length}]`)).toEqual(event);
        seen.push(event.id);
      }
    }
    expect(seen).toHaveLength(log.length + other.length);
  });

  it('treats an exact re-delivery as nothing new, at any distance', () => {
    const reader = createSlaLogReader();
    for (const event of log) reader.accept(event, 'e');
    for (const event of log) expect(reader.accept(jsonCopy(event), 'e')).toBeUndefined();
    // Key order is not content: a re-delivery stored with its keys shuffled is the same event.
    const shuffled = Object.fromEntries(Object.entries(jsonObject(log[2])).reverse());
    expect(reader.accept(shuffled, 'e')).toBeUndefined();
  });

  it('refuses the same id with other content', () => {
    const reader = createSlaLogReader();
    for (const event of log) reader.accept(event, 'e');
    const changed: JsonObject = { ...jsonObject(log[1]), priority: 'low' };
    const error = caught(() => reader.accept(changed, 'events[9]'));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.path).toBe('events[9]');
    expect(error.message).toContain(String(changed.id));
    // …and the reader has not been changed by the refusal.
    expect(reader.accept(log[1], 'e')).toBeUndefined();
  });

  /** Valid events of the same id that differ from `event` in one field (and what it implies). */
  function oneFieldChanges(event: SlaEvent): [string, JsonObject][] {
    const e = jsonObject(event);
    const out: [string, JsonObject][] = [];
    const swapType: Partial<Record<string, string>> = {
      'sla.breached': 'sla.reopened',
      'sla.reopened': 'sla.breached',
    };
    const type = swapType[event.type];
    if (type !== undefined) out.push(['type', { ...e, type }]);
    out.push([
      'metric',
      { ...e, metric: event.metric === 'resolution' ? 'firstResponse' : 'resolution' },
    ]);
    out.push(['at', { ...e, at: event.at + 1 }]);
    out.push(['at (by 2³²)', { ...e, at: event.at + 2 ** 32 }]);
    if (event.type !== 'sla.retargeted' || event.previousTargetMs !== event.targetMs + 1) {
      out.push([
        'targetMs (and remainingMs)',
        { ...e, targetMs: event.targetMs + 1, remainingMs: event.remainingMs + 1 },
      ]);
    }
    if (event.type !== 'sla.started' && event.remainingMs > 0) {
      out.push([
        'usedMs (and remainingMs)',
        { ...e, usedMs: event.usedMs + 1, remainingMs: event.remainingMs - 1 },
      ]);
    }
    if (event.dueAt !== null) out.push(['dueAt', { ...e, dueAt: event.dueAt + 1 }]);
    out.push(['status', { ...e, status: event.status === null ? 'null' : null }]);
    if (event.status !== null) out.push(['status (text)', { ...e, status: `${event.status}x` }]);
    out.push(['priority', { ...e, priority: `${event.priority}x` }]);
    out.push(['causedBy', { ...e, causedBy: event.causedBy === null ? 'x' : null }]);
    if (event.causedBy !== null) {
      out.push(['causedBy (text)', { ...e, causedBy: `${event.causedBy.slice(1)}x` }]);
    }
    if (event.type === 'sla.stopped') {
      out.push(['outcome', { ...e, outcome: event.outcome === 'met' ? 'cancelled' : 'met' }]);
    }
    if (event.type === 'sla.retargeted' && event.previousTargetMs !== event.targetMs - 1) {
      out.push(['previousTargetMs', { ...e, previousTargetMs: event.previousTargetMs + 1 }]);
    }
    return out;
  }

  it('refuses a duplicate that differs in one field only, for every field, the last event or an earlier one', () => {
    const reader = createSlaLogReader();
    for (const event of log) reader.accept(event, 'e');
    const fields = new Set<string>();
    for (const [i, event] of log.entries()) {
      for (const [field, changed] of oneFieldChanges(event)) {
        fields.add(field.split(' ')[0] as string);
        // A valid event in itself: only the comparison with the accepted one can refuse it.
        expect(() => readSlaEvent(changed, 'e')).not.toThrow();
        const error = caught(() => reader.accept(changed, `events[${i}]`));
        expect([field, error.code, error.path]).toEqual([
          field,
          'INVALID_EVENT_LOG',
          `events[${i}]`,
        ]);
      }
    }
    // Every field of an event's content but phase (never changed alone: it decides dueAt) and
    // remainingMs (targetMs − usedMs), and the ids, which are the key itself.
    expect([...fields].sort()).toEqual(
      [
        'at',
        'causedBy',
        'dueAt',
        'metric',
        'outcome',
        'previousTargetMs',
        'priority',
        'status',
        'targetMs',
        'type',
        'usedMs',
      ].sort(),
    );
    for (const event of log) expect(reader.accept(jsonCopy(event), 'e')).toBeUndefined();
  });

  it('names the entry by its place when no path is given, and check() hands back the value itself', () => {
    const reader = createSlaLogReader();
    const first = jsonCopy(log[0]);
    expect(reader.check(first)).toBe(first);
    expect(reader.accept(jsonCopy(log[1]))).toEqual(log[1]);
    expect(reader.check(jsonCopy(log[1]))).toBeUndefined();
    const error = caught(() => reader.accept({ ...jsonObject(log[2]), usedMs: -1 }));
    expect(error.path).toBe('events[3].usedMs');
  });

  it('refuses a gap, naming what is missing', () => {
    const reader = createSlaLogReader();
    reader.accept(log[0], 'events[0]');
    reader.accept(log[1], 'events[1]');
    const error = caught(() => reader.accept(log[4], 'events[2]'));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.path).toBe('events[2].id');
    expect(error.message).toContain('T-1/sla/3');
    // The gap is not recorded: the missing event can still come.
    expect(reader.accept(log[2], 'events[2]')).toEqual(log[2]);
  });

  it('refuses a log that starts after event 1', () => {
    const error = caught(() => createSlaLogReader().accept(log[1], 'events[0]'));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.message).toContain('T-1/sla/1');
  });

  it('refuses events out of order (sequence order, but at going back)', () => {
    const reader = createSlaLogReader();
    reader.accept(log[0], 'e');
    const back = { ...jsonObject(log[1]), at: (log[0] as SlaEvent).at - 1 };
    const error = caught(() => reader.accept(back, 'events[1]'));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.path).toBe('events[1].at');
  });

  it('refuses events delivered out of sequence order (a later one first is a gap)', () => {
    const reader = createSlaLogReader();
    reader.accept(log[0], 'e');
    expect(caught(() => reader.accept(log[2], 'e')).code).toBe('INVALID_EVENT_LOG');
  });

  it('accepts events at the same instant', () => {
    const reader = createSlaLogReader();
    const same = log.filter((e) => e.at === (log[0] as SlaEvent).at);
    expect(same.length).toBeGreaterThan(1);
    for (const event of same) expect(reader.accept(event, 'e')).toEqual(event);
  });

  it('on random ticket stories: accepts the whole log and every duplicate, refuses every gap', () => {
    fc.assert(
      fc.property(
        ticketStoryArb({ maxEvents: 8, maxTargetMinutes: 600 }),
        fc.nat(),
        (story, pick) => {
          const { events } = replay(story.binding, story.events);
          const reader = createSlaLogReader();
          for (const event of events) expect(reader.accept(jsonCopy(event), 'e')).toEqual(event);
          const again = events[pick % events.length];
          if (again !== undefined) expect(reader.accept(again, 'e')).toBeUndefined();
          if (events.length >= 3) {
            const gapped = createSlaLogReader();
            gapped.accept(events[0], 'e');
            const skip = 2 + (pick % (events.length - 2));
            expect(caught(() => gapped.accept(events[skip], 'e')).code).toBe('INVALID_EVENT_LOG');
          }
        },
      ),
      params(0.5),
    );
  });
});

describe('readSlaEventLog', () => {
  const other = storyLog('T-2');

  it('groups per ticket in order of first appearance, drops re-deliveries', () => {
    const mixed = [other[0], log[0], log[1], other[1], log[1], ...log.slice(2), ...other.slice(2)];
    const grouped = readSlaEventLog(mixed.map(jsonCopy));
    expect([...grouped.keys()]).toEqual(['T-2', 'T-1']);
    expect(grouped.get('T-1')).toEqual(log);
    expect(grouped.get('T-2')).toEqual(other);
    expect(Object.isFrozen(grouped.get('T-1'))).toBe(true);
  });

  it('takes any iterable, and names the entry of a problem', () => {
    function* rows() {
      yield log[0];
      yield { ...log[1], usedMs: -1 };
    }
    const error = caught(() => readSlaEventLog(rows()));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.path).toBe('events[1].usedMs');
    expect(caught(() => readSlaEventLog([log[1]], 'log')).path).toBe('log[0].id');
  });

  it.each([[null], [5], ['T-1/sla/1'], [{}]])('refuses %j, which is no list', (value) => {
    const error = caught(() => readSlaEventLog(value as never));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.path).toBe('events');
  });

  it('an empty log has no tickets', () => {
    expect(readSlaEventLog([]).size).toBe(0);
  });
});
