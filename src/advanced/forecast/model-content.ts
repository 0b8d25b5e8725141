import { describe, PetSlaError } from '../../errors.js';
import { MAX_INSTANT, MIN_INSTANT, SLA_METRICS, type SlaMetric } from '../../index.js';
import {
  deepFreeze,
  expectArray,
  expectKnownKeys,
  expectObject,
  expectPositiveInteger,
  join,
  type PlainObject,
} from '../../shared/read.js';
import { type SurvivalCurve, type SurvivalStep, stepFactor } from './kaplan-meier.js';

// What a breach model says, read from untrusted JSON: every count, every step, and every
// survival value is checked, so a model that parses forecasts exactly what its fit did.

const CODE = 'INVALID_MODEL';

/**
 * The history of one metric in a {@link BreachModel}: its survival curve over all priorities,
 * and one curve per priority that had enough observed stops.
 *
 * @example
 * ```ts
 * const history: MetricHistory | undefined = model.metrics.resolution;
 * const urgentCurve = history?.priorities.urgent ?? history; // the priority's curve, else the metric's
 * ```
 */
export interface MetricHistory extends SurvivalCurve {
  readonly priorities: Readonly<Record<string, SurvivalCurve>>;
}

/**
 * The content of a breach model document: what is its own, besides the fields every
 * versioned document has (schema, id, name, version, previous, fingerprint).
 *
 * @example
 * ```ts
 * const { asOf, minSamples, metrics }: BreachModelContent = model;
 * ```
 */
export interface BreachModelContent {
  /** The instant the history was read as of (epoch ms): later SLA events were ignored. */
  readonly asOf: number;
  /** The observed stops a priority needed to get its own curve. */
  readonly minSamples: number;
  /** Metrics with at least one observed stop; a metric with none is absent. */
  readonly metrics: Readonly<Partial<Record<SlaMetric, MetricHistory>>>;
}

/** The model's own fields, in the order its normal form writes them. */
export const MODEL_FIELDS = ['asOf', 'minSamples', 'metrics'] as const;
const CURVE_KEYS = ['observed', 'censored', 'steps'];
const METRIC_KEYS = [...CURVE_KEYS, 'priorities'];
const STEP_KEYS = ['x', 'atRisk', 'stops', 'survival'];

function count(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new PetSlaError(CODE, `expected a whole number ≥ ${min}, got ${describe(value)}`, path);
  }
  return value;
}

/** Reads one step, checking it continues the curve before it (`previous`, or the start). */
function readStep(
  value: unknown,
  path: string,
  previous: SurvivalStep | undefined,
  total: number,
): SurvivalStep {
  const step = expectObject(value, path, CODE, 'a step { x, atRisk, stops, survival }');
  expectKnownKeys(step, STEP_KEYS, path, CODE);
  const x = step.x;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new PetSlaError(
      CODE,
      `expected a finite number ≥ 0 (used / target), got ${describe(x)}`,
      join(path, 'x'),
    );
  }
  if (previous !== undefined && !(x > previous.x)) {
    throw new PetSlaError(
      CODE,
      `expected steps in strictly increasing x, but ${x} follows ${previous.x}`,
      join(path, 'x'),
    );
  }
  const atRisk = count(step.atRisk, join(path, 'atRisk'), 1);
  const stillAtRisk = previous === undefined ? total : previous.atRisk - previous.stops;
  if (atRisk > stillAtRisk) {
    throw new PetSlaError(
      CODE,
      `${atRisk} at risk, but at most ${stillAtRisk} ${previous === undefined ? 'clocks were fitted' : 'were left after the previous step'}`,
      join(path, 'atRisk'),
    );
  }
  const stops = count(step.stops, join(path, 'stops'), 1);
  if (stops > atRisk) {
    throw new PetSlaError(
      CODE,
      `${stops} stops, but only ${atRisk} clocks were at risk`,
      join(path, 'stops'),
    );
  }
  const survival = (previous === undefined ? 1 : previous.survival) * stepFactor(atRisk, stops);
  if (step.survival !== survival) {
    throw new PetSlaError(
      CODE,
      `expected survival ${survival} (the previous survival × (atRisk − stops) / atRisk), got ${describe(step.survival)}`,
      join(path, 'survival'),
    );
  }
  return { x, atRisk, stops, survival };
}

function readCurve(object: PlainObject, path: string): SurvivalCurve {
  const observed = count(object.observed, join(path, 'observed'), 1);
  const censored = count(object.censored, join(path, 'censored'), 0);
  const list = expectArray(object.steps, join(path, 'steps'), CODE, 'the steps of the curve');
  const steps: SurvivalStep[] = [];
  let stops = 0;
  list.forEach((value, i) => {
    const step = readStep(value, join(join(path, 'steps'), i), steps.at(-1), observed + censored);
    stops += step.stops;
    steps.push(step);
  });
  if (stops !== observed) {
    throw new PetSlaError(
      CODE,
      `the steps count ${stops} observed stops, but observed is ${observed}`,
      join(path, 'observed'),
    );
  }
  return { observed, censored, steps };
}

function readMetricHistory(value: unknown, path: string, minSamples: number): MetricHistory {
  const object = expectObject(
    value,
    path,
    CODE,
    'a metric history { observed, censored, steps, priorities }',
  );
  expectKnownKeys(object, METRIC_KEYS, path, CODE);
  const curve = readCurve(object, path);
  const prioritiesPath = join(path, 'priorities');
  const given = expectObject(object.priorities, prioritiesPath, CODE, 'curves per priority');
  const priorities: Record<string, SurvivalCurve> = {};
  for (const priority of Object.keys(given).sort()) {
    const curvePath = join(prioritiesPath, priority);
    if (priority === '') throw new PetSlaError(CODE, 'expected a non-empty priority', curvePath);
    const inner = expectObject(
      given[priority],
      curvePath,
      CODE,
      'a curve { observed, censored, steps }',
    );
    expectKnownKeys(inner, CURVE_KEYS, curvePath, CODE);
    const read = readCurve(inner, curvePath);
    if (read.observed < minSamples) {
      throw new PetSlaError(
        CODE,
        `a priority gets its own curve only with at least minSamples (${minSamples}) observed stops, this one has ${read.observed}`,
        join(curvePath, 'observed'),
      );
    }
    priorities[priority] = read;
  }
  return { ...curve, priorities };
}

/**
 * Validates the model's own fields of untrusted input (a stored model or a fit's result; the
 * document machinery has checked the rest and refused unknown keys) and returns them as fresh
 * plain data in normal form. Every problem is `INVALID_MODEL` with the path of the first one.
 */
export function readBreachModelContent(object: PlainObject): BreachModelContent {
  const asOf = object.asOf;
  if (
    typeof asOf !== 'number' ||
    !Number.isSafeInteger(asOf) ||
    asOf < MIN_INSTANT ||
    asOf >= MAX_INSTANT
  ) {
    throw new PetSlaError(
      CODE,
      `expected an instant in epoch milliseconds (1900–2200), got ${describe(asOf)}`,
      'asOf',
    );
  }
  const minSamples = expectPositiveInteger(object.minSamples, 'minSamples', CODE);
  const given = expectObject(object.metrics, 'metrics', CODE, 'histories per metric');
  expectKnownKeys(given, SLA_METRICS, 'metrics', CODE);
  const metrics: Partial<Record<SlaMetric, MetricHistory>> = {};
  for (const metric of SLA_METRICS) {
    if (given[metric] === undefined) continue;
    metrics[metric] = readMetricHistory(given[metric], join('metrics', metric), minSamples);
  }
  return deepFreeze({ asOf, minSamples, metrics });
}
