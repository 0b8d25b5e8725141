// The rules the example's support desk runs on: a calendar (with a second version issued
// half-way through the month), one SLA policy, and the month the run covers. Everything is
// built from plain definitions, so a fresh process rebuilds exactly the same documents.
import { defineCalendar, defineSlaPolicy, reviseCalendar } from 'pet-sla';
import { defineEscalationPlan, defineServiceContract } from 'pet-sla/advanced';

export const ZONE = 'Europe/London';
/** The month the run covers: November 2026 (London keeps GMT all month). */
export const MONTH = { zone: ZONE, unit: 'month', from: '2026-11-01', to: '2026-12-01' };
export const MONTH_START = Date.parse('2026-11-01T00:00:00Z');
export const MONTH_END = Date.parse('2026-12-01T00:00:00Z');

const weekday = ['08:00-18:00'];
export const calendarV1 = defineCalendar({
  id: 'uk-support',
  name: 'UK support desk',
  zone: ZONE,
  week: {
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: weekday,
    sat: ['10:00-14:00'],
  },
  overrides: [{ date: '2026-12-25', windows: [], label: 'Christmas Day' }],
});

// Issued on 16 November: a staff training day closes the desk on Friday 27 November. Tickets
// created from then on bind to version 2; tickets already open keep version 1 (they are never
// re-bound behind the customer's back).
export const calendarV2 = reviseCalendar(calendarV1, {
  overrides: [
    { date: '2026-11-27', windows: [], label: 'Staff training day' },
    ...calendarV1.overrides,
  ],
});
export const CALENDAR_V2_FROM = Date.parse('2026-11-16T00:00:00Z');

export const policy = defineSlaPolicy({
  id: 'standard',
  name: 'Standard support',
  calendarId: 'uk-support',
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved', 'closed'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    high: { firstResponse: 60, resolution: 480 },
    normal: { firstResponse: 240, resolution: 1440 },
    low: { firstResponse: 480, resolution: 2880 },
  },
});

/** Who hears about a ticket before (and after) its SLA runs out. */
export const escalationPlan = defineEscalationPlan({
  id: 'standard-escalations',
  policyId: 'standard',
  catchUp: 'highest',
  levels: [
    { id: 'fr-warn', metric: 'firstResponse', beforeDue: 10, notify: ['assignee'] },
    { id: 'res-50', metric: 'resolution', percent: 50, notify: ['assignee'] },
    { id: 'res-75', metric: 'resolution', percent: 75, notify: ['assignee', 'team-lead'] },
    { id: 'res-due', metric: 'resolution', percent: 100, notify: ['team-lead'] },
    {
      id: 'res-late-2h',
      metric: 'resolution',
      afterDue: 120,
      notify: ['duty-manager'],
      priorities: ['urgent', 'high'],
    },
  ],
});

/** ACME's service contract: credits when resolution of its urgent and high tickets slips. */
export const acmeContract = defineServiceContract({
  id: 'acme-gold',
  customer: 'acme',
  currency: 'EUR',
  monthlyFee: 1_250_000,
  period: { zone: ZONE, unit: 'month' },
  measure: { metric: 'resolution', priorities: ['urgent', 'high'] },
  minimumMeasured: 20,
  tiers: [
    { from: 99, to: 100, creditPercent: 0 },
    { from: 95, to: 99, creditPercent: 5 },
    { from: 90, to: 95, creditPercent: 10 },
    { from: 0, to: 90, creditPercent: 25 },
  ],
  perBreach: [{ metric: 'resolution', priorities: ['urgent'], amount: 5_000 }],
  perLateHour: [
    { metric: 'resolution', priorities: ['urgent'], amount: 1_000, maxPerTicket: 20_000 },
  ],
  combine: 'sum',
  capPercent: 30,
  minimumPayable: 100,
  claimWindowDays: 15,
});

/** The calendar a ticket created at `createdAt` is bound to (the generator's own rule). */
export const calendarInForceAt = (createdAt) =>
  createdAt >= CALENDAR_V2_FROM ? calendarV2 : calendarV1;
