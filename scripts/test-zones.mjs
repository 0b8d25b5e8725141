#!/usr/bin/env node
// Runs the whole suite once per host time zone (and a different locale each time), because
// pet-sla promises the same answers on every host (SPEC §11). Each run writes a digest of a
// fixed battery of results; at the end every zone's digest must be identical.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const hosts = [
  { TZ: 'UTC', LANG: 'C.UTF-8' },
  { TZ: 'America/St_Johns', LANG: 'en_CA.UTF-8' },
  { TZ: 'Asia/Kolkata', LANG: 'hi_IN.UTF-8' },
  { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8' },
];

const digestDir = join(process.cwd(), '.test-digests');
rmSync(digestDir, { recursive: true, force: true });
mkdirSync(digestDir, { recursive: true });

const extra = process.argv.slice(2);
for (const host of hosts) {
  console.log(`\n=== host TZ=${host.TZ} LANG=${host.LANG} ===`);
  const report = join(digestDir, `report-${host.TZ.replace(/\//g, '_')}.json`);
  const result = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...extra,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, ...host, LC_ALL: host.LANG, PET_SLA_DIGEST_DIR: digestDir },
    },
  );
  if (result.status !== 0) {
    console.error(`\nSuite failed under TZ=${host.TZ}`);
    process.exit(result.status ?? 1);
  }
}

let passed = 0;
let failed = 0;
for (const name of readdirSync(digestDir).filter((n) => n.startsWith('report-'))) {
  const report = JSON.parse(readFileSync(join(digestDir, name), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
// `<zone>.txt` is the core battery (test/determinism.test.ts); `<zone>.<battery>.txt` another
// one (test/support/digest.ts). Each battery must have one digest per host zone, all equal.
const batteries = new Map();
for (const name of readdirSync(digestDir).filter((n) => n.endsWith('.txt'))) {
  const battery = name.split('.').slice(1, -1).join('.') || 'core';
  const list = batteries.get(battery) ?? [];
  list.push([name, readFileSync(join(digestDir, name), 'utf8')]);
  batteries.set(battery, list);
}
if (!batteries.has('core')) batteries.set('core', []);
for (const [battery, digests] of batteries) {
  const distinct = new Set(digests.map(([, text]) => text));
  if (digests.length !== hosts.length || distinct.size !== 1) {
    console.error(`\nDeterminism check failed: battery "${battery}" differs between host zones:`);
    for (const [name, text] of digests) console.error(`  ${name}: ${text}`);
    process.exit(1);
  }
  console.log(
    `\nAll ${hosts.length} host zones passed and produced the identical ${battery} digest ${digests[0][1].slice(0, 16)}…`,
  );
}
rmSync(digestDir, { recursive: true, force: true });
// One closing line for the whole suite, across the host zones.
console.log(`\nsuite: ${passed} passed, ${failed} failed`);
