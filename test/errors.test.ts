import { describe, expect, it } from 'vitest';
import { rethrowing } from '../src/errors.js';
import {
  defineCalendar,
  defineSlaPolicy,
  PetSlaError,
  parseSnapshot,
  replay,
  startSla,
} from '../src/index.js';
import { caught, jsonObject } from './support/errors.js';

describe('PetSlaError keeps the detail apart from the path', () => {
  it('message = "<path>: <detail>", or the detail alone', () => {
    const at = new PetSlaError('INVALID_WINDOW', 'expected "HH:MM-HH:MM"', 'week.mon[0]');
    expect([at.path, at.detail, at.message]).toEqual([
      'week.mon[0]',
      'expected "HH:MM-HH:MM"',
      'week.mon[0]: expected "HH:MM-HH:MM"',
    ]);
    const whole = new PetSlaError('INVALID_DEFINITION', 'expected an object', '');
    expect([whole.path, whole.detail, whole.message]).toEqual([
      undefined,
      'expected an object',
      'expected an object',
    ]);
  });

  it('rethrowing changes only what it is told to, and passes other errors through', () => {
    const inner = () => {
      throw new PetSlaError('INVALID_INSTANT', 'not an instant', 'at');
    };
    const moved = caught(() => rethrowing(inner, (e) => ({ path: `events[3].${e.path}` })));
    expect([moved.code, moved.path, moved.detail]).toEqual([
      'INVALID_INSTANT',
      'events[3].at',
      'not an instant',
    ]);
    const recoded = caught(() => rethrowing(inner, () => ({ code: 'INVALID_EVENT' })));
    expect([recoded.code, recoded.path, recoded.message]).toEqual([
      'INVALID_EVENT',
      'at',
      'at: not an instant',
    ]);
    const whole = caught(() => rethrowing(inner, () => ({ path: undefined })));
    expect([whole.path, whole.message]).toEqual([undefined, 'not an instant']);
    const same = caught(() => rethrowing(inner, () => undefined));
    expect(same.message).toBe('at: not an instant');
    expect(() =>
      rethrowing(
        () => {
          throw new RangeError('x');
        },
        () => ({ code: 'INVALID_EVENT' }),
      ),
    ).toThrow(RangeError);
    expect(
      rethrowing(
        () => 7,
        () => ({ code: 'INVALID_EVENT' }),
      ),
    ).toBe(7);
  });

  it('a problem re-raised by a layer keeps its own words: snapshot fields, replayed events', () => {
    const cal = defineCalendar({ id: 'uk', zone: 'UTC', week: { mon: ['09:00-17:00'] } });
    const snapshot = jsonObject(cal);
    (snapshot.week as Record<string, unknown>).mon = ['09:00-25:00'];
    const error = caught(() => parseSnapshot(snapshot));
    expect(error.code).toBe('INVALID_SNAPSHOT');
    expect(error.path).toBe('week.mon[0]');
    expect(error.message).toBe(`week.mon[0]: ${error.detail}`);
    expect(error.detail).toMatch(/ \(INVALID_WINDOW\)$/);
    expect(error.detail).not.toContain('week.mon[0]');

    const policy = defineSlaPolicy({
      id: 'p',
      calendarId: 'uk',
      targets: { n: { resolution: 60 } },
    });
    const binding = { ticketId: 'T', priority: 'n', createdAt: 0, policy, calendar: cal };
    const direct = caught(() =>
      startSla({ ...binding, createdAt: '2026-11-23T10:00:00' as unknown as number }),
    );
    const replayed = caught(() =>
      replay(binding, [{ id: 'e', type: 'agent_replied', at: '2026-11-23T10:00:00' }]),
    );
    expect([direct.code, replayed.code]).toEqual(['INVALID_EVENT', 'INVALID_EVENT']);
    expect([direct.path, replayed.path]).toEqual(['createdAt', 'events[0].at']);
    expect(replayed.detail).toBe(direct.detail);
  });
});
