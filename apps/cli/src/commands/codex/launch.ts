import { CcsError } from '@ccs/core';
import type { CodexArgs } from './parse-codex-args.js';

export async function runCodexLaunch(_args: CodexArgs): Promise<number> {
  throw new CcsError('INTERNAL', 'ccs codex (launch) is not implemented yet.');
}
