import { type ChatWarning, type EffortLevel, isEffortLevel } from '@ccs/core';
import type { AnthropicRequest } from './anthropic-request-schema.js';

/**
 * Claude Code sends `output_config.effort: "high"` on every request unless the user changes its
 * effort setting. Taking that literally would flatten the slot defaults (opus/default xhigh, haiku
 * medium) to high, so the default value counts as "no preference"; any other value is the user's.
 */
export const CLAUDE_CODE_DEFAULT_EFFORT = 'high';

/** Thinking budget → effort, with CLIProxyAPI's thresholds (research: cliproxyapi.md §3.6). */
export function budgetToEffort(budget: number): EffortLevel {
  if (budget <= 0) return 'low';
  if (budget <= 1024) return 'low';
  if (budget <= 8192) return 'medium';
  if (budget <= 24576) return 'high';
  return 'xhigh';
}

/**
 * What the client wants from the reasoning, in neutral terms, read once from Claude's own fields
 * (`output_config.effort`, `thinking`, `speed`): routing and the handler never look at those again.
 */
export interface AnthropicIntent {
  /** The client's effort wish, when it expressed one to honour (Claude Code's default "high" is none). */
  effort?: EffortLevel;
  /** "none" when the client shows no reasoning (thinking disabled, or `display: "omitted"`). */
  reasoningSummary?: 'none';
  /** Claude Code's fast mode (`speed: "fast"`). */
  fast?: boolean;
  /**
   * Request settings no provider receives (sampling, stop sequences), as `unsupported-setting` warnings
   * under their Anthropic names: shown in the trace, never dropped silently.
   */
  warnings?: ChatWarning[];
}

/** Settings the Anthropic API takes that the neutral request has no field for. */
const UNSUPPORTED_SETTINGS = ['temperature', 'top_p', 'top_k', 'stop_sequences'] as const;

function clientEffort(request: AnthropicRequest): EffortLevel | undefined {
  const effort = request.output_config?.effort?.toLowerCase();
  // `max` (and anything above) is on the ladder: the policy caps it to what the model lists.
  if (effort && effort !== CLAUDE_CODE_DEFAULT_EFFORT && isEffortLevel(effort)) return effort;
  const thinking = request.thinking;
  if (thinking?.type === 'enabled' && typeof thinking.budget_tokens === 'number') {
    return budgetToEffort(thinking.budget_tokens);
  }
  // Thinking switched off in Claude Code: reason as little as the model allows.
  if (thinking?.type === 'disabled') return 'low';
  return undefined;
}

/** Reads the client's reasoning, speed and sampling wishes into their neutral form (once per request). */
export function decodeAnthropicIntent(request: AnthropicRequest): AnthropicIntent {
  const intent: AnthropicIntent = {};
  const effort = clientEffort(request);
  if (effort) intent.effort = effort;
  const thinking = request.thinking;
  // display "omitted" (Claude Code's print mode) needs no summaries; the encrypted reasoning still round-trips.
  if (thinking?.display === 'omitted' || thinking?.type === 'disabled') intent.reasoningSummary = 'none';
  if (request.speed?.toLowerCase() === 'fast') intent.fast = true;
  for (const setting of UNSUPPORTED_SETTINGS) {
    if (request[setting] === undefined) continue;
    intent.warnings ??= [];
    intent.warnings.push({ type: 'unsupported-setting', setting });
  }
  return intent;
}
