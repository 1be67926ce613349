import { z } from 'zod';

/**
 * One line of the usage ledger (`$CCS_HOME/usage/ledger*.jsonl`): one finished /v1/messages request.
 * Names, numbers and times only — never prompt or output text, never a token or key.
 */
export const ledgerRecordSchema = z.object({
  v: z.literal(1),
  /** ISO 8601: when the request ended. */
  ts: z.string(),
  provider: z.string(),
  /** Nickname of the account that served it (null when it failed before one was chosen). */
  account: z.string().nullable(),
  /** The model Claude Code asked for, and the upstream model that served it. */
  requestedModel: z.string().nullable(),
  model: z.string().nullable(),
  effort: z.string().nullable(),
  /** Claude Code's session id (x-claude-code-session-id), when it sent one. */
  session: z.string().nullable(),
  /** Input tokens not served from the cache. */
  inputTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  /** Part of outputTokens spent on reasoning, when the provider says. */
  reasoningTokens: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  status: z.number().int(),
  error: z.string().nullable(),
});

export type LedgerRecord = z.output<typeof ledgerRecordSchema>;
