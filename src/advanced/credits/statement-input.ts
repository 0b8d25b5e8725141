import { PetSlaError } from '../../errors.js';
import { MAX_INSTANT, MIN_INSTANT, SLA_METRICS } from '../../index.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { isPlainObject, join } from '../../shared/read.js';
import { sha256Hex } from '../../shared/sha256.js';
import { currencyDigits } from '../shared/money.js';
import { CREDIT_STATEMENT_SCHEMA, type CreditStatement } from './types.js';

// A statement read back from storage is checked before it is used: its fingerprint must be
// that of its content, and its fields of the types a statement has.

const CODE = 'INVALID_CONTRACT';
const built = new WeakSet<object>();

/** Marks a statement the library computed, so it needs no checking. */
export function rememberStatement(statement: CreditStatement): CreditStatement {
  built.add(statement);
  return statement;
}

type Check = (value: unknown, path: string) => void;

const fail = (expected: string, path: string): never => {
  throw new PetSlaError(
    CODE,
    `expected ${expected} here; this is not a credit statement from computeServiceCredits`,
    path,
  );
};
const integer: Check = (v, p) => {
  if (!Number.isSafeInteger(v)) fail('a whole number', p);
};
const instant: Check = (v, p) => {
  if (!Number.isSafeInteger(v) || (v as number) < MIN_INSTANT || (v as number) >= MAX_INSTANT)
    fail('an instant (epoch ms) from 1900 to 2200', p);
};
const text: Check = (v, p) => {
  if (typeof v !== 'string') fail('a string', p);
};
const number: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail('a finite number', p);
};
const nullable =
  (inner: Check): Check =>
  (v, p) => {
    if (v !== null) inner(v, p);
  };
const optional =
  (inner: Check): Check =>
  (v, p) => {
    if (v !== undefined) inner(v, p);
  };
const oneOf =
  (...values: readonly unknown[]): Check =>
  (v, p) => {
    if (!values.includes(v)) fail(values.map((x) => JSON.stringify(x)).join(' or '), p);
  };
const listOf =
  (inner: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail('a list', p);
    v.forEach((item, i) => {
      inner(item, join(p, i));
    });
  };
const record =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v, p) => {
    if (!isPlainObject(v)) return fail('an object', p);
    for (const [key, check] of Object.entries(fields)) check(v[key], join(p, key));
  };

const tierLine = record({
  kind: oneOf('tier'),
  tier: nullable(record({ from: number, to: number, creditPercent: number })),
  reason: oneOf(null, 'below-minimum-measured'),
  credit: integer,
  amount: integer,
});
const ticketLine = record({
  kind: oneOf('breach', 'late-hours'),
  ticketId: text,
  metric: oneOf(...SLA_METRICS),
  priority: text,
  at: instant,
  eventIds: listOf(text),
  lateHours: optional(integer),
  overdueMs: optional(integer),
  ratePerHour: optional(integer),
  maxPerTicket: optional(integer),
  credit: integer,
  amount: integer,
});
const line: Check = (v, p) =>
  isPlainObject(v) && v.kind === 'tier' ? tierLine(v, p) : ticketLine(v, p);

const statementShape = record({
  contract: record({ id: text, version: integer, fingerprint: text }),
  period: record({ label: text, zone: text, from: instant, to: instant }),
  asOf: instant,
  status: oneOf('provisional', 'final'),
  claimDeadline: nullable(instant),
  measured: record({
    met: integer,
    breached: integer,
    compliance: nullable(record({ met: integer, measured: integer, ratio: number })),
  }),
  excluded: listOf(text),
  lines: listOf(line),
  subtotal: integer,
  cap: integer,
  minimumPayable: integer,
  total: integer,
  currency: (v, p) => {
    if (typeof v !== 'string' || currencyDigits(v) === undefined) fail('an ISO 4217 code', p);
  },
});

/** A statement from the library, or a stored copy checked for shape and fingerprint. */
export function statementOf(value: unknown): CreditStatement {
  if (typeof value === 'object' && value !== null && built.has(value))
    return value as CreditStatement;
  if (!isPlainObject(value)) return fail('a credit statement (a plain object)', '');
  if (value.schema !== CREDIT_STATEMENT_SCHEMA)
    fail(`schema "${CREDIT_STATEMENT_SCHEMA}"`, 'schema');
  statementShape(value, '');
  const { fingerprint, ...body } = value;
  let canonical: string;
  try {
    canonical = canonicalJson(body);
  } catch {
    return fail('plain JSON data', '');
  }
  if (sha256Hex(canonical) !== fingerprint) {
    throw new PetSlaError(
      'FINGERPRINT_MISMATCH',
      "the statement's fingerprint is not that of its content: it was altered after it was computed",
      'fingerprint',
    );
  }
  return value as unknown as CreditStatement;
}
