import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  businessMillisBetween,
  isOpen,
  nextClose,
  nextOpen,
  openIntervals,
} from '../src/index.js';
import { sha256Hex } from '../src/shared/sha256.js';
import { calendarCaseArb } from '../src/testing/arbitraries.js';

// A fixed battery of calendars and questions. Its answers must not depend on the host's zone
// or locale (SPEC §11): checked here by switching TZ inside this process, and by
// scripts/test-zones.mjs, which compares the digest written by each host-zone run.
const cases = fc.sample(calendarCaseArb(4), { seed: 11, numRuns: 60 });

function answer(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

function battery(): string {
  const lines: string[] = [];
  for (const { calendar, instants } of cases) {
    const [a = 0, b = 0, c = 0, d = 0] = instants;
    lines.push(
      JSON.stringify([
        calendar.fingerprint,
        answer(() => isOpen(calendar, a)),
        answer(() => nextOpen(calendar, b)),
        answer(() => nextClose(calendar, c)),
        answer(() => businessMillisBetween(calendar, a, d)),
        answer(() => addBusinessMillis(calendar, b, 37 * 3_600_000 + 17)),
        answer(() => addBusinessMillis(calendar, c, -(5 * 3_600_000 + 1))),
        answer(() => openIntervals(calendar, Math.min(a, d), Math.min(a, d) + 3 * 86_400_000)),
      ]),
    );
  }
  return sha256Hex(lines.join('\n'));
}

describe('§11 determinism', () => {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same answers whatever the host time zone', () => {
    const here = battery();
    const hostOffsets = new Set<number>();
    for (const zone of [
      'UTC',
      'Pacific/Kiritimati',
      'America/Adak',
      'Asia/Kathmandu',
      'Europe/Moscow',
    ]) {
      process.env.TZ = zone;
      hostOffsets.add(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset());
      expect(battery()).toBe(here);
    }
    // The host zone really did change each time, so a dependence on it would have shown.
    expect(hostOffsets.size).toBe(5);
    const dir = process.env.PET_SLA_DIGEST_DIR;
    if (dir !== undefined) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${(original ?? 'unset').replace(/\//g, '_')}.txt`), here);
    }
  });
});
