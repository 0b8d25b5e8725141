/**
 * Overtime exposure of a large board: 10,000 and 100,000 open tickets due over the next four
 * weeks (some already overdue; due at whole minutes, so the big board has ties on most of
 * them), on a Monday–Friday 09:00–17:00
 * roster of 20 agents with weekend and Monday-evening overtime. The load is the same in both:
 * total work is 0.9 × the roster's capacity over the four weeks, due evenly round the clock
 * while capacity comes in office hours, so much of the board is late and the overtime calendar
 * is read. Only the number of tickets changes, so the cost should grow as n log n at most
 * (target: 100,000 ≤ 12 × 10,000; the summary line prints the ratio of the one run).
 *
 *   npx vitest bench --run bench/overtime.bench.ts
 */
import { bench, describe } from 'vitest';
import { overtimeExposure, type WorkItem } from '../src/advanced/index.js';
import { businessMillisBetween, defineCalendar } from '../src/index.js';

const nineToFive = ['09:00-17:00'];
const roster = defineCalendar({
  id: 'bench-roster',
  zone: 'Europe/London',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
});
const weekends = defineCalendar({
  id: 'bench-overtime',
  zone: 'Europe/London',
  week: { sat: ['10:00-16:00'], sun: ['10:00-16:00'], mon: ['17:00-20:00'] },
});
const NOW = Date.parse('2026-11-27T15:00:00Z'); // a Friday afternoon
const SPAN = 28 * 86_400_000;
const AGENTS = 20;
const CAPACITY = AGENTS * businessMillisBetween(roster, NOW, NOW + SPAN);

/** A deterministic board of n tickets (a linear congruential generator, no Math.random). */
function board(n: number): WorkItem[] {
  let seed = 20_261_127;
  const next = (): number => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const mean = (0.9 * CAPACITY) / n;
  return Array.from({ length: n }, (_, i) => ({
    ticketId: `T-${i}`,
    // Whole minutes from a day ago on: some overdue, and on the big board ties on most minutes.
    dueAt: NOW - 86_400_000 + Math.floor(next() * (SPAN / 60_000)) * 60_000,
    remainingMs: Math.round(next() * 2 * mean),
  }));
}

const options = (work: WorkItem[]) => ({
  now: NOW,
  work,
  roster: { calendar: roster, agents: AGENTS },
  overtime: { calendar: weekends, agents: 8, ratePerHour: 4_500, currency: 'EUR' },
});
const small = options(board(10_000));
const large = options(board(100_000));

// A sanity line in the log: the boards are as loaded as intended.
for (const [name, o] of [
  ['10,000', small],
  ['100,000', large],
] as const) {
  const r = overtimeExposure(o);
  console.log(
    `[overtime] ${name} tickets: required ${Math.round(r.requiredOvertimeMs / 3_600_000)} h, ${r.lateWithoutOvertime.length} late, ${r.unmeetable.length} unmeetable`,
  );
}

describe('overtime exposure: 100,000 tickets vs 10,000', () => {
  bench('10,000 tickets', () => {
    overtimeExposure(small);
  });
  bench('100,000 tickets', () => {
    overtimeExposure(large);
  });
});
