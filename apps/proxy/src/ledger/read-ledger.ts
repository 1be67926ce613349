import { readFile } from 'node:fs/promises';
import { ledgerFiles } from './ledger-files.js';
import { type LedgerRecord, ledgerRecordSchema } from './ledger-record.js';

export interface LedgerRead {
  records: LedgerRecord[];
  /** Lines that are not a valid record (a torn last line after a crash, a hand edit): skipped. */
  skipped: number;
}

/** Every record of the ledger in `dir`, oldest first, optionally only those at or after `since`. */
export async function readLedger(dir: string, options: { since?: Date } = {}): Promise<LedgerRead> {
  const since = options.since?.getTime();
  const records: LedgerRecord[] = [];
  let skipped = 0;
  for (const file of await ledgerFiles(dir)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      // Rotated away between listing and reading: its records are in the renamed file, listed next time.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let parsed: ReturnType<typeof ledgerRecordSchema.safeParse>;
      try {
        parsed = ledgerRecordSchema.safeParse(JSON.parse(line));
      } catch {
        skipped++;
        continue;
      }
      if (!parsed.success) {
        skipped++;
        continue;
      }
      if (since !== undefined && Date.parse(parsed.data.ts) < since) continue;
      records.push(parsed.data);
    }
  }
  return { records, skipped };
}
