// The `pet-sla/advanced` entry: escalation thresholds, KPIs, service credits, breach forecasts,
// overtime exposure and due-date explanations. It reads what the core produces (states, SLA
// events, calendars) and never changes a rule of the core; the main entry never loads it.
// Each capability lives in its own folder, whose index lists its public exports.
export * from './credits/index.js';
export * from './escalation/index.js';
export * from './explain/index.js';
export * from './forecast/index.js';
export * from './kpi/index.js';
export * from './overtime/index.js';
