import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// scripts/test-zones.mjs runs the suite once per host zone and requires each battery's digest to
// be identical in every run. A battery writes `<host zone>.<battery>.txt`.
const hostZone = process.env.TZ;

export function writeDigest(battery: string, digest: string): void {
  const dir = process.env.PET_SLA_DIGEST_DIR;
  if (dir === undefined) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${(hostZone ?? 'unset').replace(/\//g, '_')}.${battery}.txt`), digest);
}
