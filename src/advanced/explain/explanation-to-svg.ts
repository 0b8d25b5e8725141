import {
  clockFor,
  type ExplanationFormatOptions,
  readFormatOptions,
} from './format-explanation.js';
import { readExplanation } from './read-explanation.js';
import type { SlaExplanation } from './types.js';
import { dayName, exactDuration, wallText } from './wall-text.js';

// A timeline picture of one clock, 800 px wide: a lane with what the clock did (time counted,
// time it ran while the calendar was closed, pauses, stopped time), a graph of business time
// used against the target, the due and breach instants, and the local days. Every number is
// written with a fixed precision and every text escaped, so the same explanation always gives
// the same bytes; nothing is fetched (system fonts, no scripts, no links).

const WIDTH = 800;
const HEIGHT = 350;
const LEFT = 96;
const RIGHT = 784;
const LANE_TOP = 100;
const LANE_HEIGHT = 30;
const GRAPH_TOP = 150;
const GRAPH_BOTTOM = 270;
const AXIS = GRAPH_BOTTOM;

const COLOURS = {
  counted: '#2563eb',
  overdue: '#dc2626',
  paused: '#f59e0b',
  stopped: '#d1d5db',
  text: '#111827',
  muted: '#4b5563',
  grid: '#e5e7eb',
  target: '#111827',
  due: '#7c3aed',
};

const METRIC_NAMES = { firstResponse: 'First response', resolution: 'Resolution' } as const;

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const n = (value: number): string => {
  const fixed = value.toFixed(2);
  return fixed.endsWith('.00') ? fixed.slice(0, -3) : fixed.replace(/0$/, '');
};

/**
 * Draws an explanation from {@link explainSla} as a self-contained SVG timeline, 800 px wide:
 * the business time counted (one blue rectangle per counted open interval, red once overdue),
 * the time the clock ran while the calendar was closed (hatched), pauses (amber) and stopped
 * time (grey); below, business time used against the target line, with the due and breach
 * instants marked and the local days of `zone` (default the calendar's) labelled. Valid XML
 * with no scripts, links or fetched fonts; byte for byte the same on every host.
 *
 * @example
 * ```ts
 * const svg = explanationToSvg(explainSla(log, 'resolution', { calendar: uk, state }), { zone: 'Europe/London' });
 * await writeFile(`disputes/${ticketId}.svg`, svg);
 * ```
 */
export function explanationToSvg(
  explanation: SlaExplanation,
  options?: ExplanationFormatOptions,
): string {
  const x = readExplanation(explanation);
  const zone = readFormatOptions(options, x);
  const clock = clockFor(x, zone);
  const text = wallText(clock);

  // The picture runs from the start to `now`, and on to a due instant still ahead.
  const lastDue = x.dues.at(-1);
  const t0 = x.startedAt;
  const shownDue = x.due ?? (x.breach === null ? lastDue : undefined) ?? null;
  let t1 = Math.max(x.now, shownDue?.dueAt ?? x.now);
  if (t1 === t0) t1 = t0 + 3_600_000;
  const span = t1 - t0;
  const px = (t: number): number => LEFT + ((t - t0) / span) * (RIGHT - LEFT);

  const targets = [x.targetMs, ...x.intervals.map((i) => i.targetMs)];
  const maxMs = Math.max(x.usedMs, ...targets, 1) * 1.12;
  const py = (ms: number): number => GRAPH_BOTTOM - (ms / maxMs) * (GRAPH_BOTTOM - GRAPH_TOP);

  const out: string[] = [];
  const title = `${METRIC_NAMES[x.metric]} SLA of ticket ${x.ticketId}`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="11" fill="${COLOURS.text}">`,
  );
  out.push(`<title>${xml(title)}</title>`);
  out.push(
    `<desc>${xml(`Business time counted by the ${x.metric} clock of ticket ${x.ticketId} on calendar ${x.calendar.id} version ${x.calendar.version} (fingerprint ${x.calendar.fingerprint}); times in ${zone}.`)}</desc>`,
  );
  out.push(
    '<defs><pattern id="closed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
      `<rect width="6" height="6" fill="#f3f4f6"/><rect width="2" height="6" fill="${COLOURS.stopped}"/></pattern></defs>`,
  );
  out.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);

  // Heading: what, which calendar version, which zone.
  const used = `used ${exactDuration(x.usedMs)} of ${exactDuration(x.targetMs)}`;
  const outcome =
    x.breach !== null
      ? `breached ${text.dateTime(x.breach.at)}`
      : x.phase === 'stopped'
        ? (x.outcome ?? 'stopped')
        : x.phase;
  out.push(
    `<text x="16" y="24" font-size="15" font-weight="bold">${xml(`${title} — ${used}, ${outcome}`)}</text>`,
  );
  const calendarName = x.calendar.name === null ? '' : ` “${x.calendar.name}”`;
  out.push(
    `<text x="16" y="42" fill="${COLOURS.muted}">${xml(`Calendar ${x.calendar.id}${calendarName}, version ${x.calendar.version}, zone ${x.calendar.zone}; times shown in ${zone}`)}</text>`,
  );
  out.push(
    `<text x="16" y="57" fill="${COLOURS.muted}" font-size="10" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace">${xml(`fingerprint ${x.calendar.fingerprint}`)}</text>`,
  );

  // Local days: a grid line at each midnight, the date centred in the part of the day shown.
  const days = clock.daysBetween(t0, t1);
  for (const day of days) {
    const a = Math.max(px(day.start), LEFT);
    const b = Math.min(px(day.end), RIGHT);
    if (day.start > t0)
      out.push(
        `<line x1="${n(a)}" y1="${LANE_TOP - 6}" x2="${n(a)}" y2="${AXIS}" stroke="${COLOURS.grid}"/>`,
      );
    const label = dayName(day.day * 86_400_000);
    const short = label.slice(0, 6);
    const fits = b - a >= 62 ? label : b - a >= 40 ? short : b - a >= 18 ? label.slice(4, 6) : '';
    if (fits !== '' && days.length <= 62)
      out.push(
        `<text x="${n((a + b) / 2)}" y="${AXIS + 14}" text-anchor="middle" fill="${COLOURS.muted}">${xml(fits)}</text>`,
      );
  }
  out.push(
    `<line x1="${LEFT}" y1="${AXIS}" x2="${RIGHT}" y2="${AXIS}" stroke="${COLOURS.muted}"/>`,
  );

  // The clock lane.
  out.push(`<text x="16" y="${LANE_TOP + 19}" font-weight="bold">Clock</text>`);
  out.push(`<g id="clock-lane">`);
  for (const interval of x.intervals) {
    const a = px(interval.from);
    const w = Math.max(px(interval.to) - a, 0.5);
    const fill =
      interval.phase === 'running'
        ? 'url(#closed)'
        : interval.phase === 'paused'
          ? COLOURS.paused
          : COLOURS.stopped;
    out.push(
      `<rect class="${interval.phase}" x="${n(a)}" y="${LANE_TOP}" width="${n(w)}" height="${LANE_HEIGHT}" fill="${fill}"/>`,
    );
    for (const open of interval.open) {
      const oa = px(open.start);
      const ow = Math.max(px(open.end) - oa, 0.8);
      out.push(
        `<rect class="counted" x="${n(oa)}" y="${LANE_TOP}" width="${n(ow)}" height="${LANE_HEIGHT}" fill="${interval.overdue ? COLOURS.overdue : COLOURS.counted}"/>`,
      );
    }
    if (interval.phase !== 'running' && w >= 56) {
      const words = interval.phase === 'paused' ? 'paused' : 'stopped';
      out.push(
        `<text x="${n(a + w / 2)}" y="${LANE_TOP + 19}" text-anchor="middle" fill="${COLOURS.text}">${words}</text>`,
      );
    }
  }
  out.push('</g>');
  out.push(
    `<rect x="${LEFT}" y="${LANE_TOP}" width="${RIGHT - LEFT}" height="${LANE_HEIGHT}" fill="none" stroke="${COLOURS.muted}" stroke-width="0.5"/>`,
  );

  // Business time used against the target.
  out.push(`<text x="16" y="${GRAPH_TOP + 10}" font-weight="bold">Used</text>`);
  out.push(
    `<line x1="${LEFT}" y1="${GRAPH_BOTTOM}" x2="${LEFT}" y2="${GRAPH_TOP - 4}" stroke="${COLOURS.muted}"/>`,
  );
  out.push(
    `<text x="${LEFT - 6}" y="${GRAPH_BOTTOM}" text-anchor="end" fill="${COLOURS.muted}">0m</text>`,
  );
  const targetSteps: string[] = [];
  for (const interval of x.intervals) {
    targetSteps.push(
      `${targetSteps.length === 0 ? 'M' : 'L'}${n(px(interval.from))} ${n(py(interval.targetMs))} L${n(px(interval.to))} ${n(py(interval.targetMs))}`,
    );
  }
  if (t1 > x.now || x.intervals.length === 0) {
    targetSteps.push(
      `${targetSteps.length === 0 ? 'M' : 'L'}${n(px(x.now))} ${n(py(x.targetMs))} L${n(px(t1))} ${n(py(x.targetMs))}`,
    );
  }
  out.push(
    `<path id="target" d="${targetSteps.join(' ')}" fill="none" stroke="${COLOURS.target}" stroke-width="1.5" stroke-dasharray="6 3"/>`,
  );
  const labelled = new Set<number>();
  for (const ms of targets) {
    if (labelled.has(ms)) continue;
    labelled.add(ms);
    out.push(
      `<text x="${LEFT - 6}" y="${n(py(ms) + 4)}" text-anchor="end" fill="${COLOURS.muted}">${xml(exactDuration(ms))}</text>`,
    );
  }
  out.push(
    `<text x="${RIGHT}" y="${n(py(x.targetMs) - 5)}" text-anchor="end" fill="${COLOURS.muted}">target ${xml(exactDuration(x.targetMs))}</text>`,
  );

  // The used-time line rises only through counted time; red once overdue.
  const segments: { d: string; overdue: boolean }[] = [];
  for (const interval of x.intervals) {
    let u = interval.usedAtFrom;
    const points = [`M${n(px(interval.from))} ${n(py(u))}`];
    for (const open of interval.open) {
      points.push(`L${n(px(open.start))} ${n(py(u))}`);
      u += open.end - open.start;
      points.push(`L${n(px(open.end))} ${n(py(u))}`);
    }
    points.push(`L${n(px(interval.to))} ${n(py(u))}`);
    segments.push({ d: points.join(' '), overdue: interval.overdue });
  }
  for (const segment of segments) {
    out.push(
      `<path class="used" d="${segment.d}" fill="none" stroke="${segment.overdue ? COLOURS.overdue : COLOURS.counted}" stroke-width="2" stroke-linejoin="round"/>`,
    );
  }
  // Where a running clock would reach its target: the remainder counted through open hours.
  if (x.due !== null && x.due.dueAt > x.now) {
    let u = x.usedMs;
    const points = [`M${n(px(x.now))} ${n(py(u))}`];
    for (const open of x.due.open) {
      if (open.end <= x.now) continue;
      const start = Math.max(open.start, x.now);
      points.push(`L${n(px(start))} ${n(py(u))}`);
      u += open.end - start;
      points.push(`L${n(px(open.end))} ${n(py(u))}`);
    }
    out.push(
      `<path class="projected" d="${points.join(' ')}" fill="none" stroke="${COLOURS.counted}" stroke-width="1.5" stroke-dasharray="2 3"/>`,
    );
  }

  // Markers: the due instant, the breach, and `now` when the picture runs past it.
  const marker = (t: number, colour: string, label: string, row: number, dash: string) => {
    const mx = px(t);
    const anchor = mx > RIGHT - 120 ? 'end' : mx < LEFT + 120 ? 'start' : 'middle';
    const tx = anchor === 'end' ? mx - 3 : anchor === 'start' ? mx + 3 : mx;
    out.push(
      `<line class="marker" x1="${n(mx)}" y1="${LANE_TOP - 12 - row * 12}" x2="${n(mx)}" y2="${GRAPH_BOTTOM}" stroke="${colour}" stroke-width="1.5"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/>`,
    );
    out.push(
      `<text x="${n(tx)}" y="${LANE_TOP - 16 - row * 12}" text-anchor="${anchor}" fill="${colour}" font-weight="bold">${xml(label)}</text>`,
    );
  };
  const breachAt = x.breach?.at;
  if (shownDue !== null && shownDue.dueAt !== breachAt) {
    const words = x.due === null ? 'was due' : 'due';
    marker(
      shownDue.dueAt,
      COLOURS.due,
      `${words} ${text.shortDay(shownDue.dueAt)} ${text.time(shownDue.dueAt)}`,
      0,
      '4 2',
    );
  }
  if (x.breach !== null) {
    const words =
      x.breach.cause === 'due-passed' ? 'due and breached' : 'breached (target lowered)';
    marker(
      x.breach.at,
      COLOURS.overdue,
      `${words} ${text.shortDay(x.breach.at)} ${text.time(x.breach.at)}`,
      shownDue !== null && shownDue.dueAt !== breachAt ? 1 : 0,
      '',
    );
  }
  if (t1 > x.now) {
    const nx = px(x.now);
    out.push(
      `<line class="now" x1="${n(nx)}" y1="${LANE_TOP}" x2="${n(nx)}" y2="${GRAPH_BOTTOM}" stroke="${COLOURS.text}" stroke-width="1"/>`,
    );
    const end = nx > RIGHT - 80;
    out.push(
      `<text x="${n(end ? nx - 3 : nx + 3)}" y="${GRAPH_BOTTOM - 4}"${end ? ' text-anchor="end"' : ''} fill="${COLOURS.text}">${xml(`as of ${text.time(x.now)}`)}</text>`,
    );
  }

  // Legend.
  const legend: [string, string][] = [
    [COLOURS.counted, 'business time counted'],
    ['url(#closed)', 'running, calendar closed'],
    [COLOURS.paused, 'paused'],
    [COLOURS.stopped, 'stopped'],
    [COLOURS.overdue, 'counted after the breach'],
  ];
  let lx = LEFT;
  const ly = HEIGHT - 34;
  for (const [fill, words] of legend) {
    out.push(
      `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${fill}" stroke="${COLOURS.muted}" stroke-width="0.5"/>`,
    );
    out.push(`<text x="${lx + 16}" y="${ly + 10}">${xml(words)}</text>`);
    lx += 24 + words.length * 6.2;
  }
  out.push(
    `<line x1="${LEFT}" y1="${ly + 26}" x2="${LEFT + 22}" y2="${ly + 26}" stroke="${COLOURS.target}" stroke-width="1.5" stroke-dasharray="6 3"/>`,
  );
  out.push(`<text x="${LEFT + 28}" y="${ly + 30}">target</text>`);
  out.push(
    `<line x1="${LEFT + 80}" y1="${ly + 20}" x2="${LEFT + 80}" y2="${ly + 32}" stroke="${COLOURS.due}" stroke-width="1.5" stroke-dasharray="4 2"/>`,
  );
  out.push(`<text x="${LEFT + 86}" y="${ly + 30}">due instant</text>`);
  out.push(
    `<line x1="${LEFT + 170}" y1="${ly + 20}" x2="${LEFT + 170}" y2="${ly + 32}" stroke="${COLOURS.overdue}" stroke-width="1.5"/>`,
  );
  out.push(`<text x="${LEFT + 176}" y="${ly + 30}">breach</text>`);
  out.push(
    `<text x="${RIGHT}" y="${ly + 30}" text-anchor="end" fill="${COLOURS.muted}">${xml(`${x.events.length} SLA events, ${x.events[0] ?? ''} to ${x.events.at(-1) ?? ''}`)}</text>`,
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
