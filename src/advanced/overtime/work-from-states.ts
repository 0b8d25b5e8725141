import { describe, PetSlaError, rethrowing } from '../../errors.js';
import {
  type Calendar,
  type InstantInput,
  type MetricStatus,
  SLA_METRICS,
  type SlaMetric,
  slaStatus,
  type TicketSlaState,
} from '../../index.js';
import {
  deepFreeze,
  expectArray,
  expectKnownKeys,
  expectObject,
  isPlainObject,
  join,
} from '../../shared/read.js';
import { type BreachModel, expectedRemainingMs, parseBreachModel } from '../forecast/index.js';
import { readInstantArgument } from '../shared/instant.js';
import { readCalendar, readEffort, reportedAt } from './read-input.js';
import type { WorkItem } from './types.js';

/**
 * The host's estimate of a ticket's remaining effort, in agent-milliseconds (a whole number
 * ≥ 0), given its state and where its clock stands at `now`.
 *
 * @example
 * ```ts
 * const byPriority: EffortEstimate = (state) => (state.priority === 'urgent' ? 2 : 1) * 3_600_000;
 * ```
 */
export type EffortEstimate = (state: TicketSlaState, status: MetricStatus) => number;

/**
 * What {@link workFromStates} takes besides the states and `now`.
 *
 * @example
 * ```ts
 * const options: WorkFromStatesOptions = { calendars: [uk], effort: () => 3_600_000, metric: 'resolution' };
 * ```
 */
export interface WorkFromStatesOptions {
  /** The calendars (or snapshots) the states are bound to, found by fingerprint. */
  readonly calendars: readonly Calendar[];
  /** Remaining effort per ticket; takes precedence over `model`. */
  readonly effort?: EffortEstimate;
  /**
   * A breach model (or its stored JSON): without `effort`, each ticket's remaining effort is
   * the model's median remaining time of its clock.
   */
  readonly model?: BreachModel;
  /** Whose due date the work is measured against; default `'resolution'`. */
  readonly metric?: SlaMetric;
}

/**
 * The breach model's estimate of a clock's remaining time: the median business time still to
 * go until it stops, given what it has used (from the history the model was fitted on).
 */
function modelEstimate(
  state: TicketSlaState,
  now: number,
  calendar: Calendar,
  model: BreachModel,
  metric: SlaMetric,
  path: string,
): number {
  const remaining = expectedRemainingMs(state, now, { calendar, model })[metric];
  if (remaining === null || remaining === undefined) {
    throw new PetSlaError(
      'INVALID_MODEL',
      `the breach model has no history to estimate the remaining ${metric} time of ticket "${state.ticketId}" (priority ${state.priority}); pass an effort function`,
      path,
    );
  }
  return remaining;
}

/** The bound calendar's fingerprint, if the value looks enough like a state to have one. */
function boundFingerprint(state: unknown): string | undefined {
  if (!isPlainObject(state) || !isPlainObject(state.calendar)) return undefined;
  const { fingerprint } = state.calendar;
  return typeof fingerprint === 'string' ? fingerprint : undefined;
}

/**
 * The open work on a board of tickets, for {@link overtimeExposure}: one item per ticket whose
 * clock of `metric` is running at `now`, due at that clock's due instant (already past for a
 * breached clock), with the effort the host estimates (or, without `effort`, the breach
 * model's median remaining time of the clock). Paused and stopped clocks have no due
 * date and give no item. Items keep the order of `states` and carry the metric and the
 * ticket's current priority.
 *
 * @example
 * ```ts
 * const work = workFromStates(openTickets.map((t) => t.slaState), now, {
 *   calendars: [uk],
 *   effort: (state) => estimates.get(state.ticketId) ?? 2 * 3_600_000,
 * });
 * const exposure = overtimeExposure({ now, work, roster: { calendar: uk, agents: 4 } });
 * ```
 */
export function workFromStates(
  states: readonly TicketSlaState[],
  now: InstantInput,
  options: WorkFromStatesOptions,
): readonly WorkItem[] {
  const list = expectArray(states, 'states', 'INVALID_STATE', 'the ticket SLA states');
  const at = readInstantArgument(now, 'now');
  const object = expectObject(
    options,
    'options',
    'INVALID_CALENDAR',
    'options { calendars, effort?, model?, metric? }',
  );
  expectKnownKeys(
    object,
    ['calendars', 'effort', 'model', 'metric'],
    'options',
    'INVALID_CALENDAR',
  );
  const calendars = new Map<string, Calendar>();
  expectArray(
    object.calendars,
    'options.calendars',
    'INVALID_CALENDAR',
    'the bound calendars',
  ).forEach((value, i) => {
    const calendar = readCalendar(value, join('options.calendars', i));
    calendars.set(calendar.fingerprint, calendar);
  });
  const { effort } = object;
  const model =
    object.model === undefined
      ? undefined
      : reportedAt('options.model', () => parseBreachModel(object.model));
  if (effort !== undefined ? typeof effort !== 'function' : model === undefined) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected a function (state, status) → remaining agent-milliseconds, or a breach model (options.model) to estimate it from, got ${describe(effort)}`,
      'options.effort',
    );
  }
  const estimate = (
    state: TicketSlaState,
    status: MetricStatus,
    calendar: Calendar,
    path: string,
  ) =>
    effort !== undefined
      ? readEffort((effort as EffortEstimate)(state, status), `options.effort(${path})`)
      : modelEstimate(state, at, calendar, model as BreachModel, metric as SlaMetric, path);
  const metric = object.metric ?? 'resolution';
  if (!(SLA_METRICS as readonly unknown[]).includes(metric)) {
    throw new PetSlaError(
      'INVALID_AMOUNT',
      `expected an SLA metric (${SLA_METRICS.join(', ')}), got ${describe(metric)}`,
      'options.metric',
    );
  }

  const seen = new Set<string>();
  const work: WorkItem[] = [];
  list.forEach((state, i) => {
    const path = join('states', i);
    const fingerprint = boundFingerprint(state);
    if (fingerprint === undefined) {
      throw new PetSlaError(
        'INVALID_STATE',
        `expected a ticket SLA state (from startSla or applyEvent) with its bound calendar, got ${describe(state)}`,
        path,
      );
    }
    const calendar = calendars.get(fingerprint);
    if (calendar === undefined) {
      throw new PetSlaError(
        'CALENDAR_MISMATCH',
        `the state is bound to the calendar with fingerprint ${fingerprint.slice(0, 12)}…, which is not among options.calendars; pass every calendar the states are bound to`,
        join(path, 'calendar'),
      );
    }
    // The state's own problems sit below its place in the list; `now` being earlier than its
    // history is a problem of that state too.
    const status = rethrowing(
      () => slaStatus(state as TicketSlaState, at, { calendar }),
      (error) => ({
        path: error.path === undefined || error.path === 'now' ? path : `${path}.${error.path}`,
      }),
    )[metric as SlaMetric];
    const { ticketId, priority } = state as TicketSlaState;
    if (seen.has(ticketId)) {
      throw new PetSlaError(
        'INVALID_STATE',
        `ticket "${ticketId}" appears twice; expected each ticket's state once`,
        join(path, 'ticketId'),
      );
    }
    seen.add(ticketId);
    if (status === undefined || status.phase !== 'running' || status.dueAt === null) return;
    const remainingMs = estimate(state as TicketSlaState, status, calendar, path);
    work.push({
      ticketId,
      dueAt: status.dueAt,
      remainingMs,
      metric: metric as SlaMetric,
      priority,
    });
  });
  return deepFreeze(work);
}
