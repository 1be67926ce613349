import type { EffortLevel, ModelInfo } from '@ccs/core';

const UP_TO_XHIGH: EffortLevel[] = ['low', 'medium', 'high', 'xhigh'];
const UP_TO_MAX: EffortLevel[] = [...UP_TO_XHIGH, 'max'];
const UP_TO_ULTRA: EffortLevel[] = [...UP_TO_MAX, 'ultra'];
const CONTEXT_272K = 272_000;
const CONTEXT_921K = 921_600;
const TEXT_AND_IMAGE: Array<'text' | 'image'> = ['text', 'image'];

const efforts = (supported: EffortLevel[], defaultEffort: EffortLevel): ModelInfo['effort'] => ({
  supported,
  default: defaultEffort,
  max: supported.at(-1)!,
});

const served = (
  id: string,
  displayName: string,
  priority: number,
  rest: Partial<ModelInfo> & Pick<ModelInfo, 'effort'>,
): ModelInfo => ({
  id,
  displayName,
  priority,
  visibility: 'list',
  contextWindow: CONTEXT_272K,
  inputModalities: TEXT_AND_IMAGE,
  supportsReasoningSummaryParameter: true,
  defaultVerbosity: 'low',
  serviceTiers: ['priority'],
  source: 'static',
  ...rest,
});

/**
 * Retired for ChatGPT sign-in (research: codex-models-today.md, "Retirement timeline"). Kept so that a
 * settings file naming one is recognised and repaired instead of refused as unknown. `upgradeTo` is the
 * live list's own replacement where it named one; the others go to the best listed model for the plan.
 */
const retired = (
  id: string,
  displayName: string,
  supported: EffortLevel[],
  upgradeTo?: string,
): ModelInfo => ({
  id,
  displayName,
  contextWindow: CONTEXT_272K,
  effort: efforts(supported, supported.includes('medium') ? 'medium' : supported[0]!),
  inputModalities: TEXT_AND_IMAGE,
  visibility: 'none',
  hidden: true,
  retired: true,
  source: 'static',
  ...(upgradeTo ? { upgradeTo } : {}),
});

/**
 * The compiled fallback: what ccs assumes on a machine that has never seen a live `/codex/models` list
 * (snapshot of 2026-08-17, less what was retired on 2026-08-31). The live list replaces it as soon as one
 * was fetched; this copy goes stale within months by design.
 */
export const CODEX_STATIC_MODELS: ModelInfo[] = [
  served('gpt-5.6-sol', 'GPT-5.6 Sol', 1, {
    effort: efforts(UP_TO_ULTRA, 'low'),
    maxContextWindow: CONTEXT_921K,
  }),
  served('gpt-5.6-terra', 'GPT-5.6 Terra', 2, {
    effort: efforts(UP_TO_ULTRA, 'medium'),
    maxContextWindow: CONTEXT_921K,
  }),
  served('gpt-5.6-luna', 'GPT-5.6 Luna', 3, {
    effort: efforts(UP_TO_MAX, 'medium'),
    maxContextWindow: CONTEXT_921K,
  }),
  served('gpt-5.5', 'GPT-5.5', 7, { effort: efforts(UP_TO_XHIGH, 'medium') }),
  served('gpt-5.3-codex-spark', 'GPT-5.3 Codex Spark', 26, {
    effort: efforts(UP_TO_XHIGH, 'high'),
    contextWindow: 128_000,
    inputModalities: ['text'],
    supportsReasoningSummaryParameter: false,
    serviceTiers: [],
  }),
  {
    ...served('codex-auto-review', 'Codex Auto Review', 43, { effort: efforts(UP_TO_MAX, 'medium') }),
    visibility: 'hide',
    hidden: true,
  },
  // The provider page's catalog and its contemporaries, retired for ChatGPT sign-in.
  retired('gpt-5.4', 'GPT-5.4', UP_TO_XHIGH, 'gpt-5.6-terra'),
  retired('gpt-5.4-mini', 'GPT-5.4 Mini', UP_TO_XHIGH, 'gpt-5.6-luna'),
  retired('gpt-5.3-codex', 'GPT-5.3 Codex', UP_TO_XHIGH),
  retired('gpt-5.2-codex', 'GPT-5.2 Codex', UP_TO_XHIGH),
  retired('gpt-5.2', 'GPT-5.2', ['none', ...UP_TO_XHIGH]),
  retired('gpt-5-codex', 'GPT-5 Codex', ['low', 'medium', 'high']),
  // The *-codex-mini models never offered `low` (research: openai-codex.md §5.4).
  retired('gpt-5-codex-mini', 'GPT-5 Codex Mini', ['medium', 'high']),
  retired('gpt-5.1-codex-max', 'GPT-5.1 Codex Max', UP_TO_XHIGH),
  retired('gpt-5.1-codex', 'GPT-5.1 Codex', ['low', 'medium', 'high']),
  retired('gpt-5.1-codex-mini', 'GPT-5.1 Codex Mini', ['medium', 'high']),
  retired('gpt-5.1', 'GPT-5.1', ['none', 'low', 'medium', 'high']),
  retired('gpt-5', 'GPT-5', ['minimal', 'low', 'medium', 'high']),
];

/**
 * The provider page's "Plan-Aware Defaults": its paid-only defaults and the cross-plan-safe model each
 * one becomes on a free plan. Applied only where the live list still offers the safe model.
 */
export const PAGE_FREE_PLAN_REWRITES: Readonly<Record<string, string>> = {
  'gpt-5.3-codex': 'gpt-5-codex',
  'gpt-5.4': 'gpt-5-codex',
  'gpt-5.3-codex-spark': 'gpt-5-codex-mini',
};
