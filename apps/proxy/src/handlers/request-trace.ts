import type { ChatWarning, EffortDecision, ModelSlot } from '@ccs/core';

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
  /** Routing's lines (failover, cooled-down accounts, model repairs). */
  notes: string[];
  /** What the decoder, the effort policy and the provider could not honour, typed (strings normalised). */
  warnings: ChatWarning[];
}

/** A plugin may still report plain strings (spec v1's first form): they become `other` warnings, once, here. */
export function toChatWarnings(warnings: ReadonlyArray<string | ChatWarning>): ChatWarning[] {
  return warnings.map((warning) =>
    typeof warning === 'string' ? { type: 'other', message: warning } : warning,
  );
}

/** Neutral `ChatRequest` field → the name the Anthropic client sent it under, for the trace. */
const CLIENT_SETTING_NAMES: Record<string, string> = {
  maxOutputTokens: 'max_tokens',
  'webSearch.maxUses': 'web_search.max_uses',
};

/**
 * The trace lines of the warnings: every setting left out on one compact line
 * (`not sent: max_tokens (the Codex backend sets its own output limit), temperature`), then one line
 * per other warning.
 */
export function formatWarnings(warnings: readonly ChatWarning[]): string[] {
  const settings: string[] = [];
  const lines: string[] = [];
  for (const warning of warnings) {
    if (warning.type === 'other') {
      lines.push(warning.message);
      continue;
    }
    const name = CLIENT_SETTING_NAMES[warning.setting] ?? warning.setting;
    const text = warning.details ? `${name} (${warning.details})` : name;
    if (!settings.includes(text)) settings.push(text);
  }
  if (settings.length > 0) lines.unshift(`not sent: ${settings.join(', ')}`);
  return lines;
}

/**
 * The --verbose lines of one request: notes (caps, failover, fallbacks) first, then one summary
 * line. Only names, numbers and codes: never a token, key or message body.
 */
export function formatTrace(trace: RequestTrace): string[] {
  const lines = [...trace.notes, ...formatWarnings(trace.warnings)].map((note) => `[ccs]   ${note}`);
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
