import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defineServiceContract,
  type OvertimeExposure,
  overtimeExposure,
  type WorkItem,
} from '../../../src/advanced/index.js';
import { businessMillisBetween, defineCalendar } from '../../../src/index.js';

// The worked Friday example of docs/overtime.md. This test runs it, draws the chart of demand
// against capacity with the library's own calendar functions, and checks that the page shows
// exactly this chart and these results (PRINT_OVERTIME_DOC=1 prints them to paste).

const H = 3_600_000;
const nineToFive = ['09:00-17:00'];
const desk = defineCalendar({
  id: 'desk',
  zone: 'Europe/London',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
});
const saturday = defineCalendar({
  id: 'saturday',
  zone: 'Europe/London',
  week: { sat: ['10:00-14:00'] },
});
const now = '2026-11-27T13:00:00Z'; // Friday 13:00 in London (GMT)
const work: WorkItem[] = [
  {
    ticketId: 'T-101',
    dueAt: '2026-11-27T16:00:00Z',
    remainingMs: 6 * H,
    metric: 'resolution',
    priority: 'urgent',
  },
  {
    ticketId: 'T-102',
    dueAt: '2026-11-27T20:00:00Z',
    remainingMs: 4 * H,
    metric: 'resolution',
    priority: 'high',
  },
  {
    ticketId: 'T-103',
    dueAt: '2026-11-28T09:00:00Z',
    remainingMs: 3 * H,
    metric: 'resolution',
    priority: 'urgent',
  },
  {
    ticketId: 'T-104',
    dueAt: '2026-11-28T18:00:00Z',
    remainingMs: 5 * H,
    metric: 'resolution',
    priority: 'normal',
  },
  {
    ticketId: 'T-105',
    dueAt: '2026-11-29T12:00:00Z',
    remainingMs: 4 * H,
    metric: 'resolution',
    priority: 'urgent',
  },
  {
    ticketId: 'T-106',
    dueAt: '2026-11-30T10:00:00Z',
    remainingMs: 3 * H,
    metric: 'resolution',
    priority: 'high',
  },
  {
    ticketId: 'T-107',
    dueAt: '2026-11-30T12:00:00Z',
    remainingMs: 2 * H,
    metric: 'resolution',
    priority: 'high',
  },
];
const roster = { calendar: desk, agents: 3 };
const overtime = { calendar: saturday, agents: 2, ratePerHour: 4_500, currency: 'EUR' };
const contract = defineServiceContract({
  id: 'acme-gold',
  currency: 'EUR',
  monthlyFee: 1_250_000,
  period: { zone: 'Europe/London', unit: 'month' },
  measure: { metric: 'resolution' },
  tiers: [
    { from: 95, to: 100, creditPercent: 0 },
    { from: 0, to: 95, creditPercent: 10 },
  ],
  perBreach: [
    { metric: 'resolution', priorities: ['urgent'], amount: 15_000 },
    { metric: 'resolution', priorities: ['high'], amount: 5_000 },
  ],
});

/** Cumulative due work, roster capacity and overtime capacity per hour, as a character chart. */
function chart(): string {
  const start = Date.parse(now);
  const hours = 73; // Friday 13:00 to Monday 14:00
  const columns = Array.from({ length: hours + 1 }, (_, k) => {
    const t = start + k * H; // column k: the board k hours after now
    const demand = work
      .filter((w) => Date.parse(w.dueAt as string) <= t)
      .reduce((sum, w) => sum + w.remainingMs, 0);
    const rostered = roster.agents * businessMillisBetween(desk, start, t);
    const extra = overtime.agents * businessMillisBetween(saturday, start, t);
    return { demand: demand / H, rostered: rostered / H, extra: extra / H };
  });
  const top = Math.max(...columns.map((c) => c.demand)); // capacity above the work is not drawn
  const rows: string[] = [];
  for (let level = top; level >= 1; level--) {
    const cells = columns.map(({ demand, rostered, extra }) => {
      if (level <= demand) return level <= rostered ? '█' : level <= rostered + extra ? '▒' : '!';
      return level <= rostered ? '░' : level <= rostered + extra ? '·' : ' ';
    });
    rows.push(`${String(level).padStart(3)} │${cells.join('').trimEnd()}`);
  }
  rows.push(`    └${'─'.repeat(hours + 1)}`);
  // Fri 13:00 is column 0; Sat 00:00 is 11, Sun 00:00 35, Mon 00:00 59, Mon 14:00 73.
  const axis = Array.from({ length: hours + 1 }, () => ' ');
  const label = (column: number, text: string) => {
    for (let i = 0; i < text.length; i++) axis[column + i] = text[i] as string;
  };
  label(0, 'Fri 13');
  label(11, 'Sat');
  label(35, 'Sun');
  label(59, 'Mon');
  label(hours - 1, '14');
  rows.push(`     ${axis.join('').trimEnd()}`);
  return rows.join('\n');
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
function readable(exposure: OvertimeExposure): unknown {
  return {
    ...exposure,
    bottleneck: exposure.bottleneck && {
      ...exposure.bottleneck,
      dueAt: iso(exposure.bottleneck.dueAt),
    },
    lateWithoutOvertime: exposure.lateWithoutOvertime.map((l) => ({
      ...l,
      dueAt: iso(l.dueAt),
      finishAt: iso(l.finishAt),
    })),
    unmeetable: exposure.unmeetable.map((u) => ({ ...u, dueAt: iso(u.dueAt) })),
    creditExposure: exposure.creditExposure && {
      ...exposure.creditExposure,
      contract: { ...exposure.creditExposure.contract, fingerprint: '…' },
      tickets: exposure.creditExposure.tickets.map((t) => ({ ...t, dueAt: iso(t.dueAt) })),
    },
  };
}

describe('docs/overtime.md: the worked Friday example', () => {
  const exposure = overtimeExposure({ now, work, roster, overtime, contract });
  const page = readFileSync(resolve(import.meta.dirname, '../../../docs/overtime.md'), 'utf8');
  const drawn = chart();
  const json = JSON.stringify(readable(exposure), null, 2);
  if (process.env.PRINT_OVERTIME_DOC === '1') console.log(`${drawn}\n\n${json}`);

  it('has the results worked out by hand on the page', () => {
    // D − C by due date: Fri 16:00 6−9, Fri 20:00 10−12, Sat 09:00 13−12, Sat 18:00 18−12,
    // Sun 12:00 22−12, Mon 10:00 25−15, Mon 12:00 27−21: largest 10 h, first on Sunday.
    expect(exposure.requiredOvertimeMs).toBe(10 * H);
    expect(exposure.cost).toBe(45_000);
    expect(exposure.bottleneck?.ticketIds).toEqual(['T-105']);
    // Saturday 10:00–14:00 × 2 = 8 h: Sat 09:00 short 1 h (before it opens), Sun 12:00 short
    // 22 − 20 = 2 h, Mon 10:00 25 − 23 = 2 h.
    expect(exposure.unmeetable.map((u) => [u.ticketId, u.shortMs / H])).toEqual([
      ['T-103', 1],
      ['T-105', 2],
      ['T-106', 2],
    ]);
    // Late: T-103 (urgent €150), T-104 (normal, no rule: €0), T-105 (urgent €150), T-106 (high
    // €50), T-107 (high €50) = €400; only T-104 and T-107 are not unmeetable: €50 avoidable.
    expect(exposure.creditExposure?.total).toBe(40_000);
    expect(exposure.creditExposure?.avoidable).toBe(5_000);
  });

  it('shows the chart and the result this code produces', () => {
    expect(page).toContain(drawn);
    expect(page).toContain(json);
  });
});
