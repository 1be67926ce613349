import { appendFile, type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDir } from '@ccs/provider-kit';
import { LEDGER_FILE, ledgerFiles, rotatedLedgerName } from './ledger-files.js';
import type { LedgerRecord } from './ledger-record.js';

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_KEEP_ROTATED = 5;
const TAIL_CHUNK = 64 * 1024;

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export interface LedgerWriterOptions {
  /** `$CCS_HOME/usage` */
  dir: string;
  /** Size at which the current file is rotated (default 10 MiB). */
  maxBytes?: number;
  /** Rotated files kept (default 5); older ones are deleted. */
  keepRotated?: number;
  onError?: (error: unknown) => void;
}

export interface LedgerWriter {
  /** Queues a record; returns at once. Records are appended after the current turn of the event loop. */
  append(record: LedgerRecord): void;
  /** Resolves when everything queued so far is on disk. */
  flush(): Promise<void>;
  /** Flushes, then closes the file. Appends after this are written with a fresh open. */
  close(): Promise<void>;
}

/**
 * Cuts a torn last line (a process killed between a write's start and its newline, a full disk) so the
 * next record starts on a line of its own and no broken line is kept. Readers skip such a line anyway.
 */
async function repairTornTail(file: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    let end = size;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] === 0x0a) return;
    while (end > 0) {
      const start = Math.max(0, end - TAIL_CHUNK);
      const chunk = Buffer.alloc(end - start);
      await handle.read(chunk, 0, chunk.length, start);
      const newline = chunk.lastIndexOf(0x0a);
      if (newline !== -1) {
        await handle.truncate(start + newline + 1);
        return;
      }
      end = start;
    }
    await handle.truncate(0);
  } finally {
    await handle.close();
  }
}

/**
 * Appends ledger records as JSON lines to `<dir>/ledger.jsonl` (0600, folder 0700). Each batch is one
 * O_APPEND write, so several proxies can share the file; the file is rotated by size. Failures go to
 * `onError` and never reach a request.
 */
export function createLedgerWriter(options: LedgerWriterOptions): LedgerWriter {
  const file = join(options.dir, LEDGER_FILE);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keepRotated ?? DEFAULT_KEEP_ROTATED;
  let queue: string[] = [];
  let prepared = false;
  let chain: Promise<void> = Promise.resolve();
  let scheduled = false;

  // The file's size as this process last read it, plus what this process has appended since: one stat
  // per eighth of the limit appended, not one per request (issue 14). Another proxy appending to the
  // same file makes the count an underestimate, so it is re-read (one stat) whenever this process has
  // appended an eighth of the limit since the last look, or the count says the file may be full: with
  // N proxies sharing the file it ends at most N eighths of the limit past it before it is rotated.
  let statSize: number | undefined;
  let sinceStat = 0;

  // The file stays open for appending (one write per batch instead of open, write and close), and is
  // opened again when the periodic stat finds another file at the path: another proxy rotated it (the
  // lines written since went to the rotated file, which readers read too). Not on Windows, where an open
  // file cannot be renamed by the proxy that rotates it.
  const keepOpen = process.platform !== 'win32';
  let handle: FileHandle | undefined;
  let handleIno: number | undefined;

  async function closeHandle(): Promise<void> {
    const open = handle;
    handle = undefined;
    await open?.close().catch(() => {});
  }

  async function append(text: string): Promise<void> {
    if (!keepOpen) {
      await appendFile(file, text, { mode: 0o600 });
      return;
    }
    if (!handle) {
      handle = await open(file, 'a', 0o600);
      handleIno = (await handle.stat()).ino;
    }
    try {
      // One write (a regular file takes it whole); the loop only matters on a short write (a full disk).
      const data = Buffer.from(text);
      for (let at = 0; at < data.length; ) {
        const { bytesWritten } = await handle.write(data, at);
        if (bytesWritten === 0) throw new Error('the ledger file took no bytes');
        at += bytesWritten;
      }
    } catch (error) {
      await closeHandle();
      throw error;
    }
  }

  async function rotateIfFull(appended: number): Promise<void> {
    sinceStat += appended;
    if (statSize === undefined || statSize + sinceStat >= maxBytes || sinceStat >= maxBytes / 8) {
      const now = await stat(file).catch(() => undefined);
      statSize = now?.size ?? 0;
      sinceStat = 0;
      if (handle && now?.ino !== handleIno) await closeHandle();
    }
    if (statSize < maxBytes) return;
    await closeHandle();
    await rename(file, await freeRotatedName());
    statSize = 0;
    const rotated = (await ledgerFiles(options.dir)).filter((path) => !path.endsWith(`/${LEDGER_FILE}`));
    for (const old of rotated.slice(0, Math.max(0, rotated.length - keep))) await unlink(old).catch(() => {});
  }

  /** A rotated name not taken yet: two rotations in one millisecond must not rename over each other. */
  async function freeRotatedName(): Promise<string> {
    for (let at = Date.now(); ; at++) {
      const candidate = join(options.dir, rotatedLedgerName(at));
      if (!(await exists(candidate))) return candidate;
    }
  }

  async function write(): Promise<void> {
    scheduled = false;
    const lines = queue;
    queue = [];
    if (lines.length === 0) return;
    try {
      if (!prepared) {
        await ensureDir(options.dir);
        await repairTornTail(file);
        prepared = true;
      }
      const text = lines.join('');
      await append(text);
      await rotateIfFull(Buffer.byteLength(text));
    } catch (error) {
      options.onError?.(error);
    }
  }

  return {
    append(record) {
      queue.push(`${JSON.stringify(record)}\n`);
      if (scheduled) return;
      scheduled = true;
      chain = chain.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(write);
    },
    flush() {
      return chain;
    },
    async close() {
      await chain;
      await closeHandle();
    },
  };
}
