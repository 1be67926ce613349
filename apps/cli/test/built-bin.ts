import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = join(cliDir, '..', '..');
export const BIN = join(cliDir, 'dist', 'bin.js');

/** The source folders the bin is built from. */
const SOURCES = [
  'apps/cli/src',
  'apps/proxy/src',
  'packages/core/src',
  'packages/provider-kit/src',
  'packages/provider-codex/src',
];

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Tests of the built `ccs` bin run against a bin that matches the sources: CI builds before testing;
 * locally a stale or missing bin is rebuilt once (turbo caches), under a lock so test files running in
 * parallel do not build at the same time.
 */
export function ensureBuiltBin(): string {
  const isFresh = () =>
    existsSync(BIN) &&
    statSync(BIN).mtimeMs >= Math.max(...SOURCES.map((s) => newestMtime(join(repoDir, s))));
  if (isFresh()) return BIN;
  const lock = join(tmpdir(), `ccs-cli-build-${Buffer.from(repoDir).toString('hex').slice(-16)}.lock`);
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000)
        throw new Error(`Timed out waiting for another test to build the ccs bin (${lock}).`);
      sleep(200);
    }
  }
  try {
    if (!isFresh())
      execFileSync('pnpm', ['turbo', 'run', 'build', '--filter=@ccs/cli...'], {
        cwd: repoDir,
        stdio: 'ignore',
      });
  } finally {
    rmdirSync(lock);
  }
  return BIN;
}
