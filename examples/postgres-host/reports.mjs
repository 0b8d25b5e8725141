// The month's reports, computed from the outbox: the SLA event log, read back in SQL order.
import { formatBusinessDuration, parseSnapshot } from 'pet-sla';
import {
  computeKpis,
  computeServiceCredits,
  explainSla,
  formatCreditStatement,
  formatExplanation,
  kpisFromSummary,
  mergeKpiSummaries,
  parseServiceContract,
  summariseKpis,
} from 'pet-sla/advanced';
import { MONTH, MONTH_END } from './definitions.mjs';

const MONTH_LABEL = '2026-11';

export const KPI_OPTIONS = { periods: MONTH, groupBy: ['priority'], asOf: MONTH_END };

/** Every SLA event in the outbox, in the order it was committed. */
export async function slaLog(db, where = '', params = []) {
  const { rows } = await db.query(
    `select o.event from outbox o join tickets t using (ticket_id)
     where o.kind = 'sla' ${where} order by o.seq`,
    params,
  );
  return rows.map((r) => r.event);
}

/**
 * The month's KPI report from the outbox, and the same report from one summary per customer,
 * merged (how a log too big for one process is reported): both must agree.
 */
export async function monthKpis(db) {
  const report = computeKpis(await slaLog(db), KPI_OPTIONS);
  const { rows } = await db.query('select distinct customer from tickets order by customer');
  const parts = [];
  for (const { customer } of rows) {
    parts.push(summariseKpis(await slaLog(db, 'and t.customer = $1', [customer]), KPI_OPTIONS));
  }
  const merged = kpisFromSummary(mergeKpiSummaries(...parts.reverse()));
  return { report, merged, parts: parts.length };
}

const percent = (c) => (c === null ? '—' : `${((100 * c.met) / c.measured).toFixed(2)}%`);
const duration = (ms) => (ms === null ? '—' : formatBusinessDuration(ms));

/** The report as a small table a person can read. */
export function formatKpis(report) {
  const lines = [
    `  metric         priority   met  breached  cancelled  reopened  compliance  p90 used  open at end`,
  ];
  const order = ['urgent', 'high', 'normal', 'low'];
  const rows = [...report.rows].sort(
    (a, b) =>
      (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0) ||
      order.indexOf(a.priority) - order.indexOf(b.priority),
  );
  for (const row of rows) {
    lines.push(
      `  ${row.metric.padEnd(13)}  ${row.priority.padEnd(8)}  ${String(row.met).padStart(4)}  ` +
        `${String(row.breached).padStart(8)}  ${String(row.cancelled).padStart(9)}  ` +
        `${String(row.reopened).padStart(8)}  ${percent(row.compliance).padStart(10)}  ` +
        `${duration(row.businessMs.p90).padStart(8)}  ${String(row.openAtEnd).padStart(11)}`,
    );
  }
  return lines.join('\n');
}

/** A customer's credit statement for the month, from its tickets' SLA events in the outbox. */
export async function monthCredits(db, customer) {
  const { rows } = await db.query(
    'select document from contracts where customer = $1 order by version desc limit 1',
    [customer],
  );
  const contract = parseServiceContract(rows[0].document);
  const events = await slaLog(db, 'and t.customer = $1', [customer]);
  const statement = computeServiceCredits(contract, events, {
    period: MONTH_LABEL,
    asOf: MONTH_END,
  });
  return { contract, statement, text: formatCreditStatement(statement) };
}

const money = (minor, currency) =>
  `${currency} ${(minor / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;

/** A credit statement in four lines (formatCreditStatement gives every line). */
export function summariseStatement({ statement, contract }) {
  const eur = (n) => money(n, statement.currency);
  const tier = statement.lines.find((l) => l.kind === 'tier');
  const sumOf = (kind) => {
    const lines = statement.lines.filter((l) => l.kind === kind);
    return `${lines.length} ${kind === 'breach' ? 'breach' : 'late-hour'} credits ${eur(lines.reduce((s, l) => s + l.amount, 0))}`;
  };
  const c = statement.measured.compliance;
  return [
    `  contract ${contract.id} v${contract.version}, ${statement.period.label}, ${statement.status}: ` +
      `${statement.measured.met} met, ${statement.measured.breached} breached` +
      (c === null ? '' : `, compliance ${((100 * c.met) / c.measured).toFixed(2)}%`),
    `  tier: ${tier.tier === null ? 'not applied' : `${tier.tier.creditPercent}% of the fee`} ${eur(tier.amount)}; ` +
      `${sumOf('breach')}; ${sumOf('late-hours')}`,
    `  subtotal ${eur(statement.subtotal)}, cap ${eur(statement.cap)}: total ${eur(statement.total)} ` +
      `(statement fingerprint ${statement.fingerprint.slice(0, 16)}…)`,
  ].join('\n');
}

/**
 * The ticket a customer disputes: its resolution breach with the least overdue time (the
 * closest call: "it was only minutes!"), explained from its SLA events and pinned calendar.
 */
export async function disputedTicket(db, customer) {
  const { rows } = await db.query(
    `select o.ticket_id from outbox o join tickets t using (ticket_id)
      where t.customer = $1 and o.type = 'sla.stopped' and o.metric = 'resolution'
        and o.event->>'outcome' = 'breached'
        and (o.event->>'usedMs')::bigint >= (o.event->>'targetMs')::bigint
      order by (o.event->>'usedMs')::bigint - (o.event->>'targetMs')::bigint, o.ticket_id
      limit 1`,
    [customer],
  );
  if (rows.length === 0) return null;
  const ticketId = rows[0].ticket_id;
  const log = (
    await db.query(`select event from outbox where ticket_id = $1 and kind = 'sla' order by n`, [
      ticketId,
    ])
  ).rows.map((r) => r.event);
  const row = (
    await db.query(
      `select s.sla_state, c.snapshot from ticket_sla s
         join calendar_snapshots c on c.fingerprint = s.calendar_fingerprint
        where s.ticket_id = $1`,
      [ticketId],
    )
  ).rows[0];
  const calendar = parseSnapshot(row.snapshot);
  const explanation = explainSla(log, 'resolution', { calendar, state: row.sla_state });
  return {
    ticketId,
    explanation,
    state: row.sla_state,
    text: formatExplanation(explanation, { zone: calendar.zone }),
  };
}
