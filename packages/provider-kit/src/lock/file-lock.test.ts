import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CcsError } from '@ccs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const esbuild = fileURLToPath(new URL('../../../../node_modules/.bin/esbuild', import.meta.url));

// Child processes run the real module, bundled from source (Node 20 cannot run .ts directly).
const workerSource = `
import { readFile, writeFile } from 'node:fs/promises';
import { withFileLock } from './file-lock.ts';
const [mode, lockPath, arg1, arg2] = process.argv.slice(2);
if (mode === 'count') {
  for (let i = 0; i < Number(arg2); i++) {
    await withFileLock(lockPath, async () => {
      const n = JSON.parse(await readFile(arg1, 'utf8')).n;
      await new Promise((r) => setImmediate(r)); // widen the race window
      await writeFile(arg1, JSON.stringify({ n: n + 1 }));
    }, { retryMs: 5 });
  }
} else if (mode === 'hold') {
  await withFileLock(lockPath, async () => {
    process.stdout.write('held\\n');
    await new Promise((r) => setTimeout(r, Number(arg1)));
    process.stdout.write('released ' + Date.now() + '\\n');
  }, { staleMs: Number(arg2) });
} else if (mode === 'die') {
  await withFileLock(lockPath, async () => {
    process.stdout.write('held\\n');
    process.exit(0); // never releases
  });
}
`;

let dir: string;
let worker: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccs-lock-'));
  worker = join(dir, 'worker.mjs');
  execFileSync(
    esbuild,
    [
      '--bundle',
      '--log-level=warning',
      '--platform=node',
      '--format=esm',
      '--loader=ts',
      '--conditions=source',
      `--outfile=${worker}`,
    ],
    { input: workerSource, cwd: here, stdio: ['pipe', 'ignore', 'inherit'] },
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runWorker(args: string[], onLine?: (line: string) => void): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) onLine?.(line);
    });
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
  });
}

describe('withFileLock', () => {
  it('serialises read-modify-write across processes: no lost updates', async () => {
    const counter = join(dir, 'counter.json');
    const lock = join(dir, 'counter.lock');
    await writeFile(counter, JSON.stringify({ n: 0 }));
    const codes = await Promise.all([1, 2, 3].map(() => runWorker(['count', lock, counter, '50'])));
    expect(codes).toEqual([0, 0, 0]);
    expect(JSON.parse(await readFile(counter, 'utf8'))).toEqual({ n: 150 });
  }, 30_000);

  it('serialises same-process callers in order', async () => {
    const lock = join(dir, 'inproc.lock');
    const events: string[] = [];
    let active = 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        withFileLock(lock, async () => {
          active++;
          expect(active).toBe(1);
          events.push(`start ${i}`);
          await new Promise((r) => setTimeout(r, 2));
          events.push(`end ${i}`);
          active--;
        }),
      ),
    );
    expect(events).toEqual(Array.from({ length: 10 }, (_, i) => [`start ${i}`, `end ${i}`]).flat());
  });

  it('releases the lock when fn throws, and passes the error through', async () => {
    const lock = join(dir, 'throw.lock');
    await expect(
      withFileLock(lock, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(readFile(lock)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await withFileLock(lock, async () => 42)).toBe(42);
  });

  it('breaks a lock whose holder process died', async () => {
    const lock = join(dir, 'dead.lock');
    let held = false;
    await runWorker(['die', lock], (line) => {
      if (line === 'held') held = true;
    });
    expect(held).toBe(true);
    await expect(readFile(lock, 'utf8')).resolves.toContain('"pid"');
    const started = Date.now();
    // staleMs is long: it must be the dead pid, not the age, that frees the lock.
    expect(await withFileLock(lock, async () => 'ok', { staleMs: 60_000, timeoutMs: 5_000 })).toBe('ok');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('breaks an empty lock (its creator was killed before writing its pid) after 2 s, not staleMs', async () => {
    const lock = join(dir, 'empty.lock');
    await writeFile(lock, '');
    const old = new Date(Date.now() - 3_000);
    await utimes(lock, old, old);
    const started = Date.now();
    expect(await withFileLock(lock, async () => 'ok', { staleMs: 60_000, timeoutMs: 5_000 })).toBe('ok');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('breaks a lock not refreshed for staleMs (holder on another machine)', async () => {
    const lock = join(dir, 'old.lock');
    await writeFile(lock, JSON.stringify({ pid: 1, host: 'some-other-host', token: 'x' }));
    const old = new Date(Date.now() - 5_000);
    await utimes(lock, old, old);
    expect(await withFileLock(lock, async () => 'ok', { staleMs: 1_000, timeoutMs: 3_000 })).toBe('ok');
  });

  it('times out with a CcsError naming the lock file while a live holder keeps it', async () => {
    const lock = join(dir, 'busy.lock');
    await writeFile(lock, JSON.stringify({ pid: process.ppid, host: 'some-other-host', token: 'x' }));
    const error = await withFileLock(lock, async () => 'never', { timeoutMs: 200, staleMs: 60_000 }).catch(
      (e: unknown) => e,
    );
    expect(CcsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect((error as CcsError).message).toContain('busy.lock');
    expect((error as CcsError).suggestion).toContain(lock);
    // Not ours: it must be left in place.
    await expect(readFile(lock, 'utf8')).resolves.toContain('some-other-host');
  });

  it('a long holder keeps its lock alive past staleMs by refreshing it', async () => {
    const lock = join(dir, 'long.lock');
    let releasedAt = 0;
    let onHeld!: () => void;
    const heldPromise = new Promise<void>((r) => {
      onHeld = r;
    });
    const exited = runWorker(['hold', lock, '2500', '900'], (line) => {
      if (line === 'held') onHeld();
      if (line.startsWith('released ')) releasedAt = Number(line.slice(9));
    });
    await heldPromise;
    const acquiredAt = await withFileLock(lock, async () => Date.now(), { staleMs: 900, timeoutMs: 10_000 });
    await exited;
    expect(releasedAt).toBeGreaterThan(0);
    expect(acquiredAt).toBeGreaterThanOrEqual(releasedAt);
  }, 20_000);
});
