import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'tsup';
import { describe, expect, it } from 'vitest';

// examples/kpis-in-parallel.mjs runs against the built package (dist/). The test builds the two
// entries it imports into a private directory (so it never races another test rebuilding
// dist/) and runs a copy of the example there, under two host zones and locales.
const root = resolve(import.meta.dirname, '../../..');
const sandbox = join(root, 'node_modules', '.cache', 'pet-sla-kpi-example');

describe('examples/kpis-in-parallel.mjs', () => {
  it('merges worker summaries into the single-process report, on any host', async () => {
    rmSync(sandbox, { recursive: true, force: true });
    mkdirSync(join(sandbox, 'examples'), { recursive: true });
    await build({
      config: false,
      entry: {
        index: join(root, 'src/index.ts'),
        advanced: join(root, 'src/advanced/index.ts'),
      },
      outDir: join(sandbox, 'dist'),
      format: ['esm'],
      splitting: true,
      dts: false,
      silent: true,
      external: ['luxon'],
    });
    copyFileSync(
      join(root, 'examples', 'kpis-in-parallel.mjs'),
      join(sandbox, 'examples', 'kpis-in-parallel.mjs'),
    );
    const run = (env: Record<string, string>) =>
      execFileSync('node', [join(sandbox, 'examples', 'kpis-in-parallel.mjs'), '300', '3'], {
        cwd: sandbox,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
    const here = run({ TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
    expect(here).toMatch(
      /^kpis-in-parallel: 300 tickets, \d+ SLA events, 3 workers: merged report identical to the single-process one \(\d+ rows; November resolution compliance \d+\/\d+ = [\d.]+%\)\n$/,
    );
    expect(run({ TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' })).toBe(here);
  });
});
