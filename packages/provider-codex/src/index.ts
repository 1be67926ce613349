// The public API of @ccs/provider-codex (in the style of the AI SDK's provider packages): the
// factories, the plugin, their types and a few constants. Each name here is a promise kept across
// minor versions; api/provider-codex.api.md is the reviewed list. The building blocks the ccs CLI
// uses beyond this are in `@ccs/provider-codex/internal` (unstable, no semver guarantee).

// Types of the provider's parts (accounts, credentials, login progress, quota)
export type {
  CodexAccountStore,
  RemoveResult,
  SaveLoginOptions,
  SaveLoginResult,
} from './accounts/codex-account-store.js';
export type { CodexTokenFile } from './accounts/codex-token-file.js';
export type {
  CodexCredentialSource,
  CodexCredentials,
  GetCredentialsOptions,
} from './auth/codex-credential-source.js';
export type { CodexLoginProgress } from './auth/codex-login-types.js';
export type { CodexTokenSet } from './auth/codex-token-set.js';
// Options and constants
export {
  CODEX_PROVIDER_ID,
  type CodexOptions,
  type CodexOptionsInput,
  codexOptionsSchema,
  DEFAULT_CODEX_BASE_URL,
  DEFAULT_CODEX_ISSUER,
} from './codex-options.js';
// Factories and the plugin
export { codexPlugin, codexPlugin as default } from './codex-plugin.js';
export { codexOptionsFromSettings } from './codex-settings.js';
export {
  type CodexLoginMethod,
  type CodexLoginOptions,
  type CodexProvider,
  type CodexSignInCommand,
  type CreateCodexProviderFromSettingsOptions,
  type CreateCodexProviderOptions,
  createCodexProvider,
  createCodexProviderFromSettings,
  isCodexProvider,
} from './create-codex-provider.js';
export type { CodexQuotaSource } from './quota/codex-quota-source.js';
