import { z } from 'zod';

/**
 * `GET {base}/wham/usage` (research: openai-codex.md §4.3, cliproxyapi.md §6.2). Every field is optional and a
 * malformed field becomes undefined instead of failing the whole body: the endpoint is undocumented and
 * changes shape over time, and one odd field must not hide the rest of an account's quota.
 */
const numberish = z
  .preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
    z.number().finite().nullish(),
  )
  .catch(undefined);
const boolish = z.boolean().nullish().catch(undefined);
const stringish = z.string().nullish().catch(undefined);

export const codexUsageWindowSchema = z.object({
  used_percent: numberish,
  limit_window_seconds: numberish,
  reset_after_seconds: numberish,
  /** unix seconds */
  reset_at: numberish,
  // Message counts are not in today's body; accepted when present so "45/50 messages" can be shown.
  used: numberish,
  limit: numberish,
});

export const codexRateLimitSchema = z.object({
  allowed: boolish,
  limit_reached: boolish,
  primary_window: codexUsageWindowSchema.nullish().catch(undefined),
  secondary_window: codexUsageWindowSchema.nullish().catch(undefined),
});

export const codexUsageBodySchema = z.object({
  plan_type: stringish,
  rate_limit: codexRateLimitSchema.nullish().catch(undefined),
  code_review_rate_limit: codexRateLimitSchema.nullish().catch(undefined),
  additional_rate_limits: z
    .array(
      z
        .object({
          limit_name: stringish,
          metered_feature: stringish,
          rate_limit: codexRateLimitSchema.nullish().catch(undefined),
        })
        .nullable()
        .catch(null),
    )
    .nullish()
    .catch(undefined),
  credits: z
    .object({
      has_credits: boolish,
      unlimited: boolish,
      balance: z.union([z.string(), z.number()]).nullish().catch(undefined),
    })
    .nullish()
    .catch(undefined),
  spend_control: z
    .object({
      reached: boolish,
      individual_limit: z
        .object({
          limit: numberish,
          used: numberish,
          used_percent: numberish,
          reset_after_seconds: numberish,
          reset_at: numberish,
        })
        .nullish()
        .catch(undefined),
    })
    .nullish()
    .catch(undefined),
});

export type CodexUsageBody = z.output<typeof codexUsageBodySchema>;
export type CodexUsageWindow = z.output<typeof codexUsageWindowSchema>;
export type CodexRateLimit = z.output<typeof codexRateLimitSchema>;
