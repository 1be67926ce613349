import { CcsError } from '@ccs/core';
import type { CodexArgs } from './parse-codex-args.js';

// Placeholder until the login work lands (issue 4); fails honestly rather than pretending.
export async function runCodexAuth(_args: CodexArgs): Promise<number> {
  throw new CcsError('INTERNAL', 'ccs codex --auth is not implemented yet.');
}
