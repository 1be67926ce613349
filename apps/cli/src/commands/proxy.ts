import { CcsError } from '@ccs/core';

export async function runProxy(_argv: string[]): Promise<number> {
  throw new CcsError('INTERNAL', 'ccs proxy is not implemented yet.');
}
