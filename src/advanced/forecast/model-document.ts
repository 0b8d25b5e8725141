import { describe, PetSlaError, rethrowing } from '../../errors.js';
import { fingerprintOf } from '../../shared/document.js';
import {
  deepFreeze,
  expectKnownKeys,
  expectObject,
  expectString,
  isPlainObject,
} from '../../shared/read.js';
import { type BreachModelContent, readBreachModelContent } from './model-content.js';

// The breach model as a versioned, fingerprinted document, like calendar and policy
// snapshots: the value a fit returns is its own snapshot, and JSON read back is checked
// field by field and against its fingerprint before anything forecasts with it.

/**
 * The schema tag of breach models: `'pet-sla/breach-model@1'`.
 *
 * @example
 * ```ts
 * const doc = JSON.parse(row.modelJson);
 * if (doc.schema !== BREACH_MODEL_SCHEMA) throw new Error(`cannot read ${doc.schema}`);
 * ```
 */
export const BREACH_MODEL_SCHEMA = 'pet-sla/breach-model@1';

/**
 * A fitted breach model: Kaplan–Meier survival curves of the fraction of its target a clock
 * had used when it first stopped, per metric and per metric × priority (see
 * `docs/forecast.md`). Plain JSON, deeply frozen, fingerprinted: store it as it is and read it
 * back with {@link parseBreachModel}.
 *
 * @example
 * ```ts
 * const model: BreachModel = fitBreachModel(log, { asOf: Date.UTC(2026, 11, 1) });
 * await db.models.put(model.id, model.version, JSON.stringify(model));
 * ```
 */
export interface BreachModel extends BreachModelContent {
  readonly schema: typeof BREACH_MODEL_SCHEMA;
  /** Lowercase hex SHA-256 of the canonical JSON (RFC 8785) of everything else. */
  readonly fingerprint: string;
}

const DOCUMENT_KEYS = [
  'schema',
  'id',
  'version',
  'previous',
  'asOf',
  'minSamples',
  'metrics',
  'fingerprint',
];

// Models this library built or parsed, recognised by identity so they need no re-reading.
const built = new WeakSet<object>();

/** The document of already-validated content: schema tag and fingerprint added, frozen. */
export function breachModelOfContent(content: BreachModelContent): BreachModel {
  const body = { schema: BREACH_MODEL_SCHEMA, ...content };
  const model = deepFreeze({ ...body, fingerprint: fingerprintOf(body) }) as BreachModel;
  built.add(model);
  return model;
}

/**
 * Validates untrusted data (a breach model read back from storage) and returns the model.
 * A malformed model, or one of another schema, is `INVALID_MODEL` with the JSON path of the
 * first problem; well-formed content whose fingerprint is not its own is
 * `FINGERPRINT_MISMATCH` (it was corrupted or edited after it was fitted).
 *
 * @example
 * ```ts
 * const model = parseBreachModel(JSON.parse(row.modelJson));
 * const forecast = forecastBreach(state, now, { calendar: uk, model });
 * ```
 */
export function parseBreachModel(json: unknown): BreachModel {
  if (typeof json === 'object' && json !== null && built.has(json)) return json as BreachModel;
  const object = expectObject(json, '', 'INVALID_MODEL', 'a breach model');
  if (object.schema !== BREACH_MODEL_SCHEMA) {
    throw new PetSlaError(
      'INVALID_MODEL',
      `${object.schema === undefined ? 'missing schema tag' : `unsupported schema ${describe(object.schema)}`}; expected "${BREACH_MODEL_SCHEMA}"`,
      'schema',
    );
  }
  expectKnownKeys(object, DOCUMENT_KEYS, '', 'INVALID_MODEL');
  const fingerprint = expectString(object.fingerprint, 'fingerprint', 'INVALID_MODEL');
  if (!/^[0-9a-f]{64}$/.test(fingerprint)) {
    throw new PetSlaError(
      'INVALID_MODEL',
      'expected a fingerprint: 64 lowercase hexadecimal digits (SHA-256)',
      'fingerprint',
    );
  }
  const { schema: _schema, fingerprint: _fingerprint, ...content } = object;
  const model = breachModelOfContent(readBreachModelContent(content));
  if (model.fingerprint !== fingerprint) {
    throw new PetSlaError(
      'FINGERPRINT_MISMATCH',
      `the fingerprint ${fingerprint} is not that of the model's content: it was corrupted or altered after it was fitted`,
      'fingerprint',
    );
  }
  return model;
}

/** Internal: the model passed in an options object (a model, or its JSON read back). */
export function breachModelOption(value: unknown, path: string): BreachModel {
  if (!isPlainObject(value)) {
    throw new PetSlaError(
      'INVALID_MODEL',
      `expected a breach model from fitBreachModel or parseBreachModel, got ${describe(value)}`,
      path,
    );
  }
  return rethrowing(
    () => parseBreachModel(value),
    (error) => ({ path: error.path === undefined ? path : `${path}.${error.path}` }),
  );
}
