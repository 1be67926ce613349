import type { EffortLevel, ModelInfo } from '@ccs/core';
import { PAID_CODEX_PLANS } from './codex-plans.js';

const FULL: EffortLevel[] = ['low', 'medium', 'high', 'xhigh'];
const UP_TO_HIGH: EffortLevel[] = ['low', 'medium', 'high'];
// The *-codex-mini models never offered `low` (research: openai-codex.md §5.4).
const MINI: EffortLevel[] = ['medium', 'high'];
const CONTEXT_272K = 272_000;

const paid = (id: string, displayName: string, contextWindow = CONTEXT_272K): ModelInfo => ({
  id,
  displayName,
  contextWindow,
  effort: { supported: FULL, default: 'medium', max: 'xhigh' },
  plans: [...PAID_CODEX_PLANS],
  notes: 'Paid Codex plans',
  inputModalities: ['text', 'image'],
  source: 'static',
});

/**
 * The catalog of the Codex provider page ("Model Information"): what works offline and before the
 * live list is known. Order is the picker's order: cross-plan-safe models first.
 */
export const CODEX_STATIC_MODELS: ModelInfo[] = [
  {
    id: 'gpt-5-codex',
    displayName: 'GPT-5 Codex',
    contextWindow: CONTEXT_272K,
    effort: { supported: UP_TO_HIGH, default: 'medium', max: 'high' },
    notes: 'Cross-plan-safe default',
    inputModalities: ['text', 'image'],
    source: 'static',
  },
  {
    id: 'gpt-5-codex-mini',
    displayName: 'GPT-5 Codex Mini',
    contextWindow: CONTEXT_272K,
    effort: { supported: MINI, default: 'medium', max: 'high' },
    notes: 'Cross-plan-safe fast option',
    inputModalities: ['text', 'image'],
    source: 'static',
  },
  paid('gpt-5.2-codex', 'GPT-5.2 Codex'),
  paid('gpt-5.3-codex', 'GPT-5.3 Codex'),
  paid('gpt-5.3-codex-spark', 'GPT-5.3 Codex Spark', 128_000),
  paid('gpt-5.4', 'GPT-5.4'),
];

/** The cross-plan-safe defaults every account can use. */
export const CODEX_SAFE_DEFAULT_MODEL = 'gpt-5-codex';
export const CODEX_SAFE_FAST_MODEL = 'gpt-5-codex-mini';

/**
 * Known paid-only models that plan-aware defaults repair on a free account (the provider page's list;
 * gpt-5.2-codex is paid too but is not a default anyone is shipped with, so it is left alone).
 */
export const PAID_ONLY_CODEX_MODELS: readonly string[] = ['gpt-5.3-codex', 'gpt-5.3-codex-spark', 'gpt-5.4'];

/** The safe replacement for a paid-only default: the Spark (fast) model maps to the fast safe model. */
export function freePlanFallbackModel(modelId: string): string | undefined {
  if (!PAID_ONLY_CODEX_MODELS.includes(modelId)) return undefined;
  return modelId === 'gpt-5.3-codex-spark' ? CODEX_SAFE_FAST_MODEL : CODEX_SAFE_DEFAULT_MODEL;
}
