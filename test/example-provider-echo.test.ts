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
  EFFORT_LEVELS,
  loadConfig,
  loadConfigPlugins,
  type PluginContext,
  type Provider,
  resolveCcsPaths,
  silentLogger,
} from '@ccs/core';
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

/** The ordering contract of ChatStreamPart (packages/core/src/spec/v1/chat-stream-part.ts). */
function orderingProblems(parts: ChatStreamPart[]): string[] {
  const problems: string[] = [];
  if (parts[0]?.type !== 'stream-start') problems.push('first part is not stream-start');
  const ends = parts.filter((p) => p.type === 'finish' || p.type === 'error');
  if (ends.length !== 1 || parts.at(-1) !== ends[0])
    problems.push('stream does not end with exactly one finish or error');
  let open: string | undefined;
  for (const part of parts) {
    const [kind, phase] = part.type.split(/-(?=start$|delta$|end$)/);
    if (!phase || kind === 'stream') continue;
    const id = (part as { id: string }).id;
    if (phase === 'start') {
      if (open) problems.push(`${part.type} while ${open} is open`);
      open = `${kind}:${id}`;
    } else if (open !== `${kind}:${id}`) problems.push(`${part.type} outside its block`);
    if (phase === 'end') open = undefined;
  }
  return problems;
}

const request = (text: string): ChatRequest => ({
  modelId: 'echo-1',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  tools: [],
  metadata: { requestId: 'req-1' },
});

describe('examples/provider-echo through the plugin host (basic conformance)', () => {
  it('is a v1 provider with the id of its plugin', () => {
    expect(provider.specificationVersion).toBe('v1');
    expect(provider.id).toBe('echo');
    expect(provider.authStrategies.length).toBeGreaterThan(0);
  });

  it('has a catalog whose models carry a consistent effort range', () => {
    const models = provider.modelCatalog.staticModels();
    expect(models.map((m) => m.id)).toEqual(['echo-1']);
    for (const model of models) {
      expect(model.effort.supported).toContain(model.effort.max);
      expect(model.effort.supported).toContain(model.effort.default);
    }
  });

  it('has an effort policy that never throws and caps to the maximum with a warning', () => {
    for (const requested of EFFORT_LEVELS) {
      const decision = provider.effortPolicy.resolve({ modelId: 'echo-1', requested, source: 'explicit' });
      expect(EFFORT_LEVELS).toContain(decision.effort);
    }
    const capped = provider.effortPolicy.resolve({
      modelId: 'echo-1',
      requested: 'xhigh',
      source: 'explicit',
    });
    expect(capped).toMatchObject({ effort: 'high', capped: true });
    expect(capped.warnings).toHaveLength(1);
  });

  it('streams parts that follow the ordering contract, with the options applied', async () => {
    const account = (await provider.accounts.getDefault())!;
    const result = await provider.chatModel('echo-1', account).stream(request('hello world'));
    const parts: ChatStreamPart[] = [];
    for await (const part of result.stream) parts.push(part);
    expect(orderingProblems(parts)).toEqual([]);
    const text = parts.map((p) => (p.type === 'text-delta' ? p.delta : '')).join('');
    expect(text).toBe('you said: hello world');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
  });

  it('refuses an unknown model with a CcsError', async () => {
    const account = (await provider.accounts.getDefault())!;
    expect(() => provider.chatModel('nope', account)).toThrow(CcsError);
  });
});
