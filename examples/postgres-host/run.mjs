// `npm run example:postgres`: a month of support tickets through a Postgres-backed host.
//
// 1. A host process handles the first half of the webhook deliveries, then stops.
// 2. A fresh process (empty caches) takes over on the same database: the deliveries the first
//    one had not acknowledged come again, then the rest of the month.
// 3. This process checks what the database holds against an in-memory replay of the same
//    ticket histories, and reports from the outbox.
//
// Options: --tickets N (default 1000), --seed S (default 18), --keep (keep the data dir),
// --verbose (the whole credit statement).
// Every check exits non-zero when it fails; the last line is the summary.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { checkBreaches, replay, startSla } from 'pet-sla';
import {
  checkEscalations,
  computeKpis,
  computeServiceCredits,
  observeSla,
  startEscalation,
} from 'pet-sla/advanced';
import {
  calendarInForceAt,
  MONTH,
  MONTH_END,
  escalationPlan as plan,
  policy,
} from './definitions.mjs';
import { generateMonth, MAX_LAG_MS } from './generate.mjs';
import { GRACE_MS } from './host.mjs';
import {
  disputedTicket,
  formatKpis,
  KPI_OPTIONS,
  monthCredits,
  monthKpis,
  summariseStatement,
} from './reports.mjs';

const { values: options } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '18' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const ticketCount = Number(options.tickets);
const seed = Number(options.seed);
const UNACKED = 25;

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};
const say = (line) => console.log(line);
const int = (n) => n.toLocaleString('en-GB');

const { tickets, deliveries } = generateMonth({ tickets: ticketCount, seed });
const half = Math.floor(deliveries.length / 2);
const dataDir = mkdtempSync(join(tmpdir(), 'pet-sla-postgres-host-'));

const runPhase = (from, to, final) => {
  const out = execFileSync(
    'node',
    [
      join(import.meta.dirname, 'worker.mjs'),
      dataDir,
      String(ticketCount),
      String(seed),
      String(from),
      String(to),
      final ? 'final' : '',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').at(-1));
};

try {
  const redeliveries = deliveries.filter((d) => d.redelivery).length;
  const late = deliveries.filter(
    (d) => d.type === 'ticket.event' && !d.redelivery && d.deliverAt - d.event.at > 3 * 60_000,
  ).length;
  say(
    `A month of support: ${int(ticketCount)} tickets (seed ${seed}), ${int(deliveries.length)} deliveries: ` +
      `${int(redeliveries)} re-deliveries (${deliveries.filter((d) => d.conflict).length} with other content), ${int(late)} more than 3 min late (at most ${MAX_LAG_MS / 60_000} min; grace ${GRACE_MS / 60_000} min)`,
  );

  const first = runPhase(0, half, false);
  say(
    `  process ${first.pid}: deliveries 1–${int(half)} in ${(first.workMs / 1000).toFixed(1)} s, then stopped`,
  );
  const second = runPhase(half - UNACKED, deliveries.length, true);
  say(
    `  process ${second.pid} (fresh, caches empty: ${second.stats.snapshotsRead} rule documents read back): ` +
      `${UNACKED} unacknowledged deliveries again, then ${int(deliveries.length - half)} more in ${(second.workMs / 1000).toFixed(1)} s`,
  );
  check(first.pid !== second.pid, 'restart: the second phase did not run in a fresh process');
  check(second.stats.snapshotsRead > 0, 'restart: the fresh process read no snapshot back');

  const total = {};
  for (const key of Object.keys(first.stats)) total[key] = first.stats[key] + second.stats[key];
  const races = [...first.races, ...second.races];
  const workSeconds = (first.workMs + second.workMs) / 1000;

  // What the database holds.
  const db = new PGlite(dataDir);
  const rows = new Map(
    (await db.query('select ticket_id, sla_state, escalation_state from ticket_sla')).rows.map(
      (r) => [r.ticket_id, r],
    ),
  );
  const outboxRows = (await db.query('select kind, event from outbox order by seq')).rows;
  const outbox = outboxRows.map((r) => r.event);
  const byTicket = new Map();
  for (const { kind, event } of outboxRows) {
    const key = `${kind} ${event.ticketId}`;
    const list = byTicket.get(key) ?? [];
    list.push(event);
    byTicket.set(key, list);
  }
  const escalations = outboxRows.filter((r) => r.kind === 'escalation').map((r) => r.event);
  const deadLetters = new Map(
    (await db.query('select code, count(*)::int as n from dead_letters group by code')).rows.map(
      (r) => [r.code, r.n],
    ),
  );
  const appliedRows = Number(
    (await db.query('select count(*)::int as n from ticket_events')).rows[0].n,
  );

  // The same histories, replayed in memory: what the database must hold.
  let mismatches = 0;
  let expectedEvents = 0;
  let expectedEscalationCount = 0;
  let historyEvents = 0;
  const referenceLog = [];
  const customerOf = new Map(tickets.map((t) => [t.id, t.customer]));
  const mismatch = (ticketId, what) => {
    mismatches += 1;
    if (mismatches <= 5) console.error(`  mismatch ${ticketId}: ${what}`);
  };
  for (const ticket of tickets) {
    historyEvents += ticket.events.length;
    const calendar = calendarInForceAt(ticket.createdAt);
    const binding = {
      ticketId: ticket.id,
      priority: ticket.priority,
      createdAt: ticket.createdAt,
      policy,
      calendar,
    };
    const replayed = replay(binding, ticket.events);
    const closing = checkBreaches(replayed.state, MONTH_END, { calendar });
    const expected = [...replayed.events, ...closing.events];
    referenceLog.push(...expected);
    // The escalation tracker fed the whole log at once, then checked at the month's end.
    const tracked = observeSla(
      startEscalation(startSla(binding).state, { plan }),
      { state: closing.state, events: expected },
      { plan, calendar },
    );
    const checked = checkEscalations(tracked.state, MONTH_END, { plan, calendar });
    const expectedEscalations = [...tracked.events, ...checked.events];
    expectedEvents += expected.length + expectedEscalations.length;
    expectedEscalationCount += expectedEscalations.length;

    const stored = rows.get(ticket.id);
    if (stored === undefined) {
      mismatch(ticket.id, 'no SLA state in the database');
      continue;
    }
    // The revision counts the writes, which depend on when the timer ran (a breach the
    // scheduler reported is one more write than a breach the next event found); everything
    // else must be exactly the replay's.
    if (
      canonical({ ...stored.sla_state, revision: 0 }) !==
      canonical({ ...closing.state, revision: 0 })
    )
      mismatch(ticket.id, 'SLA state differs');
    const got = byTicket.get(`sla ${ticket.id}`) ?? [];
    if (canonical(got.map(comparable)) !== canonical(expected.map(comparable)))
      mismatch(ticket.id, `outbox holds ${got.length} SLA events, the replay ${expected.length}`);
    if (canonical(stored.escalation_state) !== canonical(checked.state))
      mismatch(ticket.id, 'escalation state differs');
    const gotEscalations = byTicket.get(`escalation ${ticket.id}`) ?? [];
    if (canonical(gotEscalations) !== canonical(expectedEscalations))
      mismatch(
        ticket.id,
        `outbox holds ${gotEscalations.length} escalations, the replay ${expectedEscalations.length}`,
      );
  }
  check(mismatches === 0, `${mismatches} tickets differ from the in-memory replay`);

  // Exactly once: every emitted event once, every ticket event applied once.
  check(
    outbox.length === expectedEvents,
    `exactly once: the outbox holds ${outbox.length} events, the replay emitted ${expectedEvents}`,
  );
  check(
    total.outboxRefused === 0,
    `exactly once: the outbox refused ${total.outboxRefused} second copies of emitted events`,
  );
  check(
    appliedRows === historyEvents,
    `exactly once: ${appliedRows} ticket events applied, the histories hold ${historyEvents}`,
  );
  const breaches = outbox.filter((e) => e.type === 'sla.breached');
  const breachKeys = new Set(breaches.map((e) => `${e.ticketId} ${e.metric} ${e.at}`));
  check(breachKeys.size === breaches.length, 'exactly once: a breach was reported twice');
  const escalationKeys = new Set(escalations.map((e) => `${e.ticketId} ${e.levelId} ${e.at}`));
  check(
    escalationKeys.size === escalations.length,
    'exactly once: an escalation level was reported twice',
  );
  check(
    escalations.length === expectedEscalationCount,
    `exactly once: the outbox holds ${escalations.length} escalations, the replay reported ${expectedEscalationCount}`,
  );
  // The deliveries the host handled: the 25 unacknowledged ones twice.
  const handled = [...deliveries.slice(0, half), ...deliveries.slice(half - UNACKED)];
  const conflicts = handled.filter((d) => d.conflict).length;
  check(
    (deadLetters.get('EVENT_CONFLICT') ?? 0) === conflicts,
    `${deadLetters.get('EVENT_CONFLICT') ?? 0} deliveries refused as EVENT_CONFLICT, ${conflicts} conflicting copies sent`,
  );
  for (const [code, n] of deadLetters) {
    check(code === 'EVENT_CONFLICT', `${n} deliveries could not be applied (${code})`);
  }

  // The races: each resolved by one failed compare-and-set and a retry.
  const webhookRaces = races.filter((r) => r.kind === 'webhook' && r.wrote);
  const schedulerRaces = races.filter((r) => r.kind === 'scheduler');
  check(webhookRaces.length > 0, 'race: no two webhook workers raced on a ticket');
  check(schedulerRaces.length > 0, 'race: no two schedulers raced on a ticket');
  let resolved = 0;
  for (const race of [...webhookRaces, ...schedulerRaces]) {
    if (race.conflicts === 1) resolved += 1;
    check(
      race.conflicts === 1,
      `race on ${race.ticketId} (${race.kind}): ${race.conflicts} failed compare-and-sets, expected 1`,
    );
  }
  say(
    `  ${int(total.applied)} changes applied, ${int(total.duplicates)} re-deliveries ignored, ` +
      `${int(total.breachesReported)} breaches and ${int(total.escalationsReported)} of ` +
      `${int(escalations.length)} escalations reported by the scheduler, ` +
      `${resolved}/${webhookRaces.length + schedulerRaces.length} races resolved by one failed ` +
      `compare-and-set and a retry (${webhookRaces.length} webhook, ${schedulerRaces.length} scheduler)`,
  );
  const cpuSeconds = (first.cpuMs + second.cpuMs) / 1000;
  const rate = (n, seconds) => int(Math.round(n / seconds));
  say(
    `  throughput: ${rate(ticketCount, workSeconds)} tickets/s, ${rate(total.deliveries, workSeconds)} deliveries/s, ` +
      `${rate(outbox.length, workSeconds)} outbox events/s over ${workSeconds.toFixed(1)} s of host work ` +
      `(per CPU second: ${rate(ticketCount, cpuSeconds)} tickets, ${rate(total.deliveries, cpuSeconds)} deliveries, ` +
      `${rate(outbox.length, cpuSeconds)} events)`,
  );

  // The month's reports, from the outbox.
  const kpis = await monthKpis(db);
  say(`KPIs for ${kpis.report.periods[0].label} (${MONTH.zone}), from the outbox in commit order:`);
  say(formatKpis(kpis.report));
  check(
    canonical(kpis.report) === canonical(computeKpis(referenceLog, KPI_OPTIONS)),
    'KPIs: the report from the outbox differs from the report of the replayed log',
  );
  check(
    canonical(kpis.merged) === canonical(kpis.report),
    `KPIs: ${kpis.parts} per-customer summaries, merged, differ from the report of the whole log`,
  );

  const credits = await monthCredits(db, 'acme');
  say(`ACME's credit statement, from its tickets' events in the outbox:`);
  say(options.verbose ? indent(credits.text) : summariseStatement(credits));
  const expectedStatement = computeServiceCredits(
    credits.contract,
    referenceLog.filter((e) => customerOf.get(e.ticketId) === 'acme'),
    { period: '2026-11', asOf: MONTH_END },
  );
  check(
    credits.statement.fingerprint === expectedStatement.fingerprint,
    'credits: the statement from the outbox differs from the statement of the replayed log',
  );

  const dispute = await disputedTicket(db, 'acme');
  check(dispute !== null, 'dispute: ACME has no breached resolution to explain');
  if (dispute !== null) {
    say(`ACME disputes ${dispute.ticketId}, its closest resolution breach:`);
    say(indent(dispute.text.trimEnd()));
    const counted = dispute.explanation.intervals.reduce((sum, i) => sum + i.countedMs, 0);
    check(
      counted === dispute.state.clocks.resolution.usedMs,
      `dispute: the explained stretches of ${dispute.ticketId} add up to ${counted} ms, the clock used ${dispute.state.clocks.resolution.usedMs}`,
    );
  }

  await db.close();
  if (failures.length > 0) {
    for (const failure of failures) console.error(`FAILED: ${failure}`);
    process.exitCode = 1;
  }
  say(`postgres host: ${ticketCount} tickets, ${outbox.length} events, ${mismatches} mismatches`);
} finally {
  if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
  else console.error(`data kept in ${dataDir}`);
}

/** An emitted event as the replay must reproduce it: a breach found by the scheduler names no cause. */
function comparable(event) {
  if (event.type !== 'sla.breached') return event;
  const { causedBy, ...rest } = event;
  return rest;
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** JSON with sorted keys: jsonb keeps its own key order, content is what counts. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
