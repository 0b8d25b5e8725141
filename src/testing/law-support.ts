import type { InstantInput } from '../calendar/types.js';

// What the law checks of pet-sla/testing share: their error type, and how they compare and
// print plain data and instants.

/** The base of the law errors: which law failed (`law`), and a message naming the inputs. */
export class LawError<Law extends string> extends Error {
  readonly law: Law;

  constructor(subject: 'calendar' | 'clock', law: Law, message: string) {
    super(`${subject} law "${law}" failed: ${message}`);
    this.law = law;
  }
}

/** Canonical text of plain data (keys sorted) for comparisons and messages. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
export const iso = (t: number): string => `${new Date(t).toISOString()} (${t})`;

/** Epoch ms of an instant input (the library has accepted it, so it is valid). */
export function instantOf(at: InstantInput): number {
  if (typeof at === 'number') return at;
  if (typeof at === 'string') return Date.parse(at);
  if (at instanceof Date) return at.getTime();
  return at.toMillis();
}
