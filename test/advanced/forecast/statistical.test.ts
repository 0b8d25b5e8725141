import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { survivalAt } from '../../../src/advanced/forecast/kaplan-meier.js';
import { fitBreachModel, forecastBreach, kaplanMeier } from '../../../src/advanced/index.js';
import type { SlaEvent } from '../../../src/index.js';
import { alwaysOpen, interleave, MINUTE, runTicket, seededRandom, T0 } from './support.js';

// The estimate against the truth. Clocks are drawn from a known distribution of x = used /
// target (Weibull, shape 1.5, scale 0.8: S(x) = exp(−(x / 0.8)^1.5), so S(1) ≈ 0.247), run
// through the core as real tickets (target 100 min on a desk open around the clock), and
// right-censored by an independent cancellation (exponential, rate 0.4 per target). Every draw
// comes from a seeded PRNG, so the run is the same on every host; α says how often a correct
// engine would fail with an arbitrary seed.

const TARGET = 100 * MINUTE;
const SHAPE = 1.5;
const SCALE = 0.8;
const CENSOR_RATE = 0.4;
const trueSurvival = (x: number) => Math.exp(-((x / SCALE) ** SHAPE));
const weibull = (u: number) => SCALE * (-Math.log(1 - u)) ** (1 / SHAPE);
const exponential = (u: number, rate: number) => -Math.log(1 - u) / rate;

/**
 * A desk's history: `n` tickets, cancelled (censored) at an exponential time when `censor`;
 * also the draws themselves, as (x at the stop or the cancellation, observed).
 */
function history(
  n: number,
  seed: number,
  censor: boolean,
): { events: SlaEvent[]; draws: { x: number; observed: boolean }[] } {
  const random = seededRandom(seed);
  const logs: (readonly SlaEvent[])[] = [];
  const draws: { x: number; observed: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    const createdAt = T0 + i * MINUTE;
    const stop = Math.max(1, Math.round(weibull(random()) * TARGET));
    const cancel = censor ? Math.round(exponential(random(), CENSOR_RATE) * TARGET) : Infinity;
    const step =
      stop <= cancel
        ? ([stop / MINUTE, 'resolve'] as const)
        : ([cancel / MINUTE, 'priority', 'fr'] as const);
    // A clock cancelled after it breached counts as observed: it breached.
    draws.push({ x: Math.min(stop, cancel) / TARGET, observed: stop <= cancel || cancel > TARGET });
    logs.push(runTicket(`H${i}`, 'high', createdAt, [step]).events);
  }
  return { events: interleave(...logs), draws };
}

const ASOF = T0 + 400 * 24 * 60 * MINUTE;
const ALPHA = 0.001;
/** Dvoretzky–Kiefer–Wolfowitz: P(sup |F̂n − F| > ε) ≤ 2 exp(−2nε²) = α. */
const dkw = (n: number) => Math.sqrt(Math.log(2 / ALPHA) / (2 * n));

/** sup over x ≤ limit of |Ŝ(x) − S(x)|, at every step and just before it. */
function supDistance(steps: readonly { x: number; survival: number }[], limit: number): number {
  let worst = 0;
  let before = 1;
  for (const step of steps) {
    if (step.x > limit) break;
    const truth = trueSurvival(step.x);
    worst = Math.max(worst, Math.abs(step.survival - truth), Math.abs(before - truth));
    before = step.survival;
  }
  return Math.max(worst, Math.abs(before - trueSurvival(limit)));
}

/** The desk's history with censoring: 4,000 clocks, about a fifth cancelled before they stop. */
const desk = history(4000, 12, true);
const model = fitBreachModel(desk.events, { asOf: ASOF });
/** Where 1 − G(x) = 1/2 for the censoring distribution G: ln 2 / 0.4 ≈ 1.73. */
const xStar = Math.log(2) / CENSOR_RATE;

describe('the fitted survival is within the Dvoretzky–Kiefer–Wolfowitz bound of the truth', () => {
  it('2,000 clocks without censoring: sup |Ŝ − S| ≤ ε(n = 2000, α = 0.001) ≈ 0.0436', () => {
    const model = fitBreachModel(history(2000, 11, false).events, { asOf: ASOF });
    const curve = model.metrics.resolution;
    expect(curve?.observed).toBe(2000);
    expect(supDistance(curve?.steps ?? [], 10)).toBeLessThanOrEqual(dkw(2000));
  });

  // With censoring, Greenwood's formula bounds the variance of Ŝ(x) by that of an empirical
  // distribution of n·(1 − G(x)) clocks, G the censoring distribution: on [0, x*] with
  // 1 − G(x*) = 1/2 (x* = ln 2 / 0.4 ≈ 1.73) the bound is DKW's with n/2.

  it('4,000 clocks, a fifth censored: sup over [0, x*] ≤ ε(n = 2000, α = 0.001)', () => {
    const curve = model.metrics.resolution;
    expect(curve?.censored).toBe(desk.draws.filter((d) => !d.observed).length);
    expect(curve?.censored).toBeGreaterThan(600);
    expect(supDistance(curve?.steps ?? [], xStar)).toBeLessThanOrEqual(dkw(2000));
  });

  it('the draws the log was made from give the same curve (the log is read right)', () => {
    const direct = kaplanMeier(desk.draws);
    expect(direct.steps.map((s) => s.x)).toEqual(model.metrics.resolution?.steps.map((s) => s.x));
  });

  it('counting cancellations as stops instead is outside the bound (the test has power)', () => {
    const naive = kaplanMeier(desk.draws.map((d) => ({ x: d.x, observed: true })));
    expect(supDistance(naive.steps, xStar)).toBeGreaterThan(2 * dkw(2000));
    // The figures docs/forecast.md quotes: the true S(1) ≈ 0.247; the fit gets it within 0.02,
    // counting cancellations as stops says about 0.16 (a third of breaches unforeseen).
    const fitted = survivalAt(
      model.metrics.resolution ?? { observed: 0, censored: 0, steps: [] },
      1,
    );
    expect(Math.abs(fitted - trueSurvival(1))).toBeLessThan(0.02);
    expect(survivalAt(naive, 1)).toBeGreaterThan(0.15);
    expect(survivalAt(naive, 1)).toBeLessThan(0.17);
  });
});

// Calibration: 2,000 fresh tickets from the same distribution, each looked at once, at a
// uniformly drawn point v of its target while still open (u / T = v). Each forecast is
// compared with whether the ticket went on to breach (x > 1) and with the true conditional
// probability S(1) / S(v).
interface Forecasted {
  readonly p: number;
  readonly truth: number;
  readonly breached: boolean;
}

function freshForecasts(): Forecasted[] {
  const random = seededRandom(13);
  const out: Forecasted[] = [];
  const start = ASOF + 24 * 60 * MINUTE;
  for (let i = 0; out.length < 2000; i++) {
    const x = weibull(random());
    const v = random();
    if (x <= v) continue; // it stopped before anyone looked: not an open ticket
    const createdAt = start + i * MINUTE;
    const { state } = runTicket(`F${i}`, 'high', createdAt, []);
    const now = createdAt + Math.floor(v * TARGET);
    const f = forecastBreach(state, now, { calendar: alwaysOpen, model }).resolution;
    out.push({
      p: f?.probability ?? Number.NaN,
      truth: trueSurvival(1) / trueSurvival((now - createdAt) / TARGET),
      breached: x > 1,
    });
  }
  return out;
}

interface Bin {
  readonly from: number;
  readonly n: number;
  readonly forecast: number;
  readonly observed: number;
}

/** Ten bins of forecast probability [0, 0.1), …, [0.9, 1]: mean forecast and observed frequency. */
function reliabilityBins(forecasts: readonly Forecasted[]): Bin[] {
  return Array.from({ length: 10 }, (_, b) => {
    const inBin = forecasts.filter((f) => Math.min(9, Math.floor(f.p * 10)) === b);
    const mean = (values: number[]) => values.reduce((a, v) => a + v, 0) / values.length;
    return {
      from: b / 10,
      n: inBin.length,
      forecast: mean(inBin.map((f) => f.p)),
      observed: mean(inBin.map((f) => (f.breached ? 1 : 0))),
    };
  }).filter((bin) => bin.n > 0);
}

/**
 * The reliability diagram as ASCII: one `o` per bin at (mean forecast, observed frequency),
 * `.` the diagonal of perfect calibration; rows of 0.05, columns of 0.025.
 */
function reliabilityChart(
  bins: readonly Bin[],
  brier: { forecast: number; truth: number; constant: number },
): string {
  const rows: string[][] = Array.from({ length: 21 }, () => Array.from({ length: 41 }, () => ' '));
  for (let c = 0; c <= 40; c++) (rows[20 - Math.round(c / 2)] as string[])[c] = '.';
  for (const bin of bins) {
    (rows[20 - Math.round(bin.observed * 20)] as string[])[Math.round(bin.forecast * 40)] = 'o';
  }
  const fixed = (v: number) => v.toFixed(2);
  const label = (r: number) => ((20 - r) % 2 === 0 ? ((20 - r) / 20).toFixed(1) : '   ');
  return [
    'observed breach rate',
    ...rows.map((row, r) => `${label(r)} |${row.join('').trimEnd()}`),
    `    +${'-'.repeat(41)}`,
    `     0.0${' '.repeat(17)}0.5${' '.repeat(17)}1.0  forecast probability`,
    '',
    'bin        tickets  mean forecast  observed',
    ...bins.map(
      (b) =>
        `${b.from.toFixed(1)}-${(b.from + 0.1).toFixed(1)}  ${String(b.n).padStart(7)}  ${fixed(b.forecast).padStart(13)}  ${fixed(b.observed).padStart(8)}`,
    ),
    `Brier score ${brier.forecast.toFixed(4)} (the true probabilities: ${brier.truth.toFixed(4)}; the overall breach rate for every ticket: ${brier.constant.toFixed(4)})`,
  ].join('\n');
}

describe('forecasts for fresh simulated tickets are calibrated', () => {
  const forecasts = freshForecasts();
  const brier = (of: (f: Forecasted) => number) =>
    forecasts.reduce((sum, f) => sum + (of(f) - (f.breached ? 1 : 0)) ** 2, 0) / forecasts.length;

  it('every fresh ticket gets a probability, close to the true conditional one', () => {
    expect(forecasts.every((f) => f.p >= 0 && f.p <= 1)).toBe(true);
    // Tolerance: mean |p − p*| ≤ 0.03 (the fit's sup error on [0, 1] is below 0.044).
    const error = forecasts.reduce((sum, f) => sum + Math.abs(f.p - f.truth), 0) / forecasts.length;
    expect(error).toBeLessThan(0.03);
  });

  it('Brier score within 0.005 of that of the true probabilities, far better than a constant', () => {
    const base = forecasts.filter((f) => f.breached).length / forecasts.length;
    expect(brier((f) => f.p)).toBeLessThanOrEqual(brier((f) => f.truth) + 0.005);
    expect(brier((f) => f.p)).toBeLessThan(brier(() => base) - 0.02);
  });

  it('reliability bins: observed frequency within 3 standard errors + 0.02 of the mean forecast', () => {
    const bins = reliabilityBins(forecasts);
    expect(bins.filter((b) => b.n >= 100).length).toBeGreaterThanOrEqual(4);
    for (const bin of bins.filter((b) => b.n >= 100)) {
      const se = Math.sqrt((bin.forecast * (1 - bin.forecast)) / bin.n);
      expect(Math.abs(bin.observed - bin.forecast)).toBeLessThanOrEqual(3 * se + 0.02);
    }
  });

  it('docs/forecast.md shows the reliability chart of this very test', () => {
    const base = forecasts.filter((f) => f.breached).length / forecasts.length;
    const chart = reliabilityChart(reliabilityBins(forecasts), {
      forecast: brier((f) => f.p),
      truth: brier((f) => f.truth),
      constant: brier(() => base),
    });
    if (process.env.PET_SLA_PRINT_CHART === '1') console.log(chart);
    const docs = readFileSync(resolve(import.meta.dirname, '../../../docs/forecast.md'), 'utf8');
    expect(docs).toContain(chart);
  });
});
