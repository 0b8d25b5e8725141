import { describe, expect, it } from 'vitest';
import { complianceOf } from '../../../src/advanced/index.js';
import { isPetSlaError } from '../../../src/index.js';

const code = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isPetSlaError(error) ? `${error.code} ${error.path}` : `untyped ${String(error)}`;
  }
  return undefined;
};

describe('complianceOf', () => {
  it('is the exact pair and its ratio, null with nothing measured', () => {
    expect(complianceOf(3, 1)).toEqual({ met: 3, measured: 4, ratio: 0.75 });
    expect(complianceOf(0, 0)).toBeNull();
  });

  it('refuses counts that are not whole numbers ≥ 0 instead of returning NaN', () => {
    expect(code(() => complianceOf(Number.NaN, 0))).toBe('INVALID_AMOUNT met');
    expect(code(() => complianceOf({} as never, 1))).toBe('INVALID_AMOUNT met');
    expect(code(() => complianceOf(1, -1))).toBe('INVALID_AMOUNT breached');
    expect(code(() => complianceOf(1, 0.5))).toBe('INVALID_AMOUNT breached');
  });
});
