-- The tables a host needs to run pet-sla on Postgres. Plain SQL: it runs unchanged on a server
-- Postgres (13 or later) and on PGlite. Instants are epoch milliseconds in bigint columns, the
-- unit pet-sla reads and returns, so nothing is rounded on the way in or out. Everything
-- pet-sla hands the host is stored as jsonb, exactly as returned.

-- Rules. Rows are immutable: a new version is a new row; the fingerprint names the content.
-- A ticket's state points at the calendar snapshot it was bound with by fingerprint, never at
-- "the latest version".
create table if not exists calendar_snapshots (
  fingerprint    text primary key,
  calendar_id    text   not null,
  version        integer not null,
  -- when new tickets start binding this version
  effective_from bigint not null,
  snapshot       jsonb  not null,
  unique (calendar_id, version)
);

create table if not exists policies (
  fingerprint text primary key,
  policy_id   text    not null,
  version     integer not null,
  snapshot    jsonb   not null,
  unique (policy_id, version)
);

create table if not exists escalation_plans (
  fingerprint text primary key,
  plan_id     text    not null,
  version     integer not null,
  policy_id   text    not null,
  document    jsonb   not null,
  unique (plan_id, version)
);

create table if not exists contracts (
  fingerprint text primary key,
  contract_id text    not null,
  version     integer not null,
  customer    text    not null,
  document    jsonb   not null,
  unique (contract_id, version)
);

create table if not exists tickets (
  ticket_id  text primary key,
  customer   text   not null,
  created_at bigint not null
);
create index if not exists tickets_customer on tickets (customer);

-- One row per ticket: its SLA state and its escalation state, each with the revision the
-- compare-and-set update checks. The indexed columns are copied out of the states on every
-- write so that the scheduler and dashboards never parse jsonb to find work.
create table if not exists ticket_sla (
  ticket_id            text primary key references tickets,
  calendar_fingerprint text    not null references calendar_snapshots,
  policy_fingerprint   text    not null references policies,
  sla_state            jsonb   not null,
  sla_revision         integer not null,
  plan_fingerprint     text references escalation_plans,
  escalation_state     jsonb,
  escalation_revision  integer,
  -- the earliest due instant of a running clock: "what is due in the next hour?"
  due_at               bigint,
  -- when the scheduler must look at the ticket: nextCheckAt / nextEscalationAt
  next_check_at        bigint,
  next_escalation_at   bigint
);
create index if not exists ticket_sla_due on ticket_sla (due_at) where due_at is not null;
create index if not exists ticket_sla_next_check on ticket_sla (next_check_at)
  where next_check_at is not null;
create index if not exists ticket_sla_next_escalation on ticket_sla (next_escalation_at)
  where next_escalation_at is not null;

-- Every ticket event the host applied, as received: the audit trail a dispute or an explicit
-- re-binding replays from.
create table if not exists ticket_events (
  ticket_id text   not null references tickets,
  event_id  text   not null,
  at        bigint not null,
  event     jsonb  not null,
  primary key (ticket_id, event_id)
);

-- The outbox: every SLA and escalation event, written in the same transaction as the state
-- that emitted it. A relay publishes rows in seq order and stamps published_at. Event ids are
-- deterministic (<ticket>/sla/<n>, <ticket>/esc/<n>), so the unique key refuses a second copy
-- of an event: exactly once, enforced by the database.
create table if not exists outbox (
  seq          bigint generated always as identity primary key,
  event_id     text   not null unique,
  ticket_id    text   not null,
  kind         text   not null check (kind in ('sla', 'escalation')),
  -- n of the event id: the event's place in its ticket's sequence
  n            integer not null,
  type         text   not null,
  metric       text   not null,
  at           bigint not null,
  event        jsonb  not null,
  published_at timestamptz
);
create index if not exists outbox_ticket on outbox (ticket_id, kind, n);
create index if not exists outbox_type_at on outbox (type, at);
create index if not exists outbox_unpublished on outbox (seq) where published_at is null;

-- Deliveries the host could not apply (for example an event older than a breach already
-- reported: later than the grace allows). Kept for a person to look at, never dropped.
create table if not exists dead_letters (
  id          bigint generated always as identity primary key,
  ticket_id   text  not null,
  delivery    jsonb not null,
  code        text  not null,
  message     text  not null
);
