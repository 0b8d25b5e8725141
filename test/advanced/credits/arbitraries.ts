import fc from 'fast-check';
import type {
  StatementBreach as CountedBreach,
  StatementStop as CountedStop,
} from '../../../src/advanced/credits/statement.js';
import type { ServiceContractDefinition } from '../../../src/advanced/index.js';

// Random valid contracts and random counted items of one period, for the property tests.

const HOUR = 3_600_000;
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
const METRICS = ['firstResponse', 'resolution'] as const;

const prioritiesArb = fc.option(fc.subarray([...PRIORITIES], { minLength: 1 }), {
  nil: undefined,
});

/** Disjoint priority groups for one metric's rules (or one rule for every priority). */
const ruleGroupsArb = fc.oneof(
  fc.constant<(readonly string[] | undefined)[]>([]),
  fc.constant<(readonly string[] | undefined)[]>([undefined]),
  fc.shuffledSubarray([...PRIORITIES], { minLength: 1 }).chain((chosen) =>
    fc
      .array(fc.integer({ min: 0, max: 2 }), {
        minLength: chosen.length,
        maxLength: chosen.length,
      })
      .map((groupOf) =>
        [0, 1, 2]
          .map((g) => chosen.filter((_, i) => groupOf[i] === g))
          .filter((group) => group.length > 0),
      ),
  ),
);

const amountArb = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }),
  fc.integer({ min: 0, max: 1_000_000_000 }),
);

function rulesArb<T>(
  make: (
    metric: 'firstResponse' | 'resolution',
    priorities: readonly string[] | undefined,
  ) => fc.Arbitrary<T>,
) {
  return fc.tuple(ruleGroupsArb, ruleGroupsArb).chain(([first, second]) => {
    const wanted = [
      ...first.map((p) => make('firstResponse', p)),
      ...second.map((p) => make('resolution', p)),
    ];
    return wanted.length === 0 ? fc.constant([] as T[]) : fc.tuple(...wanted);
  });
}

const withPriorities = (priorities: readonly string[] | undefined) =>
  priorities === undefined ? {} : { priorities };

/** Tier bounds: sorted distinct cut points in basis points; credits never rise with compliance. */
const tiersArb = fc
  .uniqueArray(
    fc.oneof(
      fc.integer({ min: 1, max: 9_999 }),
      fc.constantFrom(9_000, 9_500, 9_900, 9_990, 9_995),
    ),
    {
      maxLength: 5,
    },
  )
  .chain((cuts) => {
    const bounds = [0, ...[...cuts].sort((a, b) => a - b), 10_000];
    return fc
      .array(fc.integer({ min: 0, max: 10_000 }), {
        minLength: bounds.length - 1,
        maxLength: bounds.length - 1,
      })
      .map((credits) => {
        const descending = [...credits].sort((a, b) => b - a);
        return bounds.slice(0, -1).map((from, i) => ({
          from: from / 100,
          to: (bounds[i + 1] as number) / 100,
          creditPercent: (descending[i] as number) / 100,
        }));
      });
  });

export const contractDefinitionArb: fc.Arbitrary<ServiceContractDefinition> = fc
  .record({
    id: fc.constant('random-contract'),
    currency: fc.constantFrom('EUR', 'JPY', 'BHD', 'USD'),
    monthlyFee: fc.oneof(
      fc.integer({ min: 0, max: 2_000_000 }),
      fc.integer({ min: 0, max: 2 ** 40 }),
    ),
    period: fc.record({
      zone: fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'UTC'),
      unit: fc.constantFrom('month', 'quarter', 'year'),
    }),
    measure: fc
      .record({ metric: fc.constantFrom(...METRICS), priorities: prioritiesArb })
      .map(({ metric, priorities }) => ({ metric, ...withPriorities(priorities) })),
    minimumMeasured: fc.integer({ min: 1, max: 12 }),
    tiers: tiersArb,
    perBreach: rulesArb((metric, priorities) =>
      amountArb.map((amount) => ({ metric, ...withPriorities(priorities), amount })),
    ),
    perLateHour: rulesArb((metric, priorities) =>
      fc
        .record({ amount: amountArb, max: fc.option(amountArb, { nil: undefined }) })
        .map(({ amount, max }) => ({
          metric,
          ...withPriorities(priorities),
          amount,
          ...(max === undefined ? {} : { maxPerTicket: max }),
        })),
    ),
    combine: fc.constantFrom('sum', 'max'),
    capPercent: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
    minimumPayable: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
    claimWindowDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  })
  .map((definition) => {
    const { claimWindowDays, ...rest } = definition;
    return claimWindowDays === undefined ? rest : { ...rest, claimWindowDays };
  }) as fc.Arbitrary<ServiceContractDefinition>;

/** What the fold counted for one clock cycle in the period. */
export interface ClockItems {
  readonly breach?: CountedBreach;
  readonly stop?: CountedStop;
}

const overdueArb = fc.oneof(
  fc.integer({ min: 0, max: 100 * HOUR }),
  fc.integer({ min: 0, max: 100 }).map((h) => h * HOUR),
  fc.integer({ min: 0, max: 100 }).map((h) => h * HOUR + 1),
);

/** One clock cycle: met, breached and still open, breached and stopped, or stopped late after a breach counted earlier. */
export const clockItemsArb = (index: number): fc.Arbitrary<ClockItems> =>
  fc
    .record({
      ticket: fc.integer({ min: 0, max: 7 }),
      metric: fc.constantFrom(...METRICS),
      priority: fc.constantFrom(...PRIORITIES),
      kind: fc.constantFrom('met', 'met', 'breach', 'breach-and-stop', 'stop-only'),
      at: fc.integer({ min: 0, max: 20 * 86_400_000 }),
      overdueMs: overdueArb,
    })
    .map(({ ticket, metric, priority, kind, at, overdueMs }): ClockItems => {
      const ticketId = `T-${ticket}`;
      const base = { ticketId, metric, priority };
      const breach: CountedBreach = { ...base, at, eventIds: [`${ticketId}/sla/${index * 2 + 1}`] };
      const stop: CountedStop = {
        ...base,
        at: at + 1,
        outcome: kind === 'met' ? 'met' : 'breached',
        eventIds: [`${ticketId}/sla/${index * 2 + 2}`],
        overdueMs: kind === 'met' ? -overdueMs : overdueMs,
      };
      if (kind === 'met') return { stop };
      if (kind === 'breach') return { breach };
      if (kind === 'stop-only') return { stop };
      return { breach, stop };
    });

export const itemsArb: fc.Arbitrary<readonly ClockItems[]> = fc
  .integer({ min: 0, max: 40 })
  .chain(
    (n): fc.Arbitrary<readonly ClockItems[]> =>
      n === 0
        ? fc.constant([])
        : fc.tuple(...Array.from({ length: n }, (_, i) => clockItemsArb(i))),
  );

export function flatten(items: readonly ClockItems[]) {
  return {
    breaches: items.flatMap((c) => (c.breach === undefined ? [] : [c.breach])),
    stops: items.flatMap((c) => (c.stop === undefined ? [] : [c.stop])),
  };
}
