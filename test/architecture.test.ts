import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The architecture, checked over every file in src/: which layer may import which, how the
// advanced layer reaches the core (only through its public modules), which capability may
// use which, and where the runtime and test dependencies may be imported.

type Layer = 'errors' | 'shared' | 'calendar' | 'sla' | 'clock' | 'index' | 'advanced' | 'testing';

/**
 * The one table: what each layer may import besides itself. `errors` is src/errors.ts,
 * `index` src/index.ts (the public API); the others are the folders of src/. The core
 * (calendar, sla, clock) never imports the advanced layer, and the advanced layer reaches the
 * core only through the public API, the error type and the generic machinery of src/shared.
 */
const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  errors: [],
  shared: ['errors'],
  calendar: ['errors', 'shared'],
  sla: ['errors', 'shared', 'calendar'],
  clock: ['errors', 'shared', 'calendar', 'sla'],
  index: ['errors', 'shared', 'calendar', 'sla', 'clock'],
  advanced: ['errors', 'shared', 'index'],
  testing: ['errors', 'shared', 'calendar', 'sla', 'clock', 'index', 'advanced'],
};

/** Inside src/advanced: the capabilities a capability may use besides its own folder. */
const SIBLINGS: Readonly<Record<string, readonly string[]>> = {
  credits: ['kpi'],
  overtime: ['credits', 'forecast'],
};

/** Packages, and the only files (or folders, ending in /) that may import them. */
const PACKAGES: Readonly<Record<string, readonly string[]>> = {
  luxon: ['calendar/zone.ts'],
  'fast-check': ['testing/'],
};

const LAYERS = Object.keys(MAY_IMPORT) as Layer[];

/** The layer of a path relative to src/ (posix separators), or undefined if it has none. */
function layerOf(path: string): Layer | undefined {
  if (path === 'errors.ts') return 'errors';
  if (path === 'index.ts') return 'index';
  const folder = path.split('/')[0] as Layer;
  return path.includes('/') && LAYERS.includes(folder) ? folder : undefined;
}

/** What `file` (in src/advanced) may import inside src/advanced, beside its own folder. */
function advancedAllows(file: string, target: string): boolean {
  const [, from, fromRest] = file.split('/');
  const [, to, toRest] = target.split('/');
  if (to === 'shared') return true; // src/advanced/shared: the advanced layer's helpers
  if (fromRest === undefined) return toRest === 'index.ts'; // the entry: each capability's index
  if (from === 'shared') return false; // helpers serve every capability and use none
  return to === from || (SIBLINGS[from as string] ?? []).includes(to as string);
}

/**
 * Every import of the given files (paths relative to src/, posix) that breaks the rules, as
 * `file → specifier: why`. Comments and strings are not imports (TypeScript's own scanner).
 */
function violations(files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    const layer = layerOf(file);
    if (layer === undefined) {
      found.push(`${file}: in no layer of the table`);
      continue;
    }
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      const say = (why: string) => found.push(`${file} → ${specifier}: ${why}`);
      if (!specifier.startsWith('.')) {
        const allowed = PACKAGES[specifier];
        if (allowed === undefined) say('a package src/ may not import');
        else if (!allowed.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)))
          say(`only ${allowed.join(', ')} may import ${specifier}`);
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      const targetLayer = layerOf(target.replace(/\.js$/, '.ts'));
      if (targetLayer === undefined) {
        say('outside the layers of src/');
        continue;
      }
      const normalTarget = target.replace(/\.js$/, '.ts');
      if (!files.has(normalTarget)) say('no such file in src/');
      if (targetLayer !== layer && !MAY_IMPORT[layer].includes(targetLayer))
        say(`${layer} may not import ${targetLayer}`);
      else if (layer === 'advanced' && targetLayer === 'advanced') {
        if (!advancedAllows(file, normalTarget)) say('a capability the table does not allow');
      } else if (
        layer === 'advanced' &&
        targetLayer === 'shared' &&
        normalTarget.split('/').length > 2
      )
        say('only the files of src/shared itself');
    }
  }
  return found;
}

const src = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const tree = new Map(
  sourceFiles(src).map((file) => [
    relative(src, file).split(/[\\/]/).join('/'),
    readFileSync(file, 'utf8'),
  ]),
);

describe('architecture of src/', () => {
  it('reads every file of src/, in every layer', () => {
    expect(existsSync(join(src, 'index.ts'))).toBe(true);
    const layers = new Set([...tree.keys()].map(layerOf));
    for (const layer of LAYERS) expect(layers.has(layer)).toBe(true);
    expect(tree.size).toBeGreaterThanOrEqual(50);
  });

  it('every import of every file follows the table', () => {
    expect(violations(tree)).toEqual([]);
  });

  it('the core imports nothing of the advanced layer, and the advanced layer only the public modules', () => {
    const core = ['calendar', 'sla', 'clock', 'shared', 'errors', 'index'];
    for (const layer of core) expect(MAY_IMPORT[layer as Layer]).not.toContain('advanced');
    expect(MAY_IMPORT.advanced).toEqual(['errors', 'shared', 'index']);
  });

  // The checker itself, on small made-up trees: each rule catches what it is meant to.
  const check = (files: Record<string, string>) => violations(new Map(Object.entries(files)));
  const withTree = (file: string, text: string) =>
    check({
      'errors.ts': '',
      'index.ts': '',
      'shared/read.ts': '',
      'shared/deep/x.ts': '',
      'calendar/zone.ts': '',
      'sla/types.ts': '',
      'clock/types.ts': '',
      'advanced/index.ts': '',
      'advanced/shared/money.ts': '',
      'advanced/kpi/index.ts': '',
      'advanced/credits/index.ts': '',
      'advanced/forecast/index.ts': '',
      'advanced/overtime/index.ts': '',
      'advanced/escalation/index.ts': '',
      [file]: text,
    });

  it.each([
    ['calendar/a.ts', "import { x } from '../sla/types.js';", 'calendar may not import sla'],
    ['sla/a.ts', "import type { X } from '../clock/types.js';", 'sla may not import clock'],
    ['clock/a.ts', "export * from '../advanced/index.js';", 'clock may not import advanced'],
    ['shared/a.ts', "type T = import('../calendar/zone.js').T;", 'shared may not import calendar'],
    ['errors.ts', "import '../src/shared/read.js';", 'outside the layers'],
    [
      'advanced/kpi/a.ts',
      "import { t } from '../../clock/types.js';",
      'advanced may not import clock',
    ],
    ['advanced/kpi/a.ts', "import { c } from '../credits/index.js';", 'capability'],
    ['advanced/escalation/a.ts', "import { k } from '../kpi/index.js';", 'capability'],
    ['advanced/shared/a.ts', "import { k } from '../kpi/index.js';", 'capability'],
    ['advanced/kpi/a.ts', "import { d } from '../../shared/deep/x.js';", 'src/shared itself'],
    ['advanced/kpi/a.ts', "import { DateTime } from 'luxon';", 'only calendar/zone.ts'],
    ['calendar/a.ts', "import { readFileSync } from 'node:fs';", 'a package'],
    ['clock/a.ts', "import fc from 'fast-check';", 'only testing/'],
    ['clock/a.ts', "import { x } from './missing.js';", 'no such file'],
    ['stray/a.ts', '', 'in no layer'],
  ])('refuses %s with %s', (file, text, why) => {
    const found = withTree(file, text);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(why);
  });

  it.each([
    ['advanced/credits/a.ts', "import { k } from '../kpi/index.js';"],
    [
      'advanced/overtime/a.ts',
      "import { f } from '../forecast/index.js';\nimport '../credits/index.js';",
    ],
    ['advanced/kpi/a.ts', "import { m } from '../shared/money.js';\nimport '../../index.js';"],
    ['advanced/kpi/a.ts', "import '../../errors.js';\nimport '../../shared/read.js';"],
    ['advanced/index.ts', "export * from './kpi/index.js';"],
    ['testing/a.ts', "import fc from 'fast-check';\nimport '../advanced/index.js';"],
    ['calendar/zone.ts', "import { IANAZone } from 'luxon';"],
    [
      'clock/a.ts',
      "/** @example import { x } from '../advanced/index.js'; */\nconst s = \"from '../advanced/index.js'\";",
    ],
  ])('allows %s with %s', (file, text) => {
    expect(withTree(file, text)).toEqual([]);
  });
});
