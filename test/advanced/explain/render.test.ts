import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  explainSla,
  explanationToSvg,
  formatExplanation,
  type SlaExplanation,
} from '../../../src/advanced/explain/index.js';
import { replay, SLA_METRICS } from '../../../src/index.js';
import { sha256Hex } from '../../../src/shared/sha256.js';
import { ticketStoryArb } from '../../../src/testing/index.js';
import { writeDigest } from '../../support/digest.js';
import { params } from '../../support/fc.js';
import { allElements, parseXml } from '../../support/xml.js';
import { priority, reply, status, story, uk } from './stories.js';

const t100 = story('T-100', 'urgent', '2026-11-26T17:10:00Z', [
  reply('e1', '2026-11-26T17:25:00Z'),
  status('e2', '2026-11-26T17:50:00Z', 'waiting_on_customer'),
  status('e3', '2026-11-27T09:30:00Z', 'open'),
  status('e4', '2026-11-27T11:00:00Z', 'on_hold'),
  status('e5', '2026-11-30T08:00:00Z', 'in_progress'),
  status('e6', '2026-11-30T10:00:00Z', 'resolved'),
]);
const t300 = story('T-300', 'urgent', '2026-11-30T09:00:00Z', [
  reply('e1', '2026-11-30T09:10:00Z'),
  status('e2', '2026-11-30T10:00:00Z', 'resolved'),
  status('e3', '2026-12-01T15:00:00Z', 'open'),
  priority('p1', '2026-12-01T16:00:00Z', 'high'),
  priority('p2', '2026-12-01T16:30:00Z', 'urgent'),
  status('e4', '2026-12-02T09:30:00Z', 'closed'),
]);
const explained = (s: typeof t100, metric: 'resolution' | 'firstResponse' = 'resolution') =>
  explainSla(s.log, metric, { calendar: uk, state: s.state });

/** Checks an SVG as the library promises it; returns its counted rectangles. */
function checkSvg(svg: string, x: SlaExplanation): number {
  const root = parseXml(svg);
  expect(root.name).toBe('svg');
  expect(root.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', width: '800' });
  const elements = allElements(root);
  // Self-contained: nothing to run, nothing to fetch.
  const problems: string[] = [];
  for (const e of elements) {
    if (['script', 'foreignObject', 'image', 'a', 'style', 'use'].includes(e.name))
      problems.push(`<${e.name}>`);
    for (const [name, value] of Object.entries(e.attributes)) {
      if (/^on|href$/i.test(name)) problems.push(`${e.name} ${name}`);
      if (name !== 'xmlns' && /https?:|url\((?!#closed\))/.test(value))
        problems.push(`${e.name} ${name}="${value}"`);
    }
  }
  expect(problems).toEqual([]);
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  const counted = elements.filter((e) => e.name === 'rect' && e.attributes.class === 'counted');
  expect(counted).toHaveLength(x.intervals.reduce((sum, i) => sum + i.open.length, 0));
  return counted.length;
}

describe('formatExplanation', () => {
  it('tells the T-100 story with the hand-worked instants, naming the calendar version', () => {
    const text = formatExplanation(explained(t100), { zone: 'Europe/London' });
    expect(text).toContain('Resolution SLA of ticket T-100');
    expect(text).toContain(
      `Calendar: "UK support desk" (id uk-support), version 1, time zone Europe/London`,
    );
    expect(text).toContain(uk.fingerprint);
    expect(text).toContain(
      'As of Mon 30 Nov 2026 10:00 (UTC+00:00): the clock is stopped, outcome met.',
    );
    expect(text).toContain('Target 4h 0m of business time; used 3h 10m; 50m left.');
    expect(text).toContain(
      '  2. Thu 26 Nov 2026 17:50 – Fri 27 Nov 2026 09:30  clock paused (status "waiting_on_customer")',
    );
    expect(text).toContain('     counted 1h 0m: Mon 30 Nov 09:00–10:00');
    // The first due instant: 50 min on Thursday, 3h 10m on Friday.
    expect(text).toContain('       Thu 26 Nov 17:10–18:00, Fri 27 Nov 09:00–12:10');
    expect(text).toContain('and ends at Fri 27 Nov 2026 12:10 (UTC+00:00): the due instant.');
    expect(text).toContain('The clock stopped before its due instant: the SLA was met.');
  });

  it('in another zone: the same instants in its wall time', () => {
    const text = formatExplanation(explained(t100), { zone: 'Asia/Kolkata' });
    expect(text).toContain('and ends at Fri 27 Nov 2026 17:40 (UTC+05:30): the due instant.');
  });

  it('a breach: which due computation was passed, and the target changes', () => {
    const text = formatExplanation(explained(t300));
    expect(text).toContain('Tue 01 Dec 2026 16:00 (UTC+00:00): 4h 0m → 8h 0m (priority high)');
    expect(text).toContain('Its due instant passed while the clock ran: the breach.');
    expect(text).toContain(
      'Breach: the clock was still running when its due instant, Tue 01 Dec 2026 18:00 (UTC+00:00), passed, with 4h 0m used of the 4h 0m target.',
    );
  });
});

describe('explanationToSvg', () => {
  it('is well-formed, self-contained XML with one counted rectangle per counted interval', () => {
    for (const s of [t100, t300]) {
      for (const metric of ['firstResponse', 'resolution'] as const) {
        const x = explained(s, metric);
        expect(checkSvg(explanationToSvg(x), x)).toBeGreaterThan(0);
      }
    }
  });

  it('marks the breach, the overdue time and the local days', () => {
    const svg = explanationToSvg(explained(t300));
    expect(svg).toContain('due and breached Tue 01 Dec 18:00');
    expect(svg).toMatch(/class="counted"[^>]*fill="#dc2626"/);
    for (const day of ['Mon 30 Nov', 'Tue 01 Dec', 'Wed 02 Dec']) expect(svg).toContain(`>${day}<`);
    expect(svg).toContain(`fingerprint ${uk.fingerprint}`);
  });

  it('escapes what the host wrote (statuses, ids) rather than breaking the XML', () => {
    const odd = story('T-<&">', 'urgent', '2026-11-30T09:00:00Z', [
      status('e1', '2026-11-30T10:00:00Z', 'waiting_on_customer'),
    ]);
    const x = explainSla(odd.log, 'resolution', { calendar: uk });
    const root = parseXml(explanationToSvg(x));
    expect(allElements(root).find((e) => e.name === 'title')?.text).toBe(
      'Resolution SLA of ticket T-<&">',
    );
  });

  it('random ticket stories: always well-formed, counted rectangles match', () => {
    fc.assert(
      fc.property(ticketStoryArb({ maxEvents: 8 }), (s) => {
        const { state, events } = replay(s.binding, s.events);
        for (const metric of SLA_METRICS) {
          if (state.clocks[metric] === undefined) continue;
          const x = explainSla(events, metric, { calendar: s.calendar });
          checkSvg(explanationToSvg(x), x);
          expect(formatExplanation(x)).toContain(s.calendar.fingerprint);
        }
      }),
      params(0.1),
    );
  });
});

describe('renderers refuse what is not an explanation', () => {
  const x = explained(t100);
  it.each([
    [null, 'INVALID_EVENT_LOG explanation'],
    [{ ...x, usedMs: Number.NaN }, 'INVALID_EVENT_LOG explanation.usedMs'],
    [
      { ...x, intervals: [{ ...x.intervals[0], open: [{ start: 1, end: 0 }] }] },
      'INVALID_EVENT_LOG explanation.intervals[0].open[0].end',
    ],
  ])('%#', (value, expected) => {
    for (const render of [formatExplanation, explanationToSvg]) {
      let got = 'no error';
      try {
        render(value as SlaExplanation);
      } catch (e) {
        got = `${(e as { code: string }).code} ${(e as { path: string }).path}`;
      }
      expect(got).toBe(expected);
    }
  });
  it('an unknown zone', () => {
    expect(() => formatExplanation(x, { zone: 'Mars/Base' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_ZONE', path: 'zone' }),
    );
    expect(() => explanationToSvg(x, { zone: 3 } as never)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_ZONE', path: 'zone' }),
    );
  });
});

describe('§11: the same bytes under any host zone', () => {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
  const render = (): string =>
    [t100, t300]
      .flatMap((s) =>
        (['firstResponse', 'resolution'] as const).flatMap((metric) => {
          const x = explained(s, metric);
          return [
            explanationToSvg(x),
            explanationToSvg(x, { zone: 'America/St_Johns' }),
            formatExplanation(x, { zone: 'Pacific/Chatham' }),
          ];
        }),
      )
      .join('\n');

  it('switching TZ in this process changes nothing; the digest goes to the 4-zone check', () => {
    const here = render();
    for (const zone of ['Pacific/Kiritimati', 'America/Adak', 'Asia/Kathmandu', 'Europe/Dublin']) {
      process.env.TZ = zone;
      expect(render()).toBe(here);
    }
    writeDigest('explain-svg', sha256Hex(here));
  });
});
