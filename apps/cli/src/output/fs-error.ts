import { homedir } from 'node:os';
import { join } from 'node:path';
import { CcsError } from '@ccs/core';

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
};

/**
 * A file-system failure under CCS_HOME (read-only disk, permissions, full disk) is the user's
 * environment, not a ccs bug: say which path and why, and what to do, instead of "Unexpected error …
 * please report". Undefined for anything that is not such an error.
 */
export function fsErrorAsCcsError(
  error: unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
): CcsError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof path !== 'string') return undefined;
  // A recursive mkdir on a read-only or vanished parent reports ENOENT.
  const why =
    WHY[code] ??
    (code === 'ENOENT' && syscall === 'mkdir' ? 'its parent folder cannot be written' : undefined);
  if (!why) return undefined;
  const home = env.CCS_HOME || join(homedir(), '.ccs');
  return new CcsError(
    'PERMISSION_DENIED',
    `Cannot ${syscall === 'mkdir' ? 'create' : 'use'} ${path}: ${why}.`,
    {
      cause: error,
      suggestion: `Make sure CCS_HOME (${home}) is a folder you can write to, or point CCS_HOME at one.`,
    },
  );
}
