import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeKpis,
  type KpiOptions,
  type KpiSummary,
  kpiItemsOf,
  kpisFromSummary,
  mergeKpiSummaries,
  summariseKpis,
} from '../../../src/advanced/index.js';
import { PetSlaError, type SlaEvent } from '../../../src/index.js';
import { caught, codeAndPath, jsonCopy, jsonObject } from '../../support/errors.js';
import { params } from '../../support/fc.js';
import { interleave, ticketLog } from './stories.js';

const days = { zone: 'UTC', unit: 'day', from: '2026-11-02', to: '2026-11-05' } as const;
const options: KpiOptions = { periods: days };

// B: first response breached at 23:00 and stopped at 01:00 (B/sla/3, B/sla/4).
const B = ticketLog('B', 'urgent', '2026-11-02T22:00:00Z', [
  { reply: '2026-11-03T01:00:00Z' },
  { status: 'resolved', at: '2026-11-03T12:00:00Z' },
]);
// C: two clocks started at creation (C/sla/1 first response, C/sla/2 resolution).
const C = ticketLog('C', 'normal', '2026-11-03T08:00:00Z', [{ reply: '2026-11-03T08:30:00Z' }]);
// L: low has a resolution target only (L/sla/1 started, L/sla/2 stopped).
const L = ticketLog('L', 'low', '2026-11-03T08:00:00Z', [
  { status: 'resolved', at: '2026-11-03T09:00:00Z' },
]);
// E: first response breach reported by checkBreaches (E/sla/3).
const E = ticketLog('E', 'urgent', '2026-11-04T20:00:00Z', [{ check: '2026-11-04T21:30:00Z' }]);

/** The log with event `id` replaced (or removed, with later ids of the ticket renumbered). */
function forged(log: readonly SlaEvent[], id: string, change: Record<string, unknown> | 'drop') {
  const out: Record<string, unknown>[] = [];
  const [ticket, , n] = id.split('/');
  let shift = 0;
  for (const event of log) {
    if (event.id === id) {
      if (change === 'drop') {
        shift = 1;
        continue;
      }
      const edited: Record<string, unknown> = { ...jsonObject(event), ...change };
      for (const key of Object.keys(edited)) if (edited[key] === undefined) delete edited[key];
      out.push(edited);
      continue;
    }
    const seq = Number(event.id.split('/')[2]);
    const renumbered =
      shift === 1 && event.ticketId === ticket && seq > Number(n)
        ? { ...jsonObject(event), id: `${ticket}/sla/${seq - 1}` }
        : jsonObject(event);
    out.push(renumbered);
  }
  return out;
}

describe('inconsistent logs are INVALID_EVENT_LOG naming the entry, ticket and event', () => {
  it('a clock past its due instant with no sla.breached', () => {
    const log = forged(B, 'B/sla/3', 'drop');
    const error = caught(() => computeKpis(log, options));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.path).toBe('events[2]');
    expect(error.message).toContain('"B/sla/3" of ticket "B"');
    expect(error.message).toContain('past its due instant (2026-11-02T23:00:00.000Z)');
  });

  it('an outcome that contradicts the breach', () => {
    const error = caught(() => computeKpis(forged(B, 'B/sla/4', { outcome: 'met' }), options));
    expect([error.code, error.path]).toEqual(['INVALID_EVENT_LOG', 'events[3]']);
    expect(error.message).toContain('outcome "met" for a clock that has breached');
  });

  it('a second sla.started, or an event before the first', () => {
    expect(
      codeAndPath(() => computeKpis(forged(C, 'C/sla/2', { metric: 'firstResponse' }), options)),
    ).toEqual({
      code: 'INVALID_EVENT_LOG',
      path: 'events[1]',
    });
    const error = caught(() =>
      computeKpis(forged(L, 'L/sla/2', { metric: 'firstResponse' }), options),
    );
    expect(error.message).toContain("a sla.stopped before the clock's sla.started");
  });

  it('a change of phase the clock cannot make', () => {
    const stop = B[3] as SlaEvent; // B/sla/4, first response stopped while running
    const resumed = {
      type: 'sla.resumed',
      phase: 'running',
      dueAt: stop.at + 1,
      outcome: undefined,
    } as const;
    const error = caught(() => computeKpis(forged(B, 'B/sla/4', resumed), options));
    expect(error.code).toBe('INVALID_EVENT_LOG');
    expect(error.message).toContain(
      'a sla.resumed for a clock that is running; expected it only when paused',
    );
  });

  it('a second breach, or a breach at the wrong instant', () => {
    const breach = E[2] as SlaEvent;
    expect(breach.type).toBe('sla.breached');
    const twice = [...E, { ...breach, id: 'E/sla/4' }];
    expect(caught(() => computeKpis(twice, options)).message).toContain('a second sla.breached');
    const late = caught(() => computeKpis(forged(E, 'E/sla/3', { at: breach.at + 1 }), options));
    expect(late.message).toContain('expected it at 2026-11-04T21:00:00.000Z');
  });

  it('checks events after asOf too, without counting them', () => {
    const log = forged(B, 'B/sla/3', 'drop');
    expect(
      codeAndPath(() => computeKpis(log, { ...options, asOf: '2026-11-02T12:00:00Z' })).code,
    ).toBe('INVALID_EVENT_LOG');
  });

  it('gaps, bad values and non-iterables', () => {
    expect(
      codeAndPath(() =>
        computeKpis(
          B.filter((e) => e.id !== 'B/sla/2'),
          options,
        ),
      ),
    ).toEqual({
      code: 'INVALID_EVENT_LOG',
      path: 'events[1].id',
    });
    expect(codeAndPath(() => computeKpis([B[0], 42], options))).toEqual({
      code: 'INVALID_EVENT_LOG',
      path: 'events[1]',
    });
    for (const notALog of [null, 42, 'events', { length: 0 }]) {
      expect(codeAndPath(() => computeKpis(notALog as never, options))).toEqual({
        code: 'INVALID_EVENT_LOG',
        path: 'events',
      });
    }
  });

  it('accepts any iterable, such as a generator', () => {
    function* stream() {
      yield* interleave(B, C, L, E);
    }
    expect(computeKpis(stream(), options)).toEqual(computeKpis(interleave(B, C, L, E), options));
  });
});

describe('bad options', () => {
  const log = interleave(B, C);
  const cases: [unknown, string, string | undefined][] = [
    [null, 'INVALID_PERIOD', undefined],
    [{}, 'INVALID_PERIOD', 'periods'],
    [{ periods: '2026-11' }, 'INVALID_PERIOD', 'periods'],
    [
      { periods: { zone: 'UTC', unit: 'month', from: '2026-11-02', to: '2026-12-01' } },
      'INVALID_PERIOD',
      'periods.from',
    ],
    [{ periods: { zone: 'Nowhere/City', label: '2026-11' } }, 'UNKNOWN_ZONE', 'periods.zone'],
    [{ periods: days, groupBy: ['status'] }, 'INVALID_PERIOD', 'groupBy'],
    [{ periods: days, groupBy: 'priority' }, 'INVALID_PERIOD', 'groupBy'],
    [{ periods: days, groupBy: ['priority', 'priority'] }, 'INVALID_PERIOD', 'groupBy'],
    [{ periods: days, asOf: 'yesterday' }, 'INVALID_INSTANT', 'asOf'],
    [{ periods: days, asOf: '2026-11-03T10:00:00' }, 'INVALID_INSTANT', 'asOf'],
    [{ periods: days, asOf: Number.NaN }, 'INVALID_INSTANT', 'asOf'],
    [{ periods: days, asOf: Date.UTC(2300, 0, 1) }, 'INSTANT_OUT_OF_RANGE', 'asOf'],
    [{ periods: days, exclude: ['B'] }, 'INVALID_PERIOD', 'exclude'],
    [{ periods: days, groupby: ['priority'] }, 'INVALID_PERIOD', 'groupby'],
  ];
  it.each(cases)('%j → %s at %s', (input, code, path) => {
    expect(codeAndPath(() => computeKpis(log, input as KpiOptions))).toEqual({ code, path });
    expect(codeAndPath(() => summariseKpis(log, input as KpiOptions)).code).toBe(code);
  });

  it('accepts asOf as a Date or an ISO string with offset', () => {
    const a = computeKpis(log, { periods: days, asOf: new Date('2026-11-03T10:00:00Z') });
    const b = computeKpis(log, { periods: days, asOf: '2026-11-03T11:00:00+01:00' });
    expect(a).toEqual(b);
    expect(a.asOf).toBe(Date.parse('2026-11-03T10:00:00Z'));
  });

  it('kpiItemsOf checks its exclusions', () => {
    expect(codeAndPath(() => kpiItemsOf(log, { periods: days, exclude: ['B', ''] }))).toEqual({
      code: 'INVALID_PERIOD',
      path: 'exclude[1]',
    });
    expect(codeAndPath(() => kpiItemsOf(log, { periods: days, exclude: 'B' as never }))).toEqual({
      code: 'INVALID_PERIOD',
      path: 'exclude',
    });
  });
});

describe('bad summaries are INVALID_SNAPSHOT naming the field', () => {
  const summary = jsonObject(summariseKpis(interleave(B, C, L, E), options));
  interface Editable {
    schema: unknown;
    extra?: unknown;
    options: { periods: { unit: unknown }; asOf: unknown; groupBy: unknown };
    rows: [Row, Row, Row, ...Row[]];
  }
  interface Row {
    period: number;
    met: number;
    openAtEnd: number;
    breachedOpenAtEnd: number;
    priority?: string;
    businessMs: number[];
    elapsedMs: number[];
  }
  const edit = (f: (s: Editable) => void) => {
    const copy = structuredClone(summary) as unknown as Editable;
    f(copy);
    return copy as unknown as KpiSummary;
  };
  const cases: [string, KpiSummary, string][] = [
    ['not an object', 42 as unknown as KpiSummary, 'summary'],
    [
      'another schema',
      edit((s) => {
        s.schema = 'pet-sla/kpi-summary@2';
      }),
      'summary.schema',
    ],
    [
      'an unknown key',
      edit((s) => {
        s.extra = 1;
      }),
      'summary.extra',
    ],
    [
      'bad periods',
      edit((s) => {
        s.options.periods.unit = 'decade';
      }),
      'summary.options.periods.unit',
    ],
    [
      'bad asOf',
      edit((s) => {
        s.options.asOf = '2026';
      }),
      'summary.options.asOf',
    ],
    [
      'bad groupBy',
      edit((s) => {
        s.options.groupBy = ['status'];
      }),
      'summary.options.groupBy',
    ],
    [
      'a negative count',
      edit((s) => {
        s.rows[0].met = -1;
      }),
      'summary.rows[0].met',
    ],
    [
      'a period out of range',
      edit((s) => {
        s.rows[0].period = 3;
      }),
      'summary.rows[0].period',
    ],
    [
      'unsorted values',
      edit((s) => {
        s.rows[2].businessMs = [5, 4];
        s.rows[2].elapsedMs = [1, 2];
        s.rows[2].met = 2;
      }),
      'summary.rows[2].businessMs[1]',
    ],
    [
      'values that do not match the counts',
      edit((s) => {
        s.rows[2].met += 1;
      }),
      'summary.rows[2].businessMs',
    ],
    [
      'rows out of order',
      edit((s) => {
        s.rows.reverse();
      }),
      'summary.rows[1]',
    ],
    [
      'a priority where none is grouped',
      edit((s) => {
        s.rows[0].priority = 'urgent';
      }),
      'summary.rows[0].priority',
    ],
    [
      'more breached open than open',
      edit((s) => {
        s.rows[0].breachedOpenAtEnd = s.rows[0].openAtEnd + 1;
      }),
      'summary.rows[0].breachedOpenAtEnd',
    ],
  ];
  it.each(cases)('%s', (_, bad, path) => {
    expect(codeAndPath(() => kpisFromSummary(bad))).toEqual({ code: 'INVALID_SNAPSHOT', path });
  });

  it('refuses to merge summaries of different options, or none', () => {
    const other = summariseKpis(B, { ...options, asOf: '2026-11-04T00:00:00Z' });
    const error = caught(() => mergeKpiSummaries(summary as unknown as KpiSummary, other));
    expect([error.code, error.path]).toEqual(['INVALID_SNAPSHOT', 'summaries[1].options']);
    expect(codeAndPath(() => mergeKpiSummaries())).toEqual({
      code: 'INVALID_SNAPSHOT',
      path: 'summaries',
    });
  });

  it('never changes what it is given', () => {
    const copy = jsonCopy(summary);
    mergeKpiSummaries(summary as unknown as KpiSummary, summary as unknown as KpiSummary);
    kpisFromSummary(summary as unknown as KpiSummary);
    expect(summary).toEqual(copy);
  });
});

describe('never a TypeError', () => {
  it('on arbitrary values', () => {
    const onlyPetSlaErrors = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(PetSlaError);
      }
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, anything) => {
        onlyPetSlaErrors(() => computeKpis([json], options));
        onlyPetSlaErrors(() => computeKpis([B[0], json], options));
        onlyPetSlaErrors(() => computeKpis(B, anything as KpiOptions));
        onlyPetSlaErrors(() => kpisFromSummary(json as never));
        onlyPetSlaErrors(() => mergeKpiSummaries(summariseKpis(B, options), anything as never));
      }),
      params(0.5),
    );
  });
});
