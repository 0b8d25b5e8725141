// biome-ignore-all lint/suspicious/noExplicitAny: the parse tests edit JSON documents in place
import { describe, expect, it } from 'vitest';
import {
  expectedRemainingMs,
  fitBreachModel,
  forecastBreach,
  parseBreachModel,
  rankBreachRisks,
} from '../../../src/advanced/index.js';
import { defineCalendar } from '../../../src/index.js';
import { codeAndPath, jsonCopy, jsonObject } from '../../support/errors.js';
import { alwaysOpen, interleave, MINUTE, runTicket, T0 } from './support.js';

const close = (actual: number | null | undefined, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(1e-12);

// Ten high tickets (target 100 min) resolved at 20, 40, …, 200 min: x = 0.2, 0.4, …, 2.0, all
// observed, so S(x) = (number of stops after x) / 10 and S(1) = 0.5.
const history = interleave(
  ...Array.from(
    { length: 10 },
    (_, i) => runTicket(`H${i + 1}`, 'high', T0, [[20 * (i + 1), 'resolve']]).events,
  ),
);
const T1 = T0 + 7 * 24 * 60 * MINUTE;
const model = fitBreachModel(history, { asOf: T1, metric: 'resolution', minSamples: 10 });
const options = { calendar: alwaysOpen, model };

describe('forecastBreach', () => {
  it('probability S(1)/S(u/T) on the priority curve, with conditional quantile ETAs', () => {
    const { state } = runTicket('N1', 'high', T1, []);
    const now = T1 + 70 * MINUTE; // u/T = 0.7: S = 0.7 (after the stop at 0.6)
    const forecast = forecastBreach(state, now, options);
    expect(Object.keys(forecast)).toEqual(['resolution']);
    const f = forecast.resolution;
    close(f?.probability, 0.5 / 0.7);
    expect(f?.reason).toBe(null);
    // Seven of the ten got further than 0.7: at risk at the next stop, 0.8.
    expect(f?.basis).toEqual({ stratum: 'priority', samples: 10, atRisk: 7 });
    // p50: S falls to ≤ 0.35 at 1.4; p80: ≤ 0.14 at 1.8; p95: ≤ 0.035 at 2.0 (of 100 min, minus 70 used).
    expect(f?.etaMs).toEqual({ p50: 70 * MINUTE, p80: 110 * MINUTE, p95: 130 * MINUTE });
    expect(f?.etaAt).toEqual({
      p50: now + 70 * MINUTE,
      p80: now + 110 * MINUTE,
      p95: now + 130 * MINUTE,
    });
    expect(Object.isFrozen(f?.etaMs)).toBe(true);
  });

  it('falls back to the metric curve for a priority with too few stops', () => {
    const { state } = runTicket('N2', 'low', T1, []);
    const now = T1 + 70 * MINUTE; // target 200 min: u/T = 0.35, S = 0.9
    const f = forecastBreach(state, now, options).resolution;
    close(f?.probability, 0.5 / 0.9);
    expect(f?.basis).toEqual({ stratum: 'metric', samples: 10, atRisk: 9 });
    // levels 0.45, 0.18, 0.045 → x = 1.2, 1.8, 2.0 of 200 min, minus 70 used
    expect(f?.etaMs).toEqual({ p50: 170 * MINUTE, p80: 290 * MINUTE, p95: 330 * MINUTE });
  });

  it('right-continuous: a clock exactly at a step conditions on getting past it', () => {
    const { state } = runTicket('N3', 'high', T1, []);
    const f = forecastBreach(state, T1 + 60 * MINUTE, options).resolution;
    close(f?.probability, 0.5 / 0.7);
    const before = forecastBreach(state, T1 + 60 * MINUTE - 1, options).resolution;
    close(before?.probability, 0.5 / 0.8);
    expect(forecastBreach(state, T1, options).resolution?.probability).toBe(0.5);
  });

  it('a paused clock gets a probability but no ETAs; breached and stopped clocks none', () => {
    const paused = runTicket('N4', 'high', T1, [[30, 'wait']]).state;
    const f = forecastBreach(paused, T1 + 100 * MINUTE, options).resolution;
    close(f?.probability, 0.5 / 0.9);
    expect([f?.etaMs, f?.etaAt]).toEqual([null, null]);
    const running = runTicket('N5', 'high', T1, []).state;
    expect(forecastBreach(running, T1 + 100 * MINUTE, options).resolution?.probability).toBe(1);
    expect(forecastBreach(running, T1 + 100 * MINUTE + 1, options)).toEqual({});
    const resolved = runTicket('N6', 'high', T1, [[10, 'resolve']]).state;
    expect(forecastBreach(resolved, T1 + 20 * MINUTE, options)).toEqual({});
  });

  it('no-history for a metric the model never saw stop; beyond-history past every stop', () => {
    const fr = runTicket('N7', 'fr', T1, []).state;
    expect(forecastBreach(fr, T1 + MINUTE, options).firstResponse).toEqual({
      probability: null,
      reason: 'no-history',
      basis: null,
      etaMs: null,
      etaAt: null,
    });
    const short = fitBreachModel(
      interleave(
        ...[20, 30, 40].map((m) => runTicket(`S${m}`, 'high', T0, [[m, 'resolve']]).events),
      ),
      { asOf: T1 },
    );
    const { state } = runTicket('N8', 'high', T1, []);
    const at = (minutes: number) =>
      forecastBreach(state, T1 + minutes * MINUTE, { calendar: alwaysOpen, model: short })
        .resolution;
    expect(at(50)).toEqual({
      probability: null,
      reason: 'beyond-history',
      basis: { stratum: 'metric', samples: 3, atRisk: 0 },
      etaMs: null,
      etaAt: null,
    });
    // At 0.3 only the stop at 0.4 is left: S(1)/S(0.3) = 0 / (1/3); its p95 is at 0.4.
    expect(at(30)?.probability).toBe(0);
    expect(at(30)?.etaMs).toEqual({ p50: 10 * MINUTE, p80: 10 * MINUTE, p95: 10 * MINUTE });
  });

  it('a quantile the curve never reaches is null (the longest clocks are still open)', () => {
    // Stops at 0.2 and 0.4; two more censored at 3.0 (cancelled late): S never gets below 0.5.
    const log = interleave(
      runTicket('A', 'high', T0, [[20, 'resolve']]).events,
      runTicket('B', 'high', T0, [[40, 'resolve']]).events,
      runTicket('C', 'high', T0, [[300, 'priority', 'fr']]).events,
    );
    const partial = fitBreachModel(log, { asOf: T1, metric: 'resolution' });
    const { state } = runTicket('N9', 'high', T1, []);
    const f = forecastBreach(state, T1 + 10 * MINUTE, { calendar: alwaysOpen, model: partial });
    // C breached at 100 and was then cancelled: observed at 3.0. S = 2/3, 1/3, 0.
    expect(f.resolution?.etaMs).toEqual({ p50: 30 * MINUTE, p80: 290 * MINUTE, p95: 290 * MINUTE });
    const open = interleave(
      runTicket('A', 'high', T0, [[20, 'resolve']]).events,
      runTicket('B', 'high', T0, [[40, 'resolve']]).events,
      runTicket('C', 'high', T0, [[50, 'wait']]).events,
      runTicket('D', 'high', T0, [[60, 'wait']]).events,
    );
    const g = forecastBreach(state, T1 + 10 * MINUTE, {
      calendar: alwaysOpen,
      model: fitBreachModel(open, { asOf: T1 }),
    }).resolution;
    // S: 3/4 at 0.2, 1/2 at 0.4, then flat (C and D still waiting): p50 at 0.4, no p80 or p95.
    expect(g?.etaMs).toEqual({ p50: 30 * MINUTE, p80: null, p95: null });
    expect(g?.etaAt).toEqual({ p50: T1 + 40 * MINUTE, p80: null, p95: null });
    expect(g?.probability).toBe(0.5);
  });

  it('reports ETAs as instants through the calendar', () => {
    const office = defineCalendar({
      id: 'always',
      zone: 'UTC',
      week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'] },
    });
    const { state } = runTicket('N10', 'high', T1, [], undefined, office);
    const officeModel = fitBreachModel(history, { asOf: T1 + 1, minSamples: 10 });
    const f = forecastBreach(state, T1 + 70 * MINUTE, { calendar: office, model: officeModel });
    expect(f.resolution?.etaMs?.p50).toBe(70 * MINUTE);
    // Monday 10:10 + 70 business minutes = 11:20.
    expect(f.resolution?.etaAt?.p50).toBe(T1 + 140 * MINUTE);
  });

  it('accepts a stored state and a stored model, and changes neither', () => {
    const { state } = runTicket('N11', 'high', T1, []);
    const storedState = jsonObject(state);
    const storedModel = jsonObject(model);
    const before = JSON.stringify([storedState, storedModel]);
    const f = forecastBreach(storedState as never, T1 + 70 * MINUTE, {
      calendar: jsonCopy(alwaysOpen),
      model: storedModel as never,
    });
    expect(f).toEqual(forecastBreach(state, T1 + 70 * MINUTE, options));
    expect(JSON.stringify([storedState, storedModel])).toBe(before);
  });

  it('refuses bad input with the core’s codes and INVALID_MODEL / FINGERPRINT_MISMATCH', () => {
    const { state } = runTicket('N12', 'high', T1 + 10 * MINUTE, []);
    const now = T1 + 20 * MINUTE;
    const tampered = jsonObject(model);
    (tampered as { asOf: number }).asOf += 1;
    const other = defineCalendar({ id: 'always', zone: 'UTC', week: { mon: ['09:00-17:00'] } });
    expect(
      codeAndPath(() =>
        forecastBreach(state, now, { calendar: alwaysOpen, model: tampered as never }),
      ),
    ).toEqual({ code: 'FINGERPRINT_MISMATCH', path: 'model.fingerprint' });
    expect(
      codeAndPath(() => forecastBreach(state, now, { calendar: alwaysOpen, model: {} as never })),
    ).toEqual({ code: 'INVALID_MODEL', path: 'model' });
    expect(
      codeAndPath(() => forecastBreach(state, now, { calendar: alwaysOpen } as never)),
    ).toEqual({ code: 'INVALID_MODEL', path: 'model' });
    expect(codeAndPath(() => forecastBreach(state, now, { calendar: other, model }))).toEqual({
      code: 'CALENDAR_MISMATCH',
      path: 'calendar',
    });
    const otherSchema = { ...jsonObject(model), schema: 'pet-sla/breach-model@9' };
    expect(
      codeAndPath(() =>
        forecastBreach(state, now, { calendar: alwaysOpen, model: otherSchema as never }),
      ),
    ).toEqual({ code: 'INVALID_MODEL', path: 'model.schema' });
    expect(codeAndPath(() => forecastBreach(state, T1, options))).toEqual({
      code: 'OUT_OF_ORDER_EVENT',
      path: 'now',
    });
    expect(codeAndPath(() => forecastBreach(state, Number.NaN, options)).code).toBe(
      'INVALID_INSTANT',
    );
    expect(codeAndPath(() => forecastBreach({} as never, now, options)).code).toBe('INVALID_STATE');
    expect(codeAndPath(() => forecastBreach(state, now, null as never))).toEqual({
      code: 'INVALID_MODEL',
      path: undefined,
    });
  });
});

describe('expectedRemainingMs', () => {
  it('is the conditional median, also for paused clocks', () => {
    const running = runTicket('M1', 'high', T1, []).state;
    expect(expectedRemainingMs(running, T1 + 70 * MINUTE, options)).toEqual({
      resolution: 70 * MINUTE,
    });
    const paused = runTicket('M2', 'high', T1, [[30, 'wait']]).state;
    // u/T = 0.3, S = 0.9: the median is where S ≤ 0.45, at 1.2 → 120 − 30 min.
    expect(expectedRemainingMs(paused, T1 + 90 * MINUTE, options)).toEqual({
      resolution: 90 * MINUTE,
    });
    const fr = runTicket('M3', 'fr', T1, []).state;
    expect(expectedRemainingMs(fr, T1, options)).toEqual({ firstResponse: null });
    const done = runTicket('M4', 'high', T1, [[10, 'resolve']]).state;
    expect(expectedRemainingMs(done, T1 + 10 * MINUTE, options)).toEqual({});
  });
});

describe('rankBreachRisks', () => {
  const now = T1 + 70 * MINUTE;
  const item = (
    id: string,
    priority: string,
    createdAt: number,
    steps: Parameters<typeof runTicket>[3] = [],
  ) => ({
    state: runTicket(id, priority, createdAt, steps).state,
    calendar: alwaysOpen,
  });
  const queue = [
    item('q-low', 'low', T1), // 0.35 of 200: 5/9
    item('q-b', 'high', T1), // 0.7: 5/7, 30 min left
    item('q-a', 'high', T1 + 5 * MINUTE), // 0.65: 5/7, 35 min left
    item('q-c', 'high', T1 + 5 * MINUTE), // same as q-a: ticket id decides
    item('q-fr', 'fr', T1 + 20 * MINUTE), // firstResponse: no history, 10 min left
    item('q-done', 'high', T1, [[10, 'resolve']]),
    item('q-both', 'both', T1 + 50 * MINUTE), // firstResponse no history (10 min left); resolution 0.2: 5/9, 80 min left
  ];

  it('orders by probability, then remaining time, ticket id and metric; nulls last', () => {
    const ranked = rankBreachRisks(queue, now, { model });
    expect(ranked.map((r) => `${r.ticketId}:${r.metric}`)).toEqual([
      'q-b:resolution',
      'q-a:resolution',
      'q-c:resolution',
      'q-both:resolution',
      'q-low:resolution',
      'q-both:firstResponse',
      'q-fr:firstResponse',
    ]);
    expect(ranked[0]?.remainingMs).toBe(30 * MINUTE);
    close(ranked[3]?.forecast.probability, 0.5 / 0.9);
    expect(ranked[3]?.forecast.probability).toBe(ranked[4]?.forecast.probability);
    expect(rankBreachRisks([...queue].reverse(), now, { model })).toEqual(ranked);
  });

  it('names the item a problem comes from', () => {
    expect(
      codeAndPath(() => rankBreachRisks([queue[0], queue[0]] as never, now, { model })),
    ).toEqual({ code: 'INVALID_STATE', path: 'items[1].state.ticketId' });
    const other = defineCalendar({ id: 'always', zone: 'UTC', week: { mon: ['09:00-17:00'] } });
    expect(
      codeAndPath(() =>
        rankBreachRisks([queue[1], { ...queue[0], calendar: other }] as never, now, { model }),
      ),
    ).toEqual({ code: 'CALENDAR_MISMATCH', path: 'items[1].calendar' });
    expect(
      codeAndPath(() =>
        rankBreachRisks([{ state: {}, calendar: alwaysOpen }] as never, now, { model }),
      ),
    ).toMatchObject({ code: 'INVALID_STATE', path: 'items[0].state.schema' });
    expect(codeAndPath(() => rankBreachRisks({} as never, now, { model }))).toEqual({
      code: 'INVALID_STATE',
      path: 'items',
    });
    expect(codeAndPath(() => rankBreachRisks(queue, now, {} as never))).toEqual({
      code: 'INVALID_MODEL',
      path: 'model',
    });
  });
});

describe('parseBreachModel', () => {
  const edited = (edit: (doc: Record<string, any>) => void) => {
    const doc = jsonObject(model) as Record<string, any>;
    edit(doc);
    return () => parseBreachModel(doc);
  };
  it.each([
    [
      'a wrong schema',
      (d: Record<string, any>) => {
        d.schema = 'pet-sla/breach-model@2';
      },
      'INVALID_MODEL',
      'schema',
    ],
    [
      'an unknown key',
      (d: Record<string, any>) => {
        d.extra = 1;
      },
      'INVALID_MODEL',
      'extra',
    ],
    [
      'a survival that is not the product',
      (d: Record<string, any>) => {
        d.metrics.resolution.steps[1].survival = 0.8;
      },
      'INVALID_MODEL',
      'metrics.resolution.steps[1].survival',
    ],
    [
      'steps out of order',
      (d: Record<string, any>) => {
        d.metrics.resolution.steps[1].x = 0.1;
      },
      'INVALID_MODEL',
      'metrics.resolution.steps[1].x',
    ],
    [
      'too many at risk',
      (d: Record<string, any>) => {
        d.metrics.resolution.steps[1].atRisk = 10;
      },
      'INVALID_MODEL',
      'metrics.resolution.steps[1].atRisk',
    ],
    [
      'stops that do not add up',
      (d: Record<string, any>) => {
        d.metrics.resolution.observed = 11;
      },
      'INVALID_MODEL',
      'metrics.resolution.observed',
    ],
    [
      'a thin priority curve',
      (d: Record<string, any>) => {
        d.minSamples = 11;
      },
      'INVALID_MODEL',
      'metrics.resolution.priorities.high.observed',
    ],
    [
      'an unknown metric',
      (d: Record<string, any>) => {
        d.metrics.reply = d.metrics.resolution;
      },
      'INVALID_MODEL',
      'metrics.reply',
    ],
    [
      'a negative x',
      (d: Record<string, any>) => {
        d.metrics.resolution.steps[0].x = -1;
      },
      'INVALID_MODEL',
      'metrics.resolution.steps[0].x',
    ],
    [
      'a bad fingerprint',
      (d: Record<string, any>) => {
        d.fingerprint = 'abc';
      },
      'INVALID_MODEL',
      'fingerprint',
    ],
    [
      'edited content',
      (d: Record<string, any>) => {
        d.metrics.resolution.steps[0].x = 0.19;
      },
      'FINGERPRINT_MISMATCH',
      'fingerprint',
    ],
  ])('%s', (_what, edit, code, path) => {
    expect(codeAndPath(edited(edit))).toEqual({ code, path });
  });
  it('refuses what is not an object', () => {
    expect(codeAndPath(() => parseBreachModel('model'))).toEqual({
      code: 'INVALID_MODEL',
      path: undefined,
    });
  });
});
