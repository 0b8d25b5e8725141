#!/usr/bin/env node
// `npm run demo`: builds the package if dist/ is missing or older than src/, then tells one
// ticket's SLA story (examples/ticket-story.mjs) using the built package.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
const built = join(root, 'dist', 'index.js');
if (!existsSync(built) || statSync(built).mtimeMs < newest(join(root, 'src'))) {
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
execFileSync('node', [join(root, 'examples', 'ticket-story.mjs')], { cwd: root, stdio: 'inherit' });
