import { mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLedgerWriter, type LedgerRecord, ledgerRecordSchema, readLedger } from '../src/internal.js';

// The usage ledger's writer: one JSON line per request, rotated by size. It learns the file's size with
// one stat and then counts what it appends (no stat per request), so these check that rotation still
// happens where it should — alone, and with a second proxy appending to the same file.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccs-ledger-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (i: number): LedgerRecord => ({
  v: 1,
  ts: new Date(Date.UTC(2026, 11, 7, 12, 0, i)).toISOString(),
  provider: 'codex',
  account: 'john',
  requestedModel: 'claude-sonnet-4-8',
  model: 'gpt-5.6-terra',
  effort: 'medium',
  session: null,
  inputTokens: i,
  cachedInputTokens: 0,
  outputTokens: 1,
  reasoningTokens: 0,
  durationMs: 10,
  status: 200,
  error: null,
});
const lineBytes = Buffer.byteLength(`${JSON.stringify(record(10))}\n`);

async function appendAll(writer: ReturnType<typeof createLedgerWriter>, from: number, count: number) {
  for (let i = from; i < from + count; i++) {
    writer.append(record(i));
    await writer.flush(); // one batch per request, as when requests are spread out
  }
}

async function linesIn(): Promise<{ files: string[]; records: LedgerRecord[] }> {
  const files = (await readdir(dir)).sort();
  const records: LedgerRecord[] = [];
  for (const name of files) {
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n').filter(Boolean)) {
      records.push(ledgerRecordSchema.parse(JSON.parse(line)));
    }
  }
  return { files, records };
}

describe('usage ledger writer', () => {
  it('rotates the file once it reaches the size limit and keeps every record', async () => {
    const writer = createLedgerWriter({ dir, maxBytes: lineBytes * 5, keepRotated: 10 });
    await appendAll(writer, 10, 12);
    const { files, records } = await linesIn();
    expect(files.filter((f) => /^ledger-\d+\.jsonl$/.test(f)).length).toBeGreaterThanOrEqual(2);
    expect(files).toContain('ledger.jsonl');
    expect(records.map((r) => r.inputTokens).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => 10 + i),
    );
    expect((await stat(join(dir, 'ledger.jsonl'))).size).toBeLessThan(lineBytes * 5);
    expect(((await stat(join(dir, 'ledger.jsonl'))).mode & 0o777).toString(8)).toBe('600');
    const read = await readLedger(dir);
    expect(read.records).toHaveLength(12);
  });

  it('never renames a full file over a rotated one of the same millisecond', async () => {
    // A limit of one line rotates on every append, many times per millisecond.
    const writer = createLedgerWriter({ dir, maxBytes: 1, keepRotated: 100 });
    await appendAll(writer, 10, 30);
    const { records } = await linesIn();
    expect(records).toHaveLength(30);
  });

  it('deletes the oldest rotated files beyond keepRotated', async () => {
    const writer = createLedgerWriter({ dir, maxBytes: lineBytes * 2, keepRotated: 2 });
    await appendAll(writer, 10, 12);
    const rotated = (await readdir(dir)).filter((f) => /^ledger-\d+\.jsonl$/.test(f));
    expect(rotated.length).toBe(2);
  });

  it('still rotates when another proxy appends to the same file', async () => {
    const a = createLedgerWriter({ dir, maxBytes: lineBytes * 6, keepRotated: 10 });
    const b = createLedgerWriter({ dir, maxBytes: lineBytes * 6, keepRotated: 10 });
    // Each writer alone appends 4 lines, under the limit of 6: only the other's lines make the file
    // full, and the writers must notice that from the file, not from their own counts.
    for (let i = 0; i < 4; i++) {
      await appendAll(a, 100 + i * 2, 1);
      await appendAll(b, 101 + i * 2, 1);
    }
    expect(await readdir(dir)).not.toEqual(['ledger.jsonl']);
    const rotated = (await readdir(dir)).filter((f) => /^ledger-\d+\.jsonl$/.test(f));
    expect(rotated.length).toBe(1);
    const { records } = await linesIn();
    expect(records).toHaveLength(8);
    expect((await stat(join(dir, 'ledger.jsonl'))).size).toBeLessThan(lineBytes * 6);
  });

  it.runIf(process.platform === 'linux')(
    'keeps the file open between appends and closes it on close()',
    async () => {
      const openLedgerFds = async () => {
        let n = 0;
        for (const fd of await readdir('/proc/self/fd')) {
          const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
          if (target.startsWith(dir)) n++;
        }
        return n;
      };
      const writer = createLedgerWriter({ dir });
      await appendAll(writer, 1, 3);
      expect(await openLedgerFds()).toBe(1);
      await writer.close();
      expect(await openLedgerFds()).toBe(0);
      expect((await linesIn()).records).toHaveLength(3);
    },
  );

  it('appends to the new file once another proxy has rotated the old one', async () => {
    const line = lineBytes;
    // b rotates at 4 lines; a checks the path every eighth of its (large) limit = every line here.
    const a = createLedgerWriter({ dir, maxBytes: line * 8, keepRotated: 10 });
    const b = createLedgerWriter({ dir, maxBytes: line * 4, keepRotated: 10 });
    await appendAll(a, 1, 2);
    await appendAll(b, 3, 2); // 4 lines: b rotates the file a holds open
    await appendAll(a, 5, 2); // the first lands in the rotated file; a sees the new inode and reopens
    await appendAll(a, 7, 1);
    const current = (await readFile(join(dir, 'ledger.jsonl'), 'utf8')).trim().split('\n');
    expect(current.map((l) => (JSON.parse(l) as LedgerRecord).inputTokens)).toContain(7);
    expect((await linesIn()).records).toHaveLength(7);
    await a.close();
    await b.close();
  });
});
