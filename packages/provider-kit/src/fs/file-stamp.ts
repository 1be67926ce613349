import { statSync } from 'node:fs';

/**
 * A cheap identity of a file's current version: inode, size, modification and change times (ns), from
 * one synchronous stat (microseconds; no thread-pool round trip, so it suits a per-request check).
 * `writeFileAtomic` always changes it (the rename brings a new inode and touches the folder), and so
 * does any write that changes the size or a timestamp. `'missing'` when the file does not exist.
 * Use it to keep a parsed file in memory and re-read it only when another process changed it.
 */
export function fileStamp(path: string): string {
  try {
    const info = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (!info) return 'missing';
    return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch (error) {
    // Unreadable now (EACCES, ELOOP…): a stamp of its own, so the next read reports the problem.
    return `error:${(error as NodeJS.ErrnoException).code ?? 'unknown'}`;
  }
}
