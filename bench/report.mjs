/**
 * Turns one `npm run bench` run into the tables of docs/performance.md.
 *
 *   npm run bench -- --outputJson /tmp/pet-sla-bench.json 2>&1 | tee /tmp/pet-sla-bench.log
 *   node bench/report.mjs /tmp/pet-sla-bench.json /tmp/pet-sla-bench.log
 *
 * The JSON gives the timings; the log gives the `[memory-json]` line printed by
 * bench/memory.bench.ts and the `[agreement]` line printed by bench/between-add.bench.ts. Every ratio is computed from that one run.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

const [jsonPath, logPath] = process.argv.slice(2);
if (jsonPath === undefined) {
  console.error('usage: node bench/report.mjs <vitest --outputJson file> [<log of the run>]');
  process.exit(2);
}

/** "group > bench" -> result, over every file of the run. */
const results = new Map();
for (const file of JSON.parse(readFileSync(jsonPath, 'utf8')).files) {
  for (const group of file.groups) {
    const groupName = group.fullName.split(' > ').slice(1).join(' > ');
    for (const b of group.benchmarks) results.set(`${groupName} > ${b.name}`, b);
  }
}

function get(key) {
  const result = results.get(key);
  if (result === undefined) throw new Error(`no benchmark "${key}" in ${jsonPath}`);
  return result;
}

/** Milliseconds -> a short human figure. */
function duration(ms) {
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 1) return `${(ms * 1e3).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

function ratio(x) {
  if (x >= 100) return `${Math.round(x).toLocaleString('en-US')}×`;
  return `${x.toFixed(x < 10 ? 2 : 1)}×`;
}

const SPANS = ['day', 'week', 'year', 'decade'];
const OPS = ['between', 'add'];
const NAIVE = 'naive reference (bitmap built per query)';
const BATCH = 1000;
const lines = [];
const out = (line = '') => lines.push(line);

out('### Hot path (warm calendar): time per query, median (mean)');
out();
out(
  '| query | span | pet-sla | pet-sla, batched ×1,000 (mean ÷ 1,000) | moment-business-time | naive reference | moment ÷ pet-sla (medians) |',
);
out('|---|---|--:|--:|--:|--:|--:|');
const both = (r) => `${duration(r.median)} (${duration(r.mean)})`;
for (const op of OPS) {
  for (const span of SPANS) {
    const group = `${op}, ${span} span`;
    const pet = get(`${group} > pet-sla`);
    const batched = get(`pet-sla, ${BATCH} queries per iteration > ${group}`).mean / BATCH;
    const mom = get(`${group} > moment-business-time`);
    let naive;
    if (results.has(`${group} > ${NAIVE}`)) {
      naive = both(get(`${group} > ${NAIVE}`));
    } else {
      // Not run: extrapolated from the year span's measured cost per day of span.
      const perDay = get(`${op}, year span > ${NAIVE}`).median / 365;
      naive = `not run; ≈ ${duration(perDay * 3652)} (${duration(perDay)} per day × 3,652)`;
    }
    out(
      `| ${op} | ${span} | ${both(pet)} | ${duration(batched)} | ${both(mom)} | ${naive} | ${ratio(mom.median / pet.median)} |`,
    );
  }
}
out();
out('### Targets');
out();
out('| target | medians | means | batched means | met |');
out('|---|--:|--:|--:|:-:|');
for (const op of OPS) {
  const pet = get(`${op}, year span > pet-sla`);
  const batched = get(`pet-sla, ${BATCH} queries per iteration > ${op}, year span`).mean / BATCH;
  const mom = get(`${op}, year span > moment-business-time`);
  const all = [mom.median / pet.median, mom.mean / pet.mean, mom.mean / batched];
  out(
    `| ${op}, year span: moment ÷ pet-sla ≥ 1,000 | ${all.map(ratio).join(' | ')} | ${Math.min(...all) >= 1000 ? 'yes' : '**no**'} |`,
  );
}
for (const op of OPS) {
  const day = get(`${op}, day span > pet-sla`);
  const decade = get(`${op}, decade span > pet-sla`);
  const group = `pet-sla, ${BATCH} queries per iteration`;
  const all = [
    decade.median / day.median,
    decade.mean / day.mean,
    get(`${group} > ${op}, decade span`).mean / get(`${group} > ${op}, day span`).mean,
  ];
  out(
    `| ${op}: pet-sla decade ÷ day ≤ 3 | ${all.map(ratio).join(' | ')} | ${Math.max(...all) <= 3 ? 'yes' : '**no**'} |`,
  );
}
out();
out('### Cold start (first query on a calendar never queried before)');
out();
out('| what | mean | median | p99 |');
out('|---|--:|--:|--:|');
const cold = 'cold start: first query on a new calendar';
const coldRows = [
  `${cold} > defineCalendar (168 holiday overrides), no query`,
  ...['day', 'year', 'decade'].flatMap((span) => [
    `${cold} > first between, ${span} span`,
    `${cold} > first add, ${span} span`,
  ]),
  `${cold} > defineCalendar + first between, day span`,
  'compile ten years of a new calendar > defineCalendar + between over ten years',
];
for (const key of coldRows) {
  const r = get(key);
  out(
    `| ${key.split(' > ')[1]} | ${duration(r.mean)} | ${duration(r.median)} | ${duration(r.p99)} |`,
  );
}
out();
out('### Bulk: due dates of 100,000 tickets created over 2025');
out();
out('| what | per 100,000 tickets, median (mean) | per ticket (median) |');
out('|---|--:|--:|');
const bulk = 'bulk: due dates of 100,000 tickets over a year';
for (const [name, tickets] of [
  ['pet-sla, 100,000 tickets', 100_000],
  ['pet-sla, 100,000 tickets on a new calendar (compiling included)', 100_000],
  ['moment-business-time, first 1,000 tickets only', 1_000],
]) {
  const r = get(`${bulk} > ${name}`);
  const scale = 100_000 / tickets;
  const label = `${duration(r.median * scale)} (${duration(r.mean * scale)})`;
  out(
    `| ${name} | ${scale === 1 ? label : `≈ ${label}, ×100`} | ${duration(r.median / tickets)} |`,
  );
}

if (logPath !== undefined) {
  const log = readFileSync(logPath, 'utf8');
  const match = /\[memory-json\] (\{.*\})/.exec(log);
  if (match !== null) {
    const report = JSON.parse(match[1]);
    const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
    const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
    out();
    out('### Memory (heapUsed + arrayBuffers after full GCs)');
    out();
    out(
      '| calendars alive, each compiled over 10 years | cache | per calendar | per calendar-year | calendar values themselves |',
    );
    out('|--:|--:|--:|--:|--:|');
    for (const s of report.steps) {
      out(
        `| ${s.calendars.toLocaleString('en-US')} | ${mib(s.cacheBytes)} | ${kib(s.cacheBytes / s.calendars)} | ${kib(s.cacheBytes / s.calendars / s.years)} | ${mib(s.definedBytes)} |`,
      );
    }
    out();
    out(`Still held once every calendar is dropped: ${mib(report.afterReleaseBytes)}.`);
  }
  const agreement = /\[agreement\] (\{.*\})/.exec(log);
  if (agreement !== null) {
    const a = JSON.parse(agreement[1]);
    out();
    out('### Agreement scan (bench/fixtures.ts, scanAgreement)');
    out();
    out('| comparison | queries | differ from pet-sla |');
    out('|---|--:|--:|');
    out(`| naive reference, between and add | ${a.between + a.add} | ${a.naiveDiffer} |`);
    out(
      `| moment-business-time, between | ${a.between} | ${a.betweenDiffer} (of which ending on a working day before 13:00: ${a.betweenDifferMorningEnd}) |`,
    );
    out(`| moment-business-time, add | ${a.add} | ${a.addDiffer} |`);
    if (a.example !== undefined) {
      out();
      out(`First difference: \`${a.example}\``);
    }
  }
}

out();
out('### Machine');
out();
const cpus = os.cpus();
out(`- CPU: ${cpus[0]?.model ?? 'unknown'} (${os.availableParallelism()} logical CPUs)`);
out(
  `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()} ${os.arch()}`,
);
out(`- Node ${process.version}`);
console.log(lines.join('\n'));
