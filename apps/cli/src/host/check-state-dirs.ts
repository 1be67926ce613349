import { statSync } from 'node:fs';
import { CcsError } from '@ccs/core';

function mustNotBeAFile(dir: string, what: string, suggestion: string): void {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    throw new CcsError('CONFIG_INVALID', `${what} (${dir}) is a file, not a folder.`, { suggestion });
  }
}

/**
 * CCS_HOME (or its cliproxy folder) being a plain file makes every read fail with a bare ENOTDIR that
 * names config.yaml and blames permissions; say what is actually wrong before anything reads there.
 */
export function checkStateDirs(home: string, cliproxyDir: string): void {
  mustNotBeAFile(
    home,
    'CCS_HOME',
    'Point CCS_HOME at a folder (or unset it for ~/.ccs), or move that file away.',
  );
  mustNotBeAFile(
    cliproxyDir,
    'The ccs state folder',
    'Move that file away; ccs creates the folder it needs.',
  );
}

/** The token folder (`auth-dir`) being a file would otherwise surface as an "unexpected error". */
export function checkAuthDir(authDir: string): void {
  mustNotBeAFile(
    authDir,
    'The token folder',
    'Move that file away (ccs creates the folder), or point auth-dir in config.yaml at a folder.',
  );
}
