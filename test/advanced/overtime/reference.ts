/**
 * Brute-force reference for overtime exposure, used only by tests. It knows nothing of the
 * engine's deficit formula or of addBusinessMillis: it steps minute by minute through the open
 * minutes of the naive calendar reference (test/reference/naive.ts), serving pooled work
 * earliest due first (ties by ticket id), and finds the least overtime by searching over
 * amounts of extra work done up front.
 *
 * Cases are whole minutes: `now`, due dates and efforts are minute-aligned, calendar windows
 * are whole minutes, so every minute is wholly open or closed. Inside the minute where a
 * ticket's work runs out, `agents` people finish r agent-ms in ⌈r / agents⌉ ms.
 */
import { type NaiveDefinition, naiveOpenMinutes } from '../../reference/naive.js';

export const MINUTE = 60_000;

export interface RefItem {
  readonly ticketId: string;
  readonly dueAt: number;
  readonly remainingMs: number;
  /** Carried for the credits; the schedule ignores them. */
  readonly metric?: 'resolution' | 'firstResponse';
  readonly priority?: string;
}

/** A roster's open minutes from `now`, minute i = [now + i min, now + (i + 1) min). */
export interface RefRoster {
  readonly open: Uint8Array;
  readonly agents: number;
}

export function openMinutes(definition: unknown, now: number, minutes: number): Uint8Array {
  return naiveOpenMinutes(definition as NaiveDefinition, now, now + minutes * MINUTE);
}

export function edfOrder(items: readonly RefItem[]): RefItem[] {
  return [...items].sort((a, b) =>
    a.dueAt !== b.dueAt ? a.dueAt - b.dueAt : a.ticketId < b.ticketId ? -1 : 1,
  );
}

/**
 * Finish instant per ticket (EDF order) when the roster works from `now` on, after `creditMs`
 * of work done up front if given; `'credit'` for a ticket that credit covers in full (the
 * tickets with no work left that come before any uncovered work included), `undefined` for
 * one not finished within the simulated minutes.
 */
export function simulate(
  items: readonly RefItem[],
  roster: RefRoster,
  now: number,
  creditMs?: number,
): Map<string, number | 'credit' | undefined> {
  const queue = edfOrder(items).map((item) => ({ id: item.ticketId, left: item.remainingMs }));
  const finish = new Map<string, number | 'credit' | undefined>();
  let credit = creditMs ?? 0;
  let head = 0;
  while (creditMs !== undefined && head < queue.length) {
    const job = queue[head] as { id: string; left: number };
    if (job.left > credit) break;
    credit -= job.left;
    finish.set(job.id, 'credit');
    head++;
  }
  if (head < queue.length) (queue[head] as { left: number }).left -= credit;
  for (let minute = 0; minute < roster.open.length && head < queue.length; minute++) {
    const start = now + minute * MINUTE;
    const capacity = roster.open[minute] === 1 ? roster.agents * MINUTE : 0;
    let used = 0;
    while (head < queue.length) {
      const job = queue[head] as { id: string; left: number };
      if (job.left > capacity - used) {
        job.left -= capacity - used;
        break;
      }
      used += job.left;
      job.left = 0;
      finish.set(job.id, start + Math.ceil(used / roster.agents));
      head++;
    }
  }
  for (const job of queue.slice(head)) finish.set(job.id, undefined);
  return finish;
}

/** Whether every ticket meets its due date with `creditMs` of extra work done up front. */
export function meetsAll(
  items: readonly RefItem[],
  roster: RefRoster,
  now: number,
  creditMs: number,
): boolean {
  const finish = simulate(items, roster, now, creditMs);
  return items.every((item) => {
    const at = finish.get(item.ticketId);
    return at === 'credit' || (at !== undefined && at <= item.dueAt);
  });
}

/** The least whole number of minutes of up-front work that meets every due date, by bisection. */
export function leastOvertimeBySearch(
  items: readonly RefItem[],
  roster: RefRoster,
  now: number,
): number {
  let lo = 0; // minutes known not to be enough, or 0
  let hi = items.reduce((sum, item) => sum + item.remainingMs, 0) / MINUTE; // always enough
  if (meetsAll(items, roster, now, 0)) return 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (meetsAll(items, roster, now, mid * MINUTE)) hi = mid;
    else lo = mid;
  }
  return hi * MINUTE;
}

/** Open minutes of `open` before instant `t` (t a whole minute ≥ now). */
export function minutesBefore(open: Uint8Array, now: number, t: number): number {
  let count = 0;
  for (let i = 0; i < (t - now) / MINUTE && i < open.length; i++) count += open[i] as number;
  return count;
}

/** Minutes open in `overtime` and closed in `roster` before t. */
export function extraMinutesBefore(
  overtime: Uint8Array,
  roster: Uint8Array,
  now: number,
  t: number,
): number {
  let count = 0;
  for (let i = 0; i < (t - now) / MINUTE && i < overtime.length; i++)
    if (overtime[i] === 1 && roster[i] === 0) count++;
  return count;
}

/** requiredMs × ratePerHour / 1 h, half away from zero, in BigInt. */
export function referenceCost(requiredMs: number, ratePerHour: number): number {
  const twice = (2n * BigInt(requiredMs) * BigInt(ratePerHour)) / 3_600_000n; // ⌊2x⌋
  return Number((twice + 1n) / 2n); // ⌊x + ½⌋ for x ≥ 0
}
