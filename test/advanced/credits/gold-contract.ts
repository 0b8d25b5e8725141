import type { ServiceContractDefinition } from '../../../src/advanced/index.js';

/** The example contract the credits tests and bench start from (the guide's own example). */
export const GOLD_CONTRACT: ServiceContractDefinition = {
  id: 'acme-gold',
  customer: 'ACME Ltd',
  currency: 'EUR',
  monthlyFee: 1_250_000,
  period: { zone: 'Europe/London', unit: 'month' },
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
};
