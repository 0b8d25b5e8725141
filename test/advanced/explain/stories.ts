import {
  defineCalendar,
  defineSlaPolicy,
  replay,
  type SlaBinding,
  type SlaEvent,
  type TicketEvent,
  type TicketSlaState,
} from '../../../src/index.js';

// The clock scenario stories of test/clock/scenarios.test.ts, as logs to explain. The UK desk
// is open Monday to Friday 09:00–18:00 Europe/London (GMT in November and December, so local
// time = UTC); a business day is 9 h.

export const MIN = 60_000;
export const T = (iso: string): number => Date.parse(iso);

export const ukDefinition = {
  id: 'uk-support',
  name: 'UK support desk',
  zone: 'Europe/London',
  week: {
    mon: ['09:00-18:00'],
    tue: ['09:00-18:00'],
    wed: ['09:00-18:00'],
    thu: ['09:00-18:00'],
    fri: ['09:00-18:00'],
  },
};
export const uk = defineCalendar(ukDefinition);

export const standard = defineSlaPolicy({
  id: 'standard',
  calendarId: 'uk-support',
  pauseWhile: ['waiting_on_customer', 'on_hold'],
  stopWhen: ['resolved', 'closed'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    high: { firstResponse: 60, resolution: 480 },
    normal: { firstResponse: 240, resolution: 2400 },
    low: { resolution: 4800 },
  },
});

export const status = (id: string, at: string, s: string): TicketEvent => ({
  id,
  at,
  type: 'status_changed',
  status: s,
});
export const reply = (id: string, at: string): TicketEvent => ({ id, at, type: 'agent_replied' });
export const priority = (id: string, at: string, p: string): TicketEvent => ({
  id,
  at,
  type: 'priority_changed',
  priority: p,
});

export interface Story {
  readonly binding: SlaBinding;
  readonly state: TicketSlaState;
  readonly log: readonly SlaEvent[];
}

export function story(
  ticketId: string,
  p: string,
  createdAt: string,
  events: readonly TicketEvent[],
  extra: Partial<SlaBinding> = {},
): Story {
  const binding: SlaBinding = {
    ticketId,
    priority: p,
    createdAt,
    policy: standard,
    calendar: uk,
    ...extra,
  };
  const { state, events: log } = replay(binding, events);
  // What a host stores and reads back: plain JSON.
  return { binding, state, log: JSON.parse(JSON.stringify(log)) as SlaEvent[] };
}
