import { describe, PetSlaError, rethrowing } from '../../errors.js';
import {
  type Calendar,
  type InstantInput,
  SLA_METRICS,
  type SlaMetric,
  type TicketSlaState,
} from '../../index.js';
import { deepFreeze, expectArray, expectKnownKeys, expectObject, join } from '../../shared/read.js';
import { forecastWithStatus, type MetricBreachForecast } from './forecast-breach.js';
import { type BreachModel, breachModelOption } from './model-document.js';

/**
 * One open ticket of a queue for {@link rankBreachRisks}: its SLA state and the calendar it is
 * bound to (tickets of one queue may run on different calendars).
 *
 * @example
 * ```ts
 * const item: QueueItem = { state: JSON.parse(row.sla), calendar: calendars.get(row.calendarId) };
 * ```
 */
export interface QueueItem {
  readonly state: TicketSlaState;
  readonly calendar: Calendar;
}

/**
 * One clock in a ranked queue: the ticket, the metric, its remaining business time and its
 * forecast.
 *
 * @example
 * ```ts
 * const top: BreachRisk | undefined = rankBreachRisks(queue, now, { model })[0];
 * if (top?.forecast.probability != null) show(`${top.ticketId}: ${Math.round(top.forecast.probability * 100)}%`);
 * ```
 */
export interface BreachRisk {
  readonly ticketId: string;
  readonly metric: SlaMetric;
  /** Business ms left before the target at `now` (the clock has not breached, so ≥ 0). */
  readonly remainingMs: number;
  readonly forecast: MetricBreachForecast;
}

/** Forecasts with a probability first, then beyond-history, then no-history. */
function rankOf(forecast: MetricBreachForecast): number {
  return forecast.probability !== null ? 0 : forecast.reason === 'beyond-history' ? 1 : 2;
}

function byRisk(a: BreachRisk, b: BreachRisk): number {
  const rank = rankOf(a.forecast) - rankOf(b.forecast);
  if (rank !== 0) return rank;
  const pa = a.forecast.probability ?? 0;
  const pb = b.forecast.probability ?? 0;
  if (pa !== pb) return pa > pb ? -1 : 1;
  if (a.remainingMs !== b.remainingMs) return a.remainingMs - b.remainingMs;
  if (a.ticketId !== b.ticketId) return a.ticketId < b.ticketId ? -1 : 1;
  return SLA_METRICS.indexOf(a.metric) - SLA_METRICS.indexOf(b.metric);
}

/** Where inside a queue item a problem of the core lies (the core names it from its own argument). */
function itemPath(path: string, error: PetSlaError): string {
  const inner = error.path;
  if (error.code === 'INVALID_STATE')
    return inner === undefined ? `${path}.state` : join(`${path}.state`, inner);
  if (inner === 'now') return 'now';
  if (error.code === 'INVALID_SNAPSHOT' || error.code === 'FINGERPRINT_MISMATCH') {
    return inner === undefined ? `${path}.calendar` : join(`${path}.calendar`, inner);
  }
  return inner === undefined ? path : join(path, inner);
}

/** Re-raises a problem with one queue item under its path (`items[3].state.ticketId`). */
function withinItem<T>(path: string, read: () => T): T {
  return rethrowing(read, (error) => ({
    path: itemPath(path, error),
    ...(error.path === 'now' ? { detail: `${path}: ${error.detail}` } : {}),
  }));
}

/**
 * Advisory: the open clocks of a queue, most likely to breach first, each with its
 * {@link forecastBreach} forecast. One entry per clock that is running or paused and has not
 * breached. Order: forecasts with a probability, highest first; then `beyond-history`, then
 * `no-history`; ties by less remaining business time first, then by `ticketId` (code-unit
 * order), then `firstResponse` before `resolution`. The same queue always gives the same
 * order, whatever order the items came in. Two items with one `ticketId` are `INVALID_STATE`.
 *
 * @example
 * ```ts
 * const ranked = rankBreachRisks(openTickets.map((t) => ({ state: t.sla, calendar: uk })), now, { model });
 * for (const risk of ranked.slice(0, 10)) console.log(risk.ticketId, risk.metric, risk.forecast.probability);
 * ```
 */
export function rankBreachRisks(
  items: readonly QueueItem[],
  now: InstantInput,
  options: { readonly model: BreachModel },
): readonly BreachRisk[] {
  const given = expectObject(options, '', 'INVALID_MODEL', 'options { model }');
  expectKnownKeys(given, ['model'], '', 'INVALID_MODEL');
  const model = breachModelOption(given.model, 'model');
  const list = expectArray(items, 'items', 'INVALID_STATE', 'the queue [{ state, calendar }]');
  const seen = new Set<string>();
  const risks: BreachRisk[] = [];
  list.forEach((value, i) => {
    const path = `items[${i}]`;
    const item = expectObject(value, path, 'INVALID_STATE', 'a queue item { state, calendar }');
    expectKnownKeys(item, ['state', 'calendar'], path, 'INVALID_STATE');
    const { forecast, status } = withinItem(path, () =>
      forecastWithStatus(item.state as TicketSlaState, now, item.calendar as Calendar, model),
    );
    const ticketId = (item.state as TicketSlaState).ticketId;
    if (seen.has(ticketId)) {
      throw new PetSlaError(
        'INVALID_STATE',
        `ticket ${describe(ticketId)} is in the queue twice; expected each ticket once`,
        `${path}.state.ticketId`,
      );
    }
    seen.add(ticketId);
    for (const metric of SLA_METRICS) {
      const entry = forecast[metric];
      if (entry === undefined) continue;
      risks.push({
        ticketId,
        metric,
        remainingMs: (status[metric] as { remainingMs: number }).remainingMs,
        forecast: entry,
      });
    }
  });
  return deepFreeze(risks.sort(byRisk));
}
