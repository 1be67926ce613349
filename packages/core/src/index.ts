// The public API of @ccs/core: the provider spec (plugin API 1), the error type, CCS_HOME paths, the
// settings loader tools use to see what ccs sees, and the plugin host. Each name below is a promise
// kept across minor versions; api/core.api.md is the reviewed list. Everything else the CLI and the
// proxy share lives in `@ccs/core/internal` (unstable, no semver guarantee).

export type { CcsConfig } from './config/config-schema.js';
export { type CodexOptionsFromConfig, codexOptionsFromConfig } from './config/env-overrides.js';
export {
  type OpenAICompatibilityEntry,
  type OpenAICompatibleModelConfig,
  openAICompatibilityEntrySchema,
} from './config/openai-compatibility-schema.js';
export type { LoadedConfig } from './config/parse-config.js';
// Errors
export {
  CcsError,
  type CcsErrorCode,
  type CcsErrorJson,
  type CcsErrorOptions,
  configError,
  ERROR_CODES,
  toCcsError,
  usageError,
  withErrorDetails,
} from './errors/ccs-error.js';
// Plugin host (to load and test plugins the way ccs does)
export {
  type CreatePluginHostOptions,
  createPluginHost,
  type LoadedPlugin,
  type PluginHost,
  type PluginLoadError,
  type RegisterOptions,
} from './host/plugin-host.js';
export type { PluginOrigin } from './host/plugin-shape.js';
export { silentLogger } from './logger/create-logger.js';
// The model-name effort suffix every provider shares (`gpt-5.6-sol-high`)
export { joinEffortSuffix, splitEffortSuffix } from './models/effort-suffix.js';
// Paths and settings (environment + config.yaml + CCS_HOME, as the CLI reads them)
export { type ResolvePathsOptions, resolveCcsPaths } from './paths/ccs-paths.js';
export {
  type CcsSettings,
  type LoadCcsSettingsOptions,
  loadCcsSettings,
} from './settings/load-ccs-settings.js';
// The spec (types, plugin definition, effort constants)
export type { AccountInfo, AccountManager, AddAccountOptions, AddedAccount } from './spec/v1/account.js';
export type {
  AuthStrategy,
  AuthStrategyKind,
  Credentials,
  LoginContext,
  LoginProgress,
} from './spec/v1/auth.js';
export type { ChatModel, ChatStreamOptions, ChatStreamResult } from './spec/v1/chat-model.js';
export type {
  AssistantContentPart,
  ChatMessage,
  ChatRequest,
  ChatTool,
  Citation,
  FilePart,
  FileUrlPart,
  ImagePart,
  ImageUrlPart,
  JsonSchema,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolChoice,
  ToolResultPart,
  UserContentPart,
  WebSearchCallPart,
  WebSearchOptions,
  WebSearchResultPart,
  WebSearchSource,
} from './spec/v1/chat-request.js';
export type { ChatStreamPart, ChatStreamPartType, FinishReason, Usage } from './spec/v1/chat-stream-part.js';
export type { ChatWarning } from './spec/v1/chat-warning.js';
export {
  EFFORT_LEVELS,
  type EffortDecision,
  type EffortLevel,
  type EffortPolicy,
  type EffortRequest,
  type EffortSource,
  effortRank,
  isEffortLevel,
  MODEL_SLOTS,
  type ModelSlot,
  USER_EFFORT_LEVELS,
  type UserEffortLevel,
} from './spec/v1/effort.js';
export type {
  ModelAccountContext,
  ModelCatalog,
  ModelInfo,
  ModelListOptions,
  ModelRepair,
  ModelVisibility,
} from './spec/v1/model-catalog.js';
export {
  type CcsPaths,
  definePlugin,
  type Logger,
  PLUGIN_API_VERSION,
  type PluginContext,
  type PluginDefinition,
  type PluginMeta,
} from './spec/v1/plugin.js';
export type { Provider } from './spec/v1/provider.js';
export type { QuotaSnapshot, QuotaSource, QuotaWindow } from './spec/v1/quota.js';
