import { constants, existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsErrorAsCcsError } from './fs-error.js';

/**
 * Fails early, with the reason, when `dir` (or the nearest folder that exists above it) cannot be
 * written: a sign-in on a read-only CCS_HOME would otherwise only fail after the browser round trip.
 */
export async function assertWritableDir(dir: string): Promise<void> {
  let existing = dir;
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  try {
    await access(existing, constants.W_OK);
  } catch (error) {
    throw fsErrorAsCcsError(error) ?? error;
  }
}
