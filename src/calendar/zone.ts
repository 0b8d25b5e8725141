import { IANAZone } from 'luxon';
import { describe, PetSlaError, type PetSlaErrorCode } from '../errors.js';
import { evictLeastRecentlyUsed } from '../shared/least-recently-used.js';
import { expectString } from '../shared/read.js';
import { civilFromDays, daysFromCivil, MS_PER_DAY } from './civil.js';

// All of pet-sla's knowledge of time zones passes through this module. Luxon supplies the
// IANA offsets; everything else (which instant a wall time resolves to: docs/semantics.md
// §3) is decided here, explicitly, rather than by luxon's defaults for gaps and repeated hours.

const HOUR = 3_600_000;
// No zone has ever been more than 26 hours from UTC; walking back this far before a wall time
// is certain to start below every instant that can show it.
const MAX_ABS_OFFSET = 26 * HOUR;

interface YearTable {
  readonly end: number;
  readonly startOffset: number;
  /** Instants at which the offset changes within the year, ascending. */
  readonly at: readonly number[];
  /** The offset (ms) from each instant in `at` onwards. */
  readonly after: readonly number[];
}

// Asking Intl about a zone builds a DateTimeFormat (around a millisecond), so answers are
// remembered; the map is bounded because the names asked about come from callers: at most
// 2,048 names of at most 64 characters (no IANA name is half that long), under 0.4 MiB.
const knownZones = new Map<string, boolean>();
const ZONE_NAMES_KEPT = 2048;
const ZONE_NAME_KEPT_LENGTH = 64;

/**
 * Whether the runtime's time-zone database knows the zone. The name itself is kept exactly as
 * written, never respelled: how a runtime spells or resolves names varies with its ICU data,
 * and a stored calendar (and its fingerprint) must not depend on the host.
 */
export function isKnownZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    known = name.length > 0 && IANAZone.isValidZone(name);
    if (name.length > ZONE_NAME_KEPT_LENGTH) return known;
    if (knownZones.size >= ZONE_NAMES_KEPT) knownZones.clear();
    knownZones.set(name, known);
  }
  return known;
}

/** Reads a zone name from input: a string the runtime knows, else a typed error at `path`. */
export function readZone(value: unknown, path: string, code: PetSlaErrorCode): string {
  const zone = expectString(value, path, code);
  if (!isKnownZone(zone)) {
    throw new PetSlaError(
      'UNKNOWN_ZONE',
      `${describe(zone)} is not an IANA time zone this runtime knows; expected a name such as "Europe/London", "America/New_York" or "UTC"`,
      path,
    );
  }
  return zone;
}

// Rule tables and their year tables are bounded in bytes across all zones together: each
// zone kept by name counts its object (measured about 250 bytes with its luxon zone), each
// year table what it retains (measured 170-480 bytes: the table, its two arrays of the year's
// changes and its map entry). Past the limit, the year tables of the least recently used
// zones are dropped, and read again from luxon if needed: the same offsets either way.
const ZONE_BYTES = 512;
const YEAR_TABLE_BYTES = 384;
const BYTES_PER_CHANGE = 64;
/** Default bound on the bytes of zone rules kept. */
export const ZONE_RULES_BYTES = 4 * 1024 * 1024;
let zoneLimit = ZONE_RULES_BYTES;
let zoneUsed = 0;
let zoneClock = 0;
const zonesWithTables = new Set<ZoneRules>();

/** Internal: the use of the zone rules' bound, for tests and the memory benchmarks. */
export function zoneRulesUse(): { bytes: number; limit: number; zones: number } {
  return { bytes: zoneUsed, limit: zoneLimit, zones: rulesByName.size };
}

/** Internal: changes the bound (tests use a small one to prove eviction invisible). */
export function setZoneRulesBytes(bytes: number): void {
  zoneLimit = bytes;
  dropZoneTablesIfNeeded();
}

function dropZoneTablesIfNeeded(): void {
  zoneUsed = evictLeastRecentlyUsed(
    zoneUsed,
    zoneLimit,
    () => [...zonesWithTables],
    (zone) => zone.dropTables(),
  );
}

export class ZoneRules {
  readonly name: string;
  private readonly zone: IANAZone;
  private readonly years = new Map<number, YearTable>();
  private tableBytes = 0;
  /** Last use, on the zone clock (invisible to results). */
  used = 0;

  constructor(name: string) {
    this.name = name;
    this.zone = IANAZone.create(name);
  }

  private rawOffset(t: number): number {
    // Whole seconds: tzdata offsets have no finer part, and the timeline stores seconds.
    return Math.round(this.zone.offset(t) * 60) * 1000;
  }

  private table(year: number): YearTable {
    this.used = ++zoneClock;
    let table = this.years.get(year);
    if (table === undefined) {
      table = this.buildYear(year);
      this.years.set(year, table);
      const bytes = YEAR_TABLE_BYTES + BYTES_PER_CHANGE * table.at.length;
      this.tableBytes += bytes;
      zoneUsed += bytes;
      zonesWithTables.add(this);
      dropZoneTablesIfNeeded();
    }
    return table;
  }

  /** Internal, for the bound: forgets every year table and returns the bytes they counted. */
  dropTables(): number {
    const bytes = this.tableBytes;
    this.years.clear();
    this.tableBytes = 0;
    zonesWithTables.delete(this);
    return bytes;
  }

  // Samples the offset once a day and pins every change down to the second by bisection.
  // tzdata changes offsets at whole seconds and never twice within one day and back.
  private buildYear(year: number): YearTable {
    const startDay = daysFromCivil(year, 1, 1);
    const endDay = daysFromCivil(year + 1, 1, 1);
    const at: number[] = [];
    const after: number[] = [];
    const startOffset = this.rawOffset(startDay * MS_PER_DAY);
    let prevT = startDay * MS_PER_DAY;
    let prevOffset = startOffset;
    for (let day = startDay + 1; day <= endDay; day++) {
      const t = day * MS_PER_DAY;
      const offset = this.rawOffset(t);
      let lo = prevT;
      let loOffset = prevOffset;
      while (loOffset !== offset) {
        let hi = t;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.rawOffset(mid) === loOffset) lo = mid;
          else hi = mid;
        }
        if (hi < t || day < endDay) {
          at.push(hi);
          after.push(this.rawOffset(hi));
        } else {
          // A change exactly at the year's end belongs to the next year's table.
          break;
        }
        lo = hi;
        loOffset = after[after.length - 1] as number;
      }
      prevT = t;
      prevOffset = offset;
    }
    return { end: endDay * MS_PER_DAY, startOffset, at, after };
  }

  /** The zone's offset from UTC (ms) at instant `t`. */
  offsetAt(t: number): number {
    const table = this.table(yearOf(t));
    let offset = table.startOffset;
    for (let i = 0; i < table.at.length && (table.at[i] as number) <= t; i++)
      offset = table.after[i] as number;
    return offset;
  }

  /** Instants in [from, to) at which the zone's offset changes, ascending. */
  transitionsBetween(from: number, to: number): number[] {
    const out: number[] = [];
    for (let year = yearOf(from); year <= yearOf(to); year++) {
      for (const t of this.table(year).at) if (t >= from && t < to) out.push(t);
    }
    return out;
  }

  /** The wall-clock reading at `t`, as milliseconds since 1970-01-01T00:00 local. */
  wallAt(t: number): number {
    return t + this.offsetAt(t);
  }

  /**
   * The one rule of docs/semantics.md §3: the first instant at which the clock shows `wall`
   * or later. A wall time in a gap resolves to the transition after it; a repeated one to its
   * earlier occurrence.
   */
  resolve(wall: number): number {
    // Walk the stretches of constant offset from a point that is surely early enough. On each
    // stretch [from, to) with offset o the clock shows [from + o, to + o), rising steadily;
    // the first stretch that reaches `wall` holds the answer.
    let from = wall - MAX_ABS_OFFSET;
    for (;;) {
      const year = yearOf(from);
      const table = this.table(year);
      let offset = table.startOffset;
      let i = 0;
      while (i < table.at.length && (table.at[i] as number) <= from)
        offset = table.after[i++] as number;
      for (;;) {
        const to = i < table.at.length ? (table.at[i] as number) : table.end;
        if (to + offset > wall) return Math.max(from, wall - offset);
        from = to;
        if (i >= table.at.length) break;
        offset = table.after[i++] as number;
      }
    }
  }
}

function yearOf(t: number): number {
  return civilFromDays(Math.floor(t / MS_PER_DAY)).year;
}

const rulesByName = new Map<string, ZoneRules>();
/**
 * Rule tables kept: more than the IANA database has canonical zones, yet a bound, because a
 * zone may be named many ways (links, case variants, fixed offsets) by callers.
 */
export const ZONE_RULES_KEPT = 1_024;

/**
 * One shared, lazily filled rule table per zone, the least recently used dropped past the
 * bound (with its year tables: a calendar still holding it reads them again, counted again).
 */
export function zoneRules(name: string): ZoneRules {
  let rules = rulesByName.get(name);
  if (rules === undefined) {
    rules = new ZoneRules(name);
    if (rulesByName.size >= ZONE_RULES_KEPT) {
      const [oldestName, oldest] = rulesByName.entries().next().value as [string, ZoneRules];
      rulesByName.delete(oldestName);
      zoneUsed -= ZONE_BYTES + oldest.dropTables();
    }
    zoneUsed += ZONE_BYTES;
    dropZoneTablesIfNeeded();
  } else {
    rulesByName.delete(name);
  }
  rulesByName.set(name, rules);
  return rules;
}

/** Internal: how many rule tables are kept, for tests. */
export function zoneRulesKept(): number {
  return rulesByName.size;
}
