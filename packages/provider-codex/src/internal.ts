// @ccs/provider-codex/internal: the building blocks the ccs CLI (and the benches) use beyond the public
// API. UNSTABLE: any name here may change or go away in any release, without a major version.
// Tools import from `@ccs/provider-codex` only. (This entry re-exports the public one too.)

// The CLI writes config.yaml and settings with the same crash-safe writer and lock as the token files
// (the CLI may not depend on provider-kit itself).
export { withFileLock, writeFileAtomic } from '@ccs/provider-kit';
export * from './accounts/index.js';
export * from './auth/index.js';
export * from './codex-headers.js';
export * from './codex-options.js';
export * from './codex-plugin.js';
export * from './codex-settings.js';
export * from './create-codex-provider.js';
export * from './effort/codex-effort-policy.js';
export * from './index.js';
export * from './models/index.js';
export * from './quota/codex-quota-source.js';
export { type CodexUsageBody, codexUsageBodySchema } from './quota/codex-usage-schema.js';
export { usageUrl } from './quota/fetch-codex-usage.js';
export { CODEX_MAIN_LIMIT_ID, mapCodexUsage } from './quota/map-codex-usage.js';
export * from './quota/parse-codex-rate-limit-headers.js';
export * from './quota/quota-window-label.js';
export * from './responses/index.js';
