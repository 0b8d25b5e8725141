import { describe, expectTypeOf, it } from 'vitest';
import type { ClockOutcome, ClockState, SlaEvent, SlaEventType } from '../../src/index.js';

// The published types say what the runtime checks: an event's own fields by its type, a
// clock's dueAt and outcome by its phase. (Checked by the typecheck; the test body is trivial.)

describe('SlaEvent is a union on type, ClockState a union on phase', () => {
  it('sla.stopped has an outcome, sla.retargeted a previousTargetMs, the others neither', () => {
    expectTypeOf<
      Extract<SlaEvent, { type: 'sla.stopped' }>['outcome']
    >().toEqualTypeOf<ClockOutcome>();
    expectTypeOf<
      Extract<SlaEvent, { type: 'sla.retargeted' }>['previousTargetMs']
    >().toEqualTypeOf<number>();
    expectTypeOf<SlaEventType>().toEqualTypeOf<
      | 'sla.started'
      | 'sla.paused'
      | 'sla.resumed'
      | 'sla.stopped'
      | 'sla.breached'
      | 'sla.retargeted'
      | 'sla.reopened'
    >();
    const describeEvent = (event: SlaEvent): string => {
      if (event.type === 'sla.stopped') return event.outcome;
      if (event.type === 'sla.retargeted') return String(event.previousTargetMs);
      // @ts-expect-error only a stopped event has an outcome
      return String(event.outcome);
    };
    expectTypeOf(describeEvent).returns.toEqualTypeOf<string>();
  });

  it('a running clock has a dueAt, a stopped one an outcome', () => {
    expectTypeOf<Extract<ClockState, { phase: 'running' }>['dueAt']>().toEqualTypeOf<number>();
    expectTypeOf<Extract<ClockState, { phase: 'running' }>['outcome']>().toEqualTypeOf<null>();
    expectTypeOf<Extract<ClockState, { phase: 'paused' }>['dueAt']>().toEqualTypeOf<null>();
    expectTypeOf<
      Extract<ClockState, { phase: 'stopped' }>['outcome']
    >().toEqualTypeOf<ClockOutcome>();
    // @ts-expect-error a paused clock has no due instant
    const paused: ClockState = {
      phase: 'paused',
      targetMs: 1,
      usedMs: 0,
      since: 0,
      dueAt: 5,
      breachedAt: null,
      breachReported: false,
      outcome: null,
    };
    expectTypeOf(paused).toEqualTypeOf<ClockState>();
  });
});
