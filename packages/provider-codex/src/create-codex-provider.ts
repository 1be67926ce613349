import { CcsError, type PluginContext, type Provider } from '@ccs/core';
import type { CodexOptions } from './codex-options.js';

/**
 * Builds the Codex provider from a plugin context (what the host passes).
 * OWNED BY the auth/accounts work: wires auth strategies, account manager, model catalog, effort policy,
 * chat model and quota source together.
 */
export function createCodexProviderFromContext(_context: PluginContext, _options: CodexOptions): Provider {
  throw new CcsError('INTERNAL', 'The Codex provider is not wired yet.');
}
