import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseConfig } from '@ccs/core/internal';

/** Every file under `root`, relative paths. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(root, path));
    }
  }
  await walk(root);
  return out.sort();
}

/** Leftovers of an interrupted write or lock: temp files and lock files. Backups of corrupt files are not. */
export const isLeftover = (file: string) => /\.tmp$|\.lock$|\.break$/.test(file);

export interface StateReport {
  /** State files that do not parse (torn, empty, truncated). */
  corrupt: string[];
  /** Temp files of interrupted writes. */
  leftovers: string[];
  /** Lock files whose holder is gone (broken by the next process that wants the lock). */
  staleLocks: string[];
  /** Lock files held by a live process or written by nobody recently: these would block. */
  liveLocks: string[];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function lockIsStale(path: string): Promise<boolean> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as { pid?: number };
    return typeof owner.pid !== 'number' || !isAlive(owner.pid);
  } catch {
    return true; // empty: its creator died before writing its pid
  }
}

/**
 * Parses every state file under CCS_HOME the way ccs reads it: JSON files with JSON.parse, config.yaml
 * with the real config parser. Missing files are fine (ccs recreates them); unreadable ones are not.
 */
export async function checkStateFiles(ccsHome: string): Promise<StateReport> {
  const files = await listFiles(ccsHome);
  const corrupt: string[] = [];
  for (const file of files) {
    if (isLeftover(file)) continue;
    // ccs moves a file it could not parse aside: that is a corruption it found.
    if (file.includes('.corrupt-')) {
      corrupt.push(file);
      continue;
    }
    const text = await readFile(join(ccsHome, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    try {
      if (file.endsWith('.jsonl')) {
        // Append-only: a kill mid-append may leave a torn last line (no newline yet), which readers
        // skip and the next writer cuts; every complete line must parse.
        for (const line of text.split('\n').slice(0, -1)) if (line) JSON.parse(line);
      } else if (file.endsWith('.json')) {
        const value = JSON.parse(text) as unknown;
        if (value === null || typeof value !== 'object') throw new Error('not an object');
      } else if (file.endsWith('config.yaml')) parseConfig(text, file);
    } catch {
      corrupt.push(file);
    }
  }
  const staleLocks: string[] = [];
  const liveLocks: string[] = [];
  for (const file of files.filter((f) => /\.lock$|\.break$/.test(f)))
    ((await lockIsStale(join(ccsHome, file))) ? staleLocks : liveLocks).push(file);
  return { corrupt, leftovers: files.filter((f) => f.endsWith('.tmp')), staleLocks, liveLocks };
}
