import { rethrowing } from '../../errors.js';
import { type InstantInput, toEpochMillis } from '../../index.js';

/**
 * An instant argument of an advanced function (any InstantInput), read by the core's one rule
 * for instants, with errors placed at the argument's own path (`now`, `asOf`, `work[3].dueAt`).
 */
export function readInstantArgument(value: unknown, path: string): number {
  return rethrowing(
    () => toEpochMillis(value as InstantInput),
    (error) => (error.path === 't' ? { path } : undefined),
  );
}
