import { type EffortLevel, type EffortRequest, type EffortSource, isEffortLevel } from '@ccs/core';
import type { DecodedAnthropicRequest } from '../anthropic/decode-anthropic-request.js';

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

/** The client's own effort wish, if it expressed one we should honour. */
export function clientEffort(request: DecodedAnthropicRequest): EffortLevel | undefined {
  const effort = request.clientEffort;
  if (effort && effort !== CLAUDE_CODE_DEFAULT_EFFORT) {
    // `max` (and anything above) is on the ladder now: the policy caps it to what the model lists.
    if (isEffortLevel(effort)) return effort;
  }
  const thinking = request.thinking;
  if (thinking?.type === 'enabled' && typeof thinking.budgetTokens === 'number') {
    return budgetToEffort(thinking.budgetTokens);
  }
  // Thinking switched off in Claude Code: reason as little as the model allows.
  if (thinking?.type === 'disabled') return 'low';
  return undefined;
}

/** Precedence: --effort, then a model suffix, then the client's wish, then the slot default (policy). */
export function effortRequest(args: {
  modelId: string;
  slot: EffortRequest['slot'];
  plan: string | undefined;
  override?: EffortLevel;
  suffix?: EffortLevel;
  request: DecodedAnthropicRequest;
}): EffortRequest {
  let requested: EffortLevel | undefined;
  let source: EffortSource | undefined;
  if (args.override) {
    requested = args.override;
    source = 'explicit';
  } else if (args.suffix) {
    requested = args.suffix;
    source = 'suffix';
  } else {
    requested = clientEffort(args.request);
    if (requested) source = 'client';
  }
  return { modelId: args.modelId, requested, source, slot: args.slot, plan: args.plan };
}
