import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  checkBreaches,
  nextCheckAt,
  parsePolicySnapshot,
  parseSnapshot,
  replay,
  type SlaBinding,
  type SlaEvent,
  slaStatus,
  startSla,
  type TicketEvent,
  type TicketSlaState,
  toActivityFeedEntry,
} from '../../src/index.js';
import { caught } from '../support/errors.js';
import { standard, uk } from './desk.js';

// A host stores the state as JSON and reads it back: every edit that makes its fields
// contradict each other, its policy or its calendar is INVALID_STATE at the first
// contradiction; re-deliveries are duplicates, same id with other content EVENT_CONFLICT;
// revision changes with every change; a grace lets late events decide the outcome; a state
// written by 0.1.0 is still read.

const options = { calendar: uk };
const HOUR = 3_600_000;
const MINUTE = 60_000;
const binding: SlaBinding = {
  ticketId: 'T-1',
  priority: 'urgent',
  createdAt: '2026-11-30T09:00:00Z', // a Monday, GMT
  policy: standard,
  calendar: uk,
};
const t = (iso: string) => Date.parse(iso);
// Replied at 09:10: first response met; resolution (4 h) runs from 09:00, due 13:00.
const replied = applyEvent(
  startSla(binding).state,
  { id: 'r1', type: 'agent_replied', at: '2026-11-30T09:10:00Z' },
  options,
).state;
// biome-ignore lint/suspicious/noExplicitAny: edits reach into the stored JSON freely
const stored = (): Record<string, any> => JSON.parse(JSON.stringify(replied));

function expectInvalid(state: unknown, path: string) {
  const error = caught(() => slaStatus(state as TicketSlaState, '2026-11-30T09:20:00Z', options));
  expect({ code: error.code, path: error.path }).toEqual({ code: 'INVALID_STATE', path });
}

describe('a stored state whose fields contradict each other is INVALID_STATE', () => {
  // biome-ignore lint/suspicious/noExplicitAny: edits reach into the stored JSON freely
  const edits: [string, (s: Record<string, any>) => void, string][] = [
    [
      'dueAt moved a week',
      (s) => {
        s.clocks.resolution.dueAt += 7 * 24 * HOUR;
      },
      'clocks.resolution.dueAt',
    ],
    [
      'targetMs: 1',
      (s) => {
        s.clocks.resolution.targetMs = 1;
      },
      'clocks.resolution.targetMs',
    ],
    [
      'usedMs raised 100 h',
      (s) => {
        s.clocks.resolution.usedMs += 100 * HOUR;
      },
      'clocks.resolution.usedMs',
    ],
    [
      'usedMs raised 5 min (below target)',
      (s) => {
        s.clocks.resolution.usedMs += 5 * MINUTE;
      },
      'clocks.resolution.usedMs',
    ],
    [
      'since in the future',
      (s) => {
        s.clocks.resolution.since = t('2026-12-01T09:00:00Z');
      },
      'clocks.resolution.since',
    ],
    [
      'a pause status with the clock running',
      (s) => {
        s.status = 'waiting_on_customer';
      },
      'clocks.resolution.phase',
    ],
    [
      'a stop status, first response pending',
      (s) => {
        s.status = 'resolved';
        s.firstResponseDone = false;
      },
      'firstResponseDone',
    ],
    [
      'first response undone (its clock stopped)',
      (s) => {
        s.firstResponseDone = false;
      },
      'clocks.firstResponse.phase',
    ],
    [
      'emitted: -5',
      (s) => {
        s.emitted = -5;
      },
      'emitted',
    ],
    [
      'emitted fewer than the clocks account for',
      (s) => {
        s.emitted = 1;
      },
      'emitted',
    ],
    [
      'calendar id edited, fingerprint kept',
      (s) => {
        s.calendar.id = 'us-support';
      },
      'calendar.id',
    ],
    [
      'calendar version edited, fingerprint kept',
      (s) => {
        s.calendar.version = 2;
      },
      'calendar.version',
    ],
    [
      'a field added to the bound calendar',
      (s) => {
        s.calendar.zone = 'Europe/Paris';
      },
      'calendar.zone',
    ],
    [
      'priority without its clocks',
      (s) => {
        s.priority = 'normal';
      },
      'clocks.resolution.targetMs',
    ],
    [
      'a breach not reported',
      (s) => {
        s.clocks.resolution.breachedAt = t('2026-11-30T09:05:00Z');
      },
      'clocks.resolution.breachReported',
    ],
    [
      'outcome met of a breached clock',
      (s) => {
        s.clocks.firstResponse.breachedAt = s.createdAt;
        s.clocks.firstResponse.breachReported = true;
      },
      'clocks.firstResponse.outcome',
    ],
    [
      'last event before creation',
      (s) => {
        s.lastEventAt = s.createdAt - 1;
      },
      'lastEventAt',
    ],
    [
      'notBefore before the last event',
      (s) => {
        s.notBefore = s.lastEventAt - 1;
      },
      'notBefore',
    ],
    [
      'revision below the applied events',
      (s) => {
        s.revision = 0;
      },
      'revision',
    ],
    ['a clock removed', (s) => delete s.clocks.resolution, 'clocks.resolution'],
    [
      'an unknown key',
      (s) => {
        s.toJSON = 'x';
      },
      'toJSON',
    ],
  ];
  it.each(edits)('%s', (_, edit, path) => {
    const s = stored();
    edit(s);
    expectInvalid(s, path);
  });

  it('the unedited stored state is accepted and behaves as the built one', () => {
    expect(slaStatus(stored() as TicketSlaState, '2026-11-30T10:00:00Z', options)).toEqual(
      slaStatus(replied, '2026-11-30T10:00:00Z', options),
    );
  });

  it('reads a private copy: a getter that changes its answer, a toJSON, a symbol key', () => {
    let reads = 0;
    const s = stored();
    const shifty = { ...s, clocks: { ...s.clocks } };
    Object.defineProperty(shifty.clocks, 'resolution', {
      enumerable: true,
      get: () => (reads++ === 0 ? s.clocks.resolution : { ...s.clocks.resolution, usedMs: 'abc' }),
    });
    // Read once: the copy is valid and is what everything uses.
    const status = slaStatus(shifty as TicketSlaState, '2026-11-30T10:00:00Z', options);
    expect(status.resolution?.remainingMs).toBe(3 * HOUR);
    expect(reads).toBe(1);
    const withToJson = { ...stored(), toJSON: () => ({ usedMs: 'abc' }) };
    expect(caught(() => nextCheckAt(withToJson as unknown as TicketSlaState)).code).toBe(
      'INVALID_STATE',
    );
    const withSymbol = { ...stored(), [Symbol('x')]: 1 };
    expect(caught(() => nextCheckAt(withSymbol as unknown as TicketSlaState)).code).toBe(
      'INVALID_STATE',
    );
  });
});

describe('re-deliveries, conflicts and revision', () => {
  const reply = { id: 'r1', type: 'agent_replied', at: '2026-11-30T09:10:00Z' } as const;
  it('a re-delivered event is a duplicate however old, and changes nothing', () => {
    let state = replied;
    for (let i = 0; i < 50; i++) {
      state = applyEvent(
        state,
        {
          id: `s${i}`,
          type: 'status_changed',
          status: i % 2 ? 'open' : 'in_progress',
          at: t('2026-11-30T09:20:00Z') + i,
        },
        options,
      ).state;
    }
    expect(state.revision).toBe(51);
    for (const s of [state, JSON.parse(JSON.stringify(state)) as TicketSlaState]) {
      const again = applyEvent(s, reply, options);
      expect(again).toEqual({ state, events: [], duplicate: true });
      const conflict = caught(() =>
        applyEvent(s, { ...reply, at: '2026-11-30T09:11:00Z' }, options),
      );
      expect([conflict.code, conflict.path]).toEqual(['EVENT_CONFLICT', 'id']);
      const other = caught(() =>
        applyEvent(
          s,
          { id: 's3', type: 'status_changed', status: 'closed', at: t('2026-11-30T09:20:00Z') + 3 },
          options,
        ),
      );
      expect(other.code).toBe('EVENT_CONFLICT');
    }
  });

  it('revision counts every change: events and reported breaches', () => {
    const started = startSla(binding).state;
    expect(started.revision).toBe(0);
    expect(replied.revision).toBe(1);
    const late = checkBreaches(replied, '2026-11-30T13:00:01Z', options);
    expect(late.events.map((e) => e.type)).toEqual(['sla.breached']);
    expect(late.state.revision).toBe(2);
    expect(checkBreaches(late.state, '2026-11-30T13:00:02Z', options).state.revision).toBe(2);
  });

  it('state grows by 24 characters per applied event, whatever the ids', () => {
    const events = (n: number): TicketEvent[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `${'x'.repeat(200)}-${i}`,
        type: 'status_changed',
        status: i % 2 ? 'open' : 'in_progress',
        at: t('2026-11-30T09:20:00Z'),
      }));
    const size = (n: number) => JSON.stringify(replay(binding, events(n)).state).length;
    // 100 more events: 2,400 characters (the revision, 101 → 201, keeps its digits).
    expect(size(200) - size(100)).toBe(100 * 24);
  });
});

describe('late events with a grace', () => {
  const due = t('2026-11-30T13:00:00Z');
  const grace = 10 * MINUTE;
  it('nextCheckAt waits for the grace; checkBreaches reports nothing before due + grace', () => {
    expect(nextCheckAt(replied)).toBe(due + 1);
    expect(nextCheckAt(replied, { graceMs: grace })).toBe(due + grace + 1);
    const early = checkBreaches(replied, due + grace, { calendar: uk, graceMs: grace });
    expect(early.events).toEqual([]);
    // A resolution stamped exactly at the due instant arrives 5 minutes late: in time.
    const resolved = applyEvent(
      early.state,
      { id: 'done', type: 'status_changed', status: 'resolved', at: due },
      options,
    );
    const stop = resolved.events.find((e) => e.type === 'sla.stopped' && e.metric === 'resolution');
    expect(stop).toMatchObject({ outcome: 'met', at: due });
  });

  it('past due + grace the breach is reported at the due instant', () => {
    const { events, state } = checkBreaches(replied, due + grace + 1, {
      calendar: uk,
      graceMs: grace,
    });
    expect(events.map((e) => [e.type, e.at])).toEqual([['sla.breached', due]]);
    expect(state.clocks.resolution?.breachedAt).toBe(due);
  });

  it('a bad grace is INVALID_AMOUNT', () => {
    for (const graceMs of [-1, 1.5, Number.NaN, '10']) {
      const error = caught(() => nextCheckAt(replied, { graceMs } as never));
      expect([error.code, error.path]).toEqual(['INVALID_AMOUNT', 'options.graceMs']);
    }
  });
});

describe('a ticket state stored by 0.1.0', () => {
  const dir = join(import.meta.dirname, '../fixtures');
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const old = read('ticket-state-0.1.0.json') as TicketSlaState;
  const calendar = parseSnapshot(read('v0.1.0/calendar-uk-v1.json'));
  const policy = parsePolicySnapshot(read('v0.1.0/policy-premium-v3.json'));
  // The history it was written with (created Mon 2026-11-23 09:00Z, priority normal).
  const history: TicketEvent[] = [
    { id: 'e1', type: 'agent_replied', at: '2026-11-23T10:00:00Z' },
    { id: 'e2', type: 'status_changed', status: 'waiting_on_customer', at: '2026-11-23T11:00:00Z' },
    { id: 'e3', type: 'status_changed', status: 'open', at: '2026-11-24T09:30:00Z' },
  ];
  const today = replay(
    {
      ticketId: 'T-0.1.0',
      priority: 'normal',
      createdAt: '2026-11-23T09:00:00Z',
      policy,
      calendar,
    },
    history,
  ).state;

  it('is accepted, reads its revision as its number of applied events, and behaves as today’s', () => {
    expect(slaStatus(old, '2026-11-25T12:00:00Z', { calendar })).toEqual(
      slaStatus(today, '2026-11-25T12:00:00Z', { calendar }),
    );
    expect(nextCheckAt(old)).toBe(nextCheckAt(today));
    const next: TicketEvent = {
      id: 'e4',
      type: 'status_changed',
      status: 'resolved',
      at: '2026-11-25T12:00:00Z',
    };
    const fromOld = applyEvent(old, next, { calendar });
    expect(fromOld.events).toEqual(applyEvent(today, next, { calendar }).events);
    expect(fromOld.state.revision).toBe(4);
  });

  it('treats any event with an id it applied as a duplicate (0.1.0 kept no content)', () => {
    const again = applyEvent(
      old,
      { id: 'e2', type: 'agent_replied', at: '2026-11-24T09:30:00Z' },
      { calendar },
    );
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual([]);
  });
});

describe('activity feed in a zone', () => {
  it('gives times in the zone asked for, named, and the new due time on a retarget', () => {
    // New York in November is UTC−5: the resolution due 13:00Z is 08:00 there.
    const resumed = applyEvent(
      applyEvent(
        replied,
        {
          id: 'w',
          type: 'status_changed',
          status: 'waiting_on_customer',
          at: '2026-11-30T10:00:00Z',
        },
        options,
      ).state,
      { id: 'o', type: 'status_changed', status: 'open', at: '2026-11-30T11:00:00Z' },
      options,
    ).events[0];
    // 1 h used before the pause, 3 h left from 11:00: due 14:00Z = 09:00 in New York.
    expect(toActivityFeedEntry(resumed as SlaEvent, { zone: 'America/New_York' }).text).toBe(
      'Resolution SLA resumed — due 2026-11-30 09:00 America/New_York (3h 0m business time left)',
    );
    const retargeted = applyEvent(
      replied,
      { id: 'p', type: 'priority_changed', priority: 'normal', at: '2026-11-30T10:00:00Z' },
      options,
    ).events.find((e) => e.type === 'sla.retargeted') as SlaEvent;
    // 1 h used of 40 h: 39 h left from Mon 10:00 at 9 h a day: Mon 8 h, Tue–Thu 27 h, Fri 4 h → Fri 13:00.
    expect(toActivityFeedEntry(retargeted, { zone: 'Asia/Kolkata' }).text).toBe(
      'Resolution SLA target changed from 4h 0m to 40h 0m — priority normal (39h 0m business time left, due 2026-12-04 18:30 Asia/Kolkata)',
    );
  });
});
