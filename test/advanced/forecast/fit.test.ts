import { describe, expect, it } from 'vitest';
import {
  fitBreachModel,
  parseBreachModel,
  reviseBreachModel,
} from '../../../src/advanced/index.js';
import type { SlaEvent } from '../../../src/index.js';
import { codeAndPath, jsonCopy } from '../../support/errors.js';
import { interleave, MINUTE, runTicket, T0 } from './support.js';

const close = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(1e-12);

// A hand-made history (resolution targets: high 100 min, low 200 min; `fr` only targets a
// first response). x = used / target at the first stop; asOf is T0 + 500 min.
const asOf = T0 + 500 * MINUTE;
const tickets = {
  // met at 50 of 100 min: observed 0.5 (high)
  A: runTicket('A', 'high', T0, [[50, 'resolve']]),
  // breached, resolved at 150 of 100 min: observed 1.5 (high)
  B: runTicket('B', 'high', T0, [[150, 'resolve']]),
  // moved to low (200 min) at 30, resolved at 80: observed 80/200 = 0.4, filed under low
  C: runTicket('C', 'high', T0, [
    [30, 'priority', 'low'],
    [80, 'resolve'],
  ]),
  // moved to `fr` at 60: resolution cancelled, censored at 0.6, filed under high (the priority it
  // ran with, not the one on the stop event); its first-response clock is open at asOf
  D: runTicket('D', 'high', T0, [[60, 'priority', 'fr']]),
  // paused at 40, still waiting at asOf: censored at 0.4 (high)
  E: runTicket('E', 'high', T0, [[40, 'wait']]),
  // resolved at 600, after asOf; the resolution finds it breached since 100, so its log has an
  // sla.breached at T0 + 100 min: censored at its last event before asOf, at 1.0 (high)
  G: runTicket('G', 'high', T0, [[600, 'resolve']]),
  // created after asOf: not in the history at all
  F: runTicket('F', 'high', asOf + MINUTE, [[10, 'resolve']]),
};
const log = interleave(...Object.values(tickets).map((t) => t.events));

describe('fitBreachModel on a hand-made history', () => {
  const model = fitBreachModel(log, { asOf, minSamples: 2 });

  it('fits the metric curve with met and breached observed, cancelled and open censored', () => {
    // resolution: 0.4o(C) 0.4c(E) 0.5o(A) 0.6c(D) 1.0c(G) 1.5o(B)
    const resolution = model.metrics.resolution;
    expect(resolution?.observed).toBe(3);
    expect(resolution?.censored).toBe(3);
    expect(resolution?.steps.map((s) => [s.x, s.atRisk, s.stops])).toEqual([
      [0.4, 6, 1],
      [0.5, 4, 1],
      [1.5, 1, 1],
    ]);
    close(resolution?.steps[0]?.survival, 5 / 6);
    close(resolution?.steps[1]?.survival, (5 / 6) * (3 / 4));
    close(resolution?.steps[2]?.survival, 0);
  });

  it('files clocks under the priority they ran with; a priority needs minSamples observed stops', () => {
    const priorities = model.metrics.resolution?.priorities ?? {};
    // high: 0.4c 0.5o 0.6c 1.0c 1.5o → observed 2 ≥ 2; low: one observed stop < 2
    expect(Object.keys(priorities)).toEqual(['high']);
    const high = priorities.high;
    expect([high?.observed, high?.censored]).toEqual([2, 3]);
    expect(high?.steps.map((s) => [s.x, s.atRisk, s.stops])).toEqual([
      [0.5, 4, 1],
      [1.5, 1, 1],
    ]);
    close(high?.steps[0]?.survival, 3 / 4);
    expect(fitBreachModel(log, { asOf, minSamples: 3 }).metrics.resolution?.priorities).toEqual({});
    expect(
      Object.keys(
        fitBreachModel(log, { asOf, minSamples: 1 }).metrics.resolution?.priorities ?? {},
      ),
    ).toEqual(['high', 'low']);
  });

  it('fits a metric only when it has an observed stop', () => {
    // D's first-response clock is open at asOf (censored at 0): no curve for firstResponse.
    expect(Object.keys(model.metrics)).toEqual(['resolution']);
    const replied = runTicket('R', 'fr', T0, [[15, 'reply']]);
    const both = fitBreachModel(interleave(log, replied.events), { asOf, minSamples: 2 });
    expect(both.metrics.firstResponse?.steps.map((s) => [s.x, s.atRisk])).toEqual([[0.25, 1]]);
    expect(both.metrics.firstResponse?.censored).toBe(1);
    const only = fitBreachModel(interleave(log, replied.events), {
      asOf,
      metric: 'firstResponse',
    });
    expect(Object.keys(only.metrics)).toEqual(['firstResponse']);
  });

  it('reads the history as of asOf: later events are ignored', () => {
    const later = fitBreachModel(log, { asOf: T0 + 10_000 * MINUTE, minSamples: 2 });
    // G resolved at 600 (6.0) and F at 10 of 100 (0.1) are now observed; E still waiting.
    expect(later.metrics.resolution?.steps.map((s) => s.x)).toEqual([0.1, 0.4, 0.5, 1.5, 6]);
    const early = fitBreachModel(log, { asOf: T0 + 49 * MINUTE });
    expect(early.metrics.resolution).toBeUndefined();
    // An event exactly at asOf is part of the history.
    const atA = fitBreachModel(log, { asOf: T0 + 50 * MINUTE });
    expect(atA.metrics.resolution?.steps.map((s) => s.x)).toEqual([0.5]);
  });

  it('does not depend on how the tickets are interleaved, and ignores exact re-deliveries', () => {
    const grouped = Object.values(tickets).flatMap((t) => t.events);
    const again = [...log.slice(0, 5), ...log.slice(2, 4), ...log.slice(5)];
    for (const events of [grouped, again, jsonCopy(log)]) {
      expect(fitBreachModel(events, { asOf, minSamples: 2 })).toEqual(model);
    }
    expect(fitBreachModel(new Set(log), { asOf, minSamples: 2 }).fingerprint).toBe(
      model.fingerprint,
    );
  });

  it('never changes the log it reads', () => {
    const stored = jsonCopy(log);
    const before = JSON.stringify(stored);
    fitBreachModel(stored, { asOf, minSamples: 2 });
    expect(JSON.stringify(stored)).toBe(before);
    expect(Object.isFrozen(stored[0])).toBe(false);
  });

  it('a clock that breached and was then cancelled is observed: it breached', () => {
    const late = runTicket('L', 'high', T0, [[130, 'priority', 'fr']]);
    const fitted = fitBreachModel(late.events, { asOf });
    expect(fitted.metrics.resolution?.steps.map((s) => [s.x, s.stops])).toEqual([[1.3, 1]]);
  });

  it('is a frozen, fingerprinted, versioned document that reads back from JSON', () => {
    expect(model.schema).toBe('pet-sla/breach-model@1');
    expect(model).toMatchObject({ id: 'breach-model', version: 1, asOf, minSamples: 2 });
    expect(model.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(model.metrics.resolution?.steps[0])).toBe(true);
    expect(parseBreachModel(jsonCopy(model))).toEqual(model);
    const next = reviseBreachModel(model, log, { asOf: T0 + 10_000 * MINUTE });
    expect(next).toMatchObject({
      id: 'breach-model',
      version: 2,
      previous: model.fingerprint,
      minSamples: 2,
    });
    expect(parseBreachModel(jsonCopy(next))).toEqual(next);
    expect(fitBreachModel([], { asOf, id: 'desk-2026' })).toMatchObject({
      id: 'desk-2026',
      metrics: {},
    });
  });
});

describe('fitBreachModel refuses bad input', () => {
  const events: readonly SlaEvent[] = tickets.A.events;
  it.each([
    [{ asOf: 1.5 }, 'INVALID_INSTANT', 'asOf'],
    [{ asOf: '2026-11-02T09:00:00Z' }, 'INVALID_INSTANT', 'asOf'],
    [{ asOf: Date.UTC(2300, 0, 1) }, 'INSTANT_OUT_OF_RANGE', 'asOf'],
    [{ asOf, minSamples: 0 }, 'INVALID_MODEL', 'minSamples'],
    [{ asOf, minSamples: 2.5 }, 'INVALID_MODEL', 'minSamples'],
    [{ asOf, metric: 'reply' }, 'INVALID_MODEL', 'metric'],
    [{ asOf, id: '' }, 'INVALID_MODEL', 'id'],
    [{ asOf, minsamples: 3 }, 'INVALID_MODEL', 'minsamples'],
    [null, 'INVALID_MODEL', undefined],
  ])('options %j → %s at %s', (options, code, path) => {
    expect(codeAndPath(() => fitBreachModel(events, options as never))).toEqual({ code, path });
  });

  it('a log with a gap, an altered duplicate or a non-event is INVALID_EVENT_LOG at its index', () => {
    const [first, second] = tickets.B.events as [SlaEvent, SlaEvent];
    expect(codeAndPath(() => fitBreachModel([second], { asOf }))).toMatchObject({
      code: 'INVALID_EVENT_LOG',
    });
    expect(
      codeAndPath(() => fitBreachModel([first, { ...first, status: 'other' }], { asOf })),
    ).toMatchObject({ code: 'INVALID_EVENT_LOG', path: 'events[1]' });
    expect(codeAndPath(() => fitBreachModel([first, 42], { asOf })).code).toBe('INVALID_EVENT_LOG');
    expect(codeAndPath(() => fitBreachModel(42 as never, { asOf }))).toEqual({
      code: 'INVALID_EVENT_LOG',
      path: 'events',
    });
  });
});
