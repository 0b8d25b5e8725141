import { createHash } from 'node:crypto';

// An independent canonical-JSON writer and hasher, as a host in another language would write
// them: keys sorted by UTF-16 code units, no whitespace, strings and numbers as JSON.stringify
// writes them, absent fields simply not there. Deliberately shares no code with src/.

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0; // JS string comparison is by UTF-16 code units
}

export function writeCanonical(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    // ECMAScript number-to-string, as RFC 8785 prescribes (policy targets may be fractional).
    if (!Number.isFinite(value)) throw new Error(`not JSON data: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(writeCanonical).join(',')}]`;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort(byCodeUnits)
      .map((key) => `${JSON.stringify(key)}:${writeCanonical(object[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new Error(`not JSON data: ${typeof value}`);
}

/** The fingerprint as SPEC §6 defines it, recomputed with node:crypto. */
export function independentFingerprint(snapshot: object): string {
  const { fingerprint: _, ...body } = snapshot as Record<string, unknown>;
  return createHash('sha256').update(writeCanonical(body), 'utf8').digest('hex');
}

/** Re-signs tampered content, so that only the content checks can catch it. */
export function refingerprint<T extends { fingerprint?: unknown }>(snapshot: T): T {
  snapshot.fingerprint = independentFingerprint(snapshot);
  return snapshot;
}
