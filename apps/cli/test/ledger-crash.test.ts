import { execFile, spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLedgerWriter, type LedgerRecord, ledgerRecordSchema, readLedger } from '@ccs/proxy/internal';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltBin } from './built-bin.js';

// A proxy killed with SIGKILL while it appends to the usage ledger: no broken line is kept, and
// `ccs usage` still reads every complete record.
const run = promisify(execFile);
const proxyDist = fileURLToPath(new URL('../../proxy/dist/internal.js', import.meta.url));
let bin: string;
let home: string;

const record = (i: number): LedgerRecord => ({
  v: 1,
  ts: new Date().toISOString(),
  provider: 'codex',
  account: 'john',
  requestedModel: 'claude-sonnet-4-8',
  model: 'gpt-5.5',
  effort: 'high',
  session: `s-${i % 3}`,
  inputTokens: 100,
  cachedInputTokens: 10,
  outputTokens: 20,
  reasoningTokens: 5,
  durationMs: 12,
  status: 200,
  error: null,
});

beforeAll(() => {
  bin = ensureBuiltBin();
}, 240_000);
afterEach(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

describe('usage ledger after kill -9', () => {
  it('keeps every complete record and no torn line', async () => {
    home = await mkdtemp(join(tmpdir(), 'ccs-ledger-crash-'));
    const dir = join(home, 'usage');
    // A writer appending as fast as it can, in its own process, until it is killed.
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { createLedgerWriter } = await import(${JSON.stringify(proxyDist)});
         const w = createLedgerWriter({ dir: ${JSON.stringify(dir)} });
         const r = ${JSON.stringify(record(0))};
         for (let i = 0; ; i++) { for (let j = 0; j < 20; j++) w.append({ ...r, session: 's-' + (i % 3) }); await w.flush(); process.stdout.write('.'); }`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      let dots = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        dots += chunk.length;
        if (dots >= 15) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before it was killed`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // What a write cut short leaves behind (a crash between a record's first byte and its newline).
    await appendFile(join(dir, 'ledger.jsonl'), '{"v":1,"ts":"2026-12-07T10:00:00.000Z","provider":"co');

    const complete = (await readFile(join(dir, 'ledger.jsonl'), 'utf8')).split('\n').slice(0, -1);
    expect(complete.length).toBeGreaterThanOrEqual(300);
    const { stdout } = await run(process.execPath, [bin, 'usage', '--json'], {
      env: { PATH: process.env.PATH, CCS_HOME: home },
    });
    const doc = JSON.parse(stdout) as {
      total: { requests: number; inputTokens: number };
      skippedLines: number;
    };
    expect(doc.total.requests).toBe(complete.length);
    expect(doc.total.inputTokens).toBe(100 * complete.length);
    expect(doc.skippedLines).toBe(1);

    // The next writer (the next proxy) cuts the torn tail before it appends: no corrupt line is kept.
    const next = createLedgerWriter({ dir });
    next.append(record(1));
    await next.flush();
    const lines = (await readFile(join(dir, 'ledger.jsonl'), 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(0, -1))
      expect(ledgerRecordSchema.safeParse(JSON.parse(line)).success).toBe(true);
    const after = await readLedger(dir);
    expect(after.records.length).toBe(complete.length + 1);
    expect(after.skipped).toBe(0);
  }, 90_000);
});
