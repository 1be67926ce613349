#!/usr/bin/env node
// Packs the published packages the way they are published (`pnpm pack` turns `workspace:^` into real
// versions) into one folder. Used by scripts/install-global and by the packed-tarball tests.
//   node scripts/pack-packages.mjs <dest> [--cli]     (--cli: only @ccs/cli and what it depends on)
// Build first (`pnpm build`): the tarballs hold dist/ as it is.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHED, repoRoot } from './api-report.mjs';

const manifest = (dir) => JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8'));

/** `@ccs/cli` and the workspace packages it depends on, directly or not. */
export function cliClosure() {
  const byName = new Map(PUBLISHED.map((p) => [p.name, p]));
  const wanted = ['@ccs/cli'];
  const seen = new Map();
  for (let i = 0; i < wanted.length && i < 100; i++) {
    const pkg = byName.get(wanted[i]);
    if (!pkg || seen.has(pkg.name)) continue;
    seen.set(pkg.name, pkg);
    for (const [dep, range] of Object.entries(manifest(pkg.dir).dependencies ?? {})) {
      if (range.startsWith('workspace:')) wanted.push(dep);
    }
  }
  return [...seen.values()];
}

/** Packs `packages` (default: every published one) into `dest`; returns the tarball paths by package name. */
export function packPackages(dest, packages = PUBLISHED) {
  mkdirSync(dest, { recursive: true });
  const out = {};
  for (const pkg of packages) {
    if (manifest(pkg.dir).private) throw new Error(`${pkg.name} is private and cannot be packed`);
    const before = new Set(readdirSync(dest));
    execFileSync('pnpm', ['pack', '--pack-destination', dest], {
      cwd: join(repoRoot, pkg.dir),
      stdio: 'pipe',
      timeout: 120_000,
    });
    const file = readdirSync(dest).find((f) => !before.has(f) && f.endsWith('.tgz'));
    if (!file) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`);
    out[pkg.name] = join(dest, file);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dest = process.argv[2];
  if (!dest) {
    console.error('usage: node scripts/pack-packages.mjs <dest> [--cli]');
    process.exit(2);
  }
  const files = packPackages(resolve(dest), process.argv.includes('--cli') ? cliClosure() : PUBLISHED);
  for (const file of Object.values(files)) console.log(file);
}
