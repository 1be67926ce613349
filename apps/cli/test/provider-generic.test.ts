import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, freePort, runCcs, startCcs } from './auth-harness.js';
import { keyedPluginSource, pluginHome } from './provider-fixtures.js';

// A plugin provider used as a user would: loaded from config.yaml, signed in with an API key, its
// accounts managed, launched, served by `ccs proxy` with no Codex account at all. Built bin, loopback.

let root: string;
let env: Record<string, string>;
let authDir: string;
const KEY_1 = 'kd-first-secret-0001';
const KEY_2 = 'kd-second-secret-0002';

async function withStdin(args: string[], input: string) {
  const run = startCcs(args, env);
  run.write(input);
  run.child.stdin!.end();
  return run.exit;
}

function expectNoSecrets(text: string) {
  expect(text).not.toContain(KEY_1);
  expect(text).not.toContain(KEY_2);
}

beforeAll(async () => {
  await ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'ccs-generic-'));
  const home = pluginHome(root, 'keyed.mjs', keyedPluginSource());
  authDir = join(home.ccsHome, 'cliproxy', 'auth');
  env = home.env;
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ccs <provider> for a plugin provider (API key)', () => {
  it('--help describes its own sign-in and models', async () => {
    const help = await runCcs(['keyed', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ccs keyed');
    expect(help.stdout).toContain('--with-api-key');
    expect(help.stdout).toContain('keyed-large, keyed-small');
    expect(help.stdout).not.toContain('--device');
  });

  it('without a terminal and without --with-api-key, --auth says how to pass the key (exit 2)', async () => {
    const result = await runCcs(['keyed', '--auth'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no terminal to ask for it');
    expect(result.stderr).toContain('ccs keyed --auth --with-api-key');
  });

  it('signs in from stdin, stores the key 0600, and never prints it', async () => {
    const first = await withStdin(['keyed', '--auth', '--with-api-key', '--nickname', 'work'], `${KEY_1}\n`);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Added account "work" (default).');
    expect(first.stderr).toContain('Key accepted.');
    const second = await withStdin(['keyed', '--auth', '--add', '--with-api-key'], `${KEY_2}\n`);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Use it with: ccs keyed --use key-/);
    for (const output of [first, second]) expectNoSecrets(output.stdout + output.stderr);

    const defaultId = readFileSync(join(authDir, 'keyed-default'), 'utf8');
    expect(defaultId).toMatch(/^[0-9a-f]{8}$/);
    const file = join(authDir, `keyed-${defaultId}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).apiKey).toBe(KEY_1);

    const listing = await runCcs(['keyed', '--accounts', '--json'], env);
    expect(listing.code).toBe(0);
    const { accounts } = JSON.parse(listing.stdout) as {
      accounts: Array<{ nickname: string; default: boolean }>;
    };
    expect(accounts.map((a) => [a.nickname.startsWith('key-') ? 'key-*' : a.nickname, a.default])).toEqual([
      ['work', true],
      ['key-*', false],
    ]);
    expectNoSecrets(listing.stdout);
  });

  it('a wrong key is the provider own sign-in failure (exit 1); nothing is stored', async () => {
    const result = await withStdin(['keyed', '--auth', '--add', '--with-api-key'], 'sk-not-keyed\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('That is not a Keyed API key');
    const listing = await runCcs(['keyed', '--accounts', '--json'], env);
    expect(JSON.parse(listing.stdout).accounts).toHaveLength(2);
  });

  it('--use, --nickname and --logout --account work on its accounts', async () => {
    const other = JSON.parse((await runCcs(['keyed', '--accounts', '--json'], env)).stdout).accounts[1]
      .nickname as string;
    const use = await runCcs(['keyed', '--use', other], env);
    expect(use.stdout).toContain(`Default Keyed AI account is now ${other}.`);
    const rename = await runCcs(['keyed', '--nickname', 'spare', '--account', other], env);
    expect(rename.code, rename.stderr).toBe(0);
    const unknown = await runCcs(['keyed', '--use', 'nobody'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No Keyed account named "nobody"');
    const logout = await runCcs(['keyed', '--logout', '--account', 'spare'], env);
    expect(logout.stdout).toContain('Signed out of spare.');
    const left = await runCcs(['keyed', '--accounts'], env);
    expect(left.stdout).toBe('Accounts for keyed:\n  [default] work\n');
  });

  it('flags a provider cannot honour are usage errors naming what it offers', async () => {
    const device = await runCcs(['keyed', '--auth', '--device'], env);
    expect(device.code).toBe(2);
    expect(device.stderr).toContain('Keyed AI has no --device sign-in (it offers: api-key).');
    const codexKey = await runCcs(['codex', '--auth', '--with-api-key'], env);
    expect(codexKey.code).toBe(2);
    expect(codexKey.stderr).toContain('has no API-key (--with-api-key) sign-in');
  });

  it('a mistyped ccs flag is a usage error; Claude Code flags pass through', async () => {
    const typo = await runCcs(['keyed', '--acounts'], env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown option --acounts for ccs keyed. Did you mean --accounts?');
    const alsoTypo = await runCcs(['codex', '--nicknme', 'x'], env);
    expect(alsoTypo.code).toBe(2);
    expect(alsoTypo.stderr).toContain('Did you mean --nickname?');
    // --add-dir is Claude Code's (one edit from nothing of ours that matters): it reaches Claude Code.
    const passed = await runCcs(['keyed', '--add-dir', root, '-p', 'hi'], env);
    expect(passed.code, passed.stderr).toBe(0);
    const record = JSON.parse(readFileSync(env.FAKE_CLAUDE_RECORD!, 'utf8').split('\n')[0]!);
    expect(record.argv).toEqual(expect.arrayContaining(['--add-dir', root, '-p', 'hi']));
  });

  it('launches Claude Code on its own slot models through the proxy, with <provider>.settings.json', async () => {
    const result = await runCcs(['keyed', '--effort', 'xhigh', '-p', 'hi'], env);
    expect(result.code, result.stderr).toBe(0);
    // The provider's policy capped xhigh to high; the request reached the keyed model for "work".
    expect(result.stdout).toContain('reply: keyed keyed-large effort high for work: Say hello');
    const settings = JSON.parse(readFileSync(join(env.CCS_HOME!, 'keyed.settings.json'), 'utf8'));
    expect(settings.env.ANTHROPIC_MODEL).toBe('keyed-large');
    const record = JSON.parse(readFileSync(env.FAKE_CLAUDE_RECORD!, 'utf8').split('\n')[0]!);
    expect(record.env.ANTHROPIC_MODEL).toBe('keyed-large-high');
  });

  it('ccs env prints <provider>/<model> names; quota says it has no quota source', async () => {
    const out = await runCcs(['env', 'keyed'], env);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('export ANTHROPIC_MODEL=keyed/keyed-large\n');
    const quota = await runCcs(['cliproxy', 'quota', '--provider', 'keyed'], env);
    expect(quota.code).toBe(2);
    expect(quota.stderr).toContain('Keyed AI has no quota source');
    const unknown = await runCcs(['env', 'nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command or provider "nope"');
  });
});

describe('ccs proxy serves every provider', () => {
  it('starts with only a plugin account, routes <provider>/<model>, lists all, 404s unknown names', async () => {
    const port = await freePort();
    const proxy = startCcs(['proxy', '--port', String(port)], env);
    try {
      await proxy.waitFor(/serving codex \(0 accounts\), keyed \(1 account\)/);
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(proxy.stdout())![0];
      const envOut = await runCcs(['env', 'keyed', '--port', String(port)], env);
      const key = /ANTHROPIC_AUTH_TOKEN=(\S+)/.exec(envOut.stdout)![1]!;
      const headers = {
        'x-api-key': key,
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
      };
      const ask = async (model: string) => {
        const response = await fetch(`${url}/v1/messages`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ model, max_tokens: 50, messages: [{ role: 'user', content: 'ping' }] }),
        });
        const body = (await response.json()) as {
          content: Array<{ text: string }>;
          error: { type: string; message: string };
        };
        return { status: response.status, body };
      };

      const models = (await (await fetch(`${url}/v1/models`, { headers })).json()) as {
        data: Array<{ id: string }>;
      };
      const ids = models.data.map((m) => m.id);
      expect(ids).toEqual(expect.arrayContaining(['keyed-large', 'keyed/keyed-large', 'keyed/keyed-small']));
      const codexModel = ids.find((id) => id.startsWith('codex/'));
      expect(codexModel).toBeDefined();

      const direct = await ask('keyed/keyed-small');
      expect(direct.status).toBe(200);
      expect(direct.body.content[0]!.text).toMatch(/^keyed keyed-small effort \w+ for work: ping$/);
      // claude-* names map to the slot models of the provider with an account.
      const slot = await ask('claude-sonnet-4-5');
      expect(slot.status).toBe(200);
      expect(slot.body.content[0]!.text).toMatch(/^keyed keyed-large effort \w+ for work: ping$/);

      const typo = await ask('keyed-lrage');
      expect(typo.status).toBe(404);
      expect(typo.body.error.type).toBe('not_found_error');
      expect(typo.body.error.message).toContain('No loaded provider has a model named "keyed-lrage"');
      expect(typo.body.error.message).toContain('keyed-large');
      const unloaded = await ask('ollama/llama3');
      expect(unloaded.status).toBe(404);
      expect(unloaded.body.error.message).toContain('No provider "ollama" is loaded');
      const wrongModel = await ask('keyed/gpt-4o');
      expect(wrongModel.status).toBe(404);
      expect(wrongModel.body.error.message).toContain('Keyed AI has no model named "gpt-4o"');

      // A provider without an account answers with its own sign-in hint, nothing else is tried.
      const codex = await ask(codexModel!);
      expect(codex.status).toBe(403);
      expect(codex.body.error.type).toBe('permission_error');
      expect(codex.body.error.message).toContain('ccs codex --auth');
    } finally {
      proxy.child.kill('SIGTERM');
      await proxy.exit;
    }
  });

  it('with no account of any provider, exits 1 saying how to sign in', async () => {
    const empty = { ...env, CCS_HOME: join(root, 'empty') };
    const result = await runCcs(['proxy', '--port', String(await freePort())], empty);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No account of any provider is signed in.');
    expect(result.stderr).toContain('ccs codex --auth');
  });
});
