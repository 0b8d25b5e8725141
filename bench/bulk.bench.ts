/**
 * Bulk: due dates for 100,000 tickets created at pseudo-random instants over 2025, each with a
 * 4-hour or a 40-hour SLA in business minutes. moment-business-time would take about a minute
 * an iteration, so it is timed on the first 1,000 tickets only.
 */
import { bench, describe } from 'vitest';
import { addBusinessMinutes } from '../src/index.js';
import { calendar, consume, freshCalendar, momentAddMinutes, tickets } from './fixtures.js';

const TICKETS = tickets(100_000);
const SAMPLE = TICKETS.slice(0, 1_000);
const CHECKED = 2_000;

const iso = (t: number): string => new Date(t).toISOString();
for (const { created, sla } of TICKETS.slice(0, CHECKED)) {
  const pet = addBusinessMinutes(calendar, created, sla);
  const mom = momentAddMinutes(created, sla);
  if (pet !== mom) {
    throw new Error(`ticket ${iso(created)} + ${sla} min: pet-sla ${iso(pet)}, moment ${iso(mom)}`);
  }
}

describe('bulk: due dates of 100,000 tickets over a year', () => {
  bench('pet-sla, 100,000 tickets', () => {
    for (const { created, sla } of TICKETS) consume(addBusinessMinutes(calendar, created, sla));
  });

  bench('pet-sla, 100,000 tickets on a new calendar (compiling included)', () => {
    const fresh = freshCalendar();
    for (const { created, sla } of TICKETS) consume(addBusinessMinutes(fresh, created, sla));
  });

  bench(
    'moment-business-time, first 1,000 tickets only',
    () => {
      for (const { created, sla } of SAMPLE) consume(momentAddMinutes(created, sla));
    },
    { time: 0, iterations: 5, warmupTime: 0, warmupIterations: 1 },
  );
});
