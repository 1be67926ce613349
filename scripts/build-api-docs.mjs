#!/usr/bin/env node
// The API reference of the published packages, generated from their types with TypeDoc (pinned in the
// root package.json): `pnpm docs:api` writes docs/api/html/ (not committed: it is derived, large, and
// would conflict on every change; docs/api/README.md says how to get it, the API reports in each
// package's api/ folder are the committed, reviewed list). Only the public entry points are documented.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PUBLISHED, repoRoot } from './api-report.mjs';

const out = join(repoRoot, 'docs/api/html');
const args = [
  ...PUBLISHED.flatMap((p) => ['--entryPoints', join(p.dir, 'src/index.ts')]),
  '--out',
  out,
  '--tsconfig',
  'tsconfig.base.json',
  '--name',
  'ccs packages',
  '--readme',
  'docs/api/README.md',
  '--excludePrivate',
  '--excludeInternal',
  // The typecheck is `pnpm typecheck`'s job; here only the documented entry points matter.
  '--skipErrorChecking',
  '--treatWarningsAsErrors',
  'false',
  '--logLevel',
  'Error',
];
const r = spawnSync(join(repoRoot, 'node_modules/.bin/typedoc'), args, { cwd: repoRoot, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`API reference written to ${out}/index.html`);
