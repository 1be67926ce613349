export * from './api-key-text.js';
export * from './config-schema.js';
export * from './env-overrides.js';
export {
  type OpenAICompatibilityEntry,
  type OpenAICompatibleModelConfig,
  openAICompatibilityEntrySchema,
  RESERVED_PROVIDER_IDS,
} from './openai-compatibility-schema.js';
export * from './parse-config.js';
export { formatKeyPath, YamlKeyLines } from './yaml-key-lines.js';
