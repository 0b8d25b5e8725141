import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  addBusinessMinutes,
  businessMillisBetween,
  businessMinutesBetween,
  CALENDAR_SCHEMA,
  type Calendar,
  type CalendarChanges,
  type CalendarDefinition,
  defineCalendar,
  isOpen,
  nextClose,
  nextOpen,
  openIntervals,
  PetSlaError,
  parseSnapshot,
  reviseCalendar,
  SUPPORTED_CALENDAR_SCHEMAS,
  toSnapshot,
  WEEKDAYS,
} from '../../src/index.js';
import { canonicalJson } from '../../src/shared/canonical-json.js';
import {
  caught,
  codeAndPath,
  type Json,
  type JsonObject,
  jsonObject as json,
} from '../support/errors.js';
import {
  independentFingerprint,
  refingerprint,
  writeCanonical,
} from '../support/independent-fingerprint.js';

// SPEC §6 (versions, snapshots, fingerprints) and the snapshot rows of §10.

// ---------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------

const ukDefinition: CalendarDefinition = {
  id: 'uk-support',
  name: 'UK support desk',
  zone: 'Europe/London',
  week: {
    mon: ['09:00-17:00'],
    tue: ['09:00-12:00', '13:00-17:00'],
    fri: ['09:00-17:00', '22:00-06:00'],
  },
  overrides: [
    { date: '2026-12-25', windows: [], label: 'Christmas Day' },
    { date: '2026-12-24', windows: ['09:00-13:00'], label: 'Christmas Eve' },
  ],
};
const uk = defineCalendar(ukDefinition);

/** A snapshot with every kind of field: name, previous, several weekdays, labelled overrides. */
const rich = reviseCalendar(uk, {
  week: {
    mon: ['00:00-24:00'],
    tue: ['08:30-12:00', '13:00-17:45'],
    thu: ['07:15-11:00', '22:00-06:00'],
    sat: ['10:00-14:00'],
  },
  overrides: [
    { date: '2026-12-24', windows: ['09:00-13:00'], label: 'Christmas Eve' },
    { date: '2026-12-25', windows: [], label: 'Christmas Day' },
    { date: '2027-01-01', windows: ['10:00-11:00', '23:00-02:00'] },
  ],
});

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('§6 versions: defineCalendar and reviseCalendar', () => {
  it('a new calendar has version 1 and no previous', () => {
    expect(uk.version).toBe(1);
    expect('previous' in uk).toBe(false);
    expect(defineCalendar({ ...ukDefinition, version: 7 }).version).toBe(7);
  });

  it('reviseCalendar gives version + 1, previous = the old fingerprint, and replaces only the given fields', () => {
    const before = structuredClone(uk);
    const v2 = reviseCalendar(uk, { name: 'UK support (winter)' });
    expect(v2.version).toBe(2);
    expect(v2.previous).toBe(uk.fingerprint);
    expect(v2).toEqual({
      ...uk,
      name: 'UK support (winter)',
      version: 2,
      previous: uk.fingerprint,
      fingerprint: v2.fingerprint,
    });
    expect(v2.fingerprint).not.toBe(uk.fingerprint);

    const v3 = reviseCalendar(v2, { zone: 'Europe/Dublin' });
    expect({ version: v3.version, previous: v3.previous, zone: v3.zone }).toEqual({
      version: 3,
      previous: v2.fingerprint,
      zone: 'Europe/Dublin',
    });
    expect({ ...v3, zone: 'x', version: 0, previous: '', fingerprint: '' }).toEqual({
      ...v2,
      zone: 'x',
      version: 0,
      previous: '',
      fingerprint: '',
    });

    // The old value is untouched (and still frozen).
    expect(uk).toEqual(before);
    expect(isDeeplyFrozen(uk)).toBe(true);
  });

  it('each change replaces its field whole', () => {
    const week = reviseCalendar(uk, { week: { wed: ['10:00-11:00'] } });
    expect(week.week).toEqual({
      mon: [],
      tue: [],
      wed: ['10:00-11:00'],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    });
    expect(week.overrides).toEqual(uk.overrides);

    const overrides = reviseCalendar(uk, { overrides: [{ date: '2027-01-01', windows: [] }] });
    expect(overrides.overrides).toEqual([{ date: '2027-01-01', windows: [] }]);
    expect(overrides.week).toEqual(uk.week);

    const none = reviseCalendar(uk, { overrides: [] });
    expect(none.overrides).toEqual([]);

    // Changes are normalised like a definition.
    const zone = reviseCalendar(uk, { zone: 'Europe/Dublin' });
    expect(zone.zone).toBe('Europe/Dublin');
    const split = reviseCalendar(uk, { week: { mon: ['12:00-17:00', '09:00-12:00'] } });
    expect(split.week.mon).toEqual(['09:00-17:00']);
  });

  it('an empty revision is still a new version', () => {
    const v2 = reviseCalendar(uk, {});
    expect(v2.version).toBe(2);
    expect(v2.previous).toBe(uk.fingerprint);
    expect(v2.fingerprint).not.toBe(uk.fingerprint);
  });

  it('a revision of the same changes is the same value (deterministic), whether given a calendar or its JSON', () => {
    const changes: CalendarChanges = { overrides: [{ date: '2027-01-01', windows: [] }] };
    const a = reviseCalendar(uk, changes);
    const b = reviseCalendar(json(uk) as unknown as Calendar, changes);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('the previous chain links every version back to the first', () => {
    const versions = [uk];
    for (let i = 0; i < 4; i++) {
      const last = versions[versions.length - 1] as Calendar;
      versions.push(reviseCalendar(last, { name: `UK support v${i + 2}` }));
    }
    versions.forEach((calendar, i) => {
      expect(calendar.version).toBe(i + 1);
      expect(calendar.previous).toBe(i === 0 ? undefined : versions[i - 1]?.fingerprint);
    });
    expect(new Set(versions.map((c) => c.fingerprint)).size).toBe(versions.length);
  });

  it.each<[string, unknown, string, string | undefined]>([
    ['changes null', null, 'INVALID_DEFINITION', undefined],
    ['changes an array', [], 'INVALID_DEFINITION', undefined],
    ['changes a string', 'name', 'INVALID_DEFINITION', undefined],
    ['unknown key', { timezone: 'UTC' }, 'INVALID_DEFINITION', 'timezone'],
    ['id cannot change', { id: 'other' }, 'INVALID_DEFINITION', 'id'],
    ['version cannot be set', { version: 5 }, 'INVALID_DEFINITION', 'version'],
    ['previous cannot be set', { previous: uk.fingerprint }, 'INVALID_DEFINITION', 'previous'],
    ['schema is not a change', { schema: CALENDAR_SCHEMA }, 'INVALID_DEFINITION', 'schema'],
    ['name not a string', { name: 5 }, 'INVALID_DEFINITION', 'name'],
    ['unknown zone', { zone: 'Mars/Olympus_Mons' }, 'UNKNOWN_ZONE', 'zone'],
    ['week not an object', { week: [] }, 'INVALID_DEFINITION', 'week'],
    ['unknown weekday', { week: { monday: [] } }, 'INVALID_DEFINITION', 'week.monday'],
    ['malformed window', { week: { tue: ['9-17'] } }, 'INVALID_WINDOW', 'week.tue[0]'],
    [
      'overlapping windows',
      { week: { mon: ['09:00-17:00', '16:00-18:00'] } },
      'OVERLAPPING_WINDOWS',
      'week.mon[1]',
    ],
    [
      'night window into the next day',
      { week: { sun: ['22:00-07:00'], mon: ['06:00-10:00'] } },
      'OVERLAPPING_WINDOWS',
      'week.sun[0]',
    ],
    ['overrides not a list', { overrides: {} }, 'INVALID_DEFINITION', 'overrides'],
    [
      'bad override date',
      { overrides: [{ date: '2026-02-30', windows: [] }] },
      'INVALID_DATE',
      'overrides[0].date',
    ],
    [
      'duplicate override dates',
      {
        overrides: [
          { date: '2027-01-01', windows: [] },
          { date: '2027-01-01', windows: ['09:00-10:00'] },
        ],
      },
      'DUPLICATE_DATE',
      'overrides[1].date',
    ],
  ])('rejects invalid changes: %s', (_, changes, code, path) => {
    const copy = structuredClone(changes);
    const before = structuredClone(uk);
    expect(codeAndPath(() => reviseCalendar(uk, changes as CalendarChanges))).toEqual({
      code,
      path,
    });
    expect(changes).toEqual(copy);
    expect(uk).toEqual(before);
  });

  it('refuses to revise something that is not a valid calendar', () => {
    const tampered = { ...json(uk), id: 'someone-else' } as unknown as Calendar;
    expect(codeAndPath(() => reviseCalendar(tampered, { name: 'x' }))).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
    expect(codeAndPath(() => reviseCalendar(null as unknown as Calendar, {}))).toEqual({
      code: 'INVALID_SNAPSHOT',
      path: undefined,
    });
  });

  // An explicit null is a wrong type, not "no change" (§10).
  it.each<[string, unknown, string]>([
    ['null name', { name: null }, 'name'],
    ['null zone', { zone: null }, 'zone'],
    ['null week', { week: null }, 'week'],
    ['null overrides', { overrides: null }, 'overrides'],
  ])('rejects a change of the wrong type: %s', (_, changes, path) => {
    expect(codeAndPath(() => reviseCalendar(uk, changes as CalendarChanges))).toEqual({
      code: 'INVALID_DEFINITION',
      path,
    });
  });
});

describe('§6 toSnapshot', () => {
  it('a calendar is its own snapshot', () => {
    expect(toSnapshot(uk)).toBe(uk);
    expect(toSnapshot(rich)).toBe(rich);
  });

  it('is deeply frozen', () => {
    const snapshot = toSnapshot(rich);
    expect(isDeeplyFrozen(snapshot)).toBe(true);
    expect(() => {
      (snapshot as { id: string }).id = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (snapshot.week.mon as string[]).push('x');
    }).toThrow(TypeError);
  });

  it('is plain, stable JSON', () => {
    for (const snapshot of [toSnapshot(uk), toSnapshot(rich)]) {
      expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
      expect(JSON.stringify(json(snapshot))).toBe(JSON.stringify(snapshot));
      expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype);
    }
  });

  it('has the documented keys, in the documented order', () => {
    expect(Object.keys(toSnapshot(uk))).toEqual([
      'schema',
      'id',
      'name',
      'version',
      'zone',
      'week',
      'overrides',
      'fingerprint',
    ]);
    expect(Object.keys(toSnapshot(rich))).toEqual([
      'schema',
      'id',
      'name',
      'version',
      'previous',
      'zone',
      'week',
      'overrides',
      'fingerprint',
    ]);
    const bare = defineCalendar({ id: 'bare', zone: 'UTC', week: {} });
    expect(Object.keys(bare)).toEqual([
      'schema',
      'id',
      'version',
      'zone',
      'week',
      'overrides',
      'fingerprint',
    ]);
    expect(bare.schema).toBe('pet-sla/calendar@1');
    expect(SUPPORTED_CALENDAR_SCHEMAS).toEqual(['pet-sla/calendar@1']);
    expect(Object.keys(rich.week)).toEqual([...WEEKDAYS]);
    expect(rich.overrides.map((o) => Object.keys(o))).toEqual([
      ['date', 'windows', 'label'],
      ['date', 'windows', 'label'],
      ['date', 'windows'],
    ]);
    expect(rich.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('turns a valid snapshot given as plain JSON back into the calendar', () => {
    const again = toSnapshot(json(rich) as unknown as Calendar);
    expect(again).toEqual(rich);
    expect(isDeeplyFrozen(again)).toBe(true);
  });
});

describe('§6 normal form: definitions that differ only in order or splitting', () => {
  const base: CalendarDefinition = {
    id: 'n',
    zone: 'Europe/London',
    week: { mon: ['09:00-17:00'], tue: ['09:00-12:00', '13:00-17:00'], fri: ['22:00-24:00'] },
    overrides: [
      { date: '2026-12-24', windows: ['09:00-13:00'], label: 'Eve' },
      { date: '2026-12-25', windows: [] },
    ],
  };
  const sameMeaning: [string, CalendarDefinition][] = [
    ['window order', { ...base, week: { ...base.week, tue: ['13:00-17:00', '09:00-12:00'] } }],
    [
      'adjacent windows split',
      { ...base, week: { ...base.week, mon: ['09:00-12:00', '12:00-17:00'] } },
    ],
    [
      'split in three, out of order',
      { ...base, week: { ...base.week, mon: ['15:30-17:00', '09:00-10:00', '10:00-15:30'] } },
    ],
    ['override order', { ...base, overrides: [...(base.overrides ?? [])].reverse() }],
    [
      'override windows split',
      {
        ...base,
        overrides: [
          { date: '2026-12-25', windows: [] },
          { date: '2026-12-24', windows: ['11:00-13:00', '09:00-11:00'], label: 'Eve' },
        ],
      },
    ],
    ['22:00-00:00 for 22:00-24:00', { ...base, week: { ...base.week, fri: ['22:00-00:00'] } }],
    ['closed weekdays written out', { ...base, week: { ...base.week, wed: [], sun: [] } }],
    ['version 1 written out', { ...base, version: 1 }],
  ];

  it.each(sameMeaning)('%s gives a byte-identical snapshot', (_, definition) => {
    const a = defineCalendar(base);
    const b = defineCalendar(definition);
    expect(JSON.stringify(toSnapshot(b))).toBe(JSON.stringify(toSnapshot(a)));
    expect(b.fingerprint).toBe(a.fingerprint);
  });

  it('"overrides: []" and no overrides are the same', () => {
    const { overrides: _, ...withoutOverrides } = base;
    expect(defineCalendar(withoutOverrides).fingerprint).toBe(
      defineCalendar({ ...base, overrides: [] }).fingerprint,
    );
  });

  it('a run of a day or more is written one way, however it was split', () => {
    const runs = [
      ['00:00-12:00', '12:00-06:00'],
      ['00:00-18:00', '18:00-06:00'],
      ['23:59-06:00', '00:00-23:59'],
      ['00:00-06:00', '06:00-12:00', '12:00-06:00'],
    ].map((mon) => defineCalendar({ id: 'r', zone: 'UTC', week: { mon } }));
    for (const calendar of runs) {
      expect(calendar.week.mon).toEqual(['00:00-23:59', '23:59-06:00']);
      expect(calendar.fingerprint).toBe(runs[0]?.fingerprint);
    }
  });

  it('sorted windows are merged only when they touch', () => {
    const c = defineCalendar({
      id: 'm',
      zone: 'UTC',
      week: { wed: ['13:00-14:00', '09:00-12:00', '12:00-12:30', '14:00-17:00'] },
    });
    expect(c.week.wed).toEqual(['09:00-12:30', '13:00-17:00']);
  });

  it('any change of meaning changes the fingerprint', () => {
    const variants: CalendarDefinition[] = [
      base,
      { ...base, week: { ...base.week, mon: ['09:01-17:00'] } },
      { ...base, week: { ...base.week, mon: ['09:00-16:59'] } },
      { ...base, week: { ...base.week, fri: ['22:00-00:01'] } },
      { ...base, week: { ...base.week, sat: ['10:00-11:00'] } },
      { ...base, zone: 'Europe/Dublin' },
      { ...base, zone: 'UTC' },
      { ...base, overrides: [{ date: '2026-12-23', windows: ['09:00-13:00'], label: 'Eve' }] },
      { ...base, overrides: [{ date: '2026-12-24', windows: ['09:00-13:00'], label: 'Eve!' }] },
      { ...base, overrides: [{ date: '2026-12-24', windows: ['09:00-13:00'] }] },
      { ...base, overrides: [{ date: '2026-12-24', windows: ['09:00-13:01'], label: 'Eve' }] },
      { ...base, overrides: [{ date: '2026-12-24', windows: [], label: 'Eve' }] },
      { ...base, overrides: [] },
      { ...base, name: 'Named' },
      { ...base, name: '' },
      { ...base, id: 'n2' },
      { ...base, version: 2 },
    ];
    const fingerprints = variants.map((d) => defineCalendar(d).fingerprint);
    expect(new Set(fingerprints).size).toBe(variants.length);
    // A revision differs from a definition with the same content only by previous.
    const revised = reviseCalendar(defineCalendar(base), {});
    const same = defineCalendar({ ...base, version: 2 });
    expect(revised.fingerprint).not.toBe(same.fingerprint);
    expect({ ...revised, previous: undefined, fingerprint: '' }).toEqual({
      ...same,
      previous: undefined,
      fingerprint: '',
    });
  });

  // Zone names are kept exactly as written (docs/semantics.md): respelling them would make the
  // stored text, and so the fingerprint, depend on the runtime's ICU data (§11).
  it.each(['Asia/Kolkata', 'Asia/Kathmandu', 'Europe/Kyiv', 'Europe/London'])(
    'keeps the zone as written and computes identically: %s',
    (zone) => {
      const a = defineCalendar({ id: 'z', zone, week: { mon: ['09:00-17:00'] } });
      const b = defineCalendar({
        id: 'z',
        zone: zone.toLowerCase(),
        week: { mon: ['09:00-17:00'] },
      });
      expect(a.zone).toBe(zone);
      expect(b.zone).toBe(zone.toLowerCase());
      expect(b.fingerprint).not.toBe(a.fingerprint);
      const monday = Date.UTC(2026, 10, 23);
      expect(openIntervals(b, monday, monday + 86_400_000)).toEqual(
        openIntervals(a, monday, monday + 86_400_000),
      );
    },
  );
});

describe('§6 fingerprint = sha256(canonical JSON of the snapshot without fingerprint)', () => {
  it('matches an independent canonical writer and node:crypto', () => {
    const calendars = [
      uk,
      rich,
      defineCalendar({ id: 'bare', zone: 'UTC', week: {} }),
      defineCalendar({
        id: 'unicode-ü-🎄',
        name: 'Quote " backslash \\ newline \n tab \t control \u0001 lone \ud800 ok',
        zone: 'Asia/Kolkata',
        week: { sun: ['00:00-24:00'] },
        overrides: [{ date: '2030-02-28', windows: [], label: 'Noël 🎄 — « fête »' }],
      }),
    ];
    for (const calendar of calendars) {
      expect(calendar.fingerprint).toBe(independentFingerprint(calendar));
      const { fingerprint: _, ...body } = calendar;
      expect(canonicalJson(body)).toBe(writeCanonical(body));
    }
  });

  it('has the exact canonical format (hand-written example)', () => {
    const desk = defineCalendar({
      id: 'desk',
      zone: 'UTC',
      week: { mon: ['09:00-17:00'] },
      overrides: [{ date: '2026-12-25', windows: [], label: 'Xmas' }],
    });
    const expected =
      '{"id":"desk","overrides":[{"date":"2026-12-25","label":"Xmas","windows":[]}],' +
      '"schema":"pet-sla/calendar@1","version":1,' +
      '"week":{"fri":[],"mon":["09:00-17:00"],"sat":[],"sun":[],"thu":[],"tue":[],"wed":[]},' +
      '"zone":"UTC"}';
    const { fingerprint, ...body } = desk;
    expect(canonicalJson(body)).toBe(expected);
    expect(createHash('sha256').update(expected, 'utf8').digest('hex')).toBe(fingerprint);
    // Pinned: stored fingerprints must never change between releases.
    expect(fingerprint).toBe('9d6f933eb582f751fd2ff0f243609cd1cea16931c3e875edb1f33c2164ddc2e7');
  });

  it('pins the documented example (docs/snapshots.md): canonical text and fingerprints', () => {
    const { fingerprint, ...body } = uk;
    expect(canonicalJson(body)).toBe(
      '{"id":"uk-support","name":"UK support desk","overrides":[{"date":"2026-12-24","label":"Christmas Eve","windows":["09:00-13:00"]},{"date":"2026-12-25","label":"Christmas Day","windows":[]}],"schema":"pet-sla/calendar@1","version":1,"week":{"fri":["09:00-17:00","22:00-06:00"],"mon":["09:00-17:00"],"sat":[],"sun":[],"thu":[],"tue":["09:00-12:00","13:00-17:00"],"wed":[]},"zone":"Europe/London"}',
    );
    expect(fingerprint).toBe('1f159acf7b2a6ff15d1cb9362b6073879e0fd2b8b96000ebcc7f7ad68e682b39');
    const v2 = reviseCalendar(uk, {
      overrides: [...uk.overrides, { date: '2027-01-01', windows: [], label: "New Year's Day" }],
    });
    expect(v2.previous).toBe(fingerprint);
    expect(v2.fingerprint).toBe('badc4ea92c42f36f1edae1e3daf730129a7aaad3168af6524cca05c5461e59a9');
  });
});

// ---------------------------------------------------------------------------------------------

const ukJson = (): JsonObject => json(uk);
const week = (s: JsonObject): JsonObject => s.week as JsonObject;
const overrides = (s: JsonObject): JsonObject[] => s.overrides as JsonObject[];
const without = (key: string) => (s: JsonObject) => {
  delete s[key];
  return s;
};
const withValue = (key: string, value: Json) => (s: JsonObject) => {
  s[key] = value;
  return s;
};
/** Applies `change` to the snapshot; with `resign`, re-fingerprints the altered content. */
const edit =
  (change: (s: JsonObject) => void, resign = false) =>
  (s: JsonObject): JsonObject => {
    change(s);
    return resign ? refingerprint(s) : s;
  };

type BadCase = [string, (s: JsonObject) => unknown, string, string | undefined, RegExp?];

const badSnapshots: BadCase[] = [
  ['null', () => null, 'INVALID_SNAPSHOT', undefined],
  ['a string', () => JSON.stringify(uk), 'INVALID_SNAPSHOT', undefined],
  ['a number', () => 1, 'INVALID_SNAPSHOT', undefined],
  ['an array', (s) => [s], 'INVALID_SNAPSHOT', undefined],
  ['missing schema', without('schema'), 'INVALID_SNAPSHOT', 'schema', /"pet-sla\/calendar@1"/],
  [
    'wrong schema tag',
    withValue('schema', 'pet-sla/calendar@2'),
    'INVALID_SNAPSHOT',
    'schema',
    /"pet-sla\/calendar@1"/,
  ],
  [
    'a policy schema',
    withValue('schema', 'pet-sla/policy@1'),
    'INVALID_SNAPSHOT',
    'schema',
    /"pet-sla\/calendar@1"/,
  ],
  ['schema not a string', withValue('schema', 1), 'INVALID_SNAPSHOT', 'schema'],
  ['unknown key', withValue('timezone', 'UTC'), 'INVALID_SNAPSHOT', 'timezone'],
  ['missing id', without('id'), 'INVALID_SNAPSHOT', 'id'],
  ['id a number', withValue('id', 7), 'INVALID_SNAPSHOT', 'id'],
  ['empty id', withValue('id', ''), 'INVALID_SNAPSHOT', 'id'],
  ['name not a string', withValue('name', 5), 'INVALID_SNAPSHOT', 'name'],
  ['name null', withValue('name', null), 'INVALID_SNAPSHOT', 'name'],
  ['missing version', without('version'), 'INVALID_SNAPSHOT', 'version'],
  ['version 0', withValue('version', 0), 'INVALID_SNAPSHOT', 'version'],
  ['version "1"', withValue('version', '1'), 'INVALID_SNAPSHOT', 'version'],
  ['version 1.5', withValue('version', 1.5), 'INVALID_SNAPSHOT', 'version'],
  ['version -1', withValue('version', -1), 'INVALID_SNAPSHOT', 'version'],
  ['version 2^53', withValue('version', 2 ** 53), 'INVALID_SNAPSHOT', 'version'],
  ['missing fingerprint', without('fingerprint'), 'INVALID_SNAPSHOT', 'fingerprint'],
  ['fingerprint null', withValue('fingerprint', null), 'INVALID_SNAPSHOT', 'fingerprint'],
  [
    'fingerprint in upper case',
    (s) => withValue('fingerprint', String(s.fingerprint).toUpperCase())(s),
    'INVALID_SNAPSHOT',
    'fingerprint',
  ],
  [
    'fingerprint too short',
    (s) => withValue('fingerprint', String(s.fingerprint).slice(1))(s),
    'INVALID_SNAPSHOT',
    'fingerprint',
  ],
  [
    'fingerprint too long',
    (s) => withValue('fingerprint', `${String(s.fingerprint)}0`)(s),
    'INVALID_SNAPSHOT',
    'fingerprint',
  ],
  [
    'fingerprint not hex',
    (s) => withValue('fingerprint', `g${String(s.fingerprint).slice(1)}`)(s),
    'INVALID_SNAPSHOT',
    'fingerprint',
  ],
  ['previous not hex', withValue('previous', 'abc'), 'INVALID_SNAPSHOT', 'previous'],
  [
    'previous in upper case',
    withValue('previous', uk.fingerprint.toUpperCase()),
    'INVALID_SNAPSHOT',
    'previous',
  ],
  ['previous a number', withValue('previous', 5), 'INVALID_SNAPSHOT', 'previous'],
  ['previous null', withValue('previous', null), 'INVALID_SNAPSHOT', 'previous'],
  ['missing zone', without('zone'), 'INVALID_SNAPSHOT', 'zone'],
  ['unknown zone', withValue('zone', 'Mars/Olympus_Mons'), 'INVALID_SNAPSHOT', 'zone'],
  ['missing week', without('week'), 'INVALID_SNAPSHOT', 'week'],
  ['week an array', withValue('week', []), 'INVALID_SNAPSHOT', 'week'],
  [
    'unknown weekday',
    edit((s) => {
      week(s).monday = [];
    }),
    'INVALID_SNAPSHOT',
    'week.monday',
  ],
  [
    'weekday not a list',
    edit((s) => {
      week(s).wed = '09:00-17:00';
    }),
    'INVALID_SNAPSHOT',
    'week.wed',
  ],
  [
    'malformed window',
    edit((s) => {
      week(s).tue = ['9:00-12:00', '13:00-17:00'];
    }),
    'INVALID_SNAPSHOT',
    'week.tue[0]',
  ],
  [
    'hour out of range',
    edit((s) => {
      week(s).tue = ['09:00-12:00', '13:00-25:00'];
    }),
    'INVALID_SNAPSHOT',
    'week.tue[1]',
  ],
  [
    'start equal to end',
    edit((s) => {
      week(s).tue = ['09:00-09:00'];
    }),
    'INVALID_SNAPSHOT',
    'week.tue[0]',
  ],
  [
    'window not a string',
    edit((s) => {
      week(s).tue = [900];
    }),
    'INVALID_SNAPSHOT',
    'week.tue[0]',
  ],
  [
    'overlapping windows',
    edit((s) => {
      week(s).mon = ['09:00-17:00', '16:00-18:00'];
    }),
    'INVALID_SNAPSHOT',
    'week.mon[1]',
  ],
  [
    'night window running into the next day',
    edit((s) => {
      week(s).sat = ['05:00-07:00'];
    }),
    'INVALID_SNAPSHOT',
    'week.fri[1]',
  ],
  ['overrides not a list', withValue('overrides', {}), 'INVALID_SNAPSHOT', 'overrides'],
  [
    'override not an object',
    edit((s) => {
      (s.overrides as Json[])[0] = '2026-12-24';
    }),
    'INVALID_SNAPSHOT',
    'overrides[0]',
  ],
  [
    'override with unknown key',
    edit((s) => {
      overrides(s)[0] = { ...overrides(s)[0], note: 'x' };
    }),
    'INVALID_SNAPSHOT',
    'overrides[0].note',
  ],
  [
    'override date that does not exist',
    edit((s) => {
      overrides(s)[1] = { date: '2026-02-30', windows: [] };
    }),
    'INVALID_SNAPSHOT',
    'overrides[1].date',
  ],
  [
    'override date with a time',
    edit((s) => {
      overrides(s)[1] = { date: '2026-12-25T00:00', windows: [] };
    }),
    'INVALID_SNAPSHOT',
    'overrides[1].date',
  ],
  [
    'override date missing',
    edit((s) => {
      overrides(s)[1] = { windows: [] };
    }),
    'INVALID_SNAPSHOT',
    'overrides[1].date',
  ],
  [
    'override windows missing',
    edit((s) => {
      overrides(s)[1] = { date: '2026-12-25' };
    }),
    'INVALID_SNAPSHOT',
    'overrides[1].windows',
  ],
  [
    'override label not a string',
    edit((s) => {
      overrides(s)[1] = { date: '2026-12-25', windows: [], label: 1 };
    }),
    'INVALID_SNAPSHOT',
    'overrides[1].label',
  ],
  [
    'duplicate override dates',
    edit((s) => {
      overrides(s)[1] = { date: '2026-12-24', windows: [] };
    }),
    'INVALID_SNAPSHOT',
    'overrides[1].date',
  ],
  [
    'overlapping override windows',
    edit((s) => {
      overrides(s)[0] = { date: '2026-12-24', windows: ['09:00-13:00', '12:00-14:00'] };
    }),
    'INVALID_SNAPSHOT',
    'overrides[0].windows[1]',
  ],
  // Not in normal form: rejected even when re-fingerprinted over the altered content.
  [
    'windows not sorted',
    edit((s) => {
      week(s).tue = ['13:00-17:00', '09:00-12:00'];
    }, true),
    'INVALID_SNAPSHOT',
    'week.tue[0]',
  ],
  [
    'adjacent windows not merged',
    edit((s) => {
      week(s).mon = ['09:00-12:00', '12:00-17:00'];
    }, true),
    'INVALID_SNAPSHOT',
    'week.mon[0]',
  ],
  [
    'midnight written 00:00',
    edit((s) => {
      week(s).fri = ['09:00-17:00', '22:00-00:00'];
    }, true),
    'INVALID_SNAPSHOT',
    'week.fri[1]',
  ],
  [
    'overrides not sorted by date',
    edit((s) => {
      overrides(s).reverse();
    }, true),
    'INVALID_SNAPSHOT',
    'overrides[0].date',
  ],
  [
    'override windows not merged',
    edit((s) => {
      overrides(s)[0] = { ...overrides(s)[0], windows: ['09:00-11:00', '11:00-13:00'] };
    }, true),
    'INVALID_SNAPSHOT',
    'overrides[0].windows[0]',
  ],
  // Well-formed, but the fingerprint is not that of the content.
  [
    'content altered',
    withValue('id', 'uk-support-2'),
    'FINGERPRINT_MISMATCH',
    'fingerprint',
    /corrupted or altered/,
  ],
  [
    'fingerprint altered',
    (s) => {
      const fingerprint = String(s.fingerprint);
      return withValue(
        'fingerprint',
        fingerprint.slice(0, 63) + (fingerprint.endsWith('0') ? '1' : '0'),
      )(s);
    },
    'FINGERPRINT_MISMATCH',
    'fingerprint',
  ],
  ['name removed', without('name'), 'FINGERPRINT_MISMATCH', 'fingerprint'],
  ['previous added', withValue('previous', uk.fingerprint), 'FINGERPRINT_MISMATCH', 'fingerprint'],
];

// A snapshot lacking a field that the normal form has (a weekday key, `overrides`) is
// INVALID_SNAPSHOT with that path, never a TypeError from inside (§10).
const badSnapshotsMissingFields: BadCase[] = [
  [
    'a week missing a weekday',
    edit((s) => {
      delete week(s).wed;
    }),
    'INVALID_SNAPSHOT',
    'week.wed',
  ],
  ['missing overrides', without('overrides'), 'INVALID_SNAPSHOT', 'overrides'],
];

const operations: [string, (calendar: Calendar) => unknown][] = [
  ['isOpen', (c) => isOpen(c, 0)],
  ['nextOpen', (c) => nextOpen(c, 0)],
  ['nextClose', (c) => nextClose(c, 0)],
  ['businessMillisBetween', (c) => businessMillisBetween(c, 0, 1)],
  ['businessMinutesBetween', (c) => businessMinutesBetween(c, 0, 1)],
  ['addBusinessMillis', (c) => addBusinessMillis(c, 0, 1)],
  ['addBusinessMinutes', (c) => addBusinessMinutes(c, 0, 1)],
  ['openIntervals', (c) => openIntervals(c, 0, 1)],
];

describe('§6 / §10 parseSnapshot rejects bad snapshots with a code and a path', () => {
  it('accepts the snapshots it wrote', () => {
    for (const calendar of [uk, rich]) {
      const parsed = parseSnapshot(json(calendar));
      expect(parsed).toEqual(calendar);
      expect(JSON.stringify(parsed)).toBe(JSON.stringify(calendar));
      expect(isDeeplyFrozen(parsed)).toBe(true);
    }
    // Re-fingerprinting unaltered content changes nothing.
    expect(parseSnapshot(refingerprint(ukJson())).fingerprint).toBe(uk.fingerprint);
  });

  it.each(badSnapshots)('%s', (_, make, code, path, message) => {
    const input = make(ukJson());
    const copy = structuredClone(input);
    const error = caught(() => parseSnapshot(input));
    expect({ code: error.code, path: error.path }).toEqual({ code, path });
    if (message !== undefined) expect(error.message).toMatch(message);
    expect(input).toEqual(copy);
  });

  it.each(badSnapshotsMissingFields)('%s', (_, make, code, path) => {
    expect(codeAndPath(() => parseSnapshot(make(ukJson())))).toEqual({ code, path });
  });

  // The path reported is the first difference in document order (index 2 before index 10).
  it('the path of a normal-form difference is the first one, also past index 9', () => {
    const twelve = defineCalendar({
      id: 'twelve',
      zone: 'UTC',
      week: {},
      overrides: Array.from({ length: 12 }, (_, i) => ({
        date: `2026-01-${String(10 + i).padStart(2, '0')}`,
        windows: [],
      })),
    });
    const swapped = edit((s) => {
      const list = overrides(s);
      [list[2], list[10]] = [list[10] as JsonObject, list[2] as JsonObject];
    }, true)(json(twelve));
    expect(codeAndPath(() => parseSnapshot(swapped))).toEqual({
      code: 'INVALID_SNAPSHOT',
      path: 'overrides[2].date',
    });
  });

  it('every message says what was wrong', () => {
    for (const [, make] of badSnapshots) {
      const error = caught(() => parseSnapshot(make(ukJson())));
      expect(error.message.length).toBeGreaterThan(20);
      if (error.path !== undefined) expect(error.message.startsWith(`${error.path}: `)).toBe(true);
    }
  });

  it('a fingerprint is an integrity check, not a signature: re-fingerprinted content is accepted', () => {
    const altered = refingerprint(withValue('id', 'someone-else')(ukJson()));
    const parsed = parseSnapshot(altered);
    expect(parsed.id).toBe('someone-else');
    expect(parsed.fingerprint).toBe(altered.fingerprint);
  });
});

describe('§5 / §6 operations accept snapshots', () => {
  const instants = [
    '2026-03-27T08:59:59.999Z',
    '2026-03-27T09:00:00Z',
    '2026-03-27T21:30:00Z',
    '2026-03-28T04:59:00Z', // fri night window across the spring-forward night
    '2026-03-30T08:00:00Z',
    '2026-10-23T23:00:00Z',
    '2026-12-24T12:59:00Z',
    '2026-12-25T10:00:00Z',
  ].map(Date.parse);

  it('a snapshot parsed from JSON, and the plain JSON itself, compute identically to the calendar', () => {
    for (const calendar of [uk, rich]) {
      const plain = json(calendar) as unknown as Calendar;
      const parsed = parseSnapshot(json(calendar));
      for (const c of [plain, parsed]) {
        for (const t of instants) {
          const u = t + 5 * 86_400_000;
          expect(isOpen(c, t)).toBe(isOpen(calendar, t));
          expect(nextOpen(c, t)).toBe(nextOpen(calendar, t));
          expect(nextClose(c, t)).toBe(nextClose(calendar, t));
          expect(businessMillisBetween(c, t, u)).toBe(businessMillisBetween(calendar, t, u));
          expect(businessMinutesBetween(c, u, t)).toBe(businessMinutesBetween(calendar, u, t));
          expect(addBusinessMillis(c, t, 3_600_001)).toBe(
            addBusinessMillis(calendar, t, 3_600_001),
          );
          expect(addBusinessMinutes(c, t, -90)).toBe(addBusinessMinutes(calendar, t, -90));
          expect(openIntervals(c, t, u)).toEqual(openIntervals(calendar, t, u));
        }
      }
    }
  });

  it.each(
    badSnapshots.filter(
      ([name]) => !['null', 'a string', 'a number', 'an array', 'missing schema'].includes(name),
    ),
  )(
    'a bad snapshot (%s) is rejected by every operation with the same error',
    (_, make, code, path) => {
      const input = make(ukJson()) as Calendar;
      for (const [name, run] of operations) {
        expect({ name, ...codeAndPath(() => run(input)) }).toEqual({ name, code, path });
      }
    },
  );

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', JSON.stringify(uk)],
    ['an array', [json(uk)]],
    ['an object without a schema', without('schema')(ukJson())],
  ])('something that is not a snapshot at all (%s) is INVALID_CALENDAR', (_, input) => {
    for (const [name, run] of operations) {
      expect({ name, ...codeAndPath(() => run(input as Calendar)) }).toEqual({
        name,
        code: 'INVALID_CALENDAR',
        path: 'calendar',
      });
    }
  });

  it('a week missing a weekday is rejected by every operation', () => {
    const input = edit((s) => {
      delete week(s).wed;
    })(ukJson()) as unknown as Calendar;
    expect(codeAndPath(() => isOpen(input, 0))).toEqual({
      code: 'INVALID_SNAPSHOT',
      path: 'week.wed',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Corruption: every single-field change of a stored snapshot is detected.

type Segment = string | number;

const formatPath = (segments: readonly Segment[]): string =>
  segments.reduce<string>(
    (path, s) => (typeof s === 'number' ? `${path}[${s}]` : path === '' ? s : `${path}.${s}`),
    '',
  );

/** Every leaf (string, number) of a JSON value, with its path. */
function leaves(value: Json, at: Segment[] = []): { path: Segment[]; value: string | number }[] {
  if (typeof value === 'string' || typeof value === 'number') return [{ path: at, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  return [];
}

/** Every object key (path to it) and every array (path to it) of a JSON value. */
function containers(value: Json, at: Segment[] = []): { keys: Segment[][]; arrays: Segment[][] } {
  const keys: Segment[][] = [];
  const arrays: Segment[][] = [];
  const walk = (v: Json, path: Segment[]): void => {
    if (Array.isArray(v)) {
      arrays.push(path);
      v.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        keys.push([...path, k]);
        walk(inner, [...path, k]);
      }
    }
  };
  walk(value, at);
  return { keys, arrays };
}

function parentOf(root: Json, path: readonly Segment[]): { parent: Json; key: Segment } {
  let parent = root;
  for (const segment of path.slice(0, -1)) {
    parent = (parent as Record<Segment, Json>)[segment] as Json;
  }
  return { parent, key: path[path.length - 1] as Segment };
}

function setAt(root: Json, path: readonly Segment[], value: Json): void {
  const { parent, key } = parentOf(root, path);
  (parent as Record<Segment, Json>)[key] = value;
}

function removeAt(root: Json, path: readonly Segment[]): void {
  const { parent, key } = parentOf(root, path);
  delete (parent as Record<Segment, Json>)[key];
}

function getAt(root: Json, path: readonly Segment[]): Json {
  return path.reduce<Json>((v, s) => (v as Record<Segment, Json>)[s] as Json, root);
}

const HEX = '0123456789abcdef';

/** Small, plausible edits of one string: each character changed within its class, one appended. */
function stringEdits(text: string): string[] {
  const edits: string[] = [`${text}x`, `${text}0`, text.slice(0, -1)];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    let other: string | undefined;
    if (/[0-9]/.test(ch)) other = String((Number(ch) + 1) % 10);
    else if (/[a-f]/.test(ch) && /^[0-9a-f]{64}$/.test(text))
      other = HEX[(HEX.indexOf(ch) + 1) % 16];
    else if (/[a-y]/i.test(ch)) other = String.fromCharCode(ch.charCodeAt(0) + 1);
    else if (/z/i.test(ch)) other = ch === 'z' ? 'a' : 'A';
    if (other !== undefined) edits.push(text.slice(0, i) + other + text.slice(i + 1));
  }
  return edits.filter((edit) => edit !== text);
}

/** parseSnapshot must throw a PetSlaError of a snapshot code; returns the code. */
function rejected(input: unknown, what: string): string {
  let error: unknown;
  try {
    parseSnapshot(input);
  } catch (e) {
    error = e;
  }
  if (!(error instanceof PetSlaError)) {
    throw new Error(
      `${what}: expected INVALID_SNAPSHOT or FINGERPRINT_MISMATCH, got ${error === undefined ? 'acceptance' : String(error)}`,
    );
  }
  expect([what, error.code]).toEqual([
    what,
    expect.stringMatching(/^(INVALID_SNAPSHOT|FINGERPRINT_MISMATCH)$/),
  ]);
  if (error.code === 'FINGERPRINT_MISMATCH')
    expect([what, error.path]).toEqual([what, 'fingerprint']);
  else expect([what, error.path]).not.toEqual([what, undefined]);
  return error.code;
}

describe('§6 corruption of a stored snapshot is always detected', () => {
  const stored = JSON.stringify(rich);
  const original = JSON.parse(stored) as JsonObject;

  it('the corpus has every kind of field', () => {
    expect(original.name).toBeTypeOf('string');
    expect(original.previous).toMatch(/^[0-9a-f]{64}$/);
    expect(original.version).toBe(2);
    expect(WEEKDAYS.filter((d) => (week(original)[d] as Json[]).length > 0).length).toBe(4);
    expect(overrides(original).filter((o) => 'label' in o).length).toBe(2);
    expect(parseSnapshot(JSON.parse(stored))).toEqual(rich);
  });

  it('every edit of every leaf (string or number) is rejected', () => {
    const all = leaves(original);
    expect(all.length).toBeGreaterThan(20);
    let edits = 0;
    for (const { path, value } of all) {
      const replacements: Json[] =
        typeof value === 'number'
          ? [value + 1, value - 1, String(value), null]
          : [...stringEdits(value), null, 0];
      for (const replacement of replacements) {
        const copy = JSON.parse(stored) as JsonObject;
        setAt(copy, path, replacement);
        rejected(copy, `${formatPath(path)} = ${JSON.stringify(replacement)}`);
        edits++;
      }
    }
    expect(edits).toBeGreaterThan(300);
  });

  it('every key removed is rejected (optional ones by the fingerprint)', () => {
    const { keys } = containers(original);
    for (const path of keys) {
      const copy = JSON.parse(stored) as JsonObject;
      removeAt(copy, path);
      const code = rejected(copy, `without ${formatPath(path)}`);
      const last = path[path.length - 1];
      if (last === 'name' || last === 'previous' || last === 'label')
        expect([formatPath(path), code]).toEqual([formatPath(path), 'FINGERPRINT_MISMATCH']);
    }
  });

  it('removing a weekday or overrides is rejected', () => {
    for (const path of [['week', 'sun'], ['overrides']]) {
      const copy = JSON.parse(stored) as JsonObject;
      removeAt(copy, path);
      rejected(copy, `without ${formatPath(path)}`);
    }
  });

  it('every array element removed, duplicated, or added is rejected', () => {
    const { arrays } = containers(original);
    const extraFor = (path: Segment[]): Json =>
      path[0] === 'overrides' && path.length === 1
        ? { date: '2031-06-01', windows: [] }
        : '23:58-23:59';
    for (const path of arrays) {
      const list = getAt(original, path) as Json[];
      const variants: [string, (items: Json[]) => void][] = [
        ['appended', (items) => items.push(extraFor(path))],
        ['prepended', (items) => items.unshift(extraFor(path))],
      ];
      list.forEach((_, i) => {
        variants.push([`without [${i}]`, (items) => items.splice(i, 1)]);
        variants.push([
          `[${i}] twice`,
          (items) => items.splice(i, 0, structuredClone(items[i]) as Json),
        ]);
      });
      if (list.length > 1) variants.push(['reversed', (items) => items.reverse()]);
      for (const [how, change] of variants) {
        const copy = JSON.parse(stored) as JsonObject;
        change(getAt(copy, path) as Json[]);
        rejected(copy, `${formatPath(path)} ${how}`);
      }
    }
  });

  it('the untouched stored text is still accepted after all of that', () => {
    expect(JSON.stringify(parseSnapshot(JSON.parse(stored)))).toBe(stored);
  });
});
