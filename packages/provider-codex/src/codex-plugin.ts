import { definePlugin, PLUGIN_API_VERSION } from '@ccs/core';
import { CODEX_PROVIDER_ID, codexOptionsSchema } from './codex-options.js';
import { createCodexProviderFromContext } from './create-codex-provider.js';

/** The Codex provider as a ccs plugin; the CLI registers it through the plugin host as a built-in. */
export const codexPlugin = definePlugin({
  apiVersion: PLUGIN_API_VERSION,
  kind: 'provider',
  meta: { id: CODEX_PROVIDER_ID, displayName: 'OpenAI Codex', packageName: '@ccs/provider-codex' },
  optionsSchema: codexOptionsSchema,
  create: (context, options) => createCodexProviderFromContext(context, options),
});

export default codexPlugin;
