import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneRules, zoneRules } from '../../src/calendar/zone.js';
import { MAX_INSTANT, MIN_INSTANT } from '../../src/index.js';
import { TEST_ZONES } from '../../src/testing/index.js';
import { params } from '../support/fc.js';

// The engine reads each zone's offsets from luxon once a day and pins every change to the
// second by bisection. These check that the table it builds agrees with luxon everywhere.
const ZONES = [
  ...TEST_ZONES,
  // Zones with historical oddities: local mean time with seconds, double summer time,
  // wartime changes, Ramadan suspensions, a 24-hour jump.
  'Europe/Amsterdam',
  'Europe/London',
  'Africa/Casablanca',
  'Asia/Tehran',
  'America/Caracas',
  'Pacific/Kiritimati',
  'Antarctica/Troll',
  'Africa/Monrovia',
];

describe('zone rules agree with luxon', () => {
  it("gives luxon's offset at random instants across the supported range", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT - 1 }),
        (zone, t) => {
          const expected = Math.round(IANAZone.create(zone).offset(t) * 60) * 1000;
          expect(zoneRules(zone).offsetAt(t)).toBe(expected);
        },
      ),
      params(5),
    );
  });

  it('puts each change exactly where luxon sees it, to the millisecond', () => {
    const zone = 'America/New_York';
    const rules = new ZoneRules(zone);
    const luxon = IANAZone.create(zone);
    const changes = rules.transitionsBetween(Date.UTC(2020, 0, 1), Date.UTC(2030, 0, 1));
    expect(changes).toHaveLength(20);
    for (const at of changes) {
      expect(luxon.offset(at - 1)).not.toBe(luxon.offset(at));
      expect(rules.offsetAt(at - 1)).toBe(luxon.offset(at - 1) * 60_000);
      expect(rules.offsetAt(at)).toBe(luxon.offset(at) * 60_000);
    }
    expect(changes[0]).toBe(Date.parse('2020-03-08T07:00:00Z'));
  });

  it('finds the skipped day of Pacific/Apia as one change of 24 hours', () => {
    const rules = new ZoneRules('Pacific/Apia');
    const [jump] = rules.transitionsBetween(Date.UTC(2011, 11, 29), Date.UTC(2011, 11, 31));
    expect(jump).toBe(Date.parse('2011-12-30T10:00:00Z'));
    expect(
      rules.offsetAt(Date.parse('2011-12-30T10:00:00Z')) -
        rules.offsetAt(Date.parse('2011-12-30T09:59:59.999Z')),
    ).toBe(24 * 3_600_000);
  });
});
