import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const demo = (env: Record<string, string>): string =>
  execFileSync('node', ['scripts/demo.mjs'], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

describe('npm run demo', () => {
  it('tells the ticket story, identically under any host zone and locale', () => {
    const here = demo({ TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
    expect(demo({ TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' })).toBe(here);
    expect(demo({ TZ: 'America/St_Johns', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' })).toBe(here);

    // The week chart: Monday 09:00–12:30 and 13:30–17:30, Sunday closed.
    expect(here).toContain('Mon  ·········███▌▌███▌······   7h 30m  09:00-12:30, 13:30-17:30');
    expect(here).toContain('Sun  ························   0h 00m');
    // Key moments of the story, with the due instants the engine computed.
    expect(here).toContain('First response SLA met (5m business time to spare)');
    expect(here).toContain(
      'Resolution SLA paused — waiting on customer (3h 5m business time left)',
    );
    expect(here).toContain(
      'Resolution SLA resumed — due 2026-11-30 13:45 UTC (3h 5m business time left)',
    );
    expect(here).toMatch(
      /target changed from 4h 0m to 8h 0m — priority high \(6h 30m business time left\)\s+\[due Tue 01 Dec 09:15 London time\]/,
    );
    expect(here).toContain('Final resolution: met, used 5h 35m of 8h 00m business time.');
  });
});
