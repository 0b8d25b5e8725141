/**
 * The clock as a database-backed host uses it: the state and the calendar snapshot read back
 * with JSON.parse on every call, the new state written with JSON.stringify. Every ratio is
 * measured in this one run and printed as a `[stored-path]` line:
 *
 *   npx vitest bench --run bench/stored-path.bench.ts
 */
import { bench, describe } from 'vitest';
import { forgetKnownStates } from '../src/clock/known-states.js';
import {
  applyEvent,
  businessMillisBetween,
  defineCalendar,
  defineSlaPolicy,
  isOpen,
  nextCheckAt,
  parseSnapshot,
  replay,
  slaStatus,
  startSla,
  type TicketEvent,
  type TicketSlaState,
  toSnapshot,
} from '../src/index.js';
import { liveBytes } from '../test/support/memory.js';
import { cacheUse } from './memory.js';

// Keeps a result alive so that the engine cannot skip the call.
let sink: unknown;
const consume = (value: unknown): void => {
  sink = value;
};

const calendar = defineCalendar({
  id: 'uk-support',
  zone: 'Europe/London',
  week: {
    mon: ['09:00-18:00'],
    tue: ['09:00-18:00'],
    wed: ['09:00-18:00'],
    thu: ['09:00-18:00'],
    fri: ['09:00-18:00'],
  },
  overrides: [{ date: '2026-12-25', windows: [] }],
});
const policy = defineSlaPolicy({
  id: 'standard',
  calendarId: 'uk-support',
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved', 'closed'],
  targets: { normal: { firstResponse: 240, resolution: 2400 } },
});
const created = Date.parse('2026-11-30T09:00:00Z');
const binding = { ticketId: 'T-1', priority: 'normal', createdAt: created, policy, calendar };
const history = (n: number): TicketEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `delivery-${i}`,
    type: 'status_changed',
    status: i % 2 === 0 ? 'in_progress' : 'open',
    at: created + i * 1000,
  }));
const ticket = (n: number): TicketSlaState => replay(binding, history(n)).state;
const nextEvent = (n: number): TicketEvent => ({
  id: `next-${n}`,
  type: 'status_changed',
  status: 'waiting_on_customer',
  at: created + n * 1000 + 60_000,
});

/**
 * Median of `rounds` timings of `iterations` calls of each function, in µs per call. The
 * functions take turns within every round, so a noisy moment on a shared machine slows them
 * all alike rather than one of them.
 */
function timeEach<K extends string>(
  fs: Record<K, () => void>,
  iterations = 2_000,
  rounds = 15,
): Record<K, number> {
  const names = Object.keys(fs) as K[];
  const samples = new Map<K, number[]>(names.map((name) => [name, []]));
  for (const name of names) for (let i = 0; i < iterations; i++) fs[name]();
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const f = fs[name];
      const start = performance.now();
      for (let i = 0; i < iterations; i++) f();
      samples.get(name)?.push(((performance.now() - start) * 1000) / iterations);
    }
  }
  const medians = {} as Record<K, number>;
  for (const name of names) {
    const sorted = (samples.get(name) as number[]).sort((a, b) => a - b);
    medians[name] = sorted[Math.floor(rounds / 2)] as number;
  }
  return medians;
}

const report = (line: string) => console.log(`[stored-path] ${line}`);
const us = (x: number) => `${x.toFixed(2)} µs`;
const ratio = (x: number) => x.toFixed(2);

// 1. The clock functions from JSON against the built path plus the JSON work alone; "fresh" is
// a state this process has not seen (written by another worker), checked in full on its first
// read. The calendar stays known, as a host's few calendars do.
{
  const state = ticket(10);
  const stateJson = JSON.stringify(state);
  const snapshotJson = JSON.stringify(toSnapshot(calendar));
  const event = nextEvent(10);
  const apply = timeEach({
    built: () => consume(applyEvent(state, event, { calendar })),
    json: () => {
      consume(JSON.parse(stateJson));
      consume(JSON.parse(snapshotJson));
      consume(JSON.stringify(state));
    },
    stored: () => {
      const next = applyEvent(JSON.parse(stateJson), event, {
        calendar: JSON.parse(snapshotJson),
      });
      consume(JSON.stringify(next.state));
    },
    fresh: () => {
      forgetKnownStates();
      const next = applyEvent(JSON.parse(stateJson), event, {
        calendar: JSON.parse(snapshotJson),
      });
      consume(JSON.stringify(next.state));
    },
  });
  const applyFloor = apply.built + apply.json;
  report(
    `applyEvent: built ${us(apply.built)}, JSON parse+stringify alone ${us(apply.json)}, from JSON + stringify ${us(apply.stored)}: ratio ${ratio(apply.stored / applyFloor)} (target ≤ 2); on a state not seen before ${us(apply.fresh)}: ratio ${ratio(apply.fresh / applyFloor)}`,
  );

  const now = created + 3 * 60 * 60_000;
  const status = timeEach({
    built: () => {
      consume(slaStatus(state, now, { calendar }));
      consume(nextCheckAt(state));
    },
    json: () => {
      consume(JSON.parse(stateJson));
      consume(JSON.parse(snapshotJson));
    },
    stored: () => {
      const parsed = JSON.parse(stateJson);
      consume(slaStatus(parsed, now, { calendar: JSON.parse(snapshotJson) }));
      consume(nextCheckAt(parsed));
    },
    fresh: () => {
      forgetKnownStates();
      const parsed = JSON.parse(stateJson);
      consume(slaStatus(parsed, now, { calendar: JSON.parse(snapshotJson) }));
      consume(nextCheckAt(parsed));
    },
  });
  const statusFloor = status.built + status.json;
  report(
    `slaStatus + nextCheckAt: built ${us(status.built)}, JSON.parse alone ${us(status.json)}, from JSON ${us(status.stored)}: ratio ${ratio(status.stored / statusFloor)} (target ≤ 2); on a state not seen before ${us(status.fresh)}: ratio ${ratio(status.fresh / statusFloor)}`,
  );
}

// 1b. A large calendar snapshot read back: comparing it with the known calendar against parsing it.
{
  const overrides = Array.from({ length: 10_000 }, (_, i) => ({
    date: new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    windows: i % 3 === 0 ? [] : ['10:00-12:00'],
  }));
  const big = defineCalendar({
    id: 'big',
    zone: 'Europe/London',
    week: { mon: ['09:00-17:00'] },
    overrides,
  });
  const text = JSON.stringify(toSnapshot(big));
  const at = Date.parse('2020-02-03T10:00:00Z');
  const { parse, query } = timeEach(
    {
      parse: () => consume(JSON.parse(text)),
      query: () => consume(isOpen(JSON.parse(text), at)),
    },
    20,
    7,
  );
  report(
    `calendar snapshot with 10,000 overrides (${(text.length / 1024).toFixed(0)} KiB): JSON.parse ${us(parse)}, JSON.parse + isOpen on the snapshot ${us(query)}: ratio ${(query / parse).toFixed(2)}`,
  );
}

// 2. Flat per-event cost: a 5,000-event ticket against a 10-event one (built states).
{
  const small = ticket(10);
  const large = ticket(5_000);
  const { a, b } = timeEach({
    a: () => consume(applyEvent(small, nextEvent(10), { calendar })),
    b: () => consume(applyEvent(large, nextEvent(5_000), { calendar })),
  });
  const growth = (JSON.stringify(large).length - JSON.stringify(small).length) / 4_990;
  report(
    `applyEvent at 10 events ${us(a)}, at 5,000 events ${us(b)}: ratio ${(b / a).toFixed(2)} (target ≤ 2); state growth ${growth.toFixed(1)} bytes per applied event (target ≤ 32)`,
  );
}

// 3. 2,000 calendars re-parsed round-robin, each queried over three years (so that its chunks
// compile): memory stays under the caches' bounds, which are in bytes and printed with it.
{
  const snapshots = Array.from({ length: 2_000 }, (_, i) =>
    JSON.stringify(
      toSnapshot(
        defineCalendar({
          id: `cal-${i}`,
          zone: i % 2 ? 'Europe/London' : 'America/New_York',
          week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: [`0${1 + (i % 8)}:00-17:00`] },
        }),
      ),
    ),
  );
  const from = Date.parse('2025-06-02T00:00:00Z');
  const to = from + 3 * 365 * 86_400_000;
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const start = liveBytes();
  const passes: string[] = [];
  for (let pass = 0; pass < 4; pass++) {
    const began = performance.now();
    for (const text of snapshots) {
      consume(businessMillisBetween(parseSnapshot(JSON.parse(text)), from, to));
    }
    const ms = performance.now() - began;
    passes.push(`${mib(liveBytes() - start)} (${(ms / 2_000).toFixed(2)} ms a calendar)`);
  }
  report(
    `2,000 calendars re-parsed round-robin and queried over 3 years, 4 passes: memory above the start after each pass ${passes.join(', ')}; counted by the caches: ${cacheUse()}`,
  );
}

describe('stored path (timed by vitest too)', () => {
  const state = ticket(10);
  const stateJson = JSON.stringify(state);
  const snapshotJson = JSON.stringify(toSnapshot(calendar));
  const event = nextEvent(10);
  bench('applyEvent, built', () => {
    consume(applyEvent(state, event, { calendar }));
  });
  bench('applyEvent from JSON + stringify', () => {
    const next = applyEvent(JSON.parse(stateJson), event, { calendar: JSON.parse(snapshotJson) });
    consume(JSON.stringify(next.state));
  });
  bench('startSla, built', () => {
    consume(startSla(binding));
  });
});

// Read the sink once so that it is not dead code.
if (sink === Symbol.for('never')) console.log('unreachable');
