import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The file new records go to; full ones are renamed `ledger-<time>.jsonl` beside it. */
export const LEDGER_FILE = 'ledger.jsonl';
const ROTATED = /^ledger-(\d+)\.jsonl$/;

/** The ledger's files, oldest first (rotated ones by their time, then the current one). */
export async function ledgerFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const rotated = names
    .map((name) => ({ name, at: Number(ROTATED.exec(name)?.[1] ?? Number.NaN) }))
    .filter((entry) => Number.isFinite(entry.at))
    .sort((a, b) => a.at - b.at)
    .map((entry) => join(dir, entry.name));
  return names.includes(LEDGER_FILE) ? [...rotated, join(dir, LEDGER_FILE)] : rotated;
}

export function rotatedLedgerName(at: number): string {
  return `ledger-${at}.jsonl`;
}
