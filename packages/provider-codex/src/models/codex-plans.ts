/**
 * ChatGPT plan names as the backend spells them (id-token claim `chatgpt_plan_type`, `/wham/usage`
 * `plan_type`, `available_in_plans`). Research: openai-codex.md §5.3.
 */

/** Plans with no access to the paid-only Codex models. */
export const FREE_CODEX_PLANS: readonly string[] = ['free', 'free_workspace', 'k12'];

/** Plans known to include the paid Codex models. */
export const PAID_CODEX_PLANS: readonly string[] = [
  'plus',
  'pro',
  'prolite',
  'team',
  'business',
  'enterprise',
  'enterprise_cbp_usage_based',
  'self_serve_business_usage_based',
  'edu',
  'education',
  'go',
  'hc',
  'finserv',
  'quorum',
];

function normalisePlan(plan: string | undefined): string | undefined {
  const value = plan?.trim().toLowerCase();
  return value ? value : undefined;
}

/**
 * true: a free plan; false: a known paid plan; undefined: no plan, or one we do not recognise
 * (so callers keep the user's choice and warn instead of guessing).
 */
export function isFreePlan(plan: string | undefined): boolean | undefined {
  const value = normalisePlan(plan);
  if (value === undefined) return undefined;
  if (FREE_CODEX_PLANS.includes(value)) return true;
  if (PAID_CODEX_PLANS.includes(value)) return false;
  return undefined;
}
