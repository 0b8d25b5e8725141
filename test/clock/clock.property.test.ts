import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  applyEvent,
  businessMillisBetween,
  type Calendar,
  type ClockOutcome,
  type ClockPhase,
  checkBreaches,
  nextCheckAt,
  PetSlaError,
  replay,
  SLA_METRICS,
  type SlaEvent,
  type SlaMetric,
  type SlaPolicy,
  slaStatus,
  startSla,
  type TicketEvent,
  type TicketSlaState,
  toActivityFeedEntry,
} from '../../src/index.js';
import { CLOCK_LAWS, type ClockLaw, checkClockLaws } from '../../src/testing/clock-laws.js';
import {
  slaPolicyDefinitionArb,
  type TicketStory,
  ticketEventsArb,
  ticketStoryArb,
} from '../../src/testing/sla-arbitraries.js';
import { params } from '../support/fc.js';

// Model-based properties of the ticket SLA clock (SPEC §9) on random ticket stories: random
// calendars in zones with DST, random policies, random valid event histories.

const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// A simple model of SPEC §9, written from the text: used time is the business time of the
// intervals in which the clock was running; a running clock is due when the rest of its target
// has passed since it last (re)started or was retargeted; breaches are facts of the history.

interface Facts {
  status: string | null;
  priority: string;
  firstResponseDone: boolean;
}

interface ModelClock {
  phase: ClockPhase;
  targetMs: number;
  /** Running intervals [start, end), the last one open while running. */
  runs: [number, number | null][];
  dueAt: number | null;
  breachedAt: number | null;
  outcome: ClockOutcome | null;
}

class Model {
  facts: Facts;
  readonly clocks: Partial<Record<SlaMetric, ModelClock>> = {};
  lastEventAt: number;
  notBefore: number;

  constructor(
    readonly policy: SlaPolicy,
    readonly calendar: Calendar,
    createdAt: number,
    priority: string,
    status: string | null,
  ) {
    this.facts = {
      status,
      priority,
      firstResponseDone: status !== null && policy.stopWhen.includes(status),
    };
    this.lastEventAt = createdAt;
    this.notBefore = createdAt;
  }

  target(priority: string, metric: SlaMetric): number | undefined {
    const minutes = this.policy.targets[priority]?.[metric];
    return minutes === undefined ? undefined : Math.round(minutes * 60_000);
  }

  phase(facts: Facts, metric: SlaMetric): ClockPhase {
    if (this.target(facts.priority, metric) === undefined) return 'stopped';
    if (facts.status !== null && this.policy.stopWhen.includes(facts.status)) return 'stopped';
    if (metric === 'firstResponse' && facts.firstResponseDone) return 'stopped';
    if (facts.status !== null && this.policy.pauseWhile.includes(facts.status)) return 'paused';
    return 'running';
  }

  used(clock: ModelClock, t: number): number {
    return clock.runs.reduce(
      (sum, [a, b]) => sum + businessMillisBetween(this.calendar, a, b ?? t),
      0,
    );
  }

  due(clock: ModelClock, t: number): number {
    return addBusinessMillis(this.calendar, t, Math.max(0, clock.targetMs - this.used(clock, t)));
  }

  /** Breaches that have happened by t and were not yet recorded: by instant, then metric. */
  breaches(t: number): string[] {
    const found: { metric: SlaMetric; at: number }[] = [];
    for (const metric of SLA_METRICS) {
      const c = this.clocks[metric];
      if (c?.phase !== 'running' || c.breachedAt !== null || c.dueAt === null) continue;
      if (t > c.dueAt) {
        c.breachedAt = c.dueAt;
        found.push({ metric, at: c.dueAt });
      }
    }
    const order = (m: SlaMetric) => SLA_METRICS.indexOf(m);
    found.sort((a, b) => a.at - b.at || order(a.metric) - order(b.metric));
    return found.map(({ metric, at }) => `sla.breached ${metric} ${at}`);
  }

  check(now: number): string[] {
    const out = this.breaches(now);
    for (const line of out)
      this.notBefore = Math.max(this.notBefore, Number(line.split(' ')[2]) + 1);
    return out;
  }

  /** The facts from t on; returns the expected emitted events as "type metric at". */
  step(t: number, facts: Facts): string[] {
    const out = this.breaches(t);
    for (const metric of SLA_METRICS) {
      const phase = this.phase(facts, metric);
      const target = this.target(facts.priority, metric);
      const c = this.clocks[metric];
      if (c === undefined) {
        if (target === undefined || phase === 'stopped') continue;
        const clock: ModelClock = {
          phase,
          targetMs: target,
          runs: phase === 'running' ? [[t, null]] : [],
          dueAt: null,
          breachedAt: null,
          outcome: null,
        };
        clock.dueAt = phase === 'running' ? this.due(clock, t) : null;
        this.clocks[metric] = clock;
        out.push(`sla.started ${metric} ${t}`);
        continue;
      }
      const was = c.phase;
      const newTarget = phase === 'stopped' || target === undefined ? c.targetMs : target;
      if (was === phase && newTarget === c.targetMs) continue;
      const used = this.used(c, t);
      const last = c.runs[c.runs.length - 1];
      if (was === 'running' && phase !== 'running' && last !== undefined) last[1] = t;
      if (was !== 'running' && phase === 'running') c.runs.push([t, null]);
      const previousTarget = c.targetMs;
      c.phase = phase;
      c.targetMs = newTarget;
      if (phase !== was) {
        if (phase === 'stopped') {
          c.outcome =
            c.breachedAt !== null ? 'breached' : target === undefined ? 'cancelled' : 'met';
          out.push(`sla.stopped ${metric} ${t}`);
        } else {
          c.outcome = null;
          out.push(
            `${was === 'stopped' ? 'sla.reopened' : phase === 'paused' ? 'sla.paused' : 'sla.resumed'} ${metric} ${t}`,
          );
        }
      }
      c.dueAt = phase === 'running' ? this.due(c, t) : null;
      if (newTarget !== previousTarget) {
        out.push(`sla.retargeted ${metric} ${t}`);
        if (c.breachedAt === null && used > newTarget) {
          c.breachedAt = t;
          out.push(`sla.breached ${metric} ${t}`);
        }
      }
    }
    this.facts = facts;
    this.lastEventAt = t;
    this.notBefore = Math.max(this.notBefore, t);
    return out;
  }

  apply(event: TicketEvent & { at: number }): string[] {
    const facts = { ...this.facts };
    if (event.type === 'status_changed') {
      facts.status = event.status;
      if (this.policy.stopWhen.includes(event.status)) facts.firstResponseDone = true;
    } else if (event.type === 'agent_replied') {
      facts.firstResponseDone = true;
    } else {
      facts.priority = event.priority;
    }
    return this.step(event.at, facts);
  }

  /** What slaStatus must say at `now` (≥ the last event). */
  statusAt(now: number) {
    const status: Record<string, unknown> = {};
    for (const metric of SLA_METRICS) {
      const c = this.clocks[metric];
      if (c === undefined) continue;
      const usedMs = this.used(c, now);
      const breachedAt =
        c.breachedAt ??
        (c.phase === 'running' && c.dueAt !== null && now > c.dueAt ? c.dueAt : null);
      status[metric] = {
        phase: c.phase,
        targetMs: c.targetMs,
        usedMs,
        remainingMs: c.targetMs - usedMs,
        dueAt: c.phase === 'running' ? c.dueAt : null,
        breached: breachedAt !== null,
        breachedAt,
        outcome: c.outcome,
      };
    }
    return status;
  }

  nextCheck(): number | null {
    const due = SLA_METRICS.flatMap((metric) => {
      const c = this.clocks[metric];
      return c?.phase === 'running' && c.breachedAt === null && c.dueAt !== null
        ? [c.dueAt + 1]
        : [];
    });
    return due.length === 0 ? null : Math.min(...due);
  }
}

const lines = (events: readonly SlaEvent[]): string[] =>
  events.map((e) => `${e.type} ${e.metric} ${e.at}`);
const atOf = (event: TicketEvent): number => event.at as number; // the arbitraries use epoch ms

/** What the host does between two ticket events (besides applying the next one). */
const interleaving = fc.record({
  // checkBreaches somewhere in the gap before the next event: at a fraction of it, exactly at
  // nextCheckAt, or one millisecond before it.
  check: fc.option(
    fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constant('next' as const),
      fc.constant('just-before' as const),
    ),
    { freq: 2 },
  ),
  duplicate: fc.nat(),
  redeliver: fc.boolean(),
  outOfOrder: fc.boolean(),
  json: fc.boolean(),
  statusAt: fc.double({ min: 0, max: 1, noNaN: true }),
  // An extra event placed where the rules have edges: exactly at a due instant or one
  // millisecond past it, or a priority change at the instant the used time equals (or just
  // exceeds) the new priority's target.
  insert: fc.option(
    fc.record({
      where: fc.constantFrom('at-due', 'after-due', 'retarget-equal', 'retarget-below'),
      what: fc.constantFrom('reply', 'same-priority', 'pause', 'stop'),
      pick: fc.nat(),
    }),
    { freq: 1 },
  ),
});

/** Edge events after the story's last event (most running clocks fall due then). */
const tailArb = fc.record({
  // Reopen (status "open") first, so that stopped and paused clocks run again.
  reopen: fc.boolean(),
  inserts: fc.array(
    fc.record({
      where: fc.constantFrom('at-due', 'after-due', 'retarget-equal', 'retarget-below'),
      what: fc.constantFrom('reply', 'same-priority', 'pause', 'stop'),
      pick: fc.nat(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

interface Insert {
  readonly where: string;
  readonly what: string;
  readonly pick: number;
}

/** The extra event of an `insert` move, if one fits before `until`. */
function edgeEvent(
  insert: Insert,
  id: string,
  state: TicketSlaState,
  story: TicketStory,
  from: number,
  until: number,
): TicketEvent | null {
  const { policy, calendar } = story;
  const running = SLA_METRICS.filter((m) => {
    const c = state.clocks[m];
    return c?.phase === 'running' && c.breachedAt === null;
  });
  const metric = running[insert.pick % Math.max(1, running.length)];
  if (metric === undefined) return null;
  let at: number;
  let event: TicketEvent;
  if (insert.where === 'at-due' || insert.where === 'after-due') {
    const dueAt = state.clocks[metric]?.dueAt as number;
    at = insert.where === 'at-due' ? dueAt : dueAt + 1;
    const pause = policy.pauseWhile[insert.pick % Math.max(1, policy.pauseWhile.length)];
    const stop = policy.stopWhen[insert.pick % Math.max(1, policy.stopWhen.length)];
    event =
      insert.what === 'reply'
        ? { id, at, type: 'agent_replied' }
        : insert.what === 'pause' && pause !== undefined
          ? { id, at, type: 'status_changed', status: pause }
          : insert.what === 'stop' && stop !== undefined
            ? { id, at, type: 'status_changed', status: stop }
            : { id, at, type: 'priority_changed', priority: state.priority };
  } else {
    const used = slaStatus(state, from, { calendar })[metric]?.usedMs as number;
    const others = Object.keys(policy.targets).flatMap((p) => {
      const minutes = policy.targets[p]?.[metric];
      const target = minutes === undefined ? undefined : Math.round(minutes * 60_000);
      return target !== undefined && target > used && p !== state.priority ? [{ p, target }] : [];
    });
    const other = others[insert.pick % Math.max(1, others.length)];
    if (other === undefined) return null;
    at =
      addBusinessMillis(calendar, from, other.target - used) +
      (insert.where === 'retarget-below' ? 1 : 0);
    event = { id, at, type: 'priority_changed', priority: other.p };
  }
  return at >= from && at <= until && at >= state.notBefore ? event : null;
}

describe('the clock agrees with a model of SPEC §9', () => {
  // Which edges the runs reached (checked below, so that the generators keep reaching them).
  const edges = new Set<string>();
  it('after every applyEvent, checkBreaches, duplicate and out-of-order attempt', () => {
    fc.assert(
      fc.property(
        ticketStoryArb(),
        fc.array(interleaving, { minLength: 13, maxLength: 13 }),
        tailArb,
        (story, moves, tail) => {
          const { binding, calendar, policy } = story;
          const options = { calendar };
          const createdAt = binding.createdAt as number;
          const model = new Model(
            policy,
            calendar,
            createdAt,
            binding.priority,
            binding.status ?? null,
          );
          const expected = model.step(createdAt, model.facts);
          const start = startSla(binding);
          expect(lines(start.events)).toEqual(expected);
          let state: TicketSlaState = start.state;
          const breaches: string[] = [];
          const record = (events: readonly SlaEvent[]) => {
            for (const e of events) if (e.type === 'sla.breached') breaches.push(e.metric);
          };

          const compare = (now: number, where: string) => {
            expect(slaStatus(state, now, options), `slaStatus ${where}`).toEqual(
              model.statusAt(now),
            );
            expect(nextCheckAt(state), `nextCheckAt ${where}`).toBe(model.nextCheck());
            expect(state.lastEventAt).toBe(model.lastEventAt);
            expect(state.notBefore).toBe(model.notBefore);
          };
          compare(createdAt, 'at creation');

          story.events.forEach((event, i) => {
            const move = moves[i] ?? {
              check: null,
              duplicate: 0,
              redeliver: false,
              outOfOrder: false,
              json: false,
              statusAt: 0,
              insert: null,
            };
            const at = atOf(event);

            // An extra event at an edge of the rules, before this one.
            if (move.insert !== null) {
              const extra = edgeEvent(
                move.insert,
                `edge-${i}`,
                state,
                story,
                model.lastEventAt,
                at,
              );
              if (extra !== null) {
                const applied = applyEvent(state, extra, options);
                expect(lines(applied.events), `events of ${extra.id}`).toEqual(
                  model.apply(extra as TicketEvent & { at: number }),
                );
                record(applied.events);
                state = applied.state;
                compare(atOf(extra), `after ${extra.id}`);
                edges.add(`${move.insert.where} ${lines(applied.events).length > 0}`);
              }
            }
            const lastAt = model.lastEventAt;

            // checkBreaches in the gap [last event, this event].
            if (move.check !== null) {
              const n = nextCheckAt(state);
              const now =
                typeof move.check === 'number'
                  ? lastAt + Math.floor(move.check * (at - lastAt))
                  : n === null
                    ? at
                    : Math.min(at, Math.max(lastAt, move.check === 'next' ? n : n - 1));
              if (now >= model.notBefore) {
                const checked = checkBreaches(state, now, options);
                expect(lines(checked.events), `checkBreaches at ${now}`).toEqual(model.check(now));
                expect(checked.events.every((e) => e.causedBy === null)).toBe(true);
                record(checked.events);
                state = checked.state;
                compare(Math.max(now, model.lastEventAt), `after checkBreaches at ${now}`);
              }
            }

            if (move.json) state = JSON.parse(JSON.stringify(state)) as TicketSlaState;

            // An event from before what the state has seen is refused and changes nothing.
            if (move.outOfOrder) {
              const early = Math.max(model.lastEventAt, model.notBefore) - 1;
              const before = JSON.stringify(state);
              const frozen = Object.isFrozen(state);
              let code: string | undefined;
              try {
                applyEvent(
                  state,
                  { ...event, id: `early-${i}`, at: early } as TicketEvent,
                  options,
                );
              } catch (error) {
                expect(error).toBeInstanceOf(PetSlaError);
                code = (error as PetSlaError).code;
              }
              expect(code).toBe('OUT_OF_ORDER_EVENT');
              expect(JSON.stringify(state)).toBe(before);
              expect(Object.isFrozen(state)).toBe(frozen);
            }

            const next = applyEvent(state, event, options);
            expect(lines(next.events), `events of ${event.id}`).toEqual(
              model.apply(event as TicketEvent & { at: number }),
            );
            record(next.events);
            state = next.state;
            compare(at, `after ${event.id}`);

            // Re-delivering an event already applied is a no-op.
            if (move.redeliver) {
              const old = story.events[move.duplicate % (i + 1)] as TicketEvent;
              const again = applyEvent(state, old, options);
              expect(again.events).toEqual([]);
              expect(again.state).toEqual(state);
            }

            // Anywhere up to the next event, slaStatus is the model's.
            const nextAt =
              story.events[i + 1] === undefined
                ? at + 2 * DAY
                : atOf(story.events[i + 1] as TicketEvent);
            const probe = at + Math.floor(move.statusAt * (nextAt - at));
            compare(probe, `at ${probe}, after ${event.id}`);
          });

          const tailEvents = tail.inserts.map((insert, k) => () => {
            const from = model.lastEventAt;
            return edgeEvent(insert, `tail-${k}`, state, story, from, from + 60 * DAY);
          });
          if (tail.reopen) {
            tailEvents.unshift(() => ({
              id: 'tail-open',
              at: model.lastEventAt,
              type: 'status_changed',
              status: 'open',
            }));
          }
          tailEvents.forEach((next, k) => {
            const insert = tail.inserts[k - (tail.reopen ? 1 : 0)] ?? { where: 'reopen' };
            const extra = next();
            if (extra === null) return;
            const applied = applyEvent(state, extra, options);
            expect(lines(applied.events), `events of ${extra.id}`).toEqual(
              model.apply(extra as TicketEvent & { at: number }),
            );
            record(applied.events);
            state = applied.state;
            compare(atOf(extra), `after ${extra.id}`);
            edges.add(`${insert.where} ${applied.events.length > 0}`);
          });

          // Never a breach reported twice, whoever found it first.
          expect(new Set(breaches).size).toBe(breaches.length);
        },
      ),
      // The central property: twice the default runs.
      params(2),
    );
  });

  it('(and those runs reached every edge: at and after a due instant, retargets to and below the used time)', () => {
    for (const where of ['at-due', 'after-due', 'retarget-equal', 'retarget-below']) {
      expect(
        [...edges].filter((e) => e.startsWith(where)),
        where,
      ).not.toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The laws of the clock, each its own property (src/testing/clock-laws.ts).

const lawProperty =
  (laws: readonly ClockLaw[], stories = ticketStoryArb()) =>
  () =>
    fc.assert(
      fc.property(stories, (story) => {
        checkClockLaws(story, { laws });
      }),
      params(),
    );

describe('laws of the clock on random ticket stories', () => {
  it(
    'used time never decreases and never exceeds the business time elapsed',
    lawProperty(['used-within-elapsed']),
  );
  it(
    "a stopped clock's outcome and used time never change unless it is reopened",
    lawProperty(['stopped-outcome-stable']),
  );
  it(
    'replay(events) equals step-by-step application, and a JSON round trip between every step',
    lawProperty(['replay-is-stepwise', 'json-round-trip', 'deterministic']),
  );
  it('nextCheckAt is exactly when checkBreaches first emits', lawProperty(['next-check-at-exact']));
  it(
    'breach events are never duplicated, with or without a breach timer',
    lawProperty(['breach-reported-once', 'timer-equivalence']),
  );
  it('slaStatus at an event’s instant agrees with the event', lawProperty(['events-match-status']));
  it(
    'an event at exactly dueAt is in time; one millisecond later finds the clock breached',
    lawProperty(['due-instant-in-time']),
  );
  it('re-applying an applied event is a no-op', lawProperty(['duplicate-is-no-op']));

  it('every emitted event has a deterministic activity-feed entry; only breaches are critical', () => {
    fc.assert(
      fc.property(ticketStoryArb(), (story) => {
        const { events } = replay(story.binding, story.events);
        for (const e of events) {
          const entry = toActivityFeedEntry(e);
          expect(entry).toEqual(toActivityFeedEntry(JSON.parse(JSON.stringify(e)) as SlaEvent));
          expect(entry.id).toBe(`${e.id}/feed`);
          expect(entry.ticketId).toBe(e.ticketId);
          expect(entry.at).toBe(e.at);
          expect(entry.severity).toBe(e.type === 'sla.breached' ? 'critical' : 'info');
          expect(entry.text).toMatch(/^(First response|Resolution) SLA /);
          expect(entry.text).not.toMatch(/NaN|undefined|null|Infinity/);
        }
      }),
      params(),
    );
  });
  it(
    'slaStatus is the same whether or not checkBreaches ran before it',
    lawProperty(['status-independent-of-checks']),
  );

  it('every law holds on long histories over weeks', () => {
    expect(CLOCK_LAWS.length).toBeGreaterThanOrEqual(12);
    fc.assert(
      fc.property(ticketStoryArb({ maxEvents: 30, spanDays: 30, maxOverrides: 2 }), (story) => {
        checkClockLaws(story);
      }),
      params(0.25),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The arbitraries themselves.

describe('the SLA arbitraries', () => {
  it('produce valid policies and valid, ordered histories with unique ids', () => {
    fc.assert(
      fc.property(ticketStoryArb(), ({ policy, binding, events, calendar }) => {
        expect(policy.calendarId).toBe(calendar.id);
        expect(calendar.id).toBe('arb');
        expect(Object.keys(policy.targets)).toContain(binding.priority);
        const ids = events.map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        events.forEach((e, i) => {
          expect(Number.isSafeInteger(e.at)).toBe(true);
          expect(atOf(e)).toBeGreaterThanOrEqual(
            i === 0 ? (binding.createdAt as number) : atOf(events[i - 1] as TicketEvent),
          );
          if (e.type === 'priority_changed') expect(policy.targets[e.priority]).toBeDefined();
        });
        // Valid: the whole history replays without error.
        expect(replay(binding, events).state.appliedEvents.length).toBe(24 * ids.length);
      }),
      params(0.5),
    );
  });

  it('ticketEventsArb stays within spanDays of from and uses only the policy’s statuses', () => {
    const from = Date.UTC(2026, 10, 26, 9);
    fc.assert(
      fc.property(
        slaPolicyDefinitionArb('uk').chain((policy) =>
          fc.tuple(fc.constant(policy), ticketEventsArb(policy, { from, spanDays: 2 })),
        ),
        ([policy, events]) => {
          const statuses = [
            ...(policy.pauseWhile ?? []),
            ...(policy.stopWhen ?? []),
            'open',
            'in_progress',
          ];
          for (const e of events) {
            expect(atOf(e)).toBeGreaterThanOrEqual(from);
            expect(atOf(e)).toBeLessThanOrEqual(from + 2 * DAY);
            if (e.type === 'status_changed') expect(statuses).toContain(e.status);
          }
        },
      ),
      params(0.5),
    );
  });

  it('checkClockLaws reports a broken wrapper with the law it breaks', () => {
    const story = fc
      .sample(ticketStoryArb({ maxEvents: 20 }), { seed: 7, numRuns: 50 })
      .find((s: TicketStory) => s.events.length >= 3) as TicketStory;
    // A host wrapper that loses the applied-event ids when it stores the state.
    const forgetful = {
      startSla,
      applyEvent: (s: TicketSlaState, e: TicketEvent, o: { calendar: Calendar }) => {
        const next = applyEvent(s, e, o);
        const stored = JSON.parse(JSON.stringify(next.state)) as { appliedEvents: string };
        stored.appliedEvents = '';
        return { state: stored as unknown as TicketSlaState, events: next.events };
      },
      checkBreaches,
      nextCheckAt,
      slaStatus,
      replay,
    };
    expect(() => checkClockLaws(story, { api: forgetful, laws: ['duplicate-is-no-op'] })).toThrow(
      /clock law "duplicate-is-no-op" failed/,
    );
  });
});
