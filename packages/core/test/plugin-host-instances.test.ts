import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CcsError,
  createPluginHost,
  definePlugin,
  loadOpenAICompatibility,
  openAICompatibilityEntrySchema,
  type PluginContext,
  type Provider,
  parseConfig,
  resolveCcsPaths,
  silentLogger,
} from '../src/internal.js';

const context = {
  host: { name: 'ccs', version: 'test', apiVersion: 1 as const },
  logger: silentLogger,
  paths: resolveCcsPaths({ env: { CCS_HOME: '/tmp/ccs-none' } }),
  env: {},
  openUrl: async () => false,
  now: () => new Date(0),
};

const seen: Array<{ providerId: string | undefined; baseUrl: string }> = [];
/** A multi-instance plugin: one provider per configured endpoint, named by context.providerId. */
const endpoints = definePlugin({
  apiVersion: 1,
  kind: 'provider',
  meta: { id: 'endpoints', displayName: 'Endpoints' },
  multiInstance: true,
  optionsSchema: openAICompatibilityEntrySchema,
  create(ctx: PluginContext, entry) {
    seen.push({ providerId: ctx.providerId, baseUrl: entry['base-url'] });
    return { specificationVersion: 'v1', id: ctx.providerId, chatModel() {} } as unknown as Provider;
  },
});

const single = definePlugin({
  apiVersion: 1,
  kind: 'provider',
  meta: { id: 'codex', displayName: 'One' },
  optionsSchema: z.object({}),
  create: (ctx) =>
    ({ specificationVersion: 'v1', id: ctx.providerId, chatModel() {} }) as unknown as Provider,
});

const FILE = '/home/u/.ccs/cliproxy/config.yaml';
const CONFIG = [
  'openai-compatibility:',
  '  - name: openrouter',
  '    base-url: https://openrouter.ai/api/v1',
  '  - name: off',
  '    base-url: http://127.0.0.1:1/v1',
  '    disabled: true',
  '  - name: codex',
  '    base-url: https://clash.example/v1',
  '  - name: local',
  '    base-url: http://127.0.0.1:11434/v1',
].join('\n');

describe('plugin host: one multi-instance plugin, several providers with ids from config', () => {
  it('creates one provider per enabled openai-compatibility entry, each told its id; a clash is that entry’s own error', async () => {
    seen.length = 0;
    const host = createPluginHost({ context });
    await host.register(single, {}, { label: 'built-in one' });
    await loadOpenAICompatibility(host, parseConfig(CONFIG, FILE), endpoints);
    expect([...host.providers.keys()]).toEqual(['codex', 'openrouter', 'local']);
    expect(seen).toEqual([
      { providerId: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1' },
      { providerId: 'local', baseUrl: 'http://127.0.0.1:11434/v1' },
    ]);
    expect(host.plugins.get('local')).toMatchObject({
      providerId: 'local',
      origin: { label: 'openai-compatibility[3] in config.yaml' },
      definition: { meta: { id: 'endpoints' } },
    });
    expect(host.errors.map((e) => [e.pluginId, e.error.code, e.error.message])).toEqual([
      [
        'codex',
        'PLUGIN_INVALID',
        'Provider "codex" (openai-compatibility[2] in config.yaml) uses an id already taken by built-in one.',
      ],
    ]);
    // Asking for the clashing entry later gives its own error; the built-in stays.
    expect(host.provider('codex').id).toBe('codex');
    expect(() => host.provider('off')).toThrow(/Unknown provider "off"/);
  });

  it('a single-instance plugin cannot be registered under another id; a bad entry names its file and line', async () => {
    const host = createPluginHost({ context });
    await expect(host.register(single, {}, undefined, { providerId: 'copy' })).rejects.toThrow(
      'Plugin "codex" (built-in) cannot be loaded as "copy": it is not a multi-instance plugin.',
    );
    const error = await host
      .register(
        endpoints,
        { name: 'x', 'base-url': 'nope' },
        {
          label: 'openai-compatibility[0] in config.yaml',
          optionsKey: 'openai-compatibility[0]',
          locate: () => ({ file: FILE, line: 3 }),
        },
        { providerId: 'x' },
      )
      .catch((e: unknown) => e);
    expect(CcsError.isInstance(error) && error.message).toBe(
      `${FILE}:3: openai-compatibility[0].base-url: must be an http(s) URL such as https://openrouter.ai/api/v1`,
    );
  });
});
