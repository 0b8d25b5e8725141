import type { ServiceContractDefinition } from '../../../src/advanced/index.js';

// A naive service-credit calculator, written from the rules in docs/credits.md without the
// library's code: percents parsed from their decimal text, rounding by adding half and
// flooring, late hours counted one by one, every sum in BigInt.

export interface NaiveBreach {
  readonly ticketId: string;
  readonly metric: string;
  readonly priority: string;
}
export interface NaiveStop extends NaiveBreach {
  readonly outcome: 'met' | 'breached';
  readonly overdueMs: number;
}

export interface NaiveResult {
  readonly met: number;
  readonly breached: number;
  readonly tierCredit: number;
  readonly tierIndex: number | null;
  readonly breachCredits: number[];
  readonly lateCredits: number[];
  readonly subtotal: number;
  readonly cap: number;
  readonly total: number;
}

/** "99.95" → 9995, from the decimal text of the number. */
function basisPoints(percent: number): bigint {
  const [whole = '0', fraction = ''] = String(percent).split('.');
  return BigInt(whole) * 100n + BigInt(`${fraction}00`.slice(0, 2));
}

/** x / 10 000, half away from zero, for x ≥ 0. */
function roundTenThousandths(x: bigint): bigint {
  return (2n * x + 10_000n) / 20_000n;
}

const applies = (priorities: readonly string[] | undefined, priority: string) =>
  priorities === undefined || priorities.includes(priority);

export function naiveCredits(
  contract: ServiceContractDefinition,
  breaches: readonly NaiveBreach[],
  stops: readonly NaiveStop[],
): NaiveResult {
  const months = { month: 1n, quarter: 3n, year: 12n }[contract.period.unit];
  const fee = BigInt(contract.monthlyFee) * months;
  const measured = (x: NaiveBreach) =>
    x.metric === contract.measure.metric && applies(contract.measure.priorities, x.priority);
  const met = stops.filter((s) => s.outcome === 'met' && measured(s)).length;
  const breached = breaches.filter(measured).length;
  const n = met + breached;
  let tierIndex: number | null = null;
  if (n > 0 && n >= (contract.minimumMeasured ?? 1)) {
    // compliance percent × 100 as an exact fraction: met · 10 000 / n.
    contract.tiers.forEach((tier, i) => {
      const low = basisPoints(tier.from) * BigInt(n);
      const high = basisPoints(tier.to) * BigInt(n);
      const c = BigInt(met) * 10_000n;
      if (c >= low && (c < high || tier.to === 100)) tierIndex = i;
    });
  }
  const tier = tierIndex === null ? undefined : contract.tiers[tierIndex];
  const tierCredit =
    tier === undefined ? 0n : roundTenThousandths(fee * basisPoints(tier.creditPercent));
  const breachCredits: number[] = [];
  for (const b of breaches) {
    const rule = (contract.perBreach ?? []).find(
      (r) => r.metric === b.metric && applies(r.priorities, b.priority),
    );
    if (rule !== undefined && rule.amount > 0) breachCredits.push(rule.amount);
  }
  const lateCredits: number[] = [];
  for (const s of stops) {
    if (s.outcome !== 'breached') continue;
    const rule = (contract.perLateHour ?? []).find(
      (r) => r.metric === s.metric && applies(r.priorities, s.priority),
    );
    if (rule === undefined) continue;
    let hours = 0n;
    while (hours * 3_600_000n < BigInt(s.overdueMs)) hours += 1n;
    let credit = hours * BigInt(rule.amount);
    if (rule.maxPerTicket !== undefined && credit > BigInt(rule.maxPerTicket)) {
      credit = BigInt(rule.maxPerTicket);
    }
    if (credit > 0n) lateCredits.push(Number(credit));
  }
  let perTicket = 0n;
  for (const c of [...breachCredits, ...lateCredits]) perTicket += BigInt(c);
  const subtotal =
    (contract.combine ?? 'sum') === 'sum'
      ? tierCredit + perTicket
      : tierCredit > perTicket
        ? tierCredit
        : perTicket;
  const cap = roundTenThousandths(fee * basisPoints(contract.capPercent ?? 100));
  let total = subtotal < cap ? subtotal : cap;
  if (total < BigInt(contract.minimumPayable ?? 0)) total = 0n;
  return {
    met,
    breached,
    tierCredit: Number(tierCredit),
    tierIndex,
    breachCredits,
    lateCredits,
    subtotal: Number(subtotal),
    cap: Number(cap),
    total: Number(total),
  };
}
