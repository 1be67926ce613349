import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { claudeExePath, repoRoot } from '../../../scripts/lib/ccs-harness.mjs';

// The e2e tests run the BUILT bin (apps/cli/dist/bin.js) and the packages it imports from their dist folders, so
// build once before any test when a dist is missing or older than its sources. CI builds first, so there this is
// a no-op; locally it saves "why does my change not show up". CCS_E2E_SKIP_BUILD=1 skips the check.
const PACKAGES = [
  'packages/core',
  'packages/provider-kit',
  'packages/provider-codex',
  'packages/provider-openai-compatible',
  'apps/proxy',
  'apps/cli',
];

function newestMtime(dir: string, depth = 0): number {
  if (!existsSync(dir) || depth > 12) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, depth + 1));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function staleReason(): string | undefined {
  for (const pkg of PACKAGES) {
    const dist = join(repoRoot, pkg, 'dist/index.js');
    if (!existsSync(dist)) return `${pkg}/dist is missing`;
    const src = Math.max(
      newestMtime(join(repoRoot, pkg, 'src')),
      statSync(join(repoRoot, pkg, 'package.json')).mtimeMs,
    );
    if (src > statSync(dist).mtimeMs) return `${pkg}/src is newer than its dist`;
  }
  return undefined;
}

/**
 * Package managers may skip @anthropic-ai/claude-code's postinstall, which leaves a small placeholder where the
 * native binary belongs (bin/claude.exe). Its own install.cjs copies the binary from the platform package.
 */
function ensureClaudeBinary(): void {
  const size = existsSync(claudeExePath) ? statSync(claudeExePath).size : 0;
  if (size > 1_000_000) return;
  process.stderr.write('[e2e] putting the Claude Code native binary in place (node install.cjs)…\n');
  execFileSync(process.execPath, ['install.cjs'], {
    cwd: dirname(dirname(claudeExePath)),
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  });
}

export default function setup(): void {
  ensureClaudeBinary();
  if (process.env.CCS_E2E_SKIP_BUILD === '1') return;
  const reason = staleReason();
  if (!reason) return;
  process.stderr.write(`[e2e] building ccs (${reason})…\n`);
  try {
    execFileSync(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', '--filter=@ccs/cli...', '--output-logs=errors-only'],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: 300_000,
      },
    );
  } catch (error) {
    throw new Error(`[e2e] building ccs failed, so the e2e tests cannot run: ${(error as Error).message}`);
  }
}
