import { describe, expect, it } from 'vitest';
import {
  buildCreditStatement,
  type StatementBreach as CountedBreach,
  type StatementStop as CountedStop,
} from '../../../src/advanced/credits/statement.js';
import {
  defineServiceContract,
  formatCreditStatement,
  reviseServiceContract,
  type ServiceContractDefinition,
  type TicketLine,
  type TierLine,
} from '../../../src/advanced/index.js';
import { periodFromLabel } from '../../../src/advanced/shared/period.js';
import { codeAndPath, jsonCopy, jsonObject } from '../../support/errors.js';
import { independentFingerprint } from '../../support/independent-fingerprint.js';
import { GOLD_CONTRACT } from './gold-contract.js';

// Statements computed by hand from counted items, as the KPI fold hands them over.

const HOUR = 3_600_000;
const NOV = periodFromLabel('2026-11', 'Europe/London');
const DEC_1 = Date.parse('2026-12-01T00:00:00Z');
const IN_NOV = Date.parse('2026-11-10T10:00:00Z');

const goldDefinition: ServiceContractDefinition = GOLD_CONTRACT;
const gold = defineServiceContract(goldDefinition);
const variant = (changes: Partial<ServiceContractDefinition>) =>
  defineServiceContract({ ...goldDefinition, ...changes });

let serial = 0;
const met = (n: number, priority = 'high', metric: 'resolution' | 'firstResponse' = 'resolution') =>
  Array.from({ length: n }, (): CountedStop => {
    serial += 1;
    return {
      ticketId: `M-${serial}`,
      metric,
      priority,
      at: IN_NOV + serial,
      outcome: 'met',
      eventIds: [`M-${serial}/sla/2`],
      overdueMs: -1,
    };
  });
const breaches = (n: number, priority = 'high', at = IN_NOV) =>
  Array.from({ length: n }, (_, i): CountedBreach => {
    serial += 1;
    return {
      ticketId: `B-${serial}`,
      metric: 'resolution',
      priority,
      at: at + i,
      eventIds: [`B-${serial}/sla/3`],
    };
  });
const breachedStop = (ticketId: string, overdueMs: number, priority = 'urgent'): CountedStop => ({
  ticketId,
  metric: 'resolution',
  priority,
  at: IN_NOV + 5 * HOUR,
  outcome: 'breached',
  eventIds: [`${ticketId}/sla/4`],
  overdueMs,
});

const statementOf = (
  contract = gold,
  items: { breaches?: CountedBreach[]; stops?: CountedStop[] },
  asOf = DEC_1,
) =>
  buildCreditStatement(contract, {
    period: NOV,
    asOf,
    excluded: [],
    breaches: items.breaches ?? [],
    stops: items.stops ?? [],
  });

const tierLine = (s: ReturnType<typeof statementOf>) => s.lines[0] as TierLine;

describe('the tier of the measured compliance', () => {
  it('exactly 95 %: 1,900 of 2,000 is in [95, 99): 5 % of EUR 12,500.00', () => {
    const s = statementOf(gold, { stops: met(1_900), breaches: breaches(100) });
    expect(s.measured).toEqual({
      met: 1_900,
      breached: 100,
      compliance: { met: 1_900, measured: 2_000, ratio: 0.95 },
    });
    expect(tierLine(s)).toEqual({
      kind: 'tier',
      tier: { from: 95, to: 99, creditPercent: 5 },
      reason: null,
      credit: 62_500,
      amount: 62_500,
    });
    expect(s.total).toBe(62_500);
  });

  it('exactly 99 %: 1,980 of 2,000 is in the top tier, no credit', () => {
    const s = statementOf(gold, { stops: met(1_980), breaches: breaches(20) });
    expect(tierLine(s)).toMatchObject({ tier: { from: 99, to: 100 }, credit: 0 });
    expect(s.total).toBe(0);
  });

  it('just below: 1,899 of 2,000 (94.95 %) is in [90, 95): 10 %', () => {
    const s = statementOf(gold, { stops: met(1_899), breaches: breaches(101) });
    expect(tierLine(s)).toMatchObject({ tier: { from: 90, to: 95 }, credit: 125_000 });
  });

  it('exactly 100 % is in the tier that ends at 100', () => {
    const s = statementOf(gold, { stops: met(20) });
    expect(s.measured.compliance).toEqual({ met: 20, measured: 20, ratio: 1 });
    expect(tierLine(s)).toMatchObject({ tier: { from: 99, to: 100, creditPercent: 0 } });
  });

  it('below minimumMeasured: no tier, and why', () => {
    const s = statementOf(gold, { stops: met(10), breaches: breaches(9) });
    expect(tierLine(s)).toEqual({
      kind: 'tier',
      tier: null,
      reason: 'below-minimum-measured',
      credit: 0,
      amount: 0,
    });
    expect(s.total).toBe(0);
  });

  it('measures only the contract metric and priorities', () => {
    const s = statementOf(gold, {
      stops: [...met(20), ...met(5, 'low'), ...met(5, 'high', 'firstResponse')],
      breaches: [...breaches(30, 'normal')],
    });
    expect(s.measured).toEqual({
      met: 20,
      breached: 0,
      compliance: { met: 20, measured: 20, ratio: 1 },
    });
  });

  it('rounds a tier credit once, half away from zero', () => {
    // 10 % of 123.45 is 12.345, paid as 12.35; 2.5 % of 1.00 is 0.025, paid as 0.03.
    const odd = variant({ monthlyFee: 12_345, minimumPayable: 0 });
    const s = statementOf(odd, { stops: met(18), breaches: breaches(2) });
    expect(tierLine(s)).toMatchObject({ tier: { from: 90, to: 95 }, credit: 1_235 });
    const tiny = variant({
      monthlyFee: 100,
      minimumPayable: 0,
      tiers: [
        { from: 50, to: 100, creditPercent: 0 },
        { from: 0, to: 50, creditPercent: 2.5 },
      ],
    });
    expect(tierLine(statementOf(tiny, { breaches: breaches(20) })).credit).toBe(3);
  });

  it('compares exactly where a float would not: 99.9 % as 999 of 1,000', () => {
    const aws = variant({
      minimumMeasured: 1,
      tiers: [
        { from: 99.9, to: 100, creditPercent: 0 },
        { from: 99, to: 99.9, creditPercent: 10 },
        { from: 95, to: 99, creditPercent: 25 },
        { from: 0, to: 95, creditPercent: 100 },
      ],
      capPercent: 100,
    });
    expect(tierLine(statementOf(aws, { stops: met(999), breaches: breaches(1) }))).toMatchObject({
      tier: { from: 99.9 },
      credit: 0,
    });
    // 9,989 of 10,000 = 99.89 %: just under the bound.
    expect(tierLine(statementOf(aws, { stops: met(9_989), breaches: breaches(11) }))).toMatchObject(
      { tier: { from: 99, to: 99.9 }, credit: 125_000 },
    );
  });
});

describe('per-ticket lines', () => {
  it('credits each breach of a matching metric and priority, with its event ids', () => {
    const urgent = breaches(2, 'urgent', IN_NOV + 7);
    const s = statementOf(gold, { stops: met(40), breaches: [...urgent, ...breaches(1, 'high')] });
    const lines = s.lines.filter((l) => l.kind === 'breach');
    expect(lines).toEqual([
      {
        kind: 'breach',
        ticketId: urgent[0]?.ticketId,
        metric: 'resolution',
        priority: 'urgent',
        at: IN_NOV + 7,
        eventIds: urgent[0]?.eventIds,
        credit: 5_000,
        amount: 5_000,
      },
      expect.objectContaining({ ticketId: urgent[1]?.ticketId, at: IN_NOV + 8, amount: 5_000 }),
    ]);
  });

  it('late hours: per started business hour, at exact hour bounds, at most maxPerTicket', () => {
    const stops = [
      breachedStop('L-0', 0),
      breachedStop('L-1ms', 1),
      breachedStop('L-1h', HOUR),
      breachedStop('L-1h1ms', HOUR + 1),
      breachedStop('L-2h', 2 * HOUR),
      breachedStop('L-20h', 20 * HOUR),
      breachedStop('L-25h', 25 * HOUR),
      breachedStop('L-high', 3 * HOUR, 'high'),
    ];
    const s = statementOf(gold, { stops: [...stops, ...met(20)] });
    const late = s.lines.filter((l): l is TicketLine => l.kind === 'late-hours');
    expect(late.map((l) => [l.ticketId, l.lateHours, l.amount])).toEqual([
      ['L-1h', 1, 1_000],
      ['L-1h1ms', 2, 2_000],
      ['L-1ms', 1, 1_000],
      ['L-20h', 20, 20_000],
      ['L-25h', 25, 20_000],
      ['L-2h', 2, 2_000],
    ]);
    expect(late.find((l) => l.ticketId === 'L-25h')).toMatchObject({
      overdueMs: 25 * HOUR,
      ratePerHour: 1_000,
      maxPerTicket: 20_000,
      credit: 20_000,
    });
    expect(s.subtotal).toBe(46_000);
    expect(s.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(s.subtotal);
  });

  it('sum: tier credit plus every per-ticket credit', () => {
    // 19 met, 1 high breach: 95 % → 5 % = 62,500; plus one urgent breach 5,000 and 3 late hours.
    const items = {
      stops: [...met(38), breachedStop('U-1', 3 * HOUR)],
      breaches: [...breaches(1, 'high'), ...breaches(1, 'urgent')],
    };
    // 38 met, 2 breached: 95 %.
    const s = statementOf(gold, items);
    expect(s.subtotal).toBe(62_500 + 5_000 + 3_000);
    expect(s.total).toBe(70_500);
  });

  it('max: the larger side is paid, the other listed with amount 0', () => {
    const items = {
      stops: [...met(38), breachedStop('U-1', 3 * HOUR)],
      breaches: [...breaches(1, 'high'), ...breaches(1, 'urgent')],
    };
    const s = statementOf(variant({ combine: 'max' }), items);
    expect(s.subtotal).toBe(62_500);
    expect(s.lines.map((l) => [l.kind, l.credit, l.amount])).toEqual([
      ['tier', 62_500, 62_500],
      ['breach', 5_000, 0],
      ['late-hours', 3_000, 0],
    ]);
    const manyLate = {
      stops: [...met(38), breachedStop('U-1', 20 * HOUR), breachedStop('U-2', 20 * HOUR)],
      breaches: items.breaches,
    };
    const t = statementOf(
      variant({ combine: 'max', monthlyFee: 500_000 }), // tier: 5 % of 5,000.00 = 25,000
      manyLate,
    );
    expect(t.lines.map((l) => [l.kind, l.credit, l.amount])).toEqual([
      ['tier', 25_000, 0],
      ['breach', 5_000, 5_000],
      ['late-hours', 20_000, 20_000],
      ['late-hours', 20_000, 20_000],
    ]);
    expect(t.subtotal).toBe(45_000);
  });
});

describe('cap, minimum payable, status, claim deadline', () => {
  it('cap reached: the total is the cap', () => {
    // 80 met, 40 breached (high and urgent): 66.67 % → 25 % = 312,500; 20 urgent × 5,000.
    const s = statementOf(gold, {
      stops: met(80),
      breaches: [...breaches(20, 'high'), ...breaches(20, 'urgent')],
    });
    expect(tierLine(s)).toMatchObject({ credit: 312_500 });
    expect(s.subtotal).toBe(412_500);
    expect(s.cap).toBe(375_000);
    expect(s.total).toBe(375_000);
  });

  it('a total below the minimum payable is 0', () => {
    const small = variant({ monthlyFee: 1_000 }); // 5 % of EUR 10.00 = 50 cents < EUR 1.00
    const s = statementOf(small, { stops: met(19), breaches: breaches(1) });
    expect(s.subtotal).toBe(50);
    expect(s.total).toBe(0);
    const enough = variant({ monthlyFee: 2_000 }); // 100 cents: not below it
    expect(statementOf(enough, { stops: met(19), breaches: breaches(1) }).total).toBe(100);
  });

  it('provisional before the period ends, final from its end on', () => {
    expect(statementOf(gold, {}, DEC_1 - 1).status).toBe('provisional');
    expect(statementOf(gold, {}, DEC_1).status).toBe('final');
  });

  it('claim deadline: local midnight claimWindowDays after the period, in the contract zone', () => {
    expect(statementOf(gold, {}).claimDeadline).toBe(Date.parse('2026-12-16T00:00:00Z'));
    const ny = variant({ period: { zone: 'America/New_York', unit: 'month' } });
    const oct = periodFromLabel('2026-10', 'America/New_York');
    const s = buildCreditStatement(ny, {
      period: oct,
      asOf: oct.to,
      excluded: [],
      breaches: [],
      stops: [],
    });
    // 2026-11-16 00:00 EST (DST ended on 1 November) is 05:00Z.
    expect(s.claimDeadline).toBe(Date.parse('2026-11-16T05:00:00Z'));
    const { claimWindowDays: _, ...noWindow } = goldDefinition;
    expect(statementOf(defineServiceContract(noWindow), {}).claimDeadline).toBeNull();
  });

  it('a quarter is settled on three monthly fees', () => {
    const quarterly = variant({ period: { zone: 'Europe/London', unit: 'quarter' } });
    const q4 = periodFromLabel('2026-Q4', 'Europe/London');
    const s = buildCreditStatement(quarterly, {
      period: q4,
      asOf: q4.to,
      excluded: [],
      breaches: breaches(1),
      stops: met(19),
    });
    expect(tierLine(s)).toMatchObject({ credit: 187_500 });
    expect(s.cap).toBe(1_125_000);
  });
});

describe('the statement document', () => {
  const s = buildCreditStatement(gold, {
    period: NOV,
    asOf: DEC_1,
    excluded: ['X-1', 'X-2'],
    breaches: breaches(1, 'urgent'),
    stops: met(19),
  });

  it('is frozen plain JSON with a fingerprint over everything else', () => {
    expect(s.schema).toBe('pet-sla/credit-statement@1');
    expect(s.contract).toEqual({ id: 'acme-gold', version: 1, fingerprint: gold.fingerprint });
    expect(s.period).toEqual({
      label: '2026-11',
      zone: 'Europe/London',
      from: Date.parse('2026-11-01T00:00:00Z'),
      to: DEC_1,
    });
    expect(s.excluded).toEqual(['X-1', 'X-2']);
    expect(s.currency).toBe('EUR');
    expect(s.fingerprint).toBe(independentFingerprint(s));
    expect(jsonCopy(s)).toEqual(s);
    expect(Object.isFrozen(s.lines[1])).toBe(true);
  });

  it('formats as deterministic text, and refuses an altered copy', () => {
    const text = formatCreditStatement(s);
    expect(formatCreditStatement(jsonCopy(s))).toBe(text);
    expect(text).toContain('EUR 625.00'); // 5 % of EUR 12,500.00
    expect(text).toContain('EUR 50.00');
    expect(text).toContain('Claims due before 2026-12-16 00:00 Europe/London');
    expect(text).toContain('compliance 19 / 20 = 95 %');
    expect(text).toContain('Excluded tickets: X-1, X-2');
    const altered = jsonObject(s);
    altered.total = 1;
    expect(codeAndPath(() => formatCreditStatement(altered as never))).toEqual({
      code: 'FINGERPRINT_MISMATCH',
      path: 'fingerprint',
    });
    const broken = jsonObject(s);
    broken.lines = 'none';
    expect(codeAndPath(() => formatCreditStatement(broken as never))).toEqual({
      code: 'INVALID_CONTRACT',
      path: 'lines',
    });
    expect(codeAndPath(() => formatCreditStatement(null as never)).code).toBe('INVALID_CONTRACT');
  });
});

describe('the published tables of docs/credits.md as contracts', () => {
  const s3 = defineServiceContract({
    id: 's3-style',
    currency: 'USD',
    monthlyFee: 250_000,
    period: { zone: 'UTC', unit: 'month' },
    measure: { metric: 'resolution' },
    tiers: [
      { from: 99.9, to: 100, creditPercent: 0 },
      { from: 99, to: 99.9, creditPercent: 10 },
      { from: 95, to: 99, creditPercent: 25 },
      { from: 0, to: 95, creditPercent: 100 },
    ],
    minimumPayable: 101,
  });
  const utcNov = periodFromLabel('2026-11', 'UTC');
  const credit = (contract: typeof s3, metCount: number, breachedCount: number) =>
    buildCreditStatement(contract, {
      period: utcNov,
      asOf: utcNov.to,
      excluded: [],
      breaches: breaches(breachedCount),
      stops: met(metCount),
    }).total;

  it('S3 style: 10 % below 99.9 %, 25 % below 99.0 %, 100 % below 95.0 %', () => {
    expect(credit(s3, 999, 1)).toBe(0); // 99.9 %
    expect(credit(s3, 998, 2)).toBe(25_000); // 99.8 %: 10 % of USD 2,500.00
    expect(credit(s3, 99, 1)).toBe(25_000); // 99.0 % is not below 99.0 %
    expect(credit(s3, 989, 11)).toBe(62_500); // 98.9 %: 25 %
    expect(credit(s3, 95, 5)).toBe(62_500); // 95.0 %
    expect(credit(s3, 94, 6)).toBe(250_000); // 94 %: the whole fee
  });

  it('S3 style: a credit of USD 1.00 or less is not paid', () => {
    const small = (monthlyFee: number) => reviseServiceContract(s3, { monthlyFee });
    expect(credit(small(1_000), 998, 2)).toBe(0); // 10 % of USD 10.00 = USD 1.00
    expect(credit(small(1_010), 998, 2)).toBe(101); // USD 1.01
  });

  it('Atlassian style: 99.90 % and 99.95 % commitments, claims within 15 days of the month', () => {
    const tiers = (commitment: number) => [
      { from: commitment, to: 100, creditPercent: 0 },
      { from: 99, to: commitment, creditPercent: 10 },
      { from: 95, to: 99, creditPercent: 25 },
      { from: 0, to: 95, creditPercent: 50 },
    ];
    const premium = defineServiceContract({
      id: 'premium-style',
      currency: 'USD',
      monthlyFee: 1_000_000,
      period: { zone: 'UTC', unit: 'month' },
      measure: { metric: 'resolution' },
      tiers: tiers(99.9),
      claimWindowDays: 15,
    });
    const enterprise = reviseServiceContract(premium, { tiers: tiers(99.95) });
    expect(credit(premium, 9_990, 10)).toBe(0);
    expect(credit(premium, 9_989, 11)).toBe(100_000);
    expect(credit(enterprise, 9_995, 5)).toBe(0);
    expect(credit(enterprise, 9_994, 6)).toBe(100_000);
    const statement = buildCreditStatement(premium, {
      period: utcNov,
      asOf: utcNov.to,
      excluded: [],
      breaches: [],
      stops: [],
    });
    expect(statement.claimDeadline).toBe(Date.parse('2026-12-16T00:00:00Z'));
  });
});
