import type { EffortDecision, ModelSlot } from '@ccs/core';

export interface RequestTrace {
  method: string;
  path: string;
  startedAt: number;
  model?: string;
  upstreamModel?: string;
  slot?: ModelSlot;
  effort?: EffortDecision;
  account?: string;
  /** Provider and account ids, Claude Code's session id and reasoning tokens: for the usage ledger. */
  provider?: string;
  accountId?: string;
  sessionId?: string;
  reasoningTokens?: number;
  status?: number;
  error?: string;
  streamError?: boolean;
  cancelled?: boolean;
  usage?: { input_tokens: number; output_tokens: number; cache_read_input_tokens: number };
  notes: string[];
}

/**
 * The --verbose lines of one request: notes (caps, failover, fallbacks) first, then one summary
 * line. Only names, numbers and codes: never a token, key or message body.
 */
export function formatTrace(trace: RequestTrace): string[] {
  const lines = trace.notes.map((note) => `[ccs]   ${note}`);
  let line = `[ccs] ${trace.method} ${trace.path}`;
  if (trace.model) line += ` model=${trace.model}`;
  if (trace.upstreamModel && trace.upstreamModel !== trace.model) line += ` → ${trace.upstreamModel}`;
  if (trace.slot) line += ` slot=${trace.slot}`;
  if (trace.effort) {
    line += ` reasoning.effort: ${trace.effort.effort} (${trace.effort.source}`;
    line += trace.effort.capped ? `, capped from ${trace.effort.requested})` : ')';
  }
  if (trace.account) line += ` account=${trace.account}`;
  line += ` status=${trace.status ?? 0}`;
  if (trace.error) line += ` error=${trace.error}`;
  if (trace.streamError) line += ' stream-error';
  if (trace.cancelled) line += ' cancelled';
  line += ` ${Math.round(performance.now() - trace.startedAt)}ms`;
  if (trace.usage) {
    line += ` in=${trace.usage.input_tokens} cached=${trace.usage.cache_read_input_tokens} out=${trace.usage.output_tokens}`;
  }
  lines.push(line);
  return lines;
}

/** The trace note for request settings the decoder found and no provider receives (never dropped unsaid). */
export function unsupportedSettingsNote(settings: readonly string[]): string {
  return `${settings.join(', ')} ${settings.length === 1 ? 'is' : 'are'} not sent upstream: no provider takes ${settings.length === 1 ? 'it' : 'them'} here`;
}
