import type { LoadedConfig } from '../config/parse-config.js';
import type { PluginHost } from './plugin-host.js';
import type { PluginOrigin } from './plugin-shape.js';

/**
 * Registers one provider per `openai-compatibility:` entry of config.yaml (disabled ones are skipped),
 * each an instance of `plugin` (a multi-instance plugin such as @ccs/provider-openai-compatible) whose
 * id is the entry's `name` and whose options are the entry. A failing entry is recorded in
 * `host.errors` under its name; the other providers still load.
 */
export async function loadOpenAICompatibility(
  host: PluginHost,
  loaded: Pick<LoadedConfig, 'config' | 'path' | 'lineOf'>,
  plugin: unknown,
): Promise<void> {
  for (const [index, entry] of loaded.config['openai-compatibility'].entries()) {
    if (entry.disabled) continue;
    const key = `openai-compatibility[${index}]`;
    const origin: PluginOrigin = {
      label: `${key} in config.yaml`,
      optionsKey: key,
      locate: (path) => ({
        file: loaded.path,
        line: loaded.lineOf(['openai-compatibility', index, ...path]),
      }),
    };
    await host.tryRegister(plugin, entry, origin, { providerId: entry.name });
  }
}
