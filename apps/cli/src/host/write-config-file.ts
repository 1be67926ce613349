import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

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

/** Writes a file atomically with mode 0600 (temp file in the same folder, fsync, rename); folders 0700. */
export async function writeFileAtomic0600(path: string, text: string): Promise<void> {
  await ensurePrivateDir(dirname(path));
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
    await chmod(path, 0o600);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding `<path>.lock` (exclusive create), so two processes editing config.yaml at
 * once do not lose each other's change. Bounded: a lock older than 10 s is taken as stale; at most ~5 s of waiting.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 10_000 || attempt >= 100) await rm(lock, { force: true });
      else await sleep(50);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}
