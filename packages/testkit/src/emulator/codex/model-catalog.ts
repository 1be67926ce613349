/**
 * The page-era model table (the provider page's catalog and its contemporaries), kept as the
 * `page-era` scenario. Today's backend is the fixture file read by emulator-catalog.ts.
 * Sources: research openai-codex.md §5.3–5.4 and cliproxyapi.md §5.4.
 */
export type Effort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max' | 'ultra';
export const ALL_EFFORTS: readonly Effort[] = [
  'none',
  'minimal',
  'low',
  'medium',
  'high',
  'xhigh',
  'max',
  'ultra',
];

export interface PageEraModel {
  slug: string;
  displayName: string;
  efforts: Effort[];
  visibility: 'list' | 'hide';
  priority: number;
  contextWindow: number;
  /** Plans that may NOT use the model (the real catalog lists the complement as `available_in_plans`). */
  excludedPlans: string[];
  minimalClientVersion: string;
  defaultSummary: 'auto' | 'none';
  upgrade?: string;
}

const PAID_ONLY = ['free', 'free_workspace', 'k12'];
const LOW_XHIGH: Effort[] = ['low', 'medium', 'high', 'xhigh'];

export const PLAN_UNIVERSE = [
  'business',
  'edu',
  'education',
  'enterprise',
  'enterprise_cbp_usage_based',
  'finserv',
  'free',
  'free_workspace',
  'go',
  'hc',
  'k12',
  'plus',
  'pro',
  'prolite',
  'quorum',
  'self_serve_business_usage_based',
  'team',
];

const m = (slug: string, displayName: string, rest: Partial<PageEraModel>): PageEraModel => ({
  slug,
  displayName,
  efforts: LOW_XHIGH,
  visibility: 'hide',
  priority: 50,
  contextWindow: 272_000,
  excludedPlans: [],
  minimalClientVersion: '0.98.0',
  defaultSummary: 'none',
  ...rest,
});

export const PAGE_ERA_MODELS: PageEraModel[] = [
  m('gpt-5.5', 'GPT-5.5', { visibility: 'list', priority: 0, minimalClientVersion: '0.124.0' }),
  m('gpt-5.4', 'GPT-5.4', { visibility: 'list', priority: 2, excludedPlans: PAID_ONLY }),
  m('gpt-5.4-mini', 'GPT-5.4-Mini', { visibility: 'list', priority: 4 }),
  m('gpt-5.3-codex', 'GPT-5.3-Codex', {
    visibility: 'list',
    priority: 6,
    excludedPlans: PAID_ONLY,
    upgrade: 'gpt-5.4',
  }),
  m('gpt-5.3-codex-spark', 'GPT-5.3-Codex-Spark', {
    priority: 7,
    contextWindow: 128_000,
    excludedPlans: PAID_ONLY,
  }),
  m('gpt-5.2', 'GPT-5.2', {
    visibility: 'list',
    priority: 10,
    efforts: ['none', ...LOW_XHIGH],
    defaultSummary: 'auto',
    upgrade: 'gpt-5.4',
  }),
  m('gpt-5.2-codex', 'GPT-5.2-Codex', { priority: 12, excludedPlans: PAID_ONLY, upgrade: 'gpt-5.4' }),
  m('gpt-5.1-codex-max', 'GPT-5.1-Codex-Max', {
    priority: 14,
    upgrade: 'gpt-5.4',
    minimalClientVersion: '0.0.0',
  }),
  m('gpt-5.1-codex', 'GPT-5.1-Codex', {
    priority: 16,
    efforts: ['low', 'medium', 'high'],
    minimalClientVersion: '0.0.0',
  }),
  m('gpt-5.1-codex-mini', 'GPT-5.1-Codex-Mini', {
    priority: 18,
    efforts: ['medium', 'high'],
    minimalClientVersion: '0.0.0',
  }),
  m('gpt-5.1', 'GPT-5.1', {
    priority: 20,
    efforts: ['none', 'low', 'medium', 'high'],
    minimalClientVersion: '0.0.0',
  }),
  m('gpt-5-codex', 'GPT-5-Codex', {
    priority: 22,
    efforts: ['low', 'medium', 'high'],
    minimalClientVersion: '0.0.0',
  }),
  m('gpt-5-codex-mini', 'GPT-5-Codex-Mini', {
    priority: 24,
    efforts: ['medium', 'high'],
    minimalClientVersion: '0.0.0',
  }),
  m('gpt-5', 'GPT-5', {
    priority: 26,
    efforts: ['minimal', 'low', 'medium', 'high'],
    minimalClientVersion: '0.0.0',
  }),
  m('codex-auto-review', 'Codex Auto Review', { priority: 29, excludedPlans: PAID_ONLY }),
];

const EFFORT_TEXT: Record<Effort, string> = {
  none: 'No reasoning',
  minimal: 'Fastest responses with very little reasoning',
  low: 'Fast responses with lighter reasoning',
  medium: 'Balances speed and reasoning depth for everyday tasks',
  high: 'Greater reasoning depth for complex problems',
  xhigh: 'Extra high reasoning depth for complex problems',
  max: 'Maximum reasoning depth',
  ultra: 'Longest reasoning',
};

/** One page-era entry of `GET /codex/models`, in the real ModelInfo shape. */
export function modelInfoJson(model: PageEraModel): Record<string, unknown> {
  const defaultEffort: Effort = model.efforts.includes('medium') ? 'medium' : model.efforts[0]!;
  return {
    slug: model.slug,
    display_name: model.displayName,
    description: `${model.displayName} (emulated)`,
    default_reasoning_level: defaultEffort,
    supported_reasoning_levels: model.efforts.map((effort) => ({ effort, description: EFFORT_TEXT[effort] })),
    shell_type: 'shell_command',
    visibility: model.visibility,
    supported_in_api: true,
    priority: model.priority,
    upgrade: model.upgrade ? { model: model.upgrade } : null,
    base_instructions: 'You are Codex, a coding agent.',
    supports_reasoning_summaries: true,
    default_reasoning_summary: model.defaultSummary,
    reasoning_summary_format: 'experimental',
    support_verbosity: true,
    default_verbosity: 'low',
    apply_patch_tool_type: 'freeform',
    truncation_policy: { mode: 'tokens', limit: 10_000 },
    supports_parallel_tool_calls: true,
    context_window: model.contextWindow,
    auto_compact_token_limit: Math.floor(model.contextWindow * 0.9),
    input_modalities: model.slug.endsWith('spark') ? ['text'] : ['text', 'image'],
    prefer_websockets: false,
    minimal_client_version: model.minimalClientVersion,
    available_in_plans: PLAN_UNIVERSE.filter((p) => !model.excludedPlans.includes(p)),
    service_tiers:
      model.slug === 'gpt-5.5' || model.slug === 'gpt-5.4' ? [{ id: 'priority', name: 'Fast' }] : [],
  };
}
