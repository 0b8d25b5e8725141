import { defineCalendar, defineSlaPolicy } from '../../src/index.js';

/** The weekday 09:00–18:00 London desk and its standard policy, shared by the clock tests. */
export const uk = defineCalendar({
  id: 'uk-support',
  zone: 'Europe/London',
  week: {
    mon: ['09:00-18:00'],
    tue: ['09:00-18:00'],
    wed: ['09:00-18:00'],
    thu: ['09:00-18:00'],
    fri: ['09:00-18:00'],
  },
});

export const standard = defineSlaPolicy({
  id: 'standard',
  calendarId: 'uk-support',
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved', 'closed'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    normal: { firstResponse: 240, resolution: 2400 },
  },
});
