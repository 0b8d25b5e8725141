import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Calendar,
  type CalendarDefinition,
  defineCalendar,
  defineSlaPolicy,
  parsePolicySnapshot,
  parseSnapshot,
  reviseCalendar,
  revisePolicy,
  type SlaPolicy,
  type SlaPolicyDefinition,
  toPolicySnapshot,
  toSnapshot,
} from '../../src/index.js';
import { independentFingerprint } from '../support/independent-fingerprint.js';

// Snapshots written by pet-sla 0.1.0 (test/fixtures/v0.1.0, generated once from that release's
// code and never regenerated): every later version must read them back unchanged, with the
// same fingerprint, and write them out byte for byte as 0.1.0 did.

const dir = join(import.meta.dirname, '../fixtures/v0.1.0');
const stored = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));

const readBack = (name: string, json: unknown) =>
  name.startsWith('calendar-')
    ? toSnapshot(parseSnapshot(json))
    : toPolicySnapshot(parsePolicySnapshot(json));

describe('snapshots stored by 0.1.0', () => {
  it('are all there (three calendars, three policies)', () => {
    expect(stored.map((f) => f.name)).toEqual([
      'calendar-minimal.json',
      'calendar-uk-v1.json',
      'calendar-uk-v2.json',
      'policy-minimal.json',
      'policy-premium-v3.json',
      'policy-premium-v4.json',
    ]);
  });

  it.each(stored)(
    '$name parses, keeps its fingerprint and is written back byte for byte',
    ({ name, text }) => {
      const json = JSON.parse(text) as { fingerprint: string };
      expect(independentFingerprint(json)).toBe(json.fingerprint);
      const value = readBack(name, json);
      expect(value.fingerprint).toBe(json.fingerprint);
      expect(`${JSON.stringify(value, null, 2)}\n`).toBe(text);
    },
  );

  it('are what defining and revising the same content gives today', () => {
    const read = <T>(name: string): T =>
      JSON.parse(stored.find((f) => f.name === name)?.text ?? 'null') as T;
    const { schema: _s, fingerprint: _f, ...uk1 } = read<Calendar>('calendar-uk-v1.json');
    const ukV1 = defineCalendar(uk1 as CalendarDefinition);
    expect(ukV1.fingerprint).toBe(read<Calendar>('calendar-uk-v1.json').fingerprint);
    const ukV2 = read<Calendar>('calendar-uk-v2.json');
    expect(reviseCalendar(ukV1, { zone: ukV2.zone, week: ukV2.week }).fingerprint).toBe(
      ukV2.fingerprint,
    );
    const { schema: _ps, fingerprint: _pf, ...p3 } = read<SlaPolicy>('policy-premium-v3.json');
    const premium = defineSlaPolicy(p3 as SlaPolicyDefinition);
    expect(premium.fingerprint).toBe(read<SlaPolicy>('policy-premium-v3.json').fingerprint);
    const p4 = read<SlaPolicy>('policy-premium-v4.json');
    expect(revisePolicy(premium, { targets: p4.targets }).fingerprint).toBe(p4.fingerprint);
  });
});
