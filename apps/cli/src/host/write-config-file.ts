import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { withFileLock as withSharedFileLock, writeFileAtomic } from '@ccs/provider-kit';

/**
 * Creates a state folder 0700, and tightens one that already exists with looser permissions (made by
 * the user or another tool): the files table promises 0700 folders. Never widens a stricter folder.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const mode = (await stat(dir)).mode & 0o777;
  if ((mode & ~0o700) !== 0) await chmod(dir, mode & 0o700);
}

/**
 * Writes a file atomically with mode 0600 in a 0700 folder, with the writer the token files use (temp file
 * named after the target and the writer's pid, fsync, rename; temps of writers killed mid-write are swept).
 */
export async function writeFileAtomic0600(path: string, text: string): Promise<void> {
  await ensurePrivateDir(dirname(path));
  await writeFileAtomic(path, text, { mode: 0o600 });
}

/**
 * Runs `fn` while holding `<path>.lock`, so two processes editing config.yaml or a settings file at once
 * do not lose each other's change. provider-kit's lock: a holder that died (kill -9) is recognised by its
 * pid at once instead of after a timeout.
 */
export function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  return withSharedFileLock(`${path}.lock`, fn);
}
