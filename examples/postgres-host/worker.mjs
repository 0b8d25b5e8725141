// One run of the host process: opens the database in `dataDir`, handles deliveries
// [from, to) of the generated month, and runs the scheduler whenever its next check is due.
// Its last line on stdout is a JSON summary for run.mjs. Every process starts with empty
// caches: what it knows comes from the database.
//
//   node worker.mjs <dataDir> <tickets> <seed> <from> <to> [final]
import { PGlite } from '@electric-sql/pglite';
import { MONTH_END } from './definitions.mjs';
import { generateMonth } from './generate.mjs';
import { createHost, GRACE_MS, installSchema, meetingPoint } from './host.mjs';

const [dataDir, tickets, seed, from, to, final] = process.argv.slice(2);
const { deliveries } = generateMonth({ tickets: Number(tickets), seed: Number(seed) });

const started = performance.now();
const db = new PGlite(dataDir);
await installSchema(db);
const opened = performance.now();
const cpuAtOpen = process.cpuUsage();
const host = createHost(db);

const races = [];
// Every 20th ticket the scheduler picks up is picked up by a second scheduler replica too.
let pickedUp = 0;
const raceHooks = {
  race: (ticketId) => {
    pickedUp += 1;
    if (pickedUp % 20 !== 1) return undefined;
    races.push({ kind: 'scheduler', ticketId, before: host.stats.casConflicts });
    return meetingPoint();
  },
};
const closeRaces = (from) => {
  for (const race of races.slice(from)) race.conflicts ??= host.stats.casConflicts - race.before;
};

/** Runs every scheduler wake-up due by wall-clock time `now`. */
async function schedulerUntil(now) {
  for (let wake = await host.nextWakeAt(); wake !== null && wake <= now; ) {
    const open = races.length;
    await host.runScheduler(wake, raceHooks);
    closeRaces(open);
    const next = await host.nextWakeAt();
    if (next !== null && next <= wake) throw new Error(`scheduler made no progress at ${wake}`);
    wake = next;
  }
}

for (const delivery of deliveries.slice(Number(from), Number(to))) {
  await schedulerUntil(delivery.deliverAt);
  if (delivery.race) {
    // The queue handed the same delivery to a second worker while the first was still on it.
    const race = { kind: 'webhook', ticketId: delivery.ticketId, before: host.stats.casConflicts };
    const applied = host.stats.applied;
    const both = meetingPoint();
    await Promise.all([
      host.deliver(delivery, { afterRead: both }),
      host.deliver(delivery, { afterRead: both }),
    ]);
    race.conflicts = host.stats.casConflicts - race.before;
    race.wrote = host.stats.applied > applied;
    races.push(race);
  } else {
    await host.deliver(delivery);
  }
}
if (final === 'final') {
  // The month is over: every event has arrived once the grace has passed.
  await schedulerUntil(MONTH_END + GRACE_MS);
  await host.runScheduler(MONTH_END + GRACE_MS);
}
const finished = performance.now();
const cpu = process.cpuUsage(cpuAtOpen);
await db.close();
console.log(
  JSON.stringify({
    pid: process.pid,
    openMs: opened - started,
    workMs: finished - opened,
    cpuMs: (cpu.user + cpu.system) / 1000,
    stats: host.stats,
    races: races.map(({ before, ...race }) => ({ ...race, wrote: race.wrote ?? true })),
  }),
);
