import { CcsError } from '@ccs/core';
import { type CodexProvider, isCodexProvider } from '@ccs/provider-codex';
import { type CliHost, createCliHost } from '../../host/create-cli-host.js';

/** The host and its Codex provider (with the account store and login), for the account commands. */
export async function codexHost(
  options: { verbose?: boolean } = {},
): Promise<{ host: CliHost; provider: CodexProvider }> {
  const host = await createCliHost({ verbose: options.verbose });
  const provider = host.provider('codex');
  if (!isCodexProvider(provider)) {
    throw new CcsError('PLUGIN_INVALID', 'The loaded "codex" provider is not the built-in Codex provider.', {
      suggestion: 'Remove the plugin that registers the id "codex" from config.yaml.',
    });
  }
  return { host, provider };
}
