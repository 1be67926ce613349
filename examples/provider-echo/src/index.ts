import { definePlugin, PLUGIN_API_VERSION } from '@ccs/core';
import { z } from 'zod';
import { createEchoProvider } from './echo-provider.js';

/**
 * A complete third-party provider plugin. List it in ~/.ccs/cliproxy/config.yaml:
 *
 *   plugins:
 *     - package: ccs-provider-echo
 *       options: { prefix: "you said: " }
 */
export default definePlugin({
  apiVersion: PLUGIN_API_VERSION,
  kind: 'provider',
  meta: { id: 'echo', displayName: 'Echo (example)', packageName: 'ccs-provider-echo', version: '0.1.0' },
  optionsSchema: z.object({
    /** Put before every reply. */
    prefix: z.string().default('echo: '),
    /** Model ids the provider offers. */
    models: z.array(z.string().min(1)).min(1).default(['echo-1']),
  }),
  create: (context, options) => createEchoProvider(context, options),
});

export { createEchoChatModel } from './echo-chat-model.js';
export { createEchoProvider, type EchoOptions } from './echo-provider.js';
