export { type ChatTurn, DEFAULT_CHAT_TEXT } from './chat-completions/chat-turn.js';
export {
  type ChatCompletionsUpstream,
  type StartChatCompletionsUpstreamOptions,
  startChatCompletionsUpstream,
} from './chat-completions/start-chat-completions-upstream.js';
export {
  type ConformanceChatOptions,
  type ConformanceTestApi,
  describeProviderConformance,
  type ProviderConformanceOptions,
} from './conformance/describe-provider-conformance.js';
export {
  checkEffortPolicy,
  checkModelCatalog,
  checkProviderShape,
  checkWarnings,
} from './conformance/provider-checks.js';
export { assertStreamOrdering, checkStreamOrdering } from './conformance/stream-ordering.js';
export { decodeJwtPayload } from './emulator/auth/jwt.js';
export { type BrowserVisit, visitAuthorizeUrl } from './emulator/browser.js';
export {
  type EmulatorModel,
  type ModelScenario,
  TODAY_MODELS as EMULATOR_MODELS,
} from './emulator/codex/emulator-catalog.js';
export { PAGE_ERA_MODELS as EMULATOR_PAGE_ERA_MODELS } from './emulator/codex/model-catalog.js';
export { DEFAULT_TEXT } from './emulator/codex/turn-events.js';
export { EmulatorControl } from './emulator/control.js';
export type { RecordedRequest } from './emulator/server/recorder.js';
export { fingerprint } from './emulator/server/recorder.js';
export { type Emulator, type StartEmulatorOptions, startEmulator } from './emulator/start-emulator.js';
export { CODEX_CLIENT_ID, DEFAULT_EMAIL } from './emulator/state.js';
export * from './emulator/types.js';
