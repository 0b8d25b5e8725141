import { describe, PetSlaError } from '../../errors.js';
import type { Interval } from '../../index.js';
import { expectKnownKeys, expectObject } from '../../shared/read.js';
import { localClock } from './local-clock.js';
import { readExplanation } from './read-explanation.js';
import type { DueComputation, SlaExplanation } from './types.js';
import { exactDuration, type WallText, wallText } from './wall-text.js';

/**
 * Options of {@link formatExplanation} and {@link explanationToSvg}: the IANA zone whose wall
 * time the instants are shown in (default: the calendar's own zone).
 *
 * @example
 * ```ts
 * const options: ExplanationFormatOptions = { zone: 'America/New_York' }; // the customer's zone
 * ```
 */
export interface ExplanationFormatOptions {
  readonly zone?: string;
}

const METRIC_NAMES = { firstResponse: 'First response', resolution: 'Resolution' } as const;

/** Reads the options; the zone is checked where it is first used, by the calendar layer. */
export function readFormatOptions(options: unknown, explanation: SlaExplanation): string {
  if (options === undefined) return explanation.calendar.zone;
  const object = expectObject(options, 'options', 'UNKNOWN_ZONE', 'options { zone? }');
  expectKnownKeys(object, ['zone'], '', 'UNKNOWN_ZONE');
  if (object.zone === undefined) return explanation.calendar.zone;
  if (typeof object.zone !== 'string' || object.zone === '') {
    throw new PetSlaError(
      'UNKNOWN_ZONE',
      `expected an IANA time zone name such as "Europe/London", got ${describe(object.zone)}`,
      'zone',
    );
  }
  return object.zone;
}

function openList(open: readonly Interval[], text: WallText): string {
  return open
    .map(({ start, end }) => {
      // An interval running to the next midnight reads "09:00–24:00", as calendars are written.
      const toMidnight =
        text.time(end) === '00:00' && !text.sameDay(start, end) && text.sameDay(start, end - 1);
      return text.sameDay(start, end) || toMidnight
        ? `${text.shortDay(start)} ${text.time(start)}–${toMidnight ? '24:00' : text.time(end)}`
        : `${text.shortDay(start)} ${text.time(start)} – ${text.shortDay(end)} ${text.time(end)}`;
    })
    .join(', ');
}

function phaseWords(phase: string, status: string | null): string {
  if (phase === 'running') return 'clock running';
  const why = status === null ? '' : ` (status "${status}")`;
  return phase === 'paused' ? `clock paused${why}` : `clock stopped${why}`;
}

function dueLines(due: DueComputation, text: WallText, indent: string): string[] {
  const lines = [
    `${indent}Counting from ${text.instant(due.since)}, with ${exactDuration(due.usedAtSince)} of the ${exactDuration(due.targetMs)} target already used,`,
    due.remainderMs === 0
      ? `${indent}nothing remained: due at that instant itself.`
      : `${indent}the remaining ${exactDuration(due.remainderMs)} of business time runs through the open hours`,
  ];
  if (due.remainderMs > 0) {
    lines.push(`${indent}  ${openList(due.open, text)}`);
    lines.push(`${indent}and ends at ${text.instant(due.dueAt)}: the due instant.`);
  }
  return lines;
}

/**
 * Renders an explanation from {@link explainSla} as plain English text a support lead can
 * forward to a customer: the calendar (id, version, fingerprint), every stretch of the clock
 * with the open hours it counted, the target changes, how the due instant was reached and the
 * breach. Instants are shown in `zone` (default the calendar's) with their UTC offset; the text
 * is the same on every host, whatever its zone or locale.
 *
 * @example
 * ```ts
 * const text = formatExplanation(explainSla(log, 'resolution', { calendar: uk, state }), { zone: 'Europe/London' });
 * await mail.send({ to: customer, subject: `Ticket ${ticketId}: resolution time`, text });
 * ```
 */
export function formatExplanation(
  explanation: SlaExplanation,
  options?: ExplanationFormatOptions,
): string {
  const x = readExplanation(explanation);
  const zone = readFormatOptions(options, x);
  const text = wallText(localClock(zone));
  const name = METRIC_NAMES[x.metric];
  const cal = x.calendar;
  const lines: string[] = [];
  lines.push(`${name} SLA of ticket ${x.ticketId}: how its business time was counted`);
  lines.push('');
  lines.push(
    `Calendar: ${cal.name === null ? cal.id : `"${cal.name}" (id ${cal.id})`}, version ${cal.version}, time zone ${cal.zone}`,
  );
  lines.push(`Calendar fingerprint (SHA-256 of the calendar version): ${cal.fingerprint}`);
  lines.push(
    `Times below are wall-clock times in ${zone}, with their offset from UTC. Business time`,
  );
  lines.push('counts only while the clock runs and the calendar is open.');
  lines.push('');

  const spare =
    x.remainingMs >= 0
      ? `${exactDuration(x.remainingMs)} left`
      : `${exactDuration(x.remainingMs)} over`;
  const state =
    x.phase === 'stopped'
      ? `stopped, outcome ${x.outcome ?? 'unknown'}`
      : x.phase === 'paused'
        ? 'paused'
        : 'running';
  lines.push(`As of ${text.instant(x.now)}: the clock is ${state}.`);
  lines.push(
    `Target ${exactDuration(x.targetMs)} of business time; used ${exactDuration(x.usedMs)}; ${spare}.`,
  );
  if (x.due !== null) lines.push(`Due ${text.instant(x.due.dueAt)}.`);
  lines.push(x.breach === null ? 'Not breached.' : `Breached at ${text.instant(x.breach.at)}.`);
  lines.push('');

  lines.push('Timeline of the clock:');
  x.intervals.forEach((interval, i) => {
    const to = text.sameDay(interval.from, interval.to)
      ? text.time(interval.to)
      : text.dateTime(interval.to);
    const over = interval.overdue ? ', after the breach' : '';
    lines.push(
      `  ${i + 1}. ${text.dateTime(interval.from)} – ${to}  ${phaseWords(interval.phase, interval.status)}, priority ${interval.priority}, target ${exactDuration(interval.targetMs)}${over}`,
    );
    if (interval.phase !== 'running') {
      lines.push('     counted nothing');
    } else if (interval.open.length === 0) {
      lines.push('     counted nothing: the calendar was closed throughout');
    } else {
      lines.push(
        `     counted ${exactDuration(interval.countedMs)}: ${openList(interval.open, text)}`,
      );
    }
  });
  if (x.intervals.length === 0) lines.push('  (the clock has only just started)');
  lines.push(`  Total counted: ${exactDuration(x.usedMs)}, the business time used.`);
  lines.push('');

  if (x.targetChanges.length > 0) {
    lines.push('Target changes:');
    for (const change of x.targetChanges) {
      lines.push(
        `  ${text.instant(change.at)}: ${exactDuration(change.fromMs)} → ${exactDuration(change.toMs)} (priority ${change.priority})`,
      );
    }
    lines.push('');
  }

  lines.push('How the due instant was computed:');
  if (x.dues.length === 0) lines.push('  The clock never ran, so it never had a due instant.');
  x.dues.forEach((due, i) => {
    const next = x.intervals.find((interval) => interval.from === due.until);
    const change = x.targetChanges.some((c) => c.at === due.until)
      ? 'its target changed'
      : next?.phase === 'paused'
        ? 'the clock paused'
        : next?.phase === 'stopped' || (next === undefined && x.phase === 'stopped')
          ? 'the clock stopped'
          : 'the clock changed';
    const ended =
      due.until === null
        ? 'This computation is in force.'
        : `This computation applied until ${text.instant(due.until)}, when ${change}.`;
    const passed =
      x.breach?.cause === 'due-passed' && x.breach.due?.event === due.event
        ? ' Its due instant passed while the clock ran: the breach.'
        : '';
    lines.push(`  ${i + 1}. ${ended}${passed}`);
    lines.push(...dueLines(due, text, '     '));
  });
  lines.push('');

  if (x.breach === null) {
    lines.push(
      x.phase === 'stopped' && x.outcome === 'met'
        ? 'The clock stopped before its due instant: the SLA was met.'
        : 'The clock has not breached.',
    );
  } else if (x.breach.cause === 'target-lowered') {
    lines.push(
      `Breach: at ${text.instant(x.breach.at)} the target changed to ${exactDuration(x.breach.targetMs)}, less than the ${exactDuration(x.breach.usedMs)} already used, so the SLA breached at that change.`,
    );
  } else {
    lines.push(
      `Breach: the clock was still running when its due instant, ${text.instant(x.breach.at)}, passed, with ${exactDuration(x.breach.usedMs)} used of the ${exactDuration(x.breach.targetMs)} target.`,
    );
  }
  lines.push(
    `Events explained: ${x.events.length === 0 ? 'none' : `${x.events[0]} to ${x.events[x.events.length - 1]}`} (${x.events.length} SLA events of this clock).`,
  );
  return `${lines.join('\n')}\n`;
}
