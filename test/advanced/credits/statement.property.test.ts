import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCreditStatement,
  type StatementBreach as CountedBreach,
  type StatementStop as CountedStop,
} from '../../../src/advanced/credits/statement.js';
import { defineServiceContract, type ServiceContract } from '../../../src/advanced/index.js';
import { periodContaining } from '../../../src/advanced/shared/period.js';
import { params } from '../../support/fc.js';
import { type ClockItems, contractDefinitionArb, flatten, itemsArb } from './arbitraries.js';
import { naiveCredits } from './reference.js';

const START = Date.parse('2026-11-01T12:00:00Z');

function statementOf(
  contract: ServiceContract,
  items: { breaches: readonly CountedBreach[]; stops: readonly CountedStop[] },
) {
  const period = periodContaining(START, contract.period.zone, contract.period.unit);
  return buildCreditStatement(contract, {
    period,
    asOf: period.to,
    excluded: [],
    breaches: items.breaches.map((b) => ({ ...b, at: period.from + b.at })),
    stops: items.stops.map((s) => ({ ...s, at: period.from + s.at })),
  });
}

describe('credit statements from counted items', () => {
  it('agree with the naive calculator', () => {
    fc.assert(
      fc.property(contractDefinitionArb, itemsArb, (definition, clocks) => {
        const contract = defineServiceContract(definition);
        const items = flatten(clocks);
        const s = statementOf(contract, items);
        const naive = naiveCredits(definition, items.breaches, items.stops);
        const tier = s.lines[0];
        expect(tier?.kind).toBe('tier');
        if (tier?.kind !== 'tier') return;
        expect(s.measured.met).toBe(naive.met);
        expect(s.measured.breached).toBe(naive.breached);
        expect(tier.tier).toEqual(
          naive.tierIndex === null ? null : definition.tiers[naive.tierIndex],
        );
        expect(tier.credit).toBe(naive.tierCredit);
        const perTicket = s.lines.filter((l) => l.kind !== 'tier');
        expect(
          perTicket
            .filter((l) => l.kind === 'breach')
            .map((l) => l.credit)
            .sort((a, b) => a - b),
        ).toEqual([...naive.breachCredits].sort((a, b) => a - b));
        expect(
          perTicket
            .filter((l) => l.kind === 'late-hours')
            .map((l) => l.credit)
            .sort((a, b) => a - b),
        ).toEqual([...naive.lateCredits].sort((a, b) => a - b));
        expect(s.subtotal).toBe(naive.subtotal);
        expect(s.cap).toBe(naive.cap);
        expect(s.total).toBe(naive.total);
        // The lines' amounts sum to the subtotal, under sum and max alike.
        expect(s.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(s.subtotal);
        expect(s.total).toBeLessThanOrEqual(s.cap);
      }),
      params(),
    );
  });

  it('pick the tier exactly when compliance sits on a bound', () => {
    // Bounds on a 0.5 % grid and 200 or 400 measured clocks: compliance often equals a bound.
    const onGrid = contractDefinitionArb.chain((definition) =>
      fc
        .uniqueArray(fc.integer({ min: 1, max: 199 }), { minLength: 1, maxLength: 4 })
        .map((cuts) => {
          const bounds = [0, ...cuts.sort((a, b) => a - b).map((c) => c / 2), 100];
          const tiers = bounds.slice(0, -1).map((from, i) => ({
            from,
            to: bounds[i + 1] as number,
            creditPercent: bounds.length - 1 - i,
          }));
          return { ...definition, tiers, minimumMeasured: 1 };
        }),
    );
    fc.assert(
      fc.property(onGrid, fc.constantFrom(200, 400), fc.nat(), (definition, n, pick) => {
        const contract = defineServiceContract(definition);
        const tier = definition.tiers[pick % definition.tiers.length] as { from: number };
        const met = (tier.from * n) / 100; // exactly on the tier's lower bound
        const priority = contract.measure.priorities?.[0] ?? 'urgent';
        const base = { metric: contract.measure.metric, priority, at: 0, eventIds: [] };
        const stops: CountedStop[] = Array.from({ length: met }, (_, i) => ({
          ...base,
          ticketId: `M-${i}`,
          outcome: 'met',
          overdueMs: 0,
        }));
        const breaches: CountedBreach[] = Array.from({ length: n - met }, (_, i) => ({
          ...base,
          ticketId: `B-${i}`,
        }));
        const s = statementOf(contract, { breaches, stops });
        const naive = naiveCredits(definition, breaches, stops);
        expect(s.lines[0]).toMatchObject({ tier: definition.tiers[naive.tierIndex ?? -1] });
        expect(s.lines[0]).toMatchObject({ tier: { from: tier.from } });
      }),
      params(0.25),
    );
  });

  it('never pay more when a measured breach becomes a met stop (compliance rises, all else fixed)', () => {
    fc.assert(
      fc.property(contractDefinitionArb, itemsArb, fc.nat(), (definition, clocks, pick) => {
        const contract = defineServiceContract(definition);
        const { metric, priorities } = contract.measure;
        const measuredBreaches = clocks
          .map((c, i) => [c, i] as const)
          .filter(
            ([c]) =>
              c.breach !== undefined &&
              c.breach.metric === metric &&
              (priorities === undefined || priorities.includes(c.breach.priority)),
          );
        fc.pre(measuredBreaches.length > 0);
        const [chosen, index] = measuredBreaches[pick % measuredBreaches.length] as readonly [
          ClockItems,
          number,
        ];
        const breach = chosen.breach as CountedBreach;
        const nowMet: ClockItems = {
          stop: { ...breach, outcome: 'met', overdueMs: 0, at: breach.at + 1 },
        };
        const better = clocks.map((c, i) => (i === index ? nowMet : c));
        const before = statementOf(contract, flatten(clocks));
        const after = statementOf(contract, flatten(better));
        expect(after.measured.met + after.measured.breached).toBe(
          before.measured.met + before.measured.breached,
        );
        expect(after.total).toBeLessThanOrEqual(before.total);
      }),
      params(),
    );
  });

  it('never pay more without a ticket none of whose measured clocks was met', () => {
    fc.assert(
      fc.property(
        contractDefinitionArb,
        itemsArb,
        fc.integer({ min: 0, max: 7 }),
        (definition, clocks, t) => {
          const contract = defineServiceContract(definition);
          const ticketId = `T-${t}`;
          const { metric, priorities } = contract.measure;
          const metMeasured = clocks.some(
            (c) =>
              c.stop?.ticketId === ticketId &&
              c.stop.outcome === 'met' &&
              c.stop.metric === metric &&
              (priorities === undefined || priorities.includes(c.stop.priority)),
          );
          fc.pre(!metMeasured);
          const without = clocks.filter((c) => (c.breach ?? c.stop)?.ticketId !== ticketId);
          const before = statementOf(contract, flatten(clocks));
          const after = statementOf(contract, flatten(without));
          expect(after.total).toBeLessThanOrEqual(before.total);
        },
      ),
      params(),
    );
  });
});
