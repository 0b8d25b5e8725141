import { policies } from './policy-document.js';
import type { SlaPolicy, SlaPolicyDefinition } from './types.js';

/**
 * Validates an SLA policy definition (docs/sla.md §1) and returns the immutable, normalised policy.
 * Every problem is a `PetSlaError` with code `INVALID_POLICY` and the path of the field.
 *
 * @example
 * ```ts
 * const standard = defineSlaPolicy({
 *   id: 'standard',
 *   calendarId: 'uk-support',
 *   pauseWhile: ['waiting_on_customer'],
 *   stopWhen: ['resolved', 'closed'],
 *   targets: {
 *     urgent: { firstResponse: 30, resolution: 240 },
 *     normal: { firstResponse: 240, resolution: 2400 },
 *   },
 * });
 * ```
 */
export function defineSlaPolicy(definition: SlaPolicyDefinition): SlaPolicy {
  return policies.define(definition);
}
