import { CcsError } from '@ccs/core';
import type { CodexArgs } from './parse-codex-args.js';

export async function runCodexConfig(_args: CodexArgs): Promise<number> {
  throw new CcsError('INTERNAL', 'ccs codex --config is not implemented yet.');
}
