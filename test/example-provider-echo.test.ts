import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CcsError,
  type ChatRequest,
  type ChatStreamPart,
  createPluginHost,
  loadConfig,
  loadConfigPlugins,
  type PluginContext,
  type Provider,
  resolveCcsPaths,
  silentLogger,
} from '@ccs/core/internal';
import { assertStreamOrdering, describeProviderConformance } from '@ccs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The example is loaded the way a user would load a third-party plugin: from its built package,
// named by path in a config.yaml that lives outside the workspace.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples', 'provider-echo');

const newest = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );

let dir: string;
let provider: Provider;

beforeAll(async () => {
  const built = join(EXAMPLE, 'dist', 'index.js');
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(EXAMPLE, 'src'))) {
    execFileSync('pnpm', ['turbo', 'run', 'build', '--filter=ccs-provider-echo...'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
  }
  dir = mkdtempSync(join(tmpdir(), 'ccs-echo-'));
  writeFileSync(
    join(dir, 'config.yaml'),
    `plugins:\n  - path: ${JSON.stringify(EXAMPLE)}\n    options:\n      prefix: "you said: "\n`,
  );
  const context: PluginContext = {
    host: { name: 'ccs', version: 'test', apiVersion: 1 },
    logger: silentLogger,
    paths: resolveCcsPaths({ env: { CCS_HOME: dir } }),
    env: {},
    openUrl: async () => false,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
  const host = createPluginHost({ context });
  await loadConfigPlugins(host, await loadConfig(join(dir, 'config.yaml')));
  expect(host.errors).toEqual([]);
  provider = host.provider('echo');
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const request = (text: string): ChatRequest => ({
  modelId: 'echo-1',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  tools: [],
  metadata: { requestId: 'req-1' },
});

// The strict suite every example and first-party provider is tested with (@ccs/testkit).
describeProviderConformance({
  name: 'examples/provider-echo loaded through the plugin host: provider conformance',
  test: { describe, it, beforeAll, afterAll },
  createProvider: () => provider,
  chat: { account: async () => (await provider.accounts.getDefault())! },
});

describe('examples/provider-echo with its options', () => {
  it('is the provider of its plugin id, and raises none/minimal effort to low with a warning', () => {
    expect(provider.id).toBe('echo');
    for (const requested of ['none', 'minimal'] as const) {
      expect(
        provider.effortPolicy.resolve({ modelId: 'echo-1', requested, source: 'explicit' }),
      ).toMatchObject({
        effort: 'low',
        capped: false,
        warnings: [expect.stringMatching(/using low instead of/)],
      });
    }
    expect(
      provider.effortPolicy.resolve({ modelId: 'echo-1', requested: 'xhigh', source: 'explicit' }),
    ).toMatchObject({
      effort: 'high',
      capped: true,
    });
  });

  it('streams parts that follow the ordering contract, with the options applied', async () => {
    const account = (await provider.accounts.getDefault())!;
    const result = await provider.chatModel('echo-1', account).stream(request('hello world'));
    const parts: ChatStreamPart[] = [];
    for await (const part of result.stream) parts.push(part);
    assertStreamOrdering(parts);
    const text = parts.map((p) => (p.type === 'text-delta' ? p.delta : '')).join('');
    expect(text).toBe('you said: hello world');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
  });

  it('refuses an unknown model with a CcsError', async () => {
    const account = (await provider.accounts.getDefault())!;
    expect(() => provider.chatModel('nope', account)).toThrow(CcsError);
  });
});
