import type { RequestTrace } from '../handlers/request-trace.js';
import type { LedgerRecord } from './ledger-record.js';

/** The ledger record of a finished request (its trace holds names and numbers only). */
export function ledgerRecordOf(trace: RequestTrace, providerId: string, endedAt = Date.now()): LedgerRecord {
  const usage = trace.usage;
  return {
    v: 1,
    ts: new Date(endedAt).toISOString(),
    provider: trace.provider ?? providerId,
    account: trace.account ?? null,
    requestedModel: trace.model ?? null,
    model: trace.upstreamModel ?? null,
    effort: trace.effort?.effort ?? null,
    session: trace.sessionId ?? null,
    inputTokens: usage?.input_tokens ?? 0,
    cachedInputTokens: usage?.cache_read_input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    reasoningTokens: trace.reasoningTokens ?? 0,
    durationMs: Math.round(performance.now() - trace.startedAt),
    status: trace.status ?? 0,
    error: trace.error ?? (trace.cancelled ? 'CANCELLED' : trace.streamError ? 'STREAM_ERROR' : null),
  };
}
