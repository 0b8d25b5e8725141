import { describe, PetSlaError, rethrowing } from '../../errors.js';
import { documentKind, type VersionedDocument } from '../../shared/document.js';
import { type BreachModelContent, MODEL_FIELDS, readBreachModelContent } from './model-content.js';

// The breach model as a versioned, fingerprinted document, on the machinery calendars and
// policies use: the value a fit returns is its own snapshot, and JSON read back is checked
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
 * `docs/forecast.md`). Plain JSON, deeply frozen, versioned and fingerprinted like calendar
 * snapshots: store it as it is and read it back with {@link parseBreachModel}.
 *
 * @example
 * ```ts
 * const model: BreachModel = fitBreachModel(log, { asOf: Date.UTC(2026, 11, 1) });
 * await db.models.put(model.id, model.version, JSON.stringify(model));
 * ```
 */
export interface BreachModel extends VersionedDocument, BreachModelContent {
  readonly schema: typeof BREACH_MODEL_SCHEMA;
}

/** Breach models as versioned documents. */
export const models = documentKind<BreachModel>({
  schema: BREACH_MODEL_SCHEMA,
  label: 'a breach model',
  code: 'INVALID_MODEL',
  parseCode: 'INVALID_MODEL',
  fields: [...MODEL_FIELDS],
  readContent: readBreachModelContent,
});

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
  return models.parse(json);
}

/** Internal: the model passed in an options object (a model, or its JSON read back). */
export function breachModelOption(value: unknown, path: string): BreachModel {
  if (models.isMade(value)) return value;
  return rethrowing(
    () =>
      models.accept(
        value,
        () =>
          new PetSlaError(
            'INVALID_MODEL',
            `expected a breach model from fitBreachModel or parseBreachModel, got ${describe(value)}`,
          ),
      ),
    (error) => ({ path: error.path === undefined ? path : `${path}.${error.path}` }),
  );
}
