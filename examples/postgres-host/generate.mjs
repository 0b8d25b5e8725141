// A deterministic month of support tickets and the webhook deliveries that carry them to the
// host: at-least-once (some deliveries come twice, hours or days apart), each ticket's events
// in order but up to MAX_LAG late, and a few deliveries handed to two workers at once.
// Seeded: the same seed gives the same month on every machine (no Math.random).
import { addBusinessMillis } from 'pet-sla';
import { calendarInForceAt, MONTH_END, MONTH_START, policy } from './definitions.mjs';

/** The longest a delivery can lag behind the event it carries. */
export const MAX_LAG_MS = 10 * 60_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A small 32-bit generator (splitmix-style mixing of a Weyl sequence): uniform in [0, 1). */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
}

const PRIORITIES = [
  ['urgent', 0.1],
  ['high', 0.2],
  ['normal', 0.5],
  ['low', 0.2],
];
const CUSTOMERS = [
  ['acme', 0.4],
  ['globex', 0.35],
  ['initech', 0.25],
];

/**
 * `{ tickets, deliveries }`: `tickets[i]` is `{ id, customer, priority, createdAt, events }`
 * (its ticket events in order, all before the month's end); `deliveries` is every webhook
 * delivery in the order they reach the host, `{ seq, deliverAt, type, ticketId, ... }`, where
 * `type` is `'ticket.created'` or `'ticket.event'`, `redelivery` marks a second copy (with
 * `conflict` when its content differs from the first) and
 * `race` a delivery handed to two workers at the same moment.
 */
export function generateMonth({ tickets: count = 1000, seed = 18 } = {}) {
  const random = seededRandom(seed);
  const between = (lo, hi) => lo + Math.floor(random() * (hi - lo));
  const pick = (weighted) => {
    let r = random();
    for (const [value, weight] of weighted) {
      r -= weight;
      if (r < 0) return value;
    }
    return weighted[weighted.length - 1][0];
  };
  const minutesOf = (priority, metric) => policy.targets[priority][metric] * MINUTE;
  const lag = () => {
    const r = random();
    if (r < 0.9) return between(200, 30_000);
    if (r < 0.97) return between(30_000, 3 * MINUTE);
    return between(3 * MINUTE, MAX_LAG_MS + 1);
  };

  const tickets = [];
  const deliveries = [];
  for (let i = 0; i < count; i++) {
    const id = `T-${String(i + 1).padStart(4, '0')}`;
    const customer = pick(CUSTOMERS);
    const initial = pick(PRIORITIES);
    let priority = initial;
    // Most tickets arrive in office hours; some at night or at the weekend.
    const day = MONTH_START + between(0, 29) * DAY;
    const offset = random() < 0.75 ? between(8 * HOUR, 18 * HOUR) : between(0, DAY);
    const createdAt = day + offset - (offset % 1000);
    const events = [];
    let t = createdAt;
    let n = 0;
    const push = (gap, event) => {
      t += Math.max(1000, Math.round(gap / 1000) * 1000);
      n += 1;
      events.push({ id: `${id}/e${n}`, at: t, ...event });
    };
    const lateDelivery = new Set();
    const other = (p) => PRIORITIES.map(([q]) => q).filter((q) => q !== p)[between(0, 3)];

    if (random() < 0.08) {
      priority = other(priority);
      push(between(5 * MINUTE, 2 * HOUR), { type: 'priority_changed', priority });
    }
    // The first reply: usually well inside the target, sometimes late (overnight, or just late),
    // and now and then a photo finish: stamped in the last minutes before (or at) the due
    // instant, its webhook arriving after it. Only a grace lets those count as in time.
    const frDue = addBusinessMillis(
      calendarInForceAt(createdAt),
      createdAt,
      minutesOf(priority, 'firstResponse'),
    );
    const photoFinish = frDue - between(0, 300) * 1000;
    if (random() < 0.06 && photoFinish > t) {
      n += 1;
      t = photoFinish;
      events.push({ id: `${id}/e${n}`, at: t, type: 'agent_replied' });
      lateDelivery.add(`${id}/e${n}`);
    } else {
      const replyScale = random() < 0.8 ? 0.1 + random() * 0.8 : 0.9 + random() * 2.5;
      push(minutesOf(priority, 'firstResponse') * replyScale, { type: 'agent_replied' });
    }
    let resolved = false;
    for (let step = 0; step < 6 && !resolved; step++) {
      const r = random();
      if (r < 0.3) {
        push(between(10 * MINUTE, 4 * HOUR), {
          type: 'status_changed',
          status: 'waiting_on_customer',
        });
        push(between(30 * MINUTE, 2 * DAY), { type: 'status_changed', status: 'open' });
      } else if (r < 0.45) {
        push(between(10 * MINUTE, 6 * HOUR), { type: 'agent_replied' });
      } else if (r < 0.5) {
        priority = other(priority);
        push(between(10 * MINUTE, 3 * HOUR), { type: 'priority_changed', priority });
      } else {
        const scale = random() < 0.75 ? 0.1 + random() * 0.7 : 0.8 + random() * 1.2;
        push(minutesOf(priority, 'resolution') * scale, {
          type: 'status_changed',
          status: 'resolved',
        });
        if (random() < 0.12) {
          push(between(HOUR, 3 * DAY), { type: 'status_changed', status: 'open' });
        } else {
          resolved = true;
          if (random() < 0.5)
            push(between(DAY, 4 * DAY), { type: 'status_changed', status: 'closed' });
        }
      }
    }
    const inMonth = events.filter((e) => e.at < MONTH_END);
    tickets.push({ id, customer, priority: initial, createdAt, events: inMonth });

    // Deliveries: each ticket's first copies in order (a queue partitioned by ticket), late by
    // up to MAX_LAG_MS; some delivered a second time, at any later moment.
    let last = createdAt + lag();
    deliveries.push({
      type: 'ticket.created',
      ticketId: id,
      deliverAt: last,
      customer,
      priority: initial,
      createdAt,
    });
    if (random() < 0.03) {
      deliveries.push({
        type: 'ticket.created',
        ticketId: id,
        deliverAt: last + between(5000, 2 * DAY),
        customer,
        priority: initial,
        createdAt,
        redelivery: true,
      });
    }
    for (const event of inMonth) {
      const delay = lateDelivery.has(event.id) ? between(2 * MINUTE, MAX_LAG_MS + 1) : lag();
      last = Math.max(event.at + delay, last);
      const delivery = { type: 'ticket.event', ticketId: id, deliverAt: last, event };
      if (random() < 0.005) delivery.race = true;
      deliveries.push(delivery);
      // Now and then the source re-sends an event under its id with other content (another
      // timestamp): the host must refuse it, not apply it and not drop it silently.
      if (random() < 0.004) {
        deliveries.push({
          ...delivery,
          race: false,
          deliverAt: last + between(5000, DAY),
          redelivery: true,
          conflict: true,
          event: { ...event, at: event.at + 60_000 },
        });
      }
      if (random() < 0.06) {
        deliveries.push({
          ...delivery,
          race: false,
          deliverAt: last + between(5000, 3 * DAY),
          redelivery: true,
        });
      }
    }
  }
  // The host's clock stops when the month's last event has certainly arrived.
  const horizon = MONTH_END + MAX_LAG_MS;
  const arriving = deliveries.filter((d) => d.deliverAt < horizon);
  arriving.sort((a, b) => a.deliverAt - b.deliverAt);
  arriving.forEach((d, seq) => {
    d.seq = seq;
  });
  return { tickets, deliveries: arriving };
}
