import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// What ships explains itself: the docs and the doc comments (which become the shipped
// declarations) cite the docs' own sections, never the project's internal contract, and a
// link in a shipped page leads to something in the package (or says it is in the repository).

const root = resolve(import.meta.dirname, '..');
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
const src = walk(join(root, 'src')).filter((f) => f.endsWith('.ts'));
const docs = walk(join(root, 'docs')).filter((f) => f.endsWith('.md'));

/** Whether package.json's `files` ships this path (relative to the root, posix). */
const files = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] })
  .files;
const shipped = (path: string): boolean =>
  files.some((pattern) => {
    const glob = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
    return new RegExp(`^${glob}(/.*)?$`).test(path);
  });

describe('shipped text is self-contained', () => {
  it('no file in src/ or docs/ cites "SPEC"', () => {
    const citing = [...src, ...docs].filter((f) => /SPEC/.test(readFileSync(f, 'utf8')));
    expect(citing.map((f) => relative(root, f))).toEqual([]);
    expect(src.length + docs.length).toBeGreaterThan(50);
  });

  it('relative links in docs/ lead to files in the package', () => {
    const broken: string[] = [];
    for (const file of docs) {
      const text = readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target as string)) continue;
        const path = resolve(dirname(file), (target as string).replace(/#.*$/, ''));
        if (!shipped(relative(root, path).split(/[\\/]/).join('/')) || !existsSync(path))
          broken.push(`${relative(root, file)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
