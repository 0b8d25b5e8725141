// The host service: a webhook handler and a scheduler that keep each ticket's SLA state and
// escalation state in Postgres. pet-sla computes; this file stores, in one transaction per
// change, the new states (compare-and-set on their revisions) and the events they emitted
// (the outbox).
//
// It talks to the database through two calls only, `db.query(sql, params)` and
// `db.transaction(async (tx) => …)`, which PGlite provides and which are a few lines over
// node-postgres (`pool.connect()`, BEGIN/COMMIT) on a server Postgres.
import { readFileSync } from 'node:fs';
import {
  applyEvent,
  checkBreaches,
  isPetSlaError,
  nextCheckAt,
  parsePolicySnapshot,
  parseSnapshot,
  startSla,
  toPolicySnapshot,
  toSnapshot,
} from 'pet-sla';
import {
  checkEscalations,
  nextEscalationAt,
  observeSla,
  parseEscalationPlan,
  startEscalation,
} from 'pet-sla/advanced';
import {
  acmeContract,
  CALENDAR_V2_FROM,
  calendarV1,
  calendarV2,
  escalationPlan,
  MONTH_START,
  policy,
} from './definitions.mjs';

/** The host's worst delivery lag, with a margin: breaches wait this long for late events. */
export const GRACE_MS = 15 * 60_000;

const UNIQUE_VIOLATION = '23505';
/** Every ticket of this desk runs on the standard policy. */
const POLICY_ID = 'standard';

/** Creates the tables (idempotent) and stores the rules the desk runs on. */
export async function installSchema(db) {
  await db.exec(readFileSync(new URL('./schema.sql', import.meta.url), 'utf8'));
  for (const [calendar, from] of [
    [calendarV1, MONTH_START],
    [calendarV2, CALENDAR_V2_FROM],
  ]) {
    await db.query(
      `insert into calendar_snapshots (fingerprint, calendar_id, version, effective_from, snapshot)
       values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [calendar.fingerprint, calendar.id, calendar.version, from, toSnapshot(calendar)],
    );
  }
  await db.query(
    `insert into policies (fingerprint, policy_id, version, snapshot) values ($1, $2, $3, $4)
     on conflict do nothing`,
    [policy.fingerprint, policy.id, policy.version, toPolicySnapshot(policy)],
  );
  await db.query(
    `insert into escalation_plans (fingerprint, plan_id, version, policy_id, document)
     values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [
      escalationPlan.fingerprint,
      escalationPlan.id,
      escalationPlan.version,
      escalationPlan.policyId,
      escalationPlan,
    ],
  );
  await db.query(
    `insert into contracts (fingerprint, contract_id, version, customer, document)
     values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [
      acmeContract.fingerprint,
      acmeContract.id,
      acmeContract.version,
      acmeContract.customer,
      acmeContract,
    ],
  );
}

/** The earliest due instant among the running clocks of a state, or null. */
function earliestDue(state) {
  let due = null;
  for (const clock of Object.values(state.clocks)) {
    if (clock.phase === 'running' && clock.dueAt !== null && (due === null || clock.dueAt < due))
      due = clock.dueAt;
  }
  return due;
}

/** The number at the end of an emitted event's id (`T-0001/sla/7` → 7). */
const sequenceOf = (id) => Number(id.slice(id.lastIndexOf('/') + 1));

/**
 * A host bound to one database connection. Its caches (parsed snapshots by fingerprint) live
 * as long as the process: a restarted host starts with none and reads them back.
 */
export function createHost(db, { graceMs = GRACE_MS } = {}) {
  const stats = {
    deliveries: 0,
    applied: 0,
    duplicates: 0,
    casConflicts: 0,
    outboxRefused: 0,
    deadLetters: 0,
    schedulerChecks: 0,
    breachesReported: 0,
    escalationsReported: 0,
    snapshotsRead: 0,
  };
  const calendars = new Map();
  const plans = new Map();
  const policies = new Map();
  let wakeAt = null;

  /** The calendar snapshot a ticket is pinned to, parsed once per process. */
  async function calendarFor(fingerprint) {
    let calendar = calendars.get(fingerprint);
    if (calendar === undefined) {
      const { rows } = await db.query(
        'select snapshot from calendar_snapshots where fingerprint = $1',
        [fingerprint],
      );
      if (rows.length !== 1) throw new Error(`no calendar snapshot ${fingerprint}`);
      // parseSnapshot proves the row is intact: its fingerprint must match its content.
      calendar = parseSnapshot(rows[0].snapshot);
      calendars.set(fingerprint, calendar);
      stats.snapshotsRead += 1;
    }
    return calendar;
  }

  /** A policy version, parsed once per process. */
  async function policyFor(fingerprint) {
    let parsed = policies.get(fingerprint);
    if (parsed === undefined) {
      const { rows } = await db.query('select snapshot from policies where fingerprint = $1', [
        fingerprint,
      ]);
      if (rows.length !== 1) throw new Error(`no policy ${fingerprint}`);
      parsed = parsePolicySnapshot(rows[0].snapshot);
      policies.set(fingerprint, parsed);
      stats.snapshotsRead += 1;
    }
    return parsed;
  }

  /** The escalation plan a ticket is tracked with, parsed once per process. */
  async function planFor(fingerprint) {
    let plan = plans.get(fingerprint);
    if (plan === undefined) {
      const { rows } = await db.query(
        'select document from escalation_plans where fingerprint = $1',
        [fingerprint],
      );
      if (rows.length !== 1) throw new Error(`no escalation plan ${fingerprint}`);
      plan = parseEscalationPlan(rows[0].document);
      plans.set(fingerprint, plan);
      stats.snapshotsRead += 1;
    }
    return plan;
  }

  async function readTicket(ticketId) {
    const { rows } = await db.query(
      `select sla_state, sla_revision, escalation_state, escalation_revision,
              calendar_fingerprint, plan_fingerprint, next_check_at, next_escalation_at
       from ticket_sla where ticket_id = $1`,
      [ticketId],
    );
    return rows[0];
  }

  const hint = (at) => {
    if (at !== null && (wakeAt === null || at < wakeAt)) wakeAt = at;
  };

  /** Inserts emitted events (SLA and escalation events) into the outbox in one statement. */
  async function appendOutbox(tx, events) {
    if (events.length === 0) return;
    const values = [];
    const params = [];
    for (const event of events) {
      const kind = event.type === 'sla.escalated' ? 'escalation' : 'sla';
      const base = params.length;
      values.push(
        `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}, $${base + 8})`,
      );
      params.push(
        event.id,
        event.ticketId,
        kind,
        sequenceOf(event.id),
        event.type,
        event.metric,
        event.at,
        event,
      );
    }
    await tx.query(
      `insert into outbox (event_id, ticket_id, kind, n, type, metric, at, event)
       values ${values.join(', ')}`,
      params,
    );
  }

  /**
   * Writes a ticket's two transitions atomically: the SLA state and the escalation state, if
   * nobody changed the row since we read it, and the events both emitted. Returns 'written',
   * or 'conflict' (someone wrote first: re-read and retry) or 'refused' (the outbox already
   * held one of the events).
   */
  async function writeTransition(row, sla, escalation, ticketEvent) {
    const ticketId = sla.state.ticketId;
    // When the scheduler must look at the ticket (wall-clock time): the first instant a breach
    // or a level could be reported, the grace for late events included.
    const nextCheck = nextCheckAt(sla.state, { graceMs });
    const nextEscalation = nextEscalationAt(escalation.state, { graceMs });
    try {
      return await db.transaction(async (tx) => {
        // The compare-and-set: it matches no row if another worker wrote first.
        const updated = await tx.query(
          `update ticket_sla
             set sla_state = $2, sla_revision = $9,
                 escalation_state = $3, escalation_revision = escalation_revision + 1,
                 due_at = $4, next_check_at = $5, next_escalation_at = $6
           where ticket_id = $1 and sla_revision = $7 and escalation_revision = $8`,
          [
            ticketId,
            sla.state,
            escalation.state,
            earliestDue(sla.state),
            nextCheck,
            nextEscalation,
            row.sla_revision,
            row.escalation_revision,
            sla.state.revision,
          ],
        );
        if (updated.affectedRows !== 1) return 'conflict';
        if (ticketEvent !== undefined) {
          await tx.query(
            'insert into ticket_events (ticket_id, event_id, at, event) values ($1, $2, $3, $4)',
            [ticketId, ticketEvent.id, ticketEvent.at, ticketEvent],
          );
        }
        await appendOutbox(tx, [...sla.events, ...escalation.events]);
        hint(nextCheck);
        hint(nextEscalation);
        return 'written';
      });
    } catch (error) {
      // The outbox's unique event id is the last line of defence: a second copy of an emitted
      // event aborts the whole transaction. It is counted (it must never happen) and retried.
      if (error?.code === UNIQUE_VIOLATION) {
        stats.outboxRefused += 1;
        return 'refused';
      }
      throw error;
    }
  }

  async function deadLetter(ticketId, delivery, error) {
    stats.deadLetters += 1;
    await db.query(
      'insert into dead_letters (ticket_id, delivery, code, message) values ($1, $2, $3, $4)',
      [ticketId, delivery, error.code, error.message],
    );
  }

  /** `ticket.created`: binds the ticket to the policy and the calendar in force. */
  async function createTicket(delivery) {
    const { ticketId, customer, priority, createdAt } = delivery;
    // The versions in force when the ticket was created: the latest policy, the calendar
    // version it names that was in effect then, and the latest plan for that policy.
    const { rows } = await db.query(
      `select p.fingerprint as policy, c.fingerprint as calendar, e.fingerprint as plan
         from policies p
         cross join lateral (
           select fingerprint from calendar_snapshots
            where calendar_id = p.snapshot->>'calendarId' and effective_from <= $2
            order by version desc limit 1) c
         cross join lateral (
           select fingerprint from escalation_plans
            where policy_id = p.policy_id order by version desc limit 1) e
        where p.policy_id = $1
        order by p.version desc limit 1`,
      [POLICY_ID, createdAt],
    );
    const calendar = await calendarFor(rows[0].calendar);
    const bound = await policyFor(rows[0].policy);
    const plan = await planFor(rows[0].plan);
    const sla = startSla({ ticketId, priority, createdAt, policy: bound, calendar });
    const { state, events } = sla;
    const escalation = observeSla(startEscalation(state, { plan }), sla, { plan, calendar });
    await db.transaction(async (tx) => {
      const inserted = await tx.query(
        'insert into tickets (ticket_id, customer, created_at) values ($1, $2, $3) on conflict do nothing',
        [ticketId, customer, createdAt],
      );
      // A re-delivered creation changes nothing.
      if (inserted.affectedRows !== 1) {
        stats.duplicates += 1;
        return;
      }
      const nextCheck = nextCheckAt(state, { graceMs });
      const nextEscalation = nextEscalationAt(escalation.state, { graceMs });
      await tx.query(
        `insert into ticket_sla (ticket_id, calendar_fingerprint, policy_fingerprint, sla_state,
           sla_revision, plan_fingerprint, escalation_state, escalation_revision, due_at,
           next_check_at, next_escalation_at)
         values ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10)`,
        [
          ticketId,
          calendar.fingerprint,
          bound.fingerprint,
          state,
          state.revision,
          plan.fingerprint,
          escalation.state,
          earliestDue(state),
          nextCheck,
          nextEscalation,
        ],
      );
      await appendOutbox(tx, [...events, ...escalation.events]);
      hint(nextCheck);
      hint(nextEscalation);
      stats.applied += 1;
    });
  }

  /**
   * The webhook handler. `hooks.afterRead` runs between reading the row and writing it (the
   * example uses it to make two workers overlap).
   */
  async function deliver(delivery, hooks = {}) {
    stats.deliveries += 1;
    if (delivery.type === 'ticket.created') return createTicket(delivery);
    const { ticketId, event } = delivery;
    for (let attempt = 1; ; attempt++) {
      const row = await readTicket(ticketId);
      if (row === undefined) {
        return deadLetter(ticketId, delivery, {
          code: 'UNKNOWN_TICKET',
          message: 'no such ticket',
        });
      }
      const calendar = await calendarFor(row.calendar_fingerprint);
      const plan = await planFor(row.plan_fingerprint);
      let sla;
      try {
        sla = applyEvent(row.sla_state, event, { calendar });
      } catch (error) {
        // Too late to change history (older than a breach already reported), or the id of an
        // applied event with other content: park it for a person, change nothing.
        if (
          isPetSlaError(error) &&
          (error.code === 'OUT_OF_ORDER_EVENT' || error.code === 'EVENT_CONFLICT')
        )
          return deadLetter(ticketId, delivery, error);
        throw error;
      }
      // A re-delivery, however late: nothing to write.
      if (sla.duplicate) {
        stats.duplicates += 1;
        if (attempt === 1 && hooks.afterRead) await hooks.afterRead();
        return;
      }
      // The escalation tracker follows the SLA events, and the ticket time they reached.
      const escalation = observeSla(row.escalation_state, sla, { plan, calendar });
      if (attempt === 1 && hooks.afterRead) await hooks.afterRead();
      const outcome = await writeTransition(row, sla, escalation, event);
      if (outcome === 'written') {
        stats.applied += 1;
        return;
      }
      if (outcome === 'conflict') stats.casConflicts += 1;
    }
  }

  /**
   * One ticket's timer at wall-clock time `now`: report what has breached, and the escalation
   * levels reached, by `now − grace` (they wait for the events that may still be on their way).
   */
  async function checkTicket(ticketId, now, hooks = {}) {
    for (let attempt = 1; ; attempt++) {
      const row = await readTicket(ticketId);
      const slaDue = row.next_check_at !== null && row.next_check_at <= now;
      const escalationDue = row.next_escalation_at !== null && row.next_escalation_at <= now;
      // Someone else handled it meanwhile (or an event moved the checks later).
      if (!slaDue && !escalationDue) {
        if (attempt === 1 && hooks.afterRead) await hooks.afterRead();
        return;
      }
      const calendar = await calendarFor(row.calendar_fingerprint);
      const plan = await planFor(row.plan_fingerprint);
      const sla = slaDue
        ? checkBreaches(row.sla_state, now, { calendar, graceMs })
        : { state: row.sla_state, events: [] };
      const observed =
        sla.events.length > 0
          ? observeSla(row.escalation_state, sla, { plan, calendar })
          : { state: row.escalation_state, events: [] };
      const checked = checkEscalations(observed.state, now, { plan, calendar, graceMs });
      const escalation = { state: checked.state, events: [...observed.events, ...checked.events] };
      if (attempt === 1 && hooks.afterRead) await hooks.afterRead();
      stats.schedulerChecks += 1;
      const outcome = await writeTransition(row, sla, escalation);
      if (outcome === 'written') {
        stats.breachesReported += sla.events.length;
        stats.escalationsReported += escalation.events.length;
        return;
      }
      if (outcome === 'conflict') stats.casConflicts += 1;
    }
  }

  /**
   * The scheduler at wall-clock time `now`: every ticket whose next check has come.
   * `hooks.race(ticketId)` may ask for a ticket to be checked by two schedulers at once.
   */
  async function runScheduler(now, hooks = {}) {
    for (;;) {
      const { rows } = await db.query(
        `select ticket_id from ticket_sla
          where next_check_at <= $1 or next_escalation_at <= $1
          order by least(next_check_at, next_escalation_at), ticket_id limit 200`,
        [now],
      );
      for (const { ticket_id: ticketId } of rows) {
        const race = hooks.race?.(ticketId);
        if (race) {
          await Promise.all([
            checkTicket(ticketId, now, { afterRead: race }),
            checkTicket(ticketId, now, { afterRead: race }),
          ]);
        } else {
          await checkTicket(ticketId, now);
        }
      }
      if (rows.length < 200) break;
    }
    wakeAt = await earliestCheck();
  }

  async function earliestCheck() {
    const { rows } = await db.query(
      'select least(min(next_check_at), min(next_escalation_at)) as at from ticket_sla',
    );
    return rows[0].at;
  }

  /** When the scheduler must next run (wall clock), or null: a hint, refreshed from SQL. */
  async function nextWakeAt() {
    if (wakeAt === undefined) wakeAt = await earliestCheck();
    return wakeAt;
  }
  wakeAt = undefined;

  return { deliver, runScheduler, nextWakeAt, stats };
}

/** A barrier for two workers: each waits until both have read the row. */
export function meetingPoint() {
  let arrived = 0;
  let release;
  const both = new Promise((resolve) => {
    release = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === 2) release();
    return both;
  };
}
