import { PetSlaError } from '../../errors.js';
import {
  addBusinessMillis,
  type Calendar,
  type InstantInput,
  type MetricStatus,
  SLA_METRICS,
  type SlaMetric,
  slaStatus,
  type TicketSlaState,
} from '../../index.js';
import { deepFreeze, expectKnownKeys, expectObject } from '../../shared/read.js';
import {
  firstStepAtOrBelow,
  lastStepAtOrBefore,
  type SurvivalCurve,
  type SurvivalStep,
  survivalOfSteps,
} from './kaplan-meier.js';
import { type BreachModel, breachModelOption } from './model-document.js';

/**
 * Options of {@link forecastBreach}: the calendar the ticket is bound to, and a breach model.
 *
 * @example
 * ```ts
 * const options: ForecastOptions = { calendar: uk, model: parseBreachModel(JSON.parse(row.modelJson)) };
 * ```
 */
export interface ForecastOptions {
  readonly calendar: Calendar;
  /** From {@link fitBreachModel} or {@link parseBreachModel}; stored JSON works but costs more per call. */
  readonly model: BreachModel;
}

/**
 * The conditional quantiles of when a clock stops, from {@link forecastBreach}: in remaining
 * business milliseconds (`etaMs`) or as instants if the clock keeps running (`etaAt`).
 * A quantile is `null` where the history's curve never gets that far.
 *
 * @example
 * ```ts
 * const eta: EtaQuantiles | null = forecast.resolution?.etaMs ?? null;
 * if (eta?.p80 != null) note(`80% chance of being done within ${formatBusinessDuration(eta.p80)}`);
 * ```
 */
export interface EtaQuantiles {
  readonly p50: number | null;
  readonly p80: number | null;
  readonly p95: number | null;
}

/**
 * Which history a forecast rests on: the priority's own curve or the whole metric's, the
 * observed stops it was fitted from (`samples`), and how many of its clocks got further than
 * this one has (`atRisk`: those at risk at the first observed stop beyond this clock's point).
 *
 * @example
 * ```ts
 * const basis: ForecastBasis = { stratum: 'priority', samples: 412, atRisk: 97 };
 * const thin = basis.atRisk < 20; // few comparable clocks: show the number with care
 * ```
 */
export interface ForecastBasis {
  readonly stratum: 'priority' | 'metric';
  readonly samples: number;
  readonly atRisk: number;
}

/**
 * One metric's forecast: the probability that the clock breaches given how far it already
 * is, with its basis and ETAs; or `probability: null` with a `reason` — `'no-history'` (the
 * model saw no stop of this metric) or `'beyond-history'` (every comparable clock stopped
 * before getting this far).
 *
 * @example
 * ```ts
 * const f: MetricBreachForecast | undefined = forecastBreach(state, now, options).resolution;
 * if (f?.probability != null && f.probability > 0.5) warn(`likely to breach (${Math.round(f.probability * 100)}%)`);
 * ```
 */
export type MetricBreachForecast =
  | {
      readonly probability: number;
      readonly reason: null;
      readonly basis: ForecastBasis;
      /** `null` while the clock is paused. */
      readonly etaMs: EtaQuantiles | null;
      /** `etaMs` as instants: `addBusinessMillis(calendar, now, etaMs.pXX)`; `null` while paused. */
      readonly etaAt: EtaQuantiles | null;
    }
  | {
      readonly probability: null;
      readonly reason: 'beyond-history';
      readonly basis: ForecastBasis;
      readonly etaMs: null;
      readonly etaAt: null;
    }
  | {
      readonly probability: null;
      readonly reason: 'no-history';
      readonly basis: null;
      readonly etaMs: null;
      readonly etaAt: null;
    };

/**
 * A ticket's forecast: one {@link MetricBreachForecast} per metric whose clock is running or
 * paused and has not breached.
 *
 * @example
 * ```ts
 * const forecast: BreachForecast = forecastBreach(state, now, { calendar: uk, model });
 * const risky = SLA_METRICS.filter((m) => (forecast[m]?.probability ?? 0) > 0.5);
 * ```
 */
export type BreachForecast = Readonly<Partial<Record<SlaMetric, MetricBreachForecast>>>;

const NO_HISTORY: MetricBreachForecast = deepFreeze({
  probability: null,
  reason: 'no-history',
  basis: null,
  etaMs: null,
  etaAt: null,
});

/** Where a clock stands against one curve of the model. */
interface CurvePosition {
  readonly curve: SurvivalCurve;
  readonly stratum: 'priority' | 'metric';
  /** S(u/T). */
  readonly survival: number;
  /** Index of the first step beyond u/T (may be `steps.length`). */
  readonly next: number;
}

/** The clock's curve (its priority's, else its metric's) and its place on it: one binary search. */
function positionOf(
  model: BreachModel,
  metric: SlaMetric,
  priority: string,
  status: MetricStatus,
): CurvePosition | null {
  const history = model.metrics[metric];
  if (history === undefined) return null;
  const own = Object.hasOwn(history.priorities, priority)
    ? history.priorities[priority]
    : undefined;
  const curve = own ?? history;
  const index = lastStepAtOrBefore(curve.steps, status.usedMs / status.targetMs);
  return {
    curve,
    stratum: own === undefined ? 'metric' : 'priority',
    survival: index < 0 ? 1 : (curve.steps[index] as SurvivalStep).survival,
    next: index + 1,
  };
}

/**
 * Survival values are products of many rounded factors, so one that is exactly a quantile's
 * level in exact arithmetic (2 of 4 left: 0.5) may come out a hair above it. A relative slack
 * far above the rounding error of any curve (k factors: about k × 1.1e-16) and far below any
 * real difference between two counts makes such a step reach the level, on every host alike.
 */
const LEVEL_SLACK = 1 + 1e-9;

/**
 * Remaining business ms until the stop at survival level `level` × S(u/T); null where the
 * curve never falls that low. The stop fraction x is turned into ms on this clock's target,
 * rounded up to a whole millisecond (the clock reaches x at that millisecond).
 */
function remainingAtLevel(
  position: CurvePosition,
  level: number,
  status: MetricStatus,
): number | null {
  const index = firstStepAtOrBelow(position.curve.steps, position.survival * level * LEVEL_SLACK);
  if (index < 0) return null;
  const x = (position.curve.steps[index] as SurvivalStep).x;
  const remaining = Math.ceil(x * status.targetMs) - status.usedMs;
  return Math.max(remaining, 0);
}

function etaInstant(calendar: Calendar, now: InstantInput, ms: number | null): number | null {
  if (ms === null) return null;
  try {
    return addBusinessMillis(calendar, now, ms);
  } catch (error) {
    // An ETA past the supported range (or on a calendar that never opens) has no instant; the
    // business-time figure still stands.
    if (
      error instanceof PetSlaError &&
      (error.code === 'INSTANT_OUT_OF_RANGE' || error.code === 'CALENDAR_NEVER_OPENS')
    ) {
      return null;
    }
    throw error;
  }
}

/** Freezes one object the library just built (its members are frozen already or primitives). */
const frozen = <T extends object>(value: T): T => Object.freeze(value);

function forecastClock(
  model: BreachModel,
  metric: SlaMetric,
  priority: string,
  status: MetricStatus,
  calendar: Calendar,
  now: InstantInput,
): MetricBreachForecast {
  const position = positionOf(model, metric, priority, status);
  if (position === null) return NO_HISTORY;
  const { curve, stratum, survival, next } = position;
  const atRisk = next < curve.steps.length ? (curve.steps[next] as SurvivalStep).atRisk : 0;
  const basis = frozen({ stratum, samples: curve.observed, atRisk });
  if (survival === 0) {
    return frozen({ probability: null, reason: 'beyond-history', basis, etaMs: null, etaAt: null });
  }
  const probability = survivalOfSteps(curve.steps, 1) / survival;
  if (status.phase !== 'running') {
    return frozen({ probability, reason: null, basis, etaMs: null, etaAt: null });
  }
  // The quantiles as survival levels: p50 is where S falls to half of S(u/T), p80 to a fifth,
  // p95 to a twentieth.
  const p50 = remainingAtLevel(position, 0.5, status);
  const p80 = remainingAtLevel(position, 0.2, status);
  const p95 = remainingAtLevel(position, 0.05, status);
  const at50 = etaInstant(calendar, now, p50);
  const at80 = p80 === p50 ? at50 : etaInstant(calendar, now, p80);
  const at95 = p95 === p80 ? at80 : etaInstant(calendar, now, p95);
  return frozen({
    probability,
    reason: null,
    basis,
    etaMs: frozen({ p50, p80, p95 }),
    etaAt: frozen({ p50: at50, p80: at80, p95: at95 }),
  });
}

interface ReadForecastOptions {
  readonly calendar: Calendar;
  readonly model: BreachModel;
}

export function readForecastOptions(value: unknown, path: string): ReadForecastOptions {
  const options = expectObject(value, path, 'INVALID_MODEL', 'options { calendar, model }');
  expectKnownKeys(options, ['calendar', 'model'], path, 'INVALID_MODEL');
  return {
    calendar: options.calendar as Calendar,
    model: breachModelOption(options.model, path === '' ? 'model' : `${path}.model`),
  };
}

/**
 * The clocks a forecast speaks about, with their status at `now`: running or paused, and not
 * breached. Internal, shared with the ranking.
 */
export function forecastWithStatus(
  state: TicketSlaState,
  now: InstantInput,
  calendar: Calendar,
  model: BreachModel,
): {
  readonly forecast: BreachForecast;
  readonly status: Partial<Record<SlaMetric, MetricStatus>>;
} {
  const status = slaStatus(state, now, { calendar });
  const forecast: Partial<Record<SlaMetric, MetricBreachForecast>> = {};
  for (const metric of SLA_METRICS) {
    const clock = status[metric];
    if (clock === undefined || clock.phase === 'stopped' || clock.breached) continue;
    forecast[metric] = forecastClock(model, metric, state.priority, clock, calendar, now);
  }
  return { forecast: frozen(forecast), status };
}

/**
 * Advisory: how likely each open clock of a ticket is to breach, given how much of its target
 * it has already used, and when it will probably stop, from the desk's own history in
 * `model`. For each metric whose clock is running or paused and has not breached:
 * `probability` = S(1) / S(u/T) on the priority's curve (the metric's when the priority had
 * too few stops), with u the business time used at `now` and T the target; ETAs at the
 * conditional 50/80/95 % quantiles. It never changes a clock. See `docs/forecast.md`.
 *
 * @example
 * ```ts
 * const forecast = forecastBreach(state, '2026-11-30T10:00:00Z', { calendar: uk, model });
 * forecast.resolution?.probability; // e.g. 0.31
 * forecast.resolution?.etaAt?.p80; // the instant by which it is done with 80 % probability, if it keeps running
 * ```
 */
export function forecastBreach(
  state: TicketSlaState,
  now: InstantInput,
  options: ForecastOptions,
): BreachForecast {
  const { calendar, model } = readForecastOptions(options, '');
  return forecastWithStatus(state, now, calendar, model).forecast;
}

/**
 * A default effort estimate from the history: for each metric whose clock is running or
 * paused (breached or not), the median business time still to go until the clock stops,
 * given how much it has used — the `p50` of {@link forecastBreach}'s ETAs, also for paused
 * and breached clocks. `null` for a metric without history or where the curve does not reach
 * its median. The median, not the mean: the history's longest clocks are often still open,
 * and a mean would have to guess their end. Stopped clocks are absent.
 *
 * @example
 * ```ts
 * const effort = expectedRemainingMs(state, now, { calendar: uk, model }).resolution ?? null;
 * work.push({ ticketId: state.ticketId, dueAt, remainingMs: effort ?? fallbackEffort });
 * ```
 */
export function expectedRemainingMs(
  state: TicketSlaState,
  now: InstantInput,
  options: ForecastOptions,
): Readonly<Partial<Record<SlaMetric, number | null>>> {
  const { calendar, model } = readForecastOptions(options, '');
  const status = slaStatus(state, now, { calendar });
  const result: Partial<Record<SlaMetric, number | null>> = {};
  for (const metric of SLA_METRICS) {
    const clock = status[metric];
    if (clock === undefined || clock.phase === 'stopped') continue;
    const position = positionOf(model, metric, state.priority, clock);
    result[metric] =
      position === null || position.survival === 0 ? null : remainingAtLevel(position, 0.5, clock);
  }
  return Object.freeze(result);
}
