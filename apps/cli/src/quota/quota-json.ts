import {
  quotaCreditsJson,
  quotaCreditsJsonSchema,
  quotaErrorJsonSchema,
  quotaWindowJson,
  quotaWindowJsonSchema,
} from '@ccs/core/internal';
import { z } from 'zod';
import type { QuotaReport } from './collect-quota.js';

/**
 * The stable `ccs cliproxy quota --json` document (INTERFACE.md). Fields may be added, never removed.
 * Strict: what ccs prints is validated against this before it is printed.
 */
export const quotaJsonWindowSchema = quotaWindowJsonSchema;

export const quotaJsonAccountSchema = z.strictObject({
  nickname: z.string(),
  email: z.string().nullable(),
  plan: z.string().nullable(),
  default: z.boolean(),
  fetchedAt: z.iso.datetime().nullable(),
  cached: z.boolean(),
  error: quotaErrorJsonSchema,
  windows: z.array(quotaJsonWindowSchema),
  weeklyResetAt: z.iso.datetime().nullable(),
  credits: quotaCreditsJsonSchema,
});

export const quotaJsonSchema = z.strictObject({
  provider: z.string(),
  accounts: z.array(quotaJsonAccountSchema),
});

export type QuotaJson = z.output<typeof quotaJsonSchema>;

export function toQuotaJson(report: QuotaReport): QuotaJson {
  return quotaJsonSchema.parse({
    provider: report.providerId,
    accounts: report.accounts.map(({ account, snapshot, error }) => ({
      nickname: account.nickname,
      email: account.email ?? null,
      plan: snapshot?.plan ?? account.plan ?? null,
      default: account.isDefault,
      fetchedAt: snapshot?.fetchedAt ?? null,
      cached: snapshot?.cached ?? false,
      error: error ?? null,
      windows: (snapshot?.windows ?? []).map((w) => quotaWindowJson(w, report.providerId)),
      weeklyResetAt: snapshot?.weeklyResetAt ?? null,
      credits: quotaCreditsJson(snapshot?.credits),
    })),
  });
}
