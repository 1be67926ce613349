export { type ApiKeyAccount, ApiKeyAccountStore } from './accounts/api-key-account-store.js';
export type { ApiKeyCredentials } from './accounts/api-key-file.js';
export { createApiKeyAuthStrategy } from './auth/api-key-auth-strategy.js';
export { ChatCompletionsStreamMapper } from './chat/chat-completions-stream-mapper.js';
export { mapChatRequest } from './chat/map-chat-request.js';
export {
  type CreateOpenAICompatibleProviderOptions,
  createOpenAICompatibleProvider,
  type OpenAICompatibleProvider,
} from './create-openai-compatible-provider.js';
export { CompatibleModelCatalog } from './models/compatible-model-catalog.js';
export { default, openAICompatiblePlugin } from './openai-compatible-plugin.js';
