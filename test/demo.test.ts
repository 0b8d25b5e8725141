import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allElements, parseXml } from './support/xml.js';

const root = resolve(import.meta.dirname, '..');
// The demo writes its pictures to examples/output/ unless told otherwise; the test keeps the
// working tree clean.
const out = mkdtempSync(join(tmpdir(), 'pet-sla-demo-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const demo = (env: Record<string, string>): string =>
  execFileSync('node', ['scripts/demo.mjs'], {
    cwd: root,
    env: { ...process.env, PET_SLA_DEMO_OUT: out, ...env },
    encoding: 'utf8',
  }).replace(out, '<out>');
const svg = (): string => readFileSync(join(out, 'T-1042-resolution.svg'), 'utf8');

describe('npm run demo', () => {
  it('tells the ticket story, identically under any host zone and locale', () => {
    const here = demo({ TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
    const picture = svg();
    expect(demo({ TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' })).toBe(here);
    expect(svg()).toBe(picture);
    expect(demo({ TZ: 'America/St_Johns', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' })).toBe(here);
    expect(svg()).toBe(picture);

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

    // The dispute view: the explanation, worked out by hand. Resolution ran Thu 15:10–16:05
    // (55m), paused until Mon 09:40, ran to 10:15 (35m, 1h 30m used) when the target became
    // 8h; 6h 30m left from 10:15: 10:15–12:30, 13:30–17:30, Tue 09:00–09:15.
    expect(here).toContain('Calendar fingerprint (SHA-256 of the calendar version): ');
    expect(here).toContain('     counted 55m: Thu 26 Nov 15:10–16:05');
    expect(here).toContain('     counted 4h 5m: Mon 30 Nov 10:15–12:30, Mon 30 Nov 13:30–15:20');
    expect(here).toContain(
      'Counting from Mon 30 Nov 2026 10:15 (UTC+00:00), with 1h 30m of the 8h 0m target already used,',
    );
    expect(here).toContain(
      '       Mon 30 Nov 10:15–12:30, Mon 30 Nov 13:30–17:30, Tue 01 Dec 09:00–09:15',
    );
    expect(here).toContain('and ends at Tue 01 Dec 2026 09:15 (UTC+00:00): the due instant.');
    expect(here).toContain(
      'Timeline picture (explanationToSvg) written to <out>/T-1042-resolution.svg',
    );
    // docs/disputes.md quotes the explanation as the demo prints it.
    const block = here.slice(
      here.indexOf('Resolution SLA of ticket'),
      here.indexOf('\n\nTimeline picture'),
    );
    expect(block).toContain('Events explained: T-1042/sla/2 to T-1042/sla/7');
    expect(readFileSync(join(root, 'docs', 'disputes.md'), 'utf8')).toContain(block);
  });

  it('writes the timeline picture: well-formed, four counted stretches, the one in docs/', () => {
    const picture = svg();
    const counted = allElements(parseXml(picture)).filter(
      (e) => e.name === 'rect' && e.attributes.class === 'counted',
    );
    // Thu 15:10–16:05, Mon 09:40–10:15, 10:15–12:30, 13:30–15:20.
    expect(counted).toHaveLength(4);
    expect(picture).toContain('was due Tue 01 Dec 09:15');
    // docs/disputes.md shows this very picture: regenerate it with `npm run demo` and copy
    // examples/output/T-1042-resolution.svg to docs/disputes-timeline.svg when it changes.
    expect(readFileSync(join(root, 'docs', 'disputes-timeline.svg'), 'utf8')).toBe(picture);
  });
});
