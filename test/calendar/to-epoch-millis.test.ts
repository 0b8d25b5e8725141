import { describe, expect, it } from 'vitest';
import { toEpochMillis } from '../../src/index.js';
import { codeOf } from '../support/fc.js';

describe('toEpochMillis', () => {
  it('reads every accepted form of an instant', () => {
    const t = Date.UTC(2026, 10, 30, 8);
    expect(toEpochMillis(t)).toBe(t);
    expect(toEpochMillis(new Date(t))).toBe(t);
    expect(toEpochMillis('2026-11-30T09:00:00+01:00')).toBe(t);
    expect(toEpochMillis({ toMillis: () => t })).toBe(t);
    expect(Object.is(toEpochMillis(-0), 0)).toBe(true);
  });

  it('refuses what other functions refuse, with the same codes', () => {
    expect(codeOf(() => toEpochMillis('2026-11-30T09:00:00'))).toBe('INVALID_INSTANT');
    expect(codeOf(() => toEpochMillis(1.5))).toBe('INVALID_INSTANT');
    expect(codeOf(() => toEpochMillis(Date.UTC(2200, 0, 1)))).toBe('INSTANT_OUT_OF_RANGE');
  });
});
