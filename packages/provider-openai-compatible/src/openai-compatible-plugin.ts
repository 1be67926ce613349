import { definePlugin, openAICompatibilityEntrySchema, PLUGIN_API_VERSION } from '@ccs/core';
import { createOpenAICompatibleProvider } from './create-openai-compatible-provider.js';

/**
 * Any OpenAI Chat Completions endpoint as ccs providers: one instance per `openai-compatibility:`
 * entry of config.yaml, each under the entry's name (`ccs openrouter`, `openrouter/<model>`).
 * Its options are the entry itself, validated with the same schema config.yaml is read with.
 */
export const openAICompatiblePlugin = definePlugin({
  apiVersion: PLUGIN_API_VERSION,
  kind: 'provider',
  meta: {
    id: 'openai-compatible',
    displayName: 'OpenAI-compatible endpoint',
    packageName: '@ccs/provider-openai-compatible',
  },
  multiInstance: true,
  optionsSchema: openAICompatibilityEntrySchema,
  create: (context, entry) =>
    createOpenAICompatibleProvider({ id: context.providerId ?? entry.name, entry, context }),
});

export default openAICompatiblePlugin;
