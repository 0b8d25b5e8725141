import { PetSlaError } from '../errors.js';
import type { SlaMetric, SlaPolicy } from './types.js';

// What a policy targets, read in one place: which priorities it knows, and a metric's target
// in the milliseconds the clocks count.

/**
 * A target in business minutes as the clocks count it: whole milliseconds, rounded to the
 * nearest (a fractional minute such as 1/3 would otherwise never be reached exactly).
 */
export function targetMinutesToMs(minutes: number): number {
  return Math.round(minutes * 60_000);
}

/** Whether the policy has targets for this priority (own keys only: "toString" is no priority). */
export function hasTargets(policy: SlaPolicy, priority: string): boolean {
  return Object.hasOwn(policy.targets, priority);
}

/** A metric's target at a priority, in milliseconds; `undefined` when it is not targeted. */
export function targetMsOf(
  policy: SlaPolicy,
  priority: string,
  metric: SlaMetric,
): number | undefined {
  const minutes = hasTargets(policy, priority) ? policy.targets[priority]?.[metric] : undefined;
  return minutes === undefined ? undefined : targetMinutesToMs(minutes);
}

/** UNKNOWN_PRIORITY at `path` unless the policy has targets for the priority. */
export function expectKnownPriority(policy: SlaPolicy, priority: string, path: string): void {
  if (hasTargets(policy, priority)) return;
  throw new PetSlaError(
    'UNKNOWN_PRIORITY',
    `policy "${policy.id}" version ${policy.version} has no targets for priority "${priority}"; it has ${Object.keys(
      policy.targets,
    )
      .map((p) => `"${p}"`)
      .join(', ')}`,
    path,
  );
}
