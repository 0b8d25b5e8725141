import { PetSlaError } from '../errors.js';
import { documentKind } from '../shared/document.js';
import { readPolicyContent } from './policy-content.js';
import { POLICY_SCHEMA, type SlaPolicy } from './types.js';

/** SLA policies as versioned documents (docs/snapshots.md). */
export const policies = documentKind<SlaPolicy>({
  schema: POLICY_SCHEMA,
  label: 'an SLA policy',
  code: 'INVALID_POLICY',
  fields: ['calendarId', 'pauseWhile', 'stopWhen', 'targets'],
  readContent: readPolicyContent,
});

/** A policy or a policy snapshot, wherever a policy is expected; else INVALID_POLICY at `path`. */
export function policyOf(value: unknown, path: string): SlaPolicy {
  return policies.accept(
    value,
    () =>
      new PetSlaError(
        'INVALID_POLICY',
        'expected an SLA policy from defineSlaPolicy or a policy snapshot',
        path,
      ),
  );
}
