// One ticket's SLA story, from creation to resolution, told with pet-sla's public API.
// Run it with `npm run demo` (which builds the package first if needed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DateTime } from 'luxon';
import { explainSla, explanationToSvg, formatExplanation } from '../dist/advanced.js';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  defineCalendar,
  defineSlaPolicy,
  openIntervals,
  replay,
  slaStatus,
  toActivityFeedEntry,
} from '../dist/index.js';

const calendar = defineCalendar({
  id: 'uk-support',
  name: 'UK support desk',
  zone: 'Europe/London',
  week: {
    mon: ['09:00-12:30', '13:30-17:30'],
    tue: ['09:00-12:30', '13:30-17:30'],
    wed: ['09:00-12:30', '13:30-17:30'],
    thu: ['09:00-12:30', '13:30-17:30'],
    fri: ['09:00-16:00'],
    sat: ['10:00-14:00'],
  },
  overrides: [{ date: '2026-12-25', windows: [], label: 'Christmas Day' }],
});

const policy = defineSlaPolicy({
  id: 'standard',
  name: 'Standard support',
  calendarId: 'uk-support',
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved', 'closed'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    high: { firstResponse: 60, resolution: 480 },
    normal: { firstResponse: 240, resolution: 1440 },
  },
});

// Every time shown is in the calendar's zone, formatted with a fixed locale: the output is
// the same on every host.
const local = (t) =>
  DateTime.fromMillis(t, { zone: calendar.zone, locale: 'en-GB' }).toFormat('ccc dd LLL HH:mm');
const hours = (minutes) => `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;

function weekChart() {
  const lines = [
    "The calendar's week (each column one hour, 00 to 23; █ open, ▌ partly, · closed):",
    '',
  ];
  const header = Array.from({ length: 24 }, () => ' ');
  for (const h of [0, 6, 12, 18]) [header[h], header[h + 1]] = String(h).padStart(2, '0');
  lines.push(`     ${header.join('')}`);
  const monday = DateTime.fromISO('2026-11-23T00:00', { zone: calendar.zone });
  for (let d = 0; d < 7; d++) {
    const day = monday.plus({ days: d });
    let bar = '';
    for (let h = 0; h < 24; h++) {
      const from = day.plus({ hours: h }).toMillis();
      const open = businessMinutesBetween(calendar, from, from + 3_600_000);
      bar += open === 60 ? '█' : open > 0 ? '▌' : '·';
    }
    const total = businessMinutesBetween(
      calendar,
      day.toMillis(),
      day.plus({ days: 1 }).toMillis(),
    );
    const windows = openIntervals(calendar, day.toMillis(), day.plus({ days: 1 }).toMillis())
      .map(({ start, end }) => `${local(start).slice(-5)}-${local(end).slice(-5)}`)
      .join(', ');
    lines.push(
      `${day.setLocale('en-GB').toFormat('ccc')}  ${bar}  ${hours(total).padStart(7)}  ${windows}`,
    );
  }
  return lines.join('\n');
}

const binding = {
  ticketId: 'T-1042',
  priority: 'urgent',
  createdAt: '2026-11-26T15:10:00Z',
  policy,
  calendar,
};
const ticketEvents = [
  { id: 'e1', type: 'agent_replied', at: '2026-11-26T15:35:00Z' },
  { id: 'e2', type: 'status_changed', status: 'waiting_on_customer', at: '2026-11-26T16:05:00Z' },
  { id: 'e3', type: 'status_changed', status: 'in_progress', at: '2026-11-30T09:40:00Z' },
  { id: 'e4', type: 'priority_changed', priority: 'high', at: '2026-11-30T10:15:00Z' },
  { id: 'e5', type: 'status_changed', status: 'resolved', at: '2026-11-30T15:20:00Z' },
];
const describeTicketEvent = (e) =>
  e.type === 'agent_replied'
    ? 'agent replied'
    : e.type === 'status_changed'
      ? `status → ${e.status}`
      : `priority → ${e.priority}`;

const { state, events } = replay(binding, ticketEvents);

const lines = [];
lines.push(
  `pet-sla demo: ticket ${binding.ticketId} on calendar "${calendar.name}" (${calendar.zone}), policy "${policy.name}"`,
);
lines.push('');
lines.push(weekChart());
lines.push('');
lines.push(
  `Ticket ${binding.ticketId}, priority ${binding.priority}: targets first response ${policy.targets.urgent.firstResponse}m, resolution ${policy.targets.urgent.resolution}m of business time.`,
);
lines.push('');
lines.push(
  'Timeline (ticket events, then what the SLA clocks emitted; feed entries as a person sees them):',
);
const moments = [
  { at: Date.parse(binding.createdAt), label: 'ticket created', causedBy: null },
].concat(
  ticketEvents.map((e) => ({
    at: Date.parse(e.at),
    label: describeTicketEvent(e),
    causedBy: e.id,
  })),
);
for (const moment of moments) {
  lines.push('');
  lines.push(`  ${local(moment.at)}  ${moment.label}`);
  for (const event of events.filter(
    (e) => e.causedBy === moment.causedBy && (moment.causedBy !== null || e.type === 'sla.started'),
  )) {
    const { severity, text } = toActivityFeedEntry(event);
    // Feed texts give instants in UTC; the demo also shows the due instant in local time.
    const due = event.dueAt === null ? '' : `  [due ${local(event.dueAt)} London time]`;
    lines.push(`      ${severity === 'critical' ? '!!' : '- '} ${text}${due}`);
  }
}
lines.push('');
const end = Date.parse('2026-11-30T15:20:00Z');
const status = slaStatus(state, end, { calendar });
for (const [metric, s] of Object.entries(status)) {
  lines.push(
    `Final ${metric}: ${s.outcome}, used ${hours(s.usedMs / 60_000)} of ${hours(s.targetMs / 60_000)} business time${s.breached ? `, breached at ${local(s.breachedAt)}` : ''}.`,
  );
}
lines.push(
  `Had it stayed urgent and never paused, resolution would have been due ${local(addBusinessMinutes(calendar, binding.createdAt, 240))}.`,
);

// The dispute view (pet-sla/advanced): why the resolution clock stands where it does, in words
// and as a picture. The stored SLA events, the stored state and the pinned calendar are all it
// needs.
const explanation = explainSla(events, 'resolution', { calendar, state });
const explained = formatExplanation(explanation, { zone: calendar.zone });
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.env.PET_SLA_DEMO_OUT ?? join(root, 'examples', 'output'));
mkdirSync(outDir, { recursive: true });
const svgPath = join(outDir, `${binding.ticketId}-resolution.svg`);
writeFileSync(svgPath, explanationToSvg(explanation, { zone: calendar.zone }));
writeFileSync(join(outDir, `${binding.ticketId}-resolution.txt`), explained);
lines.push('');
lines.push('Explaining the resolution clock for a dispute (explainSla + formatExplanation):');
lines.push('');
lines.push(explained.trimEnd());
lines.push('');
lines.push(
  `Timeline picture (explanationToSvg) written to ${svgPath.startsWith(root + sep) ? relative(root, svgPath).replaceAll(sep, '/') : svgPath}, the text next to it.`,
);
console.log(lines.join('\n'));
