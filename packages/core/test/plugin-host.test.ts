import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CcsError,
  createPluginHost,
  definePlugin,
  loadConfig,
  loadConfigPlugins,
  type PluginContext,
  type Provider,
  resolveCcsPaths,
  silentLogger,
} from '../src/internal.js';

const context: PluginContext = {
  host: { name: 'ccs', version: 'test', apiVersion: 1 },
  logger: silentLogger,
  paths: resolveCcsPaths({ env: { CCS_HOME: '/tmp/ccs-none' } }),
  env: {},
  openUrl: async () => false,
  now: () => new Date(0),
};

/** Just enough of a Provider for the host's checks. */
const fakeProvider = (id: string) =>
  ({ specificationVersion: 'v1', id, chatModel() {} }) as unknown as Provider;

/**
 * A plugin module as a third party would ship it: plain ESM with no import of @ccs/core or zod
 * (the options schema is duck-typed: anything with safeParse).
 */
const pluginSource = (
  id: string,
  apiVersion = 1,
  createBody = `return { specificationVersion: 'v1', id: '${id}', displayName: '${id}', greeting: options.greeting, chatModel() {} };`,
) => `
const optionsSchema = {
  safeParse(value) {
    const greeting = value.greeting ?? 'hello';
    if (typeof greeting !== 'string') {
      return { success: false, error: { issues: [{ path: ['greeting'], message: 'must be a string' }] } };
    }
    return { success: true, data: { greeting } };
  },
};
export default {
  apiVersion: ${apiVersion},
  kind: 'provider',
  meta: { id: '${id}', displayName: 'Plugin ${id}' },
  optionsSchema,
  create(context, options) { ${createBody} },
};
`;

let outside: string;
let configFile: string;

beforeAll(async () => {
  // Outside the workspace: nothing here can resolve workspace packages.
  outside = await mkdtemp(join(tmpdir(), 'ccs-plugins-'));
  await mkdir(join(outside, 'plugins'));
  await mkdir(join(outside, 'node_modules', '@acme', 'ccs-provider-pkg', 'dist'), { recursive: true });
  await writeFile(join(outside, 'plugins', 'echo.mjs'), pluginSource('echo'));
  await writeFile(join(outside, 'plugins', 'future.mjs'), pluginSource('future', 2));
  await writeFile(join(outside, 'plugins', 'boom.mjs'), pluginSource('boom', 1, "throw new Error('kaput');"));
  await writeFile(join(outside, 'plugins', 'broken.mjs'), 'export default {{{;');
  await writeFile(
    join(outside, 'node_modules', '@acme', 'ccs-provider-pkg', 'package.json'),
    JSON.stringify({
      name: '@acme/ccs-provider-pkg',
      type: 'module',
      exports: { '.': { import: './dist/index.js' } },
    }),
  );
  await writeFile(
    join(outside, 'node_modules', '@acme', 'ccs-provider-pkg', 'dist', 'index.js'),
    pluginSource('pkg'),
  );
  configFile = join(outside, 'config.yaml');
});

afterAll(async () => {
  await rm(outside, { recursive: true, force: true });
});

async function loadWith(yamlText: string) {
  await writeFile(configFile, yamlText);
  const host = createPluginHost({ context });
  await loadConfigPlugins(host, await loadConfig(configFile));
  return host;
}

describe('loading plugins named in config.yaml', () => {
  it('loads a plugin from a path outside the workspace and a package from the config folder', async () => {
    const host = await loadWith(
      'plugins:\n  - ./plugins/echo.mjs\n  - package: "@acme/ccs-provider-pkg"\n    options:\n      greeting: hi\n',
    );
    expect(host.errors).toEqual([]);
    expect([...host.providers.keys()]).toEqual(['echo', 'pkg']);
    expect((host.provider('echo') as unknown as { greeting: string }).greeting).toBe('hello');
    expect((host.provider('pkg') as unknown as { greeting: string }).greeting).toBe('hi');
  });

  it('refuses a wrong apiVersion with a clear message while the others still load', async () => {
    const host = await loadWith('plugins:\n  - ./plugins/future.mjs\n  - ./plugins/echo.mjs\n');
    expect([...host.providers.keys()]).toEqual(['echo']);
    expect(host.errors).toHaveLength(1);
    const { error, source } = host.errors[0]!;
    expect(source).toBe('./plugins/future.mjs');
    expect(error.code).toBe('PLUGIN_API_UNSUPPORTED');
    expect(error.message).toBe(
      'Plugin "future" (./plugins/future.mjs) targets plugin API 2, but this ccs supports API 1.',
    );
    expect(error.suggestion).toMatch(/Upgrade ccs/);
    expect(() => host.provider('future')).toThrow(error);
  });

  it('reports bad options with the key and line, and isolates the plugin', async () => {
    const host = await loadWith(
      'plugins:\n  - ./plugins/echo.mjs\n  - package: "@acme/ccs-provider-pkg"\n    options:\n      greeting: 42\n',
    );
    expect([...host.providers.keys()]).toEqual(['echo']);
    expect(host.errors[0]!.error.code).toBe('PLUGIN_OPTIONS_INVALID');
    expect(host.errors[0]!.error.message).toBe(
      `${configFile}:5: plugins[1].options.greeting: must be a string`,
    );
  });

  it('isolates a plugin whose create() throws or whose module does not parse', async () => {
    const host = await loadWith(
      'plugins:\n  - ./plugins/boom.mjs\n  - ./plugins/broken.mjs\n  - ./plugins/echo.mjs\n',
    );
    expect([...host.providers.keys()]).toEqual(['echo']);
    expect(host.errors.map((e) => [e.source, e.error.code])).toEqual([
      ['./plugins/boom.mjs', 'PLUGIN_INVALID'],
      ['./plugins/broken.mjs', 'PLUGIN_INVALID'],
    ]);
    expect(host.errors[0]!.error.message).toBe('Plugin "boom" (./plugins/boom.mjs) failed to start: kaput');
    expect(host.errors[1]!.error.message).toMatch(
      new RegExp(`^${configFile}:3: plugins\\[1\\]: plugin "./plugins/broken.mjs" could not be loaded: `),
    );
  });

  it('reports a plugin that cannot be found with file, line and key', async () => {
    const host = await loadWith(
      'port: 8317\nplugins:\n  - ./plugins/echo.mjs\n  - package: ccs-provider-missing\n',
    );
    expect([...host.providers.keys()]).toEqual(['echo']);
    const { error } = host.errors[0]!;
    expect(error.code).toBe('PLUGIN_NOT_FOUND');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(
      new RegExp(`^${configFile}:4: plugins\\[1\\]\\.package: cannot find plugin "ccs-provider-missing" `),
    );
  });

  it('refuses a second plugin with an id already taken', async () => {
    const host = await loadWith('plugins:\n  - ./plugins/echo.mjs\n  - ./plugins/../plugins/echo.mjs\n');
    expect([...host.providers.keys()]).toEqual(['echo']);
    expect(host.errors[0]!.error.message).toBe(
      'Plugin "echo" (./plugins/../plugins/echo.mjs) uses an id already taken by ./plugins/echo.mjs.',
    );
  });
});

describe('registering plugins directly', () => {
  const plugin = (overrides: Record<string, unknown> = {}) =>
    definePlugin({
      apiVersion: 1,
      kind: 'provider',
      meta: { id: 'demo', displayName: 'Demo' },
      optionsSchema: z.object({ size: z.number().default(1) }),
      create: () => fakeProvider('demo'),
      ...overrides,
    });

  it('validates options with the plugin schema before create runs', async () => {
    let created = 0;
    const host = createPluginHost({ context });
    const definition = plugin({
      create: () => {
        created++;
        return fakeProvider('demo');
      },
    });
    await expect(host.register(definition, { size: 'big' })).rejects.toMatchObject({
      code: 'PLUGIN_OPTIONS_INVALID',
      message: 'demo options.size: Invalid input: expected number, received string',
    });
    expect(created).toBe(0);
  });

  it('refuses a definition with a bad shape, naming the field', async () => {
    const host = createPluginHost({ context });
    await expect(host.register(plugin({ meta: { id: 'Not Kebab', displayName: 'x' } }), {})).rejects.toThrow(
      'Plugin "Not Kebab" (built-in) is not a valid plugin: meta.id must be kebab-case, e.g. "my-provider".',
    );
    await expect(host.register({ apiVersion: 1 }, {})).rejects.toMatchObject({ code: 'PLUGIN_INVALID' });
    await expect(host.register(undefined, {})).rejects.toMatchObject({ code: 'PLUGIN_INVALID' });
  });

  it('refuses a provider whose id differs from meta.id', async () => {
    const host = createPluginHost({ context });
    await expect(host.register(plugin({ create: () => fakeProvider('other') }), {})).rejects.toThrow(
      'Plugin "demo" (built-in) returned a provider with id "other" instead of "demo".',
    );
  });

  it('gives create() a bounded time', async () => {
    const host = createPluginHost({ context, createTimeoutMs: 50 });
    const hang = plugin({ create: () => new Promise(() => {}) });
    await expect(host.register(hang, {})).rejects.toThrow('did not finish starting within 0.05 s');
  });

  it('keeps a CcsError thrown by create as it is, and names the loaded ids for an unknown provider', async () => {
    const host = createPluginHost({ context });
    const failing = plugin({
      create: () => {
        throw new CcsError('INTERNAL', 'The Codex provider is not wired yet.');
      },
    });
    expect(await host.tryRegister(failing, {}, { label: 'built-in x' })).toBeUndefined();
    expect(host.errors[0]).toMatchObject({ source: 'built-in x', pluginId: 'demo' });
    expect(() => host.provider('demo')).toThrow('The Codex provider is not wired yet.');
    await host.register(
      plugin({ meta: { id: 'ok', displayName: 'Ok' }, create: () => fakeProvider('ok') }),
      {},
    );
    expect(() => host.provider('zzz')).toThrow(CcsError);
    try {
      host.provider('zzz');
    } catch (error) {
      expect((error as CcsError).code).toBe('USAGE');
      expect((error as CcsError).suggestion).toBe('Loaded providers: ok.');
    }
  });
});
