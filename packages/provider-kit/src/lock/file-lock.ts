import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CcsError } from '@ccs/core';
import { z } from 'zod';
import { isProcessAlive } from '../fs/is-process-alive.js';

export interface FileLockOptions {
  /** Give up waiting after this long (default 15 s). */
  timeoutMs?: number;
  /** A lock whose file was not touched for this long is considered abandoned (default 10 s). */
  staleMs?: number;
  /** Base delay between attempts; each wait is jittered to 0.5x–1.5x (default 25 ms). */
  retryMs?: number;
}

/** A lock file still empty after this long was abandoned by a process killed while creating it. */
const OWNERLESS_STALE_MS = 2_000;

const ownerSchema = z.object({ pid: z.number(), host: z.string(), token: z.string() });

// Per-path tail of the in-process queue: same-process callers wait here instead of spinning on the file.
const queues = new Map<string, Promise<void>>();
const HOST = hostname();

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

function timeoutError(lockPath: string, timeoutMs: number): CcsError {
  return new CcsError(
    'TIMEOUT',
    `Timed out waiting for the lock on ${lockPath} after ${Math.round(timeoutMs / 1000)} s.`,
    {
      suggestion: `Another ccs process is holding it. Wait for it to finish; if no ccs process is running, delete ${lockPath}.`,
      details: { lockPath },
    },
  );
}

async function readOwner(path: string): Promise<z.infer<typeof ownerSchema> | undefined> {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Missing, or created but not yet written by its owner: judge by mtime only.
    return undefined;
  }
}

/** Stale = not refreshed for staleMs, or its holder on this machine is gone. */
async function isStale(path: string, staleMs: number): Promise<boolean> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch {
    return false; // gone: the next attempt simply takes it
  }
  const age = Date.now() - mtimeMs;
  if (age > staleMs) return true;
  const owner = await readOwner(path);
  // Created but never written: its creator was killed between the two steps (a live one writes its
  // owner line at once), so there is no point waiting the whole staleMs for it.
  if (owner === undefined) return age > Math.min(staleMs, OWNERLESS_STALE_MS);
  return owner.host === HOST && owner.pid !== process.pid && !isProcessAlive(owner.pid);
}

async function tryCreate(path: string, token: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      return tryCreate(path, token);
    }
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify({ pid: process.pid, host: HOST, token, createdAt: Date.now() }));
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(path).catch(() => {}); // do not leave an ownerless lock behind (e.g. disk full)
    throw error;
  }
  return true;
}

/**
 * Breaks a stale lock. Two waiters could both see it stale and the slower one delete the lock the
 * faster one just created, so deleting happens only under a short-lived `.break` lock and after
 * re-checking staleness.
 */
async function breakIfStale(path: string, staleMs: number): Promise<void> {
  if (!(await isStale(path, staleMs))) return;
  const breaker = `${path}.break`;
  const token = randomBytes(8).toString('hex');
  if (!(await tryCreate(breaker, token))) {
    // A breaker that itself died mid-break would otherwise block everyone forever.
    if (await isStale(breaker, staleMs)) await unlink(breaker).catch(() => {});
    return;
  }
  try {
    if (await isStale(path, staleMs)) await unlink(path).catch(() => {});
  } finally {
    await unlink(breaker).catch(() => {});
  }
}

async function release(path: string, token: string): Promise<void> {
  // Only delete the lock if it is still ours (it may have been broken as stale and re-taken).
  const owner = await readOwner(path);
  if (owner?.token === token) await unlink(path).catch(() => {});
}

async function acquireFileLock(
  path: string,
  token: string,
  deadline: number,
  opts: Required<FileLockOptions>,
) {
  for (;;) {
    if (await tryCreate(path, token)) return;
    await breakIfStale(path, opts.staleMs);
    if (Date.now() >= deadline) throw timeoutError(path, opts.timeoutMs);
    const wait = opts.retryMs * (0.5 + Math.random());
    await sleep(Math.max(1, Math.min(wait, deadline - Date.now())));
  }
}

/**
 * Runs `fn` while holding a cross-process lock on `lockPath` (a file created exclusively, holding
 * pid, host and a random token). Use it around read-modify-write of shared files, e.g. a token
 * refresh: refresh tokens are single-use, so two processes refreshing at once log one of them out.
 * Same-process callers for the same path queue in order; the lock is always released, even on throw.
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const opts: Required<FileLockOptions> = {
    timeoutMs: options.timeoutMs ?? 15_000,
    staleMs: options.staleMs ?? 10_000,
    retryMs: options.retryMs ?? 25,
  };
  const path = resolve(lockPath);
  const deadline = Date.now() + opts.timeoutMs;

  let done!: () => void;
  const ours = new Promise<void>((r) => {
    done = r;
  });
  const previous = queues.get(path) ?? Promise.resolve();
  const tail = previous.then(() => ours);
  queues.set(path, tail);

  try {
    await waitInQueue(previous, deadline, path, opts.timeoutMs);
    const token = randomBytes(12).toString('hex');
    await acquireFileLock(path, token, deadline, opts);
    // Touch the file while we hold it so a long holder is not mistaken for an abandoned one.
    const heartbeat = setInterval(
      () => {
        const now = new Date();
        utimes(path, now, now).catch(() => {});
      },
      Math.max(10, Math.min(opts.staleMs / 3, 5_000)),
    );
    heartbeat.unref();
    try {
      return await fn();
    } finally {
      clearInterval(heartbeat);
      await release(path, token);
    }
  } finally {
    done();
    if (queues.get(path) === tail) queues.delete(path);
  }
}

async function waitInQueue(previous: Promise<void>, deadline: number, path: string, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now()));
  });
  try {
    const winner = await Promise.race([previous.then(() => 'ready' as const), timedOut]);
    if (winner === 'timeout') throw timeoutError(path, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
