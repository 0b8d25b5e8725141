import { describe, PetSlaError } from '../errors.js';
import {
  expectArray,
  expectKnownKeys,
  expectObject,
  expectString,
  join,
  type PlainObject,
} from '../shared/read.js';
import { targetMinutesToMs } from './targets.js';
import { type PriorityTargets, SLA_METRICS, type SlaMetric, type SlaPolicy } from './types.js';

const CODE = 'INVALID_POLICY';

function readStatuses(value: unknown, path: string): string[] {
  if (value === undefined) return [];
  const list = expectArray(
    value,
    path,
    CODE,
    'a list of ticket statuses such as ["waiting_on_customer"]',
  );
  const statuses = list.map((status, i) => expectString(status, join(path, i), CODE, true));
  return [...new Set(statuses)].sort();
}

function readTargets(value: unknown, path: string): Record<string, PriorityTargets> {
  const object = expectObject(
    value,
    path,
    CODE,
    'targets per priority such as { urgent: { firstResponse: 30 } }',
  );
  const priorities = Object.keys(object).sort();
  if (priorities.length === 0) {
    throw new PetSlaError(
      CODE,
      'expected at least one priority with targets, e.g. { normal: { resolution: 2400 } }',
      path,
    );
  }
  // Built from entries: a priority named "__proto__" must become a key, not a prototype.
  const entries: [string, PriorityTargets][] = [];
  for (const priority of priorities) {
    const priorityPath = join(path, priority);
    if (priority.length === 0)
      throw new PetSlaError(CODE, 'expected a non-empty priority name', priorityPath);
    const metrics = expectObject(
      object[priority],
      priorityPath,
      CODE,
      'targets { firstResponse?, resolution? }',
    );
    expectKnownKeys(metrics, SLA_METRICS, priorityPath, CODE);
    const chosen: Partial<Record<SlaMetric, number>> = {};
    for (const metric of SLA_METRICS) {
      const minutes = metrics[metric];
      if (minutes === undefined) continue;
      const metricPath = join(priorityPath, metric);
      if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) {
        throw new PetSlaError(
          CODE,
          `expected a target in business minutes: a positive finite number, got ${describe(minutes)}`,
          metricPath,
        );
      }
      const ms = targetMinutesToMs(minutes);
      if (!Number.isSafeInteger(ms) || ms < 1) {
        throw new PetSlaError(
          CODE,
          'expected a target of at least one millisecond and at most Number.MAX_SAFE_INTEGER milliseconds',
          metricPath,
        );
      }
      chosen[metric] = minutes;
    }
    if (Object.keys(chosen).length === 0) {
      throw new PetSlaError(
        CODE,
        'expected at least one metric (firstResponse or resolution) for this priority',
        priorityPath,
      );
    }
    entries.push([priority, chosen]);
  }
  return Object.fromEntries(entries);
}

/** Reads and normalises a policy's own fields (all but those every versioned document has). */
export function readPolicyContent(
  object: PlainObject,
): Pick<SlaPolicy, 'calendarId' | 'pauseWhile' | 'stopWhen' | 'targets'> {
  const calendarId = expectString(object.calendarId, 'calendarId', CODE, true);
  const pauseWhile = readStatuses(object.pauseWhile, 'pauseWhile');
  const stopWhen = readStatuses(object.stopWhen, 'stopWhen');
  const both = pauseWhile.find((status) => stopWhen.includes(status));
  if (both !== undefined) {
    throw new PetSlaError(
      CODE,
      `status "${both}" is listed in both pauseWhile and stopWhen; a status either pauses the clocks or stops them`,
      join('stopWhen', (object.stopWhen as unknown[]).indexOf(both)),
    );
  }
  if (object.targets === undefined)
    throw new PetSlaError(CODE, 'expected targets per priority', 'targets');
  const targets = readTargets(object.targets, 'targets');
  return { calendarId, pauseWhile, stopWhen, targets };
}
