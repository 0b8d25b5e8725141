import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  computeServiceCredits,
  defineServiceContract,
  formatCreditStatement,
  type ServiceContractDefinition,
  type TicketLine,
} from '../../../src/advanced/index.js';
import { sha256Hex } from '../../../src/shared/sha256.js';
import { writeDigest } from '../../support/digest.js';
import { codeAndPath, jsonCopy } from '../../support/errors.js';
import { idOf, interleave, ticketLog } from './stories.js';

// Statements computed by hand from small ticket stories run through the real clock.

const definition: ServiceContractDefinition = {
  id: 'msp-standard',
  customer: 'Example GmbH',
  currency: 'EUR',
  monthlyFee: 100_000, // EUR 1,000.00
  period: { zone: 'UTC', unit: 'month' },
  measure: { metric: 'resolution' },
  tiers: [
    { from: 99, to: 100, creditPercent: 0 },
    { from: 90, to: 99, creditPercent: 10 },
    { from: 0, to: 90, creditPercent: 25 },
  ],
  perBreach: [{ metric: 'resolution', priorities: ['urgent'], amount: 5_000 }],
  perLateHour: [
    { metric: 'resolution', priorities: ['urgent'], amount: 1_000, maxPerTicket: 3_000 },
  ],
  capPercent: 50,
  minimumPayable: 100,
  claimWindowDays: 15,
};
const contract = defineServiceContract(definition);

// A urgent, resolved in 2 h of 4: met.
const a = ticketLog('A', 'urgent', '2026-11-02T09:00:00Z', [
  { reply: '2026-11-02T09:10:00Z' },
  { resolve: '2026-11-02T11:00:00Z' },
]);
// B urgent, due 13:00, resolved 17:30: breached, 4 h 30 min over, 5 started hours, at most 3.
const b = ticketLog('B', 'urgent', '2026-11-03T09:00:00Z', [
  { reply: '2026-11-03T09:30:00Z' },
  { resolve: '2026-11-03T17:30:00Z' },
]);
// C urgent, never answered, breaches found by a check: still open.
const c = ticketLog('C', 'urgent', '2026-11-04T09:00:00Z', [{ check: '2026-11-04T14:00:00Z' }]);
// D high, due 17:00, resolved 18:00: breached, but no per-ticket rule covers high.
const d = ticketLog('D', 'high', '2026-11-05T09:00:00Z', [{ resolve: '2026-11-05T18:00:00Z' }]);
// E urgent, answered, then nothing: its resolution breach at 13:00 is inferred.
const e = ticketLog('E', 'urgent', '2026-11-06T09:00:00Z', [{ reply: '2026-11-06T09:05:00Z' }]);
// F urgent, resolved exactly one hour late: one started hour.
const f = ticketLog('F', 'urgent', '2026-11-09T09:00:00Z', [
  { reply: '2026-11-09T09:10:00Z' },
  { resolve: '2026-11-09T14:00:00Z' },
]);
const log = interleave(a, b, c, d, e, f);
const DEC_1 = '2026-12-01T00:00:00Z';
const at = (iso: string) => Date.parse(iso);

describe('computeServiceCredits', () => {
  const statement = computeServiceCredits(contract, log, { period: '2026-11', asOf: DEC_1 });

  it('measures compliance on the contract metric: 1 met, 5 breached', () => {
    expect(statement.measured.met).toBe(1);
    expect(statement.measured.breached).toBe(5);
  });

  it('prices every line by hand', () => {
    const [tier, ...tickets] = statement.lines;
    // 1 of 6 = 16.67 %: the tier [0, 90), 25 % of EUR 1,000.00.
    expect(tier).toEqual({
      kind: 'tier',
      tier: { from: 0, to: 90, creditPercent: 25 },
      reason: null,
      credit: 25_000,
      amount: 25_000,
    });
    const row = (l: TicketLine) => [l.kind, l.ticketId, l.at, l.eventIds, l.lateHours, l.amount];
    expect((tickets as TicketLine[]).map(row)).toEqual([
      [
        'breach',
        'B',
        at('2026-11-03T13:00:00Z'),
        [idOf(b, 'sla.breached', 'resolution')],
        undefined,
        5_000,
      ],
      [
        'late-hours',
        'B',
        at('2026-11-03T17:30:00Z'),
        [idOf(b, 'sla.stopped', 'resolution')],
        5,
        3_000,
      ],
      [
        'breach',
        'C',
        at('2026-11-04T13:00:00Z'),
        [idOf(c, 'sla.breached', 'resolution')],
        undefined,
        5_000,
      ],
      [
        'breach',
        'E',
        at('2026-11-06T13:00:00Z'),
        [idOf(e, 'sla.started', 'resolution')],
        undefined,
        5_000,
      ],
      [
        'breach',
        'F',
        at('2026-11-09T13:00:00Z'),
        [idOf(f, 'sla.breached', 'resolution')],
        undefined,
        5_000,
      ],
      [
        'late-hours',
        'F',
        at('2026-11-09T14:00:00Z'),
        [idOf(f, 'sla.stopped', 'resolution')],
        1,
        1_000,
      ],
    ]);
    expect(statement.subtotal).toBe(49_000);
    expect(statement.cap).toBe(50_000);
    expect(statement.total).toBe(49_000);
    expect(statement.status).toBe('final');
    expect(statement.claimDeadline).toBe(at('2026-12-16T00:00:00Z'));
    expect(statement.period).toEqual({
      label: '2026-11',
      zone: 'UTC',
      from: at('2026-11-01T00:00:00Z'),
      to: at(DEC_1),
    });
    expect(statement.excluded).toEqual([]);
  });

  it('excluded tickets count nowhere and are listed', () => {
    const without = computeServiceCredits(contract, log, {
      period: '2026-11',
      asOf: DEC_1,
      exclude: ['C', 'C', 'Z-unknown'],
    });
    // 1 of 5 = 20 %: still 25 %; three breaches, two late-hour credits.
    expect(without.measured.breached).toBe(4);
    expect(without.lines.some((l) => l.kind !== 'tier' && l.ticketId === 'C')).toBe(false);
    expect(without.subtotal).toBe(25_000 + 15_000 + 4_000);
    expect(without.excluded).toEqual(['C', 'Z-unknown']);
    expect(without.fingerprint).not.toBe(statement.fingerprint);
  });

  it('excluding a ticket that met its target can raise the tier credit', () => {
    // The exclusion removes the met clock from the measurement too: 1 of 2 (50 %) → 0 of 1.
    const halves = defineServiceContract({
      ...definition,
      perBreach: [],
      perLateHour: [],
      tiers: [
        { from: 50, to: 100, creditPercent: 0 },
        { from: 0, to: 50, creditPercent: 10 },
      ],
    });
    const two = interleave(a, d);
    expect(computeServiceCredits(halves, two, { period: '2026-11', asOf: DEC_1 }).total).toBe(0);
    expect(
      computeServiceCredits(halves, two, { period: '2026-11', asOf: DEC_1, exclude: ['A'] }).total,
    ).toBe(10_000);
  });

  it('max pays the larger side; a lower cap is reached', () => {
    const max = computeServiceCredits(
      defineServiceContract({ ...definition, combine: 'max' }),
      log,
      {
        period: '2026-11',
        asOf: DEC_1,
      },
    );
    expect(max.subtotal).toBe(25_000); // tier 25,000 ≥ per-ticket 24,000
    expect(max.lines.filter((l) => l.amount > 0).map((l) => l.kind)).toEqual(['tier']);
    const capped = computeServiceCredits(
      defineServiceContract({ ...definition, capPercent: 40 }),
      log,
      { period: '2026-11', asOf: DEC_1 },
    );
    expect([capped.subtotal, capped.cap, capped.total]).toEqual([49_000, 40_000, 40_000]);
  });

  it('is provisional before the period ends, counting only what happened by asOf', () => {
    const early = computeServiceCredits(contract, interleave(a, b), {
      period: '2026-11',
      asOf: '2026-11-20T00:00:00Z',
    });
    expect(early.status).toBe('provisional');
    expect(early.asOf).toBe(at('2026-11-20T00:00:00Z'));
    expect(early.measured).toMatchObject({ met: 1, breached: 1 });
  });

  it('accepts a stored contract and a stored log', () => {
    const again = computeServiceCredits(jsonCopy(contract), jsonCopy(log), {
      period: '2026-11',
      asOf: at(DEC_1),
    });
    expect(again).toEqual(statement);
  });

  it('rejects bad options with a code and a path', () => {
    const run = (options: unknown) =>
      codeAndPath(() => computeServiceCredits(contract, log, options as never));
    expect(run({ period: '2026-Q4', asOf: DEC_1 })).toEqual({
      code: 'INVALID_PERIOD',
      path: 'period',
    });
    expect(run({ period: 'November', asOf: DEC_1 })).toEqual({
      code: 'INVALID_PERIOD',
      path: 'period',
    });
    expect(run({ period: 202611, asOf: DEC_1 })).toEqual({
      code: 'INVALID_PERIOD',
      path: 'period',
    });
    expect(run({ period: '2026-11' })).toEqual({ code: 'INVALID_INSTANT', path: 'asOf' });
    expect(run({ period: '2026-11', asOf: '2026-12-01' })).toEqual({
      code: 'INVALID_INSTANT',
      path: 'asOf',
    });
    expect(run({ period: '2026-11', asOf: DEC_1, exclude: [''] })).toEqual({
      code: 'INVALID_PERIOD',
      path: 'exclude[0]',
    });
    expect(run({ period: '2026-11', asOf: DEC_1, excluded: [] })).toEqual({
      code: 'INVALID_PERIOD',
      path: 'excluded',
    });
    expect(run(null).code).toBe('INVALID_PERIOD');
    expect(
      codeAndPath(() => computeServiceCredits({} as never, log, { period: '2026-11', asOf: DEC_1 }))
        .code,
    ).toBe('INVALID_CONTRACT');
    expect(
      codeAndPath(() =>
        computeServiceCredits(contract, [...b.slice(0, 1), ...b.slice(2)], {
          period: '2026-11',
          asOf: DEC_1,
        }),
      ).code,
    ).toBe('INVALID_EVENT_LOG');
  });
});

describe('docs/credits.md', () => {
  it('shows the worked statement as formatCreditStatement prints it', () => {
    const page = readFileSync(join(import.meta.dirname, '../../../docs/credits.md'), 'utf8');
    const shown = page.split('(generated by running the code):\n\n```text\n')[1]?.split('\n```')[0];
    const s = computeServiceCredits(contract, log, {
      period: '2026-11',
      asOf: DEC_1,
      exclude: ['T-999'],
    });
    expect(shown).toBe(formatCreditStatement(s).trimEnd());
  });
});

describe('the same statement on every host', () => {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives identical statements and text whatever the host zone', () => {
    const berlin = defineServiceContract({
      ...definition,
      period: { zone: 'Europe/Berlin', unit: 'month' },
    });
    const battery = () =>
      [contract, berlin].map((k) => {
        const s = computeServiceCredits(k, log, { period: '2026-11', asOf: DEC_1 });
        return `${s.fingerprint}\n${formatCreditStatement(s)}`;
      });
    const here = battery();
    const offsets = new Set<number>();
    for (const zone of [
      'UTC',
      'Pacific/Kiritimati',
      'America/St_Johns',
      'Asia/Kolkata',
      'Pacific/Chatham',
    ]) {
      process.env.TZ = zone;
      offsets.add(new Date(Date.UTC(2026, 10, 1)).getTimezoneOffset());
      expect(battery()).toEqual(here);
    }
    expect(offsets.size).toBe(5);
    // Under scripts/test-zones.mjs each host zone (and locale) runs in its own process; the
    // script requires this battery's digest to be the same in every one.
    writeDigest('credits', sha256Hex(here.join('\n')));
  });
});
