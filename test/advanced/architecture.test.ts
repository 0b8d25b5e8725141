import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering of the source: the core never loads the advanced layer, and an advanced
// capability reaches the core only through its public API, the error module and the generic
// machinery, besides the advanced layer's shared helpers and its own folder (credits may use
// kpi; overtime may use credits and forecast).

const src = resolve(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
const importsOf = (file: string): string[] =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g,
    ),
  ].map((m) => m[1] as string);
/** What a relative import names, as a path under src (without extension). */
const target = (file: string, spec: string): string =>
  relative(src, resolve(dirname(file), spec)).replace(/\.js$/, '');

const ALLOWED_SIBLINGS: Readonly<Record<string, readonly string[]>> = {
  credits: ['kpi'],
  overtime: ['credits', 'forecast'],
};

describe('layers', () => {
  const all = files(src).map((file) => ({
    file,
    rel: relative(src, file),
    imports: importsOf(file),
  }));

  it('reads some files (else the rules below check nothing)', () => {
    expect(all.some(({ rel }) => rel.startsWith('advanced/escalation/'))).toBe(true);
    expect(all.some(({ imports }) => imports.length > 0)).toBe(true);
  });

  it('nothing outside src/advanced imports it', () => {
    const offenders = all
      .filter(({ rel }) => !rel.startsWith('advanced/'))
      .flatMap(({ file, rel, imports }) =>
        imports
          .filter((s) => s.startsWith('.') && target(file, s).startsWith('advanced'))
          .map((s) => `${rel} → ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('an advanced capability imports only the public core, errors, shared machinery, advanced/shared and itself', () => {
    const offenders: string[] = [];
    for (const { file, rel, imports } of all) {
      const [layer, capability] = rel.split('/');
      if (layer !== 'advanced' || capability === undefined || capability.endsWith('.ts')) continue;
      for (const spec of imports) {
        if (!spec.startsWith('.')) {
          offenders.push(`${rel} → ${spec} (a package)`);
          continue;
        }
        const to = target(file, spec);
        const [toLayer, toCapability] = to.split('/');
        const ok =
          to === 'index' ||
          to === 'errors' ||
          toLayer === 'shared' ||
          (toLayer === 'advanced' &&
            (toCapability === 'shared' ||
              toCapability === capability ||
              (capability === 'shared' && toCapability === 'shared') ||
              (ALLOWED_SIBLINGS[capability] ?? []).includes(toCapability as string)));
        if (!ok) offenders.push(`${rel} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
