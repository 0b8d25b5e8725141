import { describe, PetSlaError } from '../../errors.js';
import {
  MAX_INSTANT,
  MIN_INSTANT,
  SLA_METRICS,
  type SlaEvent,
  type SlaMetric,
} from '../../index.js';
import { expectKnownKeys, expectObject, expectString } from '../../shared/read.js';
import { createSlaLogReader, expectSlaLog } from '../shared/event-log.js';
import { kaplanMeier, type SurvivalCurve, type SurvivalSample } from './kaplan-meier.js';
import type { BreachModelContent, MetricHistory } from './model-content.js';
import { type BreachModel, breachModelOption, models } from './model-document.js';

/**
 * Options of {@link fitBreachModel}.
 *
 * @example
 * ```ts
 * const options: FitBreachModelOptions = { asOf: Date.UTC(2026, 11, 1), metric: 'resolution', minSamples: 50 };
 * ```
 */
export interface FitBreachModelOptions {
  /** Read the history as it stood at this instant (epoch ms): later SLA events are ignored. */
  readonly asOf: number;
  /** Fit only this metric; default both. */
  readonly metric?: SlaMetric;
  /** Observed stops a priority needs for a curve of its own; default 30. */
  readonly minSamples?: number;
  /** The model's id; default `'breach-model'`. */
  readonly id?: string;
}

/** Where one clock stands in the log read so far. */
interface ClockTrack {
  priority: string;
  usedMs: number;
  targetMs: number;
  stopped: boolean;
  breached: boolean;
  observed: boolean;
}

const DEFAULT_ID = 'breach-model';
const OPTION_KEYS = ['asOf', 'metric', 'minSamples', 'id'];

function readAsOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new PetSlaError(
      'INVALID_INSTANT',
      `expected asOf as epoch milliseconds (a whole number), got ${describe(value)}`,
      'asOf',
    );
  }
  if (value < MIN_INSTANT || value >= MAX_INSTANT) {
    throw new PetSlaError(
      'INSTANT_OUT_OF_RANGE',
      'expected asOf from 1900-01-01T00:00Z (inclusive) to 2200-01-01T00:00Z (exclusive)',
      'asOf',
    );
  }
  return value;
}

interface FitSettings {
  readonly asOf: number;
  readonly metrics: readonly SlaMetric[];
  readonly minSamples: number;
}

function readFitOptions(value: unknown, defaultMinSamples: number): FitSettings & { id?: string } {
  const options = expectObject(
    value,
    '',
    'INVALID_MODEL',
    'fit options { asOf, metric?, minSamples?, id? }',
  );
  expectKnownKeys(options, OPTION_KEYS, '', 'INVALID_MODEL');
  const asOf = readAsOf(options.asOf);
  let metrics = SLA_METRICS;
  if (options.metric !== undefined) {
    if (!SLA_METRICS.includes(options.metric as SlaMetric)) {
      throw new PetSlaError(
        'INVALID_MODEL',
        `expected a metric (${SLA_METRICS.map((m) => `"${m}"`).join(' or ')}), got ${describe(options.metric)}`,
        'metric',
      );
    }
    metrics = [options.metric as SlaMetric];
  }
  const minSamples = options.minSamples ?? defaultMinSamples;
  if (typeof minSamples !== 'number' || !Number.isSafeInteger(minSamples) || minSamples < 1) {
    throw new PetSlaError(
      'INVALID_MODEL',
      `expected minSamples as a whole number ≥ 1, got ${describe(minSamples)}`,
      'minSamples',
    );
  }
  const id =
    options.id === undefined ? undefined : expectString(options.id, 'id', 'INVALID_MODEL', true);
  return { asOf, metrics, minSamples, ...(id === undefined ? {} : { id }) };
}

/** Follows one SLA event into its clock's track: only what happened up to the first stop counts. */
function follow(tracks: Map<string, ClockTrack>, event: SlaEvent): void {
  const track = tracks.get(event.ticketId);
  const stops = event.type === 'sla.stopped';
  if (track === undefined) {
    tracks.set(event.ticketId, {
      priority: event.priority,
      usedMs: event.usedMs,
      targetMs: event.targetMs,
      stopped: stops,
      breached: event.type === 'sla.breached',
      observed: stops && event.outcome !== 'cancelled',
    });
    return;
  }
  if (track.stopped) return;
  track.usedMs = event.usedMs;
  track.targetMs = event.targetMs;
  if (event.type === 'sla.breached') track.breached = true;
  if (stops) {
    // The priority stays that of the event before: a stop caused by a change of priority
    // carries the new one, but the clock ran with the old.
    track.stopped = true;
    track.observed = track.breached || event.outcome !== 'cancelled';
  } else {
    track.priority = event.priority;
  }
}

/**
 * The fraction of its target a clock had used where the history leaves it: at its first stop
 * (observed when met or breached, censored when cancelled), or at its last event before
 * `asOf` (censored: it was still open).
 */
function sampleOf(track: ClockTrack): SurvivalSample {
  return { x: track.usedMs / track.targetMs, observed: track.stopped && track.observed };
}

function historyOf(tracks: Map<string, ClockTrack>, minSamples: number): MetricHistory | undefined {
  const all: SurvivalSample[] = [];
  const byPriority = new Map<string, SurvivalSample[]>();
  for (const track of tracks.values()) {
    const sample = sampleOf(track);
    all.push(sample);
    const list = byPriority.get(track.priority);
    if (list === undefined) byPriority.set(track.priority, [sample]);
    else list.push(sample);
  }
  const curve = kaplanMeier(all);
  if (curve.observed === 0) return undefined;
  const priorities: Record<string, SurvivalCurve> = {};
  for (const priority of [...byPriority.keys()].sort()) {
    const samples = byPriority.get(priority) as SurvivalSample[];
    let observed = 0;
    for (const sample of samples) if (sample.observed) observed += 1;
    if (observed >= minSamples) priorities[priority] = kaplanMeier(samples);
  }
  return { ...curve, priorities };
}

function fitContent(
  events: Iterable<unknown>,
  settings: FitSettings,
): Pick<BreachModelContent, 'asOf' | 'minSamples' | 'metrics'> {
  expectSlaLog(events, 'events');
  const reader = createSlaLogReader();
  const tracks: Partial<Record<SlaMetric, Map<string, ClockTrack>>> = {};
  for (const metric of settings.metrics) tracks[metric] = new Map();
  for (const value of events) {
    const event = reader.check(value);
    if (event === undefined || event.at > settings.asOf) continue;
    const metricTracks = tracks[event.metric];
    if (metricTracks !== undefined) follow(metricTracks, event);
  }
  const metrics: Partial<Record<SlaMetric, MetricHistory>> = {};
  for (const metric of settings.metrics) {
    const history = historyOf(tracks[metric] as Map<string, ClockTrack>, settings.minSamples);
    if (history !== undefined) metrics[metric] = history;
  }
  return { asOf: settings.asOf, minSamples: settings.minSamples, metrics };
}

/**
 * Fits a breach model from the host's stored log of SLA events (every ticket's events in
 * order, tickets interleaved as they were stored). For each metric, and for each metric ×
 * priority with at least `minSamples` observed stops, it estimates with Kaplan–Meier how far
 * through their targets clocks get before they first stop: met and breached stops are
 * observed, cancelled clocks and clocks still open at `asOf` are censored where the history
 * leaves them. See `docs/forecast.md`. A log with a gap, an altered duplicate or an
 * out-of-order event is `INVALID_EVENT_LOG`.
 *
 * @example
 * ```ts
 * const model = fitBreachModel(await db.slaEvents.all(), { asOf: Date.UTC(2026, 11, 1) });
 * model.metrics.resolution?.priorities.urgent?.observed; // urgent resolutions seen to stop
 * ```
 */
export function fitBreachModel(
  events: Iterable<unknown>,
  options: FitBreachModelOptions,
): BreachModel {
  const settings = readFitOptions(options, 30);
  const fitted = fitContent(events, settings);
  return models.define({ id: settings.id ?? DEFAULT_ID, ...fitted });
}

/**
 * The next version of a breach model, fitted afresh from the log: same id, `version + 1`,
 * `previous` = the fingerprint of `model`, and its `minSamples` unless the options give one.
 * The old model is untouched.
 *
 * @example
 * ```ts
 * const next = reviseBreachModel(current, await db.slaEvents.all(), { asOf: Date.UTC(2027, 0, 1) });
 * next.previous === current.fingerprint; // true
 * ```
 */
export function reviseBreachModel(
  model: BreachModel,
  events: Iterable<unknown>,
  options: Omit<FitBreachModelOptions, 'id'>,
): BreachModel {
  const current = breachModelOption(model, 'model');
  const given = expectObject(
    options,
    '',
    'INVALID_MODEL',
    'fit options { asOf, metric?, minSamples? }',
  );
  expectKnownKeys(given, ['asOf', 'metric', 'minSamples'], '', 'INVALID_MODEL');
  const settings = readFitOptions(given, current.minSamples);
  const fitted = fitContent(events, settings);
  return models.revise(current, fitted);
}
