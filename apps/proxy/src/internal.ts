// @ccs/proxy/internal: what the ccs CLI and the benches use beyond the public API (the dashboard, the
// Anthropic codec, routing helpers). UNSTABLE: any name here may change or go away in any release,
// without a major version. (This entry re-exports the public one too.)
export {
  type AnthropicErrorResponse,
  anthropicErrorEvent,
  toAnthropicError,
} from './anthropic/anthropic-error.js';
export { type AnthropicRequest, anthropicRequestSchema } from './anthropic/anthropic-request-schema.js';
export {
  type AnthropicIntent,
  budgetToEffort,
  CLAUDE_CODE_DEFAULT_EFFORT,
  decodeAnthropicIntent,
} from './anthropic/decode-anthropic-intent.js';
export {
  type DecodedAnthropicRequest,
  decodeAnthropicRequest,
  sessionIdFromUserId,
} from './anthropic/decode-anthropic-request.js';
export { type AnthropicMessage, collectAnthropicMessage } from './anthropic/encode-anthropic-message.js';
export { AnthropicStreamEncoder, toStopReason } from './anthropic/encode-anthropic-stream.js';
export { estimateInputTokens } from './anthropic/estimate-tokens.js';
export { validateAnthropicRequest } from './anthropic/validate-anthropic-request.js';
export { type DashboardState, dashboardStateSchema } from './dashboard/dashboard-state.js';
export { createDashboardHandler, type DashboardHandler } from './dashboard/handle-dashboard.js';
export {
  dashboardUrl,
  newDashboardToken,
  type RunningDashboard,
  startDashboard,
} from './dashboard/start-dashboard.js';
export * from './index.js';
export { LEDGER_FILE, ledgerFiles } from './ledger/ledger-files.js';
export { type LedgerRecord, ledgerRecordSchema } from './ledger/ledger-record.js';
export { createLedgerWriter, type LedgerWriter } from './ledger/ledger-writer.js';
export { type LedgerRead, readLedger } from './ledger/read-ledger.js';
export {
  emptyTotals,
  localDay,
  summariseUsage,
  USAGE_GROUPS,
  type UsageGroup,
  type UsageRow,
  type UsageTotals,
} from './ledger/summarise-usage.js';
export { AccountPool, type RoutingStrategy } from './routing/account-pool.js';
export {
  type ModelRoute,
  resolveModelRoute,
  type SlotModels,
  splitEffortSuffix,
} from './routing/resolve-model-route.js';
export type { SessionStatus, SessionStatusQuota } from './status/session-status.js';
