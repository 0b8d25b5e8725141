import type { InstantInput, SlaMetric } from '../../index.js';
import { deepFreeze } from '../../shared/read.js';
import { foldSlaLog } from './fold.js';
import { readFoldSettings } from './options.js';
import type { KpiOptions, KpiPeriod } from './types.js';

/**
 * Options of {@link kpiItemsOf}: the periods and `asOf` of a KPI report, and ticket ids whose
 * events count nowhere (outages the parties agreed to leave out).
 *
 * @example
 * ```ts
 * const options: KpiItemsOptions = { periods: { zone: 'Europe/London', label: '2026-11' }, exclude: ['T-17'] };
 * ```
 */
export interface KpiItemsOptions {
  readonly periods: KpiOptions['periods'];
  readonly asOf?: InstantInput;
  readonly exclude?: readonly string[];
}

/**
 * A breach counted in a period: each clock's breach once in its lifetime, at its instant.
 * `inferred` when the log holds no `sla.breached` for it yet and its due instant passed before
 * `asOf`; `eventIds` then names the clock's last event, which carried that due instant.
 *
 * @example
 * ```ts
 * const line = { ticketId: b.ticketId, eventIds: b.eventIds, amount: 5_000 }; // b: CountedBreach
 * ```
 */
export interface CountedBreach {
  readonly ticketId: string;
  readonly metric: SlaMetric;
  /** Carried by the `sla.breached` event, or for an inferred breach by the clock's last event. */
  readonly priority: string;
  /** The breach instant. */
  readonly at: number;
  readonly targetMs: number;
  /** Business time used at the breach instant. */
  readonly usedMs: number;
  /** usedMs − targetMs at the breach instant. */
  readonly overdueMs: number;
  readonly eventIds: readonly string[];
  readonly inferred: boolean;
}

/**
 * A met or breached stop (an `sla.stopped` event) in a period, with the figures at the stop.
 *
 * @example
 * ```ts
 * const lateHours = Math.ceil(Math.max(0, stop.overdueMs) / 3_600_000); // stop: CountedStop
 * ```
 */
export interface CountedStop {
  readonly ticketId: string;
  readonly metric: SlaMetric;
  readonly priority: string;
  readonly outcome: 'met' | 'breached';
  readonly at: number;
  readonly targetMs: number;
  /** Business time the SLA counted, pauses excluded. */
  readonly usedMs: number;
  /** usedMs − targetMs. */
  readonly overdueMs: number;
  /** The stop instant − the ticket's first SLA event. */
  readonly elapsedMs: number;
  /** The `sla.stopped` event. */
  readonly eventIds: readonly string[];
}

/**
 * What one period of {@link kpiItemsOf} counted, each list ordered by instant, then ticket id,
 * then metric.
 *
 * @example
 * ```ts
 * const { period, breaches, stops } = items.periods[0];
 * ```
 */
export interface KpiPeriodItems {
  readonly period: KpiPeriod;
  /** The breaches the report's `breached` counts. */
  readonly breaches: readonly CountedBreach[];
  /** The stops the report's `met` counts and its duration figures cover. */
  readonly stops: readonly CountedStop[];
}

/**
 * The result of {@link kpiItemsOf}.
 *
 * @example
 * ```ts
 * const { asOf, excluded, periods } = kpiItemsOf(events, options);
 * ```
 */
export interface KpiItems {
  readonly asOf: number;
  /** The excluded ticket ids, sorted, each once. */
  readonly excluded: readonly string[];
  readonly periods: readonly KpiPeriodItems[];
}

type Item = { readonly at: number; readonly ticketId: string; readonly metric: string };
const byInstant = (a: Item, b: Item): number =>
  a.at - b.at ||
  (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0) ||
  (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0);

/**
 * The counted items behind a KPI report, per period: every breach its `breached` counts and
 * every met or breached stop, each with its ticket, metric, priority, the SLA event ids it
 * rests on and its figures (`at`, `usedMs`, `targetMs`, `overdueMs`). The same fold as
 * {@link computeKpis} decides what counts, so a statement built from these items and a report
 * never disagree. Tickets in `exclude` count nowhere (their events are still checked).
 *
 * @example
 * ```ts
 * const { periods } = kpiItemsOf(events, { periods: { zone: 'Europe/London', label: '2026-11' }, exclude: ['T-17'] });
 * const urgentBreaches = periods[0].breaches.filter((b) => b.metric === 'resolution' && b.priority === 'urgent');
 * ```
 */
export function kpiItemsOf(events: Iterable<unknown>, options: KpiItemsOptions): KpiItems {
  const settings = readFoldSettings(options, ['periods', 'asOf', 'exclude']);
  const breaches: CountedBreach[][] = settings.periods.map(() => []);
  const stops: CountedStop[][] = settings.periods.map(() => []);
  foldSlaLog(events, settings, {
    breach(k, fact) {
      (breaches[k] as CountedBreach[]).push({
        ticketId: fact.ticketId,
        metric: fact.metric,
        priority: fact.priority,
        at: fact.at,
        targetMs: fact.targetMs,
        usedMs: fact.usedMs,
        overdueMs: fact.usedMs - fact.targetMs,
        eventIds: [fact.eventId],
        inferred: fact.inferred,
      });
    },
    stop(k, fact) {
      if (fact.outcome === 'cancelled') return;
      (stops[k] as CountedStop[]).push({
        ticketId: fact.ticketId,
        metric: fact.metric,
        priority: fact.priority,
        outcome: fact.outcome,
        at: fact.at,
        targetMs: fact.targetMs,
        usedMs: fact.usedMs,
        overdueMs: fact.usedMs - fact.targetMs,
        elapsedMs: fact.elapsedMs,
        eventIds: [fact.eventId],
      });
    },
    reopened() {},
    open() {},
  });
  return deepFreeze({
    asOf: settings.asOf,
    excluded: [...settings.exclude].sort(),
    periods: settings.periods.map((period, k) => ({
      period: { ...period, partial: period.to > settings.asOf },
      breaches: (breaches[k] as CountedBreach[]).sort(byInstant),
      stops: (stops[k] as CountedStop[]).sort(byInstant),
    })),
  });
}
