import { MS_PER_DAY } from '../../shared/civil.js';
import { type ExplanationFormatOptions, readFormatOptions } from './format-explanation.js';
import { localClock } from './local-clock.js';
import { readExplanation } from './read-explanation.js';
import type { SlaExplanation } from './types.js';
import { dayName, exactDuration, wallText } from './wall-text.js';

// A timeline picture of one clock, 800 px wide: a lane with what the clock did (time counted,
// time it ran while the calendar was closed, pauses, stopped time), a graph of business time
// used against the target, the due and breach instants, and the local days. Every number is
// written with a fixed precision and every text escaped, so the same explanation always gives
// the same bytes; nothing is fetched (system fonts, no scripts, no links).

const WIDTH = 800;
const LEGEND_TOP = 300;
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

/** Elapsed (not business) time, roughly: '3d 17h 35m', '15h 30m', '45m'. */
function realDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return d > 0 ? `${d}d ${h}h ${m}m` : h > 0 ? `${h}h ${m}m` : `${m}m`;
}

const n = (value: number): string => {
  const fixed = value.toFixed(2);
  return fixed.endsWith('.00') ? fixed.slice(0, -3) : fixed.replace(/0$/, '');
};

interface Stretch {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
}

/**
 * Where instants go across the picture. Counted time keeps one scale throughout, so slopes
 * compare; a long stretch in which nothing is counted (a weekend, a pause of days) is drawn
 * shortened, to a width that still shows it, and marked as shortened.
 */
function timeScale(
  t0: number,
  t1: number,
  active: readonly { start: number; end: number }[],
): ((t: number) => number) & { readonly shortened: readonly Stretch[] } {
  const sorted = active
    .map((o) => ({ start: Math.max(t0, o.start), end: Math.min(t1, o.end) }))
    .filter((o) => o.end > o.start)
    .sort((a, b) => a.start - b.start);
  const activeTotal = sorted.reduce((sum, o) => sum + (o.end - o.start), 0);
  // No counted time at all: nothing to keep to scale, so the plain linear picture.
  const cap = activeTotal === 0 ? Number.POSITIVE_INFINITY : Math.max(activeTotal * 0.1, 7_200_000);
  const stretches: Stretch[] = [];
  let cursor = t0;
  const idle = (to: number) => {
    if (to > cursor) stretches.push({ from: cursor, to, weight: Math.min(to - cursor, cap) });
  };
  for (const o of sorted) {
    idle(o.start);
    const from = Math.max(cursor, o.start);
    if (o.end > from) stretches.push({ from, to: o.end, weight: o.end - from });
    cursor = Math.max(cursor, o.end);
  }
  idle(t1);
  const total = stretches.reduce((sum, x) => sum + x.weight, 0);
  const offsets: number[] = [];
  let acc = 0;
  for (const stretch of stretches) {
    offsets.push(acc);
    acc += stretch.weight;
  }
  const scale = (t: number): number => {
    let lo = 0;
    let hi = stretches.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((stretches[mid] as Stretch).from <= t) lo = mid;
      else hi = mid - 1;
    }
    const stretch = stretches[lo] as Stretch;
    const within = Math.min(Math.max(t - stretch.from, 0), stretch.to - stretch.from);
    const fraction = stretch.to === stretch.from ? 0 : within / (stretch.to - stretch.from);
    return LEFT + (((offsets[lo] as number) + fraction * stretch.weight) / total) * (RIGHT - LEFT);
  };
  return Object.assign(scale, {
    shortened: stretches.filter((x) => x.weight < x.to - x.from),
  });
}

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
  const clock = localClock(zone);
  const text = wallText(clock);

  // The picture runs from the start to `now`, and on to a due instant still ahead.
  const lastDue = x.dues.at(-1);
  const t0 = x.startedAt;
  const shownDue = x.due ?? (x.breach === null ? lastDue : undefined) ?? null;
  let t1 = Math.max(x.now, shownDue?.dueAt ?? x.now);
  if (t1 === t0) t1 = t0 + 3_600_000;
  // Business time still left before the due instant shown (the margin of a met clock, or
  // what a running clock has yet to count).
  const remaining =
    shownDue === null
      ? []
      : shownDue.open
          .filter((o) => o.end > x.now)
          .map((o) => ({ start: Math.max(o.start, x.now), end: o.end }));
  const px = timeScale(t0, t1, [...x.intervals.flatMap((i) => i.open), ...remaining]);

  const targets = [x.targetMs, ...x.intervals.map((i) => i.targetMs)];
  const maxMs = Math.max(x.usedMs, ...targets, 1) * 1.12;
  const py = (ms: number): number => GRAPH_BOTTOM - (ms / maxMs) * (GRAPH_BOTTOM - GRAPH_TOP);

  const out: string[] = [];
  const title = `${METRIC_NAMES[x.metric]} SLA of ticket ${x.ticketId}`;
  out.push(''); // the opening tag, once the height is known
  out.push(`<title>${xml(title)}</title>`);
  out.push(
    `<desc>${xml(`Business time counted by the ${x.metric} clock of ticket ${x.ticketId} on calendar ${x.calendar.id} version ${x.calendar.version} (fingerprint ${x.calendar.fingerprint}); times in ${zone}.`)}</desc>`,
  );
  out.push(
    '<defs><pattern id="closed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
      `<rect width="6" height="6" fill="#f3f4f6"/><rect width="2" height="6" fill="${COLOURS.stopped}"/></pattern></defs>`,
  );
  out.push(''); // the background, once the height is known

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
  let lastLine = Number.NEGATIVE_INFINITY;
  for (const day of days) {
    const a = Math.max(px(day.start), LEFT);
    const b = Math.min(px(day.end), RIGHT);
    // Midnights squeezed together by a shortened stretch get one line, not a dark band.
    const line = day.start > t0 && a - lastLine >= 3;
    if (line) lastLine = a;
    if (line)
      out.push(
        `<line x1="${n(a)}" y1="${LANE_TOP - 6}" x2="${n(a)}" y2="${AXIS}" stroke="${COLOURS.grid}"/>`,
      );
    const label = dayName(day.day * MS_PER_DAY);
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
    if (interval.phase !== 'running' && w >= 60) {
      const words = interval.phase === 'paused' ? 'paused' : 'stopped';
      // Clear of the break mark drawn in the middle of a shortened stretch.
      const broken = px.shortened.some((x) => x.from < interval.to && x.to > interval.from);
      out.push(
        `<text x="${n(broken ? a + 6 : a + w / 2)}" y="${LANE_TOP + 19}"${broken ? '' : ' text-anchor="middle"'} fill="${COLOURS.text}">${words}</text>`,
      );
    }
  }
  for (const open of remaining) {
    const oa = px(open.start);
    const ow = Math.max(px(open.end) - oa, 0.8);
    out.push(
      `<rect class="remaining" x="${n(oa + 0.75)}" y="${LANE_TOP + 0.75}" width="${n(Math.max(ow - 1.5, 0.5))}" height="${LANE_HEIGHT - 1.5}" fill="#dbeafe" stroke="${COLOURS.counted}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
    );
  }
  out.push('</g>');
  out.push(
    `<rect x="${LEFT}" y="${LANE_TOP}" width="${RIGHT - LEFT}" height="${LANE_HEIGHT}" fill="none" stroke="${COLOURS.muted}" stroke-width="0.5"/>`,
  );
  // Shortened stretches: a break mark across the lane and the axis, and their real length.
  for (const stretch of px.shortened) {
    const mx = (px(stretch.from) + px(stretch.to)) / 2;
    for (const [top, height] of [
      [LANE_TOP - 3, LANE_HEIGHT + 6],
      [AXIS - 5, 10],
    ] as const) {
      const d = `M${n(mx - 4)} ${top + height} L${n(mx)} ${top} M${n(mx)} ${top + height} L${n(mx + 4)} ${top}`;
      out.push(`<path class="shortened" d="${d}" stroke="#ffffff" stroke-width="4" fill="none"/>`);
      out.push(`<path d="${d}" stroke="${COLOURS.muted}" stroke-width="1" fill="none"/>`);
    }
    out.push(
      `<text x="${n(mx)}" y="${LANE_TOP + LANE_HEIGHT + 12}" text-anchor="middle" font-size="9" fill="${COLOURS.muted}">${xml(realDuration(stretch.to - stretch.from))}</text>`,
    );
  }

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
  // Axis labels for each target, leaving out any that would print over another.
  const labelled: number[] = [py(0)];
  for (const ms of targets) {
    if (labelled.some((y) => Math.abs(y - py(ms)) < 11)) continue;
    labelled.push(py(ms));
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

  // Legend, in rows that wrap within the picture.
  const legend: { swatch: string; words: string }[] = [
    {
      swatch: `<rect width="12" height="12" fill="${COLOURS.counted}"/>`,
      words: 'business time counted',
    },
    {
      swatch: `<rect width="12" height="12" fill="url(#closed)" stroke="${COLOURS.muted}" stroke-width="0.5"/>`,
      words: 'running, calendar closed',
    },
    { swatch: `<rect width="12" height="12" fill="${COLOURS.paused}"/>`, words: 'paused' },
    { swatch: `<rect width="12" height="12" fill="${COLOURS.stopped}"/>`, words: 'stopped' },
    {
      swatch: `<rect width="12" height="12" fill="${COLOURS.overdue}"/>`,
      words: 'counted after the breach',
    },
    {
      swatch: `<rect x="0.75" y="0.75" width="10.5" height="10.5" fill="#dbeafe" stroke="${COLOURS.counted}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
      words: 'left before the due instant',
    },
    {
      swatch: `<path d="M0 6 L12 6" stroke="${COLOURS.target}" stroke-width="1.5" stroke-dasharray="4 2"/>`,
      words: 'target',
    },
    {
      swatch: `<path d="M6 0 L6 12" stroke="${COLOURS.due}" stroke-width="1.5" stroke-dasharray="4 2"/>`,
      words: 'due instant',
    },
    {
      swatch: `<path d="M6 0 L6 12" stroke="${COLOURS.overdue}" stroke-width="1.5"/>`,
      words: 'breach',
    },
    {
      swatch: `<path d="M2 12 L6 0 M6 12 L10 0" stroke="${COLOURS.muted}" stroke-width="1" fill="none"/>`,
      words: 'long stretch without counting, drawn shortened',
    },
  ];
  let lx = 16;
  let ly = LEGEND_TOP;
  for (const { swatch, words } of legend) {
    const width = 22 + words.length * 6.1;
    if (lx + width > WIDTH - 16) {
      lx = 16;
      ly += 18;
    }
    out.push(
      `<g transform="translate(${n(lx)} ${ly})">${swatch}<text x="16" y="10">${xml(words)}</text></g>`,
    );
    lx += width + 10;
  }
  out.push(
    `<text x="16" y="${ly + 22}" fill="${COLOURS.muted}">${xml(`Read from ${x.events.length} SLA events of this clock, ${x.events[0] ?? ''} to ${x.events.at(-1) ?? ''}.`)}</text>`,
  );
  out.push('</svg>');
  const height = ly + 36;
  out[0] = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="11" fill="${COLOURS.text}">`;
  out[4] = `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`;
  return `${out.join('\n')}\n`;
}
