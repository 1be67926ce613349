import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  freePort,
  repoRoot,
  runCcs,
  type StartedProcess,
  waitFor,
} from '../../../scripts/lib/ccs-harness.mjs';
import { COMPAT_KEY, type CompatContext, createCompatContext } from './helpers/compat-context.js';
import { describe as dump } from './helpers/e2e-context.js';

// issue 11, "Done when": a plugin written outside the repo (the one docs/plugins.md walks through),
// bundled and packed there, added with `ccs plugins add`, signed in with an API key, runs the real
// Claude Code calling a tool — against the testkit's Chat Completions upstream, with no Codex account.
let outside: string;
let tarball: string;
let ctx: CompatContext;
let proxy: StartedProcess | undefined;

beforeAll(() => {
  outside = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-acme-author-')));
  const pkg = join(outside, 'ccs-provider-acme');
  cpSync(join(repoRoot, 'tests/e2e/fixtures/provider-acme'), pkg, { recursive: true });
  // What `npm install -D @ccs/core @ccs/provider-openai-compatible zod` gives the author (the packages are
  // not on npm yet, so the workspace builds stand in for them).
  const modules = join(pkg, 'node_modules');
  mkdirSync(join(modules, '@ccs'), { recursive: true });
  symlinkSync(join(repoRoot, 'packages/core'), join(modules, '@ccs/core'));
  symlinkSync(
    join(repoRoot, 'packages/provider-openai-compatible'),
    join(modules, '@ccs/provider-openai-compatible'),
  );
  const zod = dirname(
    createRequire(join(repoRoot, 'packages/core/package.json')).resolve('zod/package.json'),
  );
  symlinkSync(zod, join(modules, 'zod'));
  execFileSync(
    join(repoRoot, 'node_modules/.bin/tsup'),
    ['src/index.ts', '--format', 'esm', '--platform', 'node', '--target', 'node20'],
    { cwd: pkg, stdio: 'pipe' },
  );
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', outside], {
    cwd: pkg,
    encoding: 'utf8',
  });
  tarball = join(outside, packed.trim().split('\n').at(-1)!);
}, 120_000);

afterAll(async () => {
  if (proxy && proxy.child.exitCode === null) proxy.killGroup('SIGKILL');
  await ctx?.close();
  rmSync(outside, { recursive: true, force: true });
});

const shown = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;

test('a packed third-party API-key plugin: plugins add, sign in, Claude Code calls a tool, proxy/env/--config/list show it', async () => {
  ctx = await createCompatContext(() => '# ccs config\n');
  ctx.up.setModels(['acme-coder-large', 'acme-coder-small']);

  // ccs plugins add <tarball>: installed into $CCS_HOME/cliproxy and listed in config.yaml.
  const added = await ctx.ccs(['plugins', 'add', tarball]);
  expect(added.code, dump(added)).toBe(0);
  const configFile = join(ctx.sandbox.ccsHome, 'cliproxy/config.yaml');
  const config = readFileSync(configFile, 'utf8');
  expect(config).toMatch(/ccs-provider-acme/);
  // Its option, as the docs say: point it at Acme's URL (here the scripted upstream).
  writeFileSync(
    configFile,
    `${config.replace(/^\s*- "?ccs-provider-acme"?\s*$/m, `  - package: ccs-provider-acme\n    options: { baseUrl: "${ctx.up.baseUrl}" }`)}`,
  );

  const listed = await ctx.ccs(['plugins', 'list', '--json']);
  expect(listed.code, dump(listed)).toBe(0);
  expect(listed.stdout).toMatch(/"acme"/);
  expect(listed.stdout).toMatch(/1\.0\.0/);

  // Sign in with the API key on stdin; the key never shows in any output.
  const auth = await ctx.ccsWithInput(['acme', '--auth', '--with-api-key'], `${COMPAT_KEY}\n`);
  expect(auth.code, dump(auth)).toBe(0);

  // A real Claude Code session that calls a tool.
  const target = join(ctx.sandbox.projectDir, 'acme.txt');
  ctx.up.enqueue({
    text: 'Writing it.',
    toolCalls: [{ name: 'Write', arguments: { file_path: target, content: 'made by acme\n' } }],
  });
  ctx.up.enqueue({ text: 'acme.txt is written.' });
  const run = await ctx.ccs(['acme', '-p', 'Create acme.txt', '--dangerously-skip-permissions']);
  expect(run.code, dump(run)).toBe(0);
  expect(readFileSync(target, 'utf8')).toBe('made by acme\n');
  expect(run.stdout).toContain('acme.txt is written.');
  expect(ctx.upstreamProblems()).toBeUndefined();
  expect(ctx.up.chatBodies()[0]!.model).toMatch(/^acme-coder-(large|small)$/);

  // --config without a terminal lists the plugin's models; ccs env names the provider's models.
  const picker = await ctx.ccs(['acme', '--config']);
  expect(shown(picker)).toMatch(/acme-large/);
  // `ccs env` prints the local proxy key by design, so it runs outside the context's secret-leak check.
  const env = await runCcs(['env', 'acme'], { env: ctx.sandbox.env, cwd: ctx.sandbox.projectDir });
  expect(env.code, dump(env)).toBe(0);
  expect(env.stdout).toMatch(/ANTHROPIC_BASE_URL/);
  expect(env.stdout).toMatch(/acme-(large|small)/);

  // ccs proxy starts with no Codex account, lists acme's models and serves acme/<model>.
  const port = await freePort();
  proxy = ctx.startCcs(['proxy', '--port', String(port)]);
  const base = `http://127.0.0.1:${port}`;
  const localKey = /api-keys:\s*\n\s*-\s*["']?([^"'\s]+)/.exec(readFileSync(configFile, 'utf8'))?.[1];
  expect(localKey, readFileSync(configFile, 'utf8')).toBeDefined();
  const headers = {
    'x-api-key': localKey!,
    'content-type': 'application/json',
    'anthropic-version': '2023-06-01',
  };
  const models = await waitFor(
    async () => {
      const response = await fetch(`${base}/v1/models`, { headers }).catch(() => undefined);
      return response?.ok ? ((await response.json()) as { data: Array<{ id: string }> }) : undefined;
    },
    { timeoutMs: 20_000, what: 'ccs proxy to answer /v1/models' },
  );
  expect(models.data.map((m) => m.id)).toEqual(
    expect.arrayContaining(['acme/acme-large', 'acme/acme-small']),
  );
  ctx.up.enqueue({ text: 'Served through ccs proxy.' });
  const message = await fetch(`${base}/v1/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      model: 'acme/acme-large',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
  const body = (await message.json()) as { content?: Array<{ text?: string }> };
  expect(message.status, JSON.stringify(body)).toBe(200);
  expect(body.content?.map((c) => c.text).join('')).toBe('Served through ccs proxy.');
  proxy.killGroup('SIGTERM');
  await proxy.exited;

  // The dashboard lists the provider and its signed-in key (by nickname; never the key).
  const dashboard = ctx.startCcs(['dashboard', '--no-open']);
  proxy = dashboard;
  const url = await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\/\S*#\S+/.exec(dashboard.output().stdout)?.[0], {
    timeoutMs: 20_000,
    what: 'the dashboard URL',
  });
  const { origin } = new URL(url);
  const token = url.slice(url.indexOf('#') + 1).replace(/^token=/, '');
  const stateResponse = await fetch(`${origin}/api/dashboard/state`, {
    headers: { 'x-ccs-dashboard-token': token },
  });
  const stateText = await stateResponse.text();
  expect(stateResponse.status, stateText).toBe(200);
  const state = JSON.parse(stateText) as {
    providers: Array<{ id: string; accounts: Array<{ nickname: string }> }>;
  };
  const acme = state.providers.find((p) => p.id === 'acme');
  expect(acme?.accounts.map((a) => a.nickname)).toEqual(['key-1']);
  expect(stateText).not.toContain(COMPAT_KEY);
  dashboard.killGroup('SIGTERM');
  await dashboard.exited;

  for (const result of [added, listed, auth, run, picker, env])
    expect(shown(result)).not.toContain(COMPAT_KEY);
});
