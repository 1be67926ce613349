import { CcsError } from '@ccs/core';

export async function runEnv(_argv: string[]): Promise<number> {
  throw new CcsError('INTERNAL', 'ccs env is not implemented yet.');
}
