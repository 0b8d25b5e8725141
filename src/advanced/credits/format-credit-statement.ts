import { divideRounded, formatMoney } from '../shared/money.js';
import { periodContaining } from '../shared/period.js';
import { statementOf } from './statement-input.js';
import type { CreditLine, CreditStatement, CreditTier } from './types.js';

// Plain text for people: fixed English wording, UTC instants written ISO-style, local dates
// from the contract's zone, money with the currency's own digits. Nothing reads the host's
// zone or locale.

const METRIC_NAMES = { firstResponse: 'first response', resolution: 'resolution' } as const;

const utc = (instant: number): string => `${new Date(instant).toISOString().slice(0, 19)}Z`;

const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

function percentOfBasisPoints(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

function complianceText(met: number, breached: number): string {
  const measured = met + breached;
  if (measured === 0) return 'nothing measured';
  const scaled = BigInt(met) * 10_000n;
  const exact = scaled % BigInt(measured) === 0n;
  const bp = divideRounded(scaled, BigInt(measured));
  return `compliance ${count(met)} / ${count(measured)} ${exact ? '=' : '≈'} ${percentOfBasisPoints(bp)} %`;
}

function tierText(tier: CreditTier): string {
  const closing = tier.to === 100 ? ']' : ')';
  return `compliance in [${tier.from} %, ${tier.to} %${closing}, credit ${tier.creditPercent} % of the fee`;
}

/** The row of a line, and the details printed under it. */
function lineText(line: CreditLine, money: (amount: number) => string): [string, string[]] {
  if (line.kind === 'tier') {
    if (line.tier !== null) return [`Tier: ${tierText(line.tier)}`, []];
    return ["Tier: not applied, fewer clocks measured than the contract's minimum", []];
  }
  const clock = `${line.ticketId} ${METRIC_NAMES[line.metric]} (${line.priority})`;
  const evidence = `events ${line.eventIds.join(', ')}`;
  if (line.kind === 'breach') return [`Breach: ${clock}, breached ${utc(line.at)}`, [evidence]];
  const hours = line.lateHours ?? 0;
  const limit = line.maxPerTicket === undefined ? '' : `, at most ${money(line.maxPerTicket)}`;
  return [
    `Late hours: ${clock}, stopped ${utc(line.at)}`,
    [
      `${hours} started business hour${hours === 1 ? '' : 's'} over target × ${money(line.ratePerHour ?? 0)}${limit}`,
      evidence,
    ],
  ];
}

/**
 * A credit statement as plain text a person can read: the period, status and claim deadline,
 * what was measured, one row per line with the SLA event ids it rests on, the subtotal, cap
 * and total. The same statement gives the same text on every host (no host zone or locale);
 * amounts carry the currency's minor-unit digits. A stored statement is checked first
 * (`INVALID_CONTRACT` when it is not one, `FINGERPRINT_MISMATCH` when it was altered).
 *
 * @example
 * ```ts
 * const statement = computeServiceCredits(gold, events, { period: '2026-11', asOf });
 * console.log(formatCreditStatement(statement));
 * // Service credit statement: acme-gold, version 1
 * // Period 2026-11 (Europe/London): 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z
 * // …
 * // Total                                                        EUR 1,330.00
 * ```
 */
export function formatCreditStatement(statement: CreditStatement): string {
  const s = statementOf(statement);
  const money = (amount: number): string => formatMoney(amount, s.currency);
  const rows: [string, string][] = [];
  const notes: string[][] = [];
  for (const line of s.lines) {
    const [text, details] = lineText(line, money);
    rows.push([text, money(line.amount)]);
    if (line.amount !== line.credit) {
      details.push(
        `not counted: ${money(line.credit)}; the contract pays the larger of the tier credit and the per-ticket credits`,
      );
    }
    notes.push(details);
  }
  const totals: [string, string][] = [
    ['Subtotal', money(s.subtotal)],
    ['Cap', money(s.cap)],
    ['Minimum payable', money(s.minimumPayable)],
    ['Total', money(s.total)],
  ];
  const width =
    Math.max(...[...rows, ...totals].map(([label, amount]) => label.length + amount.length)) + 2;
  const row = ([label, amount]: [string, string]): string =>
    `${label}${' '.repeat(width - label.length - amount.length)}${amount}`;
  const { zone } = s.period;
  const out = [
    `Service credit statement: ${s.contract.id}, version ${s.contract.version}`,
    `Period ${s.period.label} (${zone}): ${utc(s.period.from)} to ${utc(s.period.to)}`,
    s.status === 'final'
      ? `Status: final (events up to ${utc(s.asOf)})`
      : `Status: provisional, the period is not over (events up to ${utc(s.asOf)})`,
    s.claimDeadline === null
      ? 'Claims: no claim window'
      : `Claims due before ${periodContaining(s.claimDeadline, zone, 'day').label} 00:00 ${zone} (${utc(s.claimDeadline)})`,
    `Measured: ${count(s.measured.met)} met, ${count(s.measured.breached)} breached; ${complianceText(s.measured.met, s.measured.breached)}`,
    `Excluded tickets: ${s.excluded.length === 0 ? 'none' : s.excluded.join(', ')}`,
    '',
  ];
  rows.forEach((r, i) => {
    out.push(row(r));
    for (const note of notes[i] ?? []) out.push(`    ${note}`);
  });
  out.push('');
  for (const t of totals) out.push(row(t));
  if (s.total === 0 && Math.min(s.subtotal, s.cap) > 0) {
    out.push('    the credit is below the minimum payable, so nothing is paid');
  } else if (s.subtotal > s.cap) {
    out.push('    the credit is limited to the cap');
  }
  out.push('', `Fingerprint: ${s.fingerprint}`);
  return `${out.join('\n')}\n`;
}
