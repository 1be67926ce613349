import { CcsError } from '@ccs/core';

export async function runCliproxy(_argv: string[]): Promise<number> {
  throw new CcsError('INTERNAL', 'ccs cliproxy is not implemented yet.');
}
