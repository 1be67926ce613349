import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureDir, moveAside, readJsonFile, readTextFile, writeFileAtomic } from './atomic-write.js';

const posix = process.platform !== 'win32';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccs-fs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ensureDir', () => {
  it('creates nested folders', async () => {
    const target = join(dir, 'a', 'b', 'c');
    await ensureDir(target);
    expect((await stat(target)).isDirectory()).toBe(true);
  });

  it.runIf(posix)('tightens a folder that exists with looser permissions', async () => {
    const target = join(dir, 'loose');
    await mkdir(target);
    await chmod(target, 0o755);
    await ensureDir(target);
    expect((await stat(target)).mode & 0o777).toBe(0o700);
  });

  it.runIf(posix)('does not widen a stricter folder', async () => {
    const target = join(dir, 'strict');
    await mkdir(target);
    await chmod(target, 0o500);
    await ensureDir(target, 0o700);
    expect((await stat(target)).mode & 0o777).toBe(0o500);
    await chmod(target, 0o700);
  });
});

describe('writeFileAtomic', () => {
  it('sweeps the temp files of writers killed mid-write, keeps those of live writers', async () => {
    const file = join(dir, 'accounts.json');
    // A pid that cannot be running: above the kernel's pid_max.
    const dead = join(dir, '.accounts.json.99999999.abcdef012345.tmp');
    const live = join(dir, `.accounts.json.${process.ppid}.abcdef012345.tmp`);
    // A per-process file (the proxy's status-<pid>.json) is never written again by the same name.
    const otherTarget = join(dir, '.status-99999999.json.99999999.0123456789ab.tmp');
    const notOurs = join(dir, '.notes.tmp');
    for (const path of [dead, live, otherTarget, notOurs]) await writeFile(path, '{"half":');
    await writeFileAtomic(file, '{"a":1}');
    expect((await readdir(dir)).sort()).toEqual(
      [`.accounts.json.${process.ppid}.abcdef012345.tmp`, '.notes.tmp', 'accounts.json'].sort(),
    );
  });

  it('writes text and bytes, replacing an existing file', async () => {
    const file = join(dir, 'tokens.json');
    await writeFileAtomic(file, '{"a":1}');
    expect(await readFile(file, 'utf8')).toBe('{"a":1}');
    await writeFileAtomic(file, new TextEncoder().encode('second'));
    expect(await readFile(file, 'utf8')).toBe('second');
    // No temp files are left behind.
    expect(await readdir(dir)).toEqual(['tokens.json']);
  });

  it.runIf(posix)('uses mode 0600 by default even when the old file was 0644', async () => {
    const file = join(dir, 'secret.json');
    await writeFile(file, 'old');
    await chmod(file, 0o644);
    await writeFileAtomic(file, 'new');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await writeFileAtomic(file, 'pub', { mode: 0o644 });
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it('removes its temp file and keeps the old content when the rename fails', async () => {
    // A folder at the target path makes rename fail after the temp file was written.
    const target = join(dir, 'blocked');
    await mkdir(target);
    await writeFile(join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['blocked']);
  });

  it('fails when the folder does not exist (callers ensureDir first)', async () => {
    await expect(writeFileAtomic(join(dir, 'nope', 'f.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('concurrent writers never produce a torn file', async () => {
    const file = join(dir, 'race.json');
    const bodies = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(50_000) }));
    await Promise.all(bodies.map((body) => writeFileAtomic(file, body)));
    expect(bodies).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['race.json']);
  });
});

describe('readTextFile', () => {
  it('returns undefined for a missing file and the text otherwise', async () => {
    expect(await readTextFile(join(dir, 'missing'))).toBeUndefined();
    await writeFile(join(dir, 'f'), 'héllo');
    expect(await readTextFile(join(dir, 'f'))).toBe('héllo');
  });

  it('throws for errors other than missing', async () => {
    await expect(readTextFile(dir)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('readJsonFile', () => {
  const schema = z.object({ token: z.string(), n: z.number().optional() });

  it('reports missing', async () => {
    expect(await readJsonFile(join(dir, 'none.json'), schema)).toEqual({ status: 'missing' });
  });

  it('returns the parsed value and the raw JSON (unknown fields kept in raw)', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(file, '\uFEFF{"token":"t","extra":true}');
    expect(await readJsonFile(file, schema)).toEqual({
      status: 'ok',
      value: { token: 't' },
      raw: { token: 't', extra: true },
    });
  });

  it('reports invalid JSON as corrupt without echoing the content', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{"token":"sk-SECRET-VALUE",');
    const result = await readJsonFile(file, schema);
    expect(result.status).toBe('corrupt');
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });

  it('reports a schema mismatch as corrupt, naming the field but not the value', async () => {
    const file = join(dir, 'shape.json');
    await writeFile(file, '{"token":12345678}');
    const result = await readJsonFile(file, schema);
    expect(result).toMatchObject({ status: 'corrupt' });
    if (result.status !== 'corrupt') throw new Error('unreachable');
    expect(result.error).toContain('token');
    expect(result.error).not.toContain('12345678');
  });

  it('reports an unreadable path (a folder) as corrupt instead of throwing', async () => {
    expect(await readJsonFile(dir, schema)).toMatchObject({ status: 'corrupt' });
  });
});

describe('moveAside', () => {
  it('renames to <path>.corrupt-<timestamp>.bak and never clobbers an earlier backup', async () => {
    const file = join(dir, 'auth.json');
    await writeFile(file, 'one');
    const first = await moveAside(file);
    await writeFile(file, 'two');
    const second = await moveAside(file);
    expect(first).toMatch(/auth\.json\.corrupt-.+\.bak$/);
    expect(second).not.toBe(first);
    expect(await readFile(first, 'utf8')).toBe('one');
    expect(await readFile(second, 'utf8')).toBe('two');
    expect(await readTextFile(file)).toBeUndefined();
  });
});
