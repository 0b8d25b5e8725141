#!/usr/bin/env node
// Checks the package as it is published: builds it, lints the package shape (publint), checks
// the type declarations resolve for every consumer (arethetypeswrong), then installs the
// packed tarball into an empty folder and uses it from ESM, CJS and TypeScript, without
// @types/luxon (the public types must not need it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (command, args, cwd = root) => {
  console.log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'Pacific/Chatham' },
  });
};

run('npm', ['run', 'build', '--silent']);
run('npx', ['publint', '--strict']);
// The main entry must not load the advanced layer: follow what dist/index.* import, chunk by
// chunk, and look for its markers.
for (const entry of ['dist/index.js', 'dist/index.cjs']) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const marker of ['startEscalation', 'pet-sla/escalation-plan', 'createSlaLogReader']) {
      if (code.includes(marker))
        throw new Error(`${entry} loads the advanced layer: ${file} holds "${marker}"`);
    }
    for (const [, spec] of code.matchAll(
      /(?:from\s*|import\s*\(\s*|require\(\s*)["'](\.\.?\/[^"']+)["']/g,
    ))
      visit(join(dirname(file), spec));
  };
  visit(join(root, entry));
  console.log(`${entry} and its ${seen.size - 1} chunk(s) hold none of pet-sla/advanced`);
}

// Every column, node10 included: TypeScript users on `moduleResolution: "node"` find the
// subpaths through the stub folders testing/ and advanced/ (each a package.json).
run('npx', ['attw', '--pack', '.']);

const work = mkdtempSync(join(tmpdir(), 'pet-sla-pack-'));
try {
  run('npm', ['pack', '--silent', '--pack-destination', work]);
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack produced no tarball');
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  run(
    'npm',
    [
      'install',
      '--silent',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      join(work, tarball),
      'fast-check@4',
    ],
    work,
  );

  const expectations = `
    const cal = defineCalendar({ id: 'uk', zone: 'Europe/London', week: { mon: ['09:00-17:00'], fri: ['09:00-17:00', '22:00-06:00'] } });
    const due = addBusinessMinutes(cal, '2026-11-27T16:00:00Z', 120);
    if (due !== Date.parse('2026-11-27T23:00:00Z')) throw new Error('wrong due date ' + due);
    const again = parseSnapshot(JSON.parse(JSON.stringify(toSnapshot(cal))));
    if (again.fingerprint !== cal.fingerprint) throw new Error('snapshot did not round-trip');
    try { defineCalendar({ id: 'x', zone: 'Nowhere/Land', week: {} }); throw new Error('no error'); }
    catch (e) { if (!(e instanceof PetSlaError) || e.code !== 'UNKNOWN_ZONE') throw e; }
  `;
  const advanced = `
    const plan = defineEscalationPlan({ id: 'esc', policyId: 'std', levels: [{ id: 'half', metric: 'resolution', percent: 50 }] });
    if (plan.schema !== 'pet-sla/escalation-plan@1' || typeof startEscalation !== 'function') throw new Error('advanced entry broken');
  `;
  writeFileSync(
    join(work, 'esm.mjs'),
    `import { addBusinessMinutes, defineCalendar, parseSnapshot, PetSlaError, toSnapshot } from 'pet-sla';
     import { calendarArb } from 'pet-sla/testing';
     import { defineEscalationPlan, startEscalation } from 'pet-sla/advanced';
     import fc from 'fast-check';
     ${expectations}
     ${advanced}
     fc.assert(fc.property(calendarArb(), (c) => typeof c.fingerprint === 'string'), { numRuns: 20, seed: 1 });
     console.log('ESM ok');`,
  );
  writeFileSync(
    join(work, 'cjs.cjs'),
    `const { addBusinessMinutes, defineCalendar, parseSnapshot, PetSlaError, toSnapshot } = require('pet-sla');
     const { calendarArb } = require('pet-sla/testing');
     const { defineEscalationPlan, startEscalation } = require('pet-sla/advanced');
     ${expectations}
     ${advanced}
     if (typeof calendarArb !== 'function') throw new Error('testing entry missing');
     console.log('CJS ok');`,
  );
  run('node', ['esm.mjs'], work);
  run('node', ['cjs.cjs'], work);

  writeFileSync(
    join(work, 'consumer.mts'),
    `import { addBusinessMinutes, defineCalendar, type Calendar, type InstantInput, isOpen, PetSlaError } from 'pet-sla';
     import { calendarDefinitionArb } from 'pet-sla/testing';
     import { defineEscalationPlan, type EscalationPlan } from 'pet-sla/advanced';
     const plan: EscalationPlan = defineEscalationPlan({ id: 'esc', policyId: 'std', levels: [{ id: 'half', metric: 'resolution', percent: 50 }] });
     const cal: Calendar = defineCalendar({ id: 'uk', zone: 'Europe/London', week: { mon: ['09:00-17:00'] } });
     const when: InstantInput = { toMillis: () => 0 };
     const due: number = addBusinessMinutes(cal, '2026-11-27T16:00:00Z', 120);
     const open: boolean = isOpen(cal, when);
     const arb = calendarDefinitionArb();
     // @ts-expect-error a calendar needs a zone
     defineCalendar({ id: 'x', week: {} });
     export { arb, due, open, PetSlaError, plan };`,
  );
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'node16',
        moduleResolution: 'node16',
        target: 'es2022',
        noEmit: true,
        types: [],
        skipLibCheck: false,
        exactOptionalPropertyTypes: true,
      },
      files: ['consumer.mts'],
    }),
  );
  run('node', [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], work);
  console.log('TypeScript ok (strict, node16 resolution, no @types/luxon)');

  // The same consumer on the oldest resolution TypeScript has (no "exports" read at all).
  writeFileSync(
    join(work, 'consumer-node10.ts'),
    `import { defineCalendar, type Calendar, type SlaEvent } from 'pet-sla';
     import { calendarDefinitionArb, checkClockLaws } from 'pet-sla/testing';
     import * as advanced from 'pet-sla/advanced';
     const cal: Calendar = defineCalendar({ id: 'uk', zone: 'Europe/London', week: { mon: ['09:00-17:00'] } });
     const outcome = (e: SlaEvent) => (e.type === 'sla.stopped' ? e.outcome : null);
     export { advanced, cal, calendarDefinitionArb, checkClockLaws, outcome };`,
  );
  writeFileSync(
    join(work, 'tsconfig.node10.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'commonjs',
        moduleResolution: 'node10',
        target: 'es2022',
        noEmit: true,
        types: [],
        // fast-check's own declarations need node16; ours were checked above. A subpath that
        // does not resolve is still an error here, in the consumer's own file.
        skipLibCheck: true,
        exactOptionalPropertyTypes: true,
      },
      files: ['consumer-node10.ts'],
    }),
  );
  run('node', [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.node10.json'], work);
  console.log('TypeScript ok (strict, node10 resolution, no @types/luxon)');
  console.log(
    '\nPackage check: publint, attw, and the packed tarball from ESM, CJS and TypeScript all passed.',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
