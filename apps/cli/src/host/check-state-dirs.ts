import { statSync } from 'node:fs';
import { CcsError } from '@ccs/core';

/**
 * CCS_HOME (or its cliproxy folder) being a plain file makes every read fail with a bare ENOTDIR that
 * names config.yaml and blames permissions; say what is actually wrong before anything reads there.
 */
export function checkStateDirs(home: string, cliproxyDir: string): void {
  for (const [dir, what] of [
    [home, 'CCS_HOME'],
    [cliproxyDir, 'The ccs state folder'],
  ] as const) {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) {
      throw new CcsError('CONFIG_INVALID', `${what} (${dir}) is a file, not a folder.`, {
        suggestion:
          what === 'CCS_HOME'
            ? 'Point CCS_HOME at a folder (or unset it for ~/.ccs), or move that file away.'
            : 'Move that file away; ccs creates the folder it needs.',
      });
    }
  }
}
