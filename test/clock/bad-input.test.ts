import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  type Calendar,
  checkBreaches,
  defineCalendar,
  MAX_INSTANT,
  MIN_INSTANT,
  nextCheckAt,
  type PetSlaError,
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
import { caught } from '../support/errors.js';
import { standard, uk } from './desk.js';

// Every error code of the clock layer (SPEC §10) with its path, and that a refused call
// never changes what it was given.

const binding: SlaBinding = {
  ticketId: 'T-1',
  priority: 'urgent',
  createdAt: '2026-11-30T09:00:00Z',
  policy: standard,
  calendar: uk,
};
const options = { calendar: uk };
const started = startSla(binding).state;
// One event applied at 10:00 (the first response breached at 09:30 and was reported).
const state = applyEvent(
  started,
  { id: 'e1', type: 'status_changed', status: 'open', at: '2026-11-30T10:00:00Z' },
  options,
).state;
const stored = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(state)) as Record<string, unknown>;

const event = (fields: Record<string, unknown>): TicketEvent =>
  ({ id: 'x', type: 'agent_replied', at: '2026-11-30T11:00:00Z', ...fields }) as TicketEvent;

/** Frozen-ness of every object inside `value`, by path. */
function frozenness(value: unknown, path = '$', out: Record<string, boolean> = {}) {
  if (typeof value === 'object' && value !== null) {
    out[path] = Object.isFrozen(value);
    for (const [key, inner] of Object.entries(value)) frozenness(inner, `${path}.${key}`, out);
  }
  return out;
}

/**
 * `f(...args)` throws a PetSlaError with this code and path, and leaves every argument as it
 * was: the same content and the same frozen-ness throughout.
 */
function rejects(
  code: string,
  path: string | undefined,
  f: (...args: never[]) => unknown,
  ...args: unknown[]
): PetSlaError {
  const before = args.map((a) => ({ json: JSON.stringify(a), frozen: frozenness(a) }));
  const error = caught(() => (f as (...a: unknown[]) => unknown)(...args));
  expect({ code: error.code, path: error.path, message: error.message }).toMatchObject({
    code,
    path,
  });
  expect(error.message.length).toBeGreaterThan(20);
  args.forEach((a, i) => {
    expect(JSON.stringify(a)).toBe(before[i]?.json);
    expect(frozenness(a)).toEqual(before[i]?.frozen);
  });
  return error;
}

describe('INVALID_EVENT', () => {
  const cases: [string, unknown, string][] = [
    ['null', null, 'event'],
    ['a string', 'agent_replied', 'event'],
    ['an array', [], 'event'],
    ['a number', 42, 'event'],
    ['a Date', new Date(0), 'event'],
    ['no id', { type: 'agent_replied', at: '2026-11-30T11:00:00Z' }, 'id'],
    ['an empty id', event({ id: '' }), 'id'],
    ['a numeric id', event({ id: 7 }), 'id'],
    ['an unknown type', event({ type: 'reopened' }), 'type'],
    ['no type', { id: 'x', at: '2026-11-30T11:00:00Z' }, 'type'],
    ['no at', { id: 'x', type: 'agent_replied' }, 'at'],
    ['an unparseable at', event({ at: 'yesterday' }), 'at'],
    ['an at without an offset', event({ at: '2026-11-30T11:00:00' }), 'at'],
    ['an at on a date that does not exist', event({ at: '2026-02-30T11:00:00Z' }), 'at'],
    ['a NaN at', event({ at: Number.NaN }), 'at'],
    ['a fractional at', event({ at: 1.5 }), 'at'],
    ['an invalid Date', event({ at: new Date('nope') }), 'at'],
    ['an object as at', event({ at: {} }), 'at'],
    ['status_changed without a status', event({ type: 'status_changed' }), 'status'],
    [
      'status_changed with an empty status',
      event({ type: 'status_changed', status: '' }),
      'status',
    ],
    [
      'status_changed with a numeric status',
      event({ type: 'status_changed', status: 3 }),
      'status',
    ],
    ['priority_changed without a priority', event({ type: 'priority_changed' }), 'priority'],
    [
      'priority_changed with a null priority',
      event({ type: 'priority_changed', priority: null }),
      'priority',
    ],
  ];
  it.each(cases)('applyEvent refuses %s (path %s)', (_, bad, path) => {
    rejects('INVALID_EVENT', path, applyEvent, state, bad, options);
  });

  it.each(cases)('replay names the event: %s → events[1]…', (_, bad, path) => {
    const good = event({ id: 'ok', at: '2026-11-30T09:10:00Z' });
    const expected = path === 'event' ? 'events[1]' : `events[1].${path}`;
    rejects('INVALID_EVENT', expected, replay, binding, [good, bad]);
  });

  it('replay: events[2].at, and events that are not a list', () => {
    const events = [
      event({ id: 'a', at: '2026-11-30T09:10:00Z' }),
      event({ id: 'b', at: '2026-11-30T09:20:00Z' }),
      event({ id: 'c', at: 'half past nine' }),
    ];
    const error = rejects('INVALID_EVENT', 'events[2].at', replay, binding, events);
    expect(error.message).toMatch(/^events\[2\]\.at: /);
    rejects('INVALID_EVENT', 'events', replay, binding, { 0: events[0] });
    rejects('INVALID_EVENT', 'events', replay, binding, null);
  });

  it('startSla: a binding that is not an object, or lacks its fields', () => {
    rejects('INVALID_EVENT', undefined, startSla, null);
    rejects('INVALID_EVENT', undefined, startSla, 'T-1');
    rejects('INVALID_EVENT', 'ticketId', startSla, { ...binding, ticketId: undefined });
    rejects('INVALID_EVENT', 'ticketId', startSla, { ...binding, ticketId: '' });
    rejects('INVALID_EVENT', 'priority', startSla, { ...binding, priority: 3 });
    rejects('INVALID_EVENT', 'status', startSla, { ...binding, status: '' });
    rejects('INVALID_EVENT', 'createdAt', startSla, { ...binding, createdAt: undefined });
    rejects('INVALID_EVENT', 'createdAt', startSla, { ...binding, createdAt: '2026-11-30' });
  });

  it('toActivityFeedEntry refuses what is not an emitted SLA event', () => {
    rejects('INVALID_EVENT', undefined, toActivityFeedEntry, null);
    rejects('INVALID_EVENT', 'type', toActivityFeedEntry, {});
    rejects('INVALID_EVENT', 'type', toActivityFeedEntry, { type: 'status_changed' });
  });

  it('toActivityFeedEntry refuses a malformed emitted event at the field, never a TypeError or NaN', () => {
    const good = startSla(binding).events[0] as SlaEvent;
    const cases: [string, unknown, string][] = [
      ['metric', 'speed', 'metric'],
      ['at', Number.NaN, 'at'],
      ['at', 1e300, 'at'],
      ['dueAt', 'soon', 'dueAt'],
      ['remainingMs', Number.NaN, 'remainingMs'],
      ['targetMs', '1h', 'targetMs'],
      ['ticketId', 7, 'ticketId'],
      ['status', 3, 'status'],
      ['phase', 'sleeping', 'phase'],
    ];
    for (const [key, value, path] of cases) {
      rejects('INVALID_EVENT', path, toActivityFeedEntry, { ...good, [key]: value });
    }
    rejects('INVALID_EVENT', 'outcome', toActivityFeedEntry, { ...good, type: 'sla.stopped' });
    rejects('INVALID_EVENT', 'previousTargetMs', toActivityFeedEntry, {
      ...good,
      type: 'sla.retargeted',
    });
    rejects('INVALID_EVENT', undefined, toActivityFeedEntry, { ...good, [Symbol('x')]: 1 });
    rejects('UNKNOWN_ZONE', 'zone', toActivityFeedEntry, good, { zone: 'Mars/Olympus' });
  });
});

describe('OUT_OF_ORDER_EVENT', () => {
  it('applyEvent: an event earlier than the last applied one', () => {
    const error = rejects(
      'OUT_OF_ORDER_EVENT',
      'at',
      applyEvent,
      state,
      event({ at: '2026-11-30T09:59:59.999Z' }),
      options,
    );
    expect(error.message).toContain('2026-11-30T10:00:00.000Z');
    // Equal to the last instant is in order.
    expect(applyEvent(state, event({ at: '2026-11-30T10:00:00Z' }), options).state).toBeDefined();
  });

  it('applyEvent: an event at or before a breach that checkBreaches already reported', () => {
    // The resolution (due 13:00) is reported at 13:00 by a check at 14:00.
    const checked = checkBreaches(state, '2026-11-30T14:00:00Z', options);
    expect(checked.events.map((e) => e.at)).toEqual([Date.parse('2026-11-30T13:00:00Z')]);
    rejects(
      'OUT_OF_ORDER_EVENT',
      'at',
      applyEvent,
      checked.state,
      event({ at: '2026-11-30T13:00:00Z' }),
      options,
    );
    rejects(
      'OUT_OF_ORDER_EVENT',
      'now',
      checkBreaches,
      checked.state,
      '2026-11-30T12:00:00Z',
      options,
    );
  });

  it('checkBreaches and slaStatus: now earlier than the last event', () => {
    rejects('OUT_OF_ORDER_EVENT', 'now', checkBreaches, state, '2026-11-30T09:59:00Z', options);
    rejects('OUT_OF_ORDER_EVENT', 'now', slaStatus, state, '2026-11-30T09:59:00Z', options);
    rejects('OUT_OF_ORDER_EVENT', 'now', slaStatus, started, '2026-11-30T08:59:00Z', options);
  });

  it('replay: events[3].at', () => {
    const events = ['09:10', '09:20', '09:30', '09:25'].map((hhmm, i) =>
      event({ id: `e${i}`, type: 'status_changed', status: 'open', at: `2026-11-30T${hhmm}:00Z` }),
    );
    rejects('OUT_OF_ORDER_EVENT', 'events[3].at', replay, binding, events);
  });
});

describe('UNKNOWN_PRIORITY', () => {
  it('startSla, applyEvent and replay name the priorities the policy has', () => {
    const error = rejects('UNKNOWN_PRIORITY', 'priority', startSla, {
      ...binding,
      priority: 'critical',
    });
    expect(error.message).toContain('"normal", "urgent"');
    rejects(
      'UNKNOWN_PRIORITY',
      'priority',
      applyEvent,
      state,
      event({ type: 'priority_changed', priority: 'critical' }),
      options,
    );
    rejects('UNKNOWN_PRIORITY', 'events[0].priority', replay, binding, [
      event({ type: 'priority_changed', priority: 'Urgent' }),
    ]);
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty'])(
    'a priority named like an Object.prototype member (%s) is no priority',
    (name) => {
      rejects('UNKNOWN_PRIORITY', 'priority', startSla, { ...binding, priority: name });
      rejects(
        'UNKNOWN_PRIORITY',
        'priority',
        applyEvent,
        state,
        event({ type: 'priority_changed', priority: name }),
        options,
      );
    },
  );
});

describe('CALENDAR_MISMATCH', () => {
  const revised = reviseCalendar(uk, { overrides: [{ date: '2026-12-24', windows: [] }] });
  const sameIdOtherHours = defineCalendar({
    id: 'uk-support',
    zone: 'Europe/London',
    week: { mon: ['08:00-16:00'] },
  });
  const otherId = defineCalendar({ id: 'us-support', zone: 'America/New_York', week: {} });
  const wrong: [string, Calendar][] = [
    ['the revised calendar', revised],
    ['the revised calendar as JSON', JSON.parse(JSON.stringify(toSnapshot(revised))) as Calendar],
    ['another calendar with the same id', sameIdOtherHours],
    ['a calendar with another id', otherId],
  ];

  it.each(wrong)('every function that takes { calendar } refuses %s', (_, calendar) => {
    const o = { calendar };
    rejects('CALENDAR_MISMATCH', 'calendar', applyEvent, state, event({}), o);
    rejects('CALENDAR_MISMATCH', 'calendar', checkBreaches, state, '2026-11-30T11:00:00Z', o);
    rejects('CALENDAR_MISMATCH', 'calendar', slaStatus, state, '2026-11-30T11:00:00Z', o);
  });

  it('startSla and replay refuse a calendar other than the one the policy names', () => {
    const error = rejects('CALENDAR_MISMATCH', 'calendar', startSla, {
      ...binding,
      calendar: otherId,
    });
    expect(error.message).toContain('uk-support');
    rejects('CALENDAR_MISMATCH', 'calendar', replay, { ...binding, calendar: otherId }, []);
  });

  it('a stored state whose bound fingerprint was altered matches no calendar', () => {
    const s = stored();
    (s.calendar as Record<string, unknown>).fingerprint = revised.fingerprint;
    rejects('CALENDAR_MISMATCH', 'calendar', applyEvent, s, event({}), options);
  });

  it('the message says which calendar is bound and how to fix it', () => {
    const error = caught(() => slaStatus(state, '2026-11-30T11:00:00Z', { calendar: revised }));
    expect(error.message).toMatch(/version 1.*version 2.*pinned snapshot/);
  });
});

describe('INVALID_STATE', () => {
  const tamper = (f: (s: Record<string, unknown>) => void): Record<string, unknown> => {
    const s = stored();
    f(s);
    return s;
  };
  const clock = (s: Record<string, unknown>) =>
    (s.clocks as Record<string, Record<string, unknown>>).resolution as Record<string, unknown>;
  const cases: [string, unknown, string | undefined][] = [
    ['null', null, undefined],
    ['a string', JSON.stringify(state), undefined],
    ['an array', [state], undefined],
    ['an empty object', {}, 'schema'],
    [
      'another schema',
      tamper((s) => {
        s.schema = 'pet-sla/ticket-sla@2';
      }),
      'schema',
    ],
    ['a calendar snapshot', JSON.parse(JSON.stringify(uk)), 'schema'],
    [
      'an empty ticket id',
      tamper((s) => {
        s.ticketId = '';
      }),
      'ticketId',
    ],
    [
      'no policy',
      tamper((s) => {
        delete s.policy;
      }),
      'policy',
    ],
    [
      'a tampered embedded policy',
      tamper((s) => {
        const policy = s.policy as { targets: Record<string, Record<string, number>> };
        (policy.targets.urgent as Record<string, number>).resolution = 2400;
      }),
      'policy',
    ],
    [
      'no bound calendar',
      tamper((s) => {
        s.calendar = null;
      }),
      'calendar',
    ],
    [
      'a bound calendar without a fingerprint',
      tamper((s) => {
        s.calendar = { id: 'uk-support', version: 1 };
      }),
      'calendar',
    ],
    [
      'a createdAt string',
      tamper((s) => {
        s.createdAt = '2026-11-30T09:00:00Z';
      }),
      'createdAt',
    ],
    [
      'a fractional lastEventAt',
      tamper((s) => {
        s.lastEventAt = 1.5;
      }),
      'lastEventAt',
    ],
    [
      'no notBefore',
      tamper((s) => {
        delete s.notBefore;
      }),
      'notBefore',
    ],
    [
      'an emitted count that is not a number',
      tamper((s) => {
        s.emitted = '3';
      }),
      'emitted',
    ],
    [
      'a numeric status',
      tamper((s) => {
        s.status = 3;
      }),
      'status',
    ],
    [
      'no priority',
      tamper((s) => {
        s.priority = null;
      }),
      'priority',
    ],
    [
      'firstResponseDone "yes"',
      tamper((s) => {
        s.firstResponseDone = 'yes';
      }),
      'firstResponseDone',
    ],
    [
      'applied ids that are not strings',
      tamper((s) => {
        s.appliedEvents = 'not hex digits';
      }),
      'appliedEvents',
    ],
    [
      'no clocks',
      tamper((s) => {
        s.clocks = null;
      }),
      'clocks',
    ],
    [
      'a clock of an unknown metric',
      tamper((s) => {
        (s.clocks as Record<string, unknown>).csat = clock(s);
      }),
      'clocks.csat',
    ],
    [
      'a clock that is not an object',
      tamper((s) => {
        (s.clocks as Record<string, unknown>).resolution = 'running';
      }),
      'clocks.resolution',
    ],
    [
      'an unknown phase',
      tamper((s) => {
        clock(s).phase = 'sleeping';
      }),
      'clocks.resolution.phase',
    ],
    [
      'negative used time',
      tamper((s) => {
        clock(s).usedMs = -1;
      }),
      'clocks.resolution.usedMs',
    ],
    [
      'a fractional target',
      tamper((s) => {
        clock(s).targetMs = 1.5;
      }),
      'clocks.resolution.targetMs',
    ],
    [
      'no since',
      tamper((s) => {
        delete clock(s).since;
      }),
      'clocks.resolution.since',
    ],
    [
      'a running clock without dueAt',
      tamper((s) => {
        clock(s).dueAt = null;
      }),
      'clocks.resolution.dueAt',
    ],
    [
      'a breachedAt string',
      tamper((s) => {
        clock(s).breachedAt = 'today';
      }),
      'clocks.resolution.breachedAt',
    ],
    [
      'breachReported "no"',
      tamper((s) => {
        clock(s).breachReported = 'no';
      }),
      'clocks.resolution.breachReported',
    ],
    [
      'an outcome on a running clock',
      tamper((s) => {
        clock(s).outcome = 'met';
      }),
      'clocks.resolution.outcome',
    ],
    [
      'a stopped clock without an outcome',
      tamper((s) => {
        const c = (s.clocks as Record<string, Record<string, unknown>>).firstResponse as Record<
          string,
          unknown
        >;
        c.phase = 'stopped';
        c.dueAt = null;
      }),
      'clocks.firstResponse.outcome',
    ],
  ];

  it.each(cases)('every clock function refuses %s (path %s)', (_, bad, path) => {
    rejects('INVALID_STATE', path, applyEvent, bad, event({}), options);
    rejects('INVALID_STATE', path, checkBreaches, bad, '2026-11-30T11:00:00Z', options);
    rejects('INVALID_STATE', path, slaStatus, bad, '2026-11-30T11:00:00Z', options);
    rejects('INVALID_STATE', path, nextCheckAt, bad);
  });

  it('a tampered policy is named as such', () => {
    const error = caught(() => nextCheckAt(cases[8]?.[1] as TicketSlaState));
    expect(error.message).toMatch(/embedded policy.*fingerprint/);
  });

  it('an untouched stored state is accepted, and behaves like the original', () => {
    const s = stored() as unknown as TicketSlaState;
    expect(nextCheckAt(s)).toBe(nextCheckAt(state));
    expect(applyEvent(s, event({}), options)).toEqual(applyEvent(state, event({}), options));
  });

  it('a priority the embedded policy has no targets for is INVALID_STATE', () => {
    const s = tamper((x) => {
      x.priority = 'bogus';
    });
    rejects(
      'INVALID_STATE',
      'priority',
      applyEvent,
      s,
      event({ type: 'status_changed', status: 'open' }),
      options,
    );
  });
});

describe('INVALID_CALENDAR, INVALID_POLICY and snapshot errors of the arguments', () => {
  it('options without a calendar', () => {
    rejects('INVALID_CALENDAR', 'options', applyEvent, state, event({}), undefined);
    rejects('INVALID_CALENDAR', 'options', checkBreaches, state, '2026-11-30T11:00:00Z', null);
    rejects('INVALID_CALENDAR', 'calendar', slaStatus, state, '2026-11-30T11:00:00Z', {});
    rejects('INVALID_CALENDAR', 'calendar', applyEvent, state, event({}), { calendar: null });
    rejects('INVALID_CALENDAR', 'calendar', applyEvent, state, event({}), {
      calendar: 'uk-support',
    });
    // A definition is not a calendar: it has no schema and no fingerprint.
    const definition = { id: 'uk-support', zone: 'Europe/London', week: uk.week };
    rejects('INVALID_CALENDAR', 'calendar', checkBreaches, state, '2026-11-30T11:00:00Z', {
      calendar: definition,
    });
    rejects('INVALID_CALENDAR', 'calendar', startSla, { ...binding, calendar: undefined });
    rejects('INVALID_CALENDAR', 'calendar', replay, { ...binding, calendar: definition }, []);
  });

  it('a tampered calendar snapshot is refused as such, before any comparison', () => {
    const snapshot = JSON.parse(JSON.stringify(uk)) as { week: Record<string, string[]> };
    snapshot.week.sat = ['09:00-18:00'];
    rejects('FINGERPRINT_MISMATCH', 'fingerprint', applyEvent, state, event({}), {
      calendar: snapshot,
    });
  });

  it('startSla without a valid policy', () => {
    rejects('INVALID_POLICY', 'policy', startSla, { ...binding, policy: undefined });
    rejects('INVALID_POLICY', 'policy', startSla, { ...binding, policy: { id: 'standard' } });
    const tampered = JSON.parse(JSON.stringify(standard)) as {
      targets: { urgent: { resolution: number } };
    };
    tampered.targets.urgent.resolution = 1;
    rejects('FINGERPRINT_MISMATCH', 'fingerprint', startSla, { ...binding, policy: tampered });
  });
});

describe('CALENDAR_NEVER_OPENS from the clock', () => {
  // Closed every week; open only on Mon 30 Nov 09:00–18:00 (540 business minutes in all).
  const once = defineCalendar({
    id: 'uk-support',
    zone: 'Europe/London',
    week: {},
    overrides: [{ date: '2026-11-30', windows: ['09:00-18:00'] }],
  });
  const o = { calendar: once };
  const s = startSla({ ...binding, calendar: once }).state;

  it('startSla: a target the calendar can never supply', () => {
    // Normal: 2400 minutes, but only 540 exist.
    const error = caught(() => startSla({ ...binding, priority: 'normal', calendar: once }));
    expect(error.code).toBe('CALENDAR_NEVER_OPENS');
    expect(error.path).toBe('calendar');
  });

  it('applyEvent: a clock resumed after the last open day, or retargeted beyond it', () => {
    const paused = applyEvent(
      s,
      event({
        id: 'w',
        type: 'status_changed',
        status: 'waiting_on_customer',
        at: '2026-11-30T09:10:00Z',
      }),
      o,
    ).state;
    const resume = event({
      id: 'o',
      type: 'status_changed',
      status: 'open',
      at: '2026-12-01T09:00:00Z',
    });
    expect(caught(() => applyEvent(paused, resume, o)).code).toBe('CALENDAR_NEVER_OPENS');
    const retarget = event({
      type: 'priority_changed',
      priority: 'normal',
      at: '2026-11-30T09:10:00Z',
    });
    expect(caught(() => applyEvent(s, retarget, o)).code).toBe('CALENDAR_NEVER_OPENS');
    // Nothing changed: the same events still apply to the same states.
    expect(applyEvent(s, event({ at: '2026-11-30T09:20:00Z' }), o).events).toHaveLength(1);
  });

  it('applyEvent names the calendar, not an internal "t", as the path', () => {
    const paused = applyEvent(
      s,
      event({
        id: 'w',
        type: 'status_changed',
        status: 'waiting_on_customer',
        at: '2026-11-30T09:10:00Z',
      }),
      o,
    ).state;
    const error = caught(() =>
      applyEvent(
        paused,
        event({ id: 'o', type: 'status_changed', status: 'open', at: '2026-12-01T09:00:00Z' }),
        o,
      ),
    );
    expect(error.path).toBe('calendar');
  });
});

describe('INSTANT_OUT_OF_RANGE', () => {
  it('event instants, creation and now outside 1900–2200', () => {
    rejects(
      'INSTANT_OUT_OF_RANGE',
      'at',
      applyEvent,
      state,
      event({ at: '2200-01-01T00:00:00Z' }),
      options,
    );
    rejects('INSTANT_OUT_OF_RANGE', 'at', applyEvent, state, event({ at: MAX_INSTANT }), options);
    rejects(
      'INSTANT_OUT_OF_RANGE',
      'at',
      applyEvent,
      state,
      event({ at: MIN_INSTANT - 1 }),
      options,
    );
    rejects('INSTANT_OUT_OF_RANGE', 'createdAt', startSla, {
      ...binding,
      createdAt: '1899-12-31T23:59:59.999Z',
    });
    rejects('INSTANT_OUT_OF_RANGE', 'now', checkBreaches, state, MAX_INSTANT, options);
    rejects('INSTANT_OUT_OF_RANGE', 'now', slaStatus, state, '2200-01-01T00:00:00Z', options);
    rejects('INSTANT_OUT_OF_RANGE', 'events[0].at', replay, binding, [
      event({ at: MAX_INSTANT + 1 }),
    ]);
  });

  it('a due instant past 2200 is refused, not returned', () => {
    // 240 business minutes from 2199-12-31 17:00 (a Tuesday, open until 18:00) lie in 2200.
    const error = caught(() => startSla({ ...binding, createdAt: '2199-12-31T17:00:00Z' }));
    expect(error.code).toBe('INSTANT_OUT_OF_RANGE');
  });

  it('nextCheckAt never names an instant checkBreaches refuses', () => {
    const allDay = defineCalendar({
      id: 'uk-support',
      zone: 'UTC',
      week: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]),
      ),
    });
    // Due at MAX_INSTANT − 1: the last supported millisecond.
    const s = startSla({
      ...binding,
      priority: 'normal',
      createdAt: MAX_INSTANT - 1 - 2400 * 60_000,
      calendar: allDay,
    }).state;
    expect(s.clocks.resolution?.dueAt).toBe(MAX_INSTANT - 1);
    // First response is due long before; once answered, only the resolution clock is left.
    const replied = applyEvent(
      s,
      { id: 'reply', type: 'agent_replied', at: MAX_INSTANT - 1 - 2400 * 60_000 },
      { calendar: allDay },
    ).state;
    expect(replied.clocks.firstResponse?.phase ?? 'stopped').toBe('stopped');
    const n = nextCheckAt(replied);
    if (n !== null) checkBreaches(replied, n, { calendar: allDay });
    expect(n).toBeNull();
  });
});

describe('a bad now is an instant problem, not an event problem', () => {
  it('checkBreaches(state, NaN) and slaStatus(state, "noon") are INVALID_INSTANT', () => {
    rejects('INVALID_INSTANT', 'now', checkBreaches, state, Number.NaN, options);
    rejects('INVALID_INSTANT', 'now', slaStatus, state, 'noon', options);
  });
});

describe('inputs are never changed', () => {
  it('no refused call changes a stored (unfrozen) state, event or options', () => {
    const s = stored();
    const e = event({ at: '2026-11-30T09:00:00Z' });
    rejects('OUT_OF_ORDER_EVENT', 'at', applyEvent, s, e, { calendar: uk });
    rejects(
      'UNKNOWN_PRIORITY',
      'priority',
      applyEvent,
      s,
      event({ type: 'priority_changed', priority: 'p9' }),
      { calendar: uk },
    );
    rejects('OUT_OF_ORDER_EVENT', 'now', checkBreaches, s, '2026-11-30T09:00:00Z', {
      calendar: uk,
    });
    const json = JSON.parse(JSON.stringify(uk)) as Calendar;
    rejects('INVALID_EVENT', 'at', applyEvent, s, event({ at: 'soon' }), { calendar: json });
    const b = JSON.parse(JSON.stringify({ ...binding, priority: 'p9' })) as SlaBinding;
    rejects('UNKNOWN_PRIORITY', 'priority', startSla, b);
    rejects(
      'UNKNOWN_PRIORITY',
      'events[0].priority',
      replay,
      { ...binding, policy: JSON.parse(JSON.stringify(standard)) },
      [{ id: 'a', type: 'priority_changed', priority: 'p9', at: '2026-11-30T09:10:00Z' }],
    );
  });

  it('successful calls leave their arguments as they were (content)', () => {
    const s = stored();
    const before = JSON.stringify(s);
    const e = { id: 'e2', type: 'agent_replied', at: '2026-11-30T11:00:00Z' } as TicketEvent;
    applyEvent(s as unknown as TicketSlaState, e, options);
    checkBreaches(s as unknown as TicketSlaState, '2026-11-30T15:00:00Z', options);
    slaStatus(s as unknown as TicketSlaState, '2026-11-30T15:00:00Z', options);
    expect(JSON.stringify(s)).toBe(before);
    expect(e).toEqual({ id: 'e2', type: 'agent_replied', at: '2026-11-30T11:00:00Z' });
    const events: SlaEvent[] = [...startSla(binding).events];
    const copy = structuredClone(events);
    for (const x of events) toActivityFeedEntry(x);
    expect(events).toEqual(copy);
  });

  // (Fixed in b467544: stateOf used to return the caller's object, which was then frozen.)
  it('a stored state passed in is not frozen by the call (nor its policy, calendar or clocks)', () => {
    const a = stored();
    checkBreaches(a as unknown as TicketSlaState, '2026-11-30T10:30:00Z', options);
    const b = stored();
    applyEvent(b as unknown as TicketSlaState, event({ id: 'e-new' }), options);
    const c = stored();
    applyEvent(c as unknown as TicketSlaState, event({ at: '2026-11-30T10:30:00Z' }), options);
    expect([frozenness(a), frozenness(b), frozenness(c)]).toEqual([
      frozenness(stored()),
      frozenness(stored()),
      frozenness(stored()),
    ]);
  });
});
