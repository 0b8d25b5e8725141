#!/usr/bin/env node
// Builds the package when dist/ is missing or older than src/, so that examples run against
// the current source without paying for a build each time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
const built = ['index.js', 'advanced.js'].map((name) => join(root, 'dist', name));
const stale = built.some(
  (file) => !existsSync(file) || statSync(file).mtimeMs < newest(join(root, 'src')),
);
if (stale) {
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
