import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCcs, startCcs } from './auth-harness.js';
import { keyedPluginSource, pluginHome } from './provider-fixtures.js';

// The settings side of `ccs <provider>` for a plugin whose catalog has plans (the spec's optional
// offlineModels / defaultSlotModels / repairModel): --config help, plan-aware defaults, model repair,
// the known-model check and effort, all as `ccs codex` has them, under the provider's own names
// (tiered.settings.json, CCS_TIERED_EFFORT). Built bin, a fake Claude Code, loopback only.

let root: string;
let env: Record<string, string>;
let settingsFile: string;

const run = (args: string[], extra: Record<string, string> = {}) => runCcs(args, { ...env, ...extra });
const readSettings = () => JSON.parse(readFileSync(settingsFile, 'utf8'));
const lastClaudeEnv = () => JSON.parse(readFileSync(env.FAKE_CLAUDE_RECORD!, 'utf8').split('\n')[0]!).env;

beforeAll(async () => {
  await ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'ccs-generic-settings-'));
  const home = pluginHome(root, 'tiered.mjs', keyedPluginSource('tiered', { tiered: true }));
  settingsFile = join(home.ccsHome, 'tiered.settings.json');
  env = home.env;
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ccs <provider> settings for a plugin with plans', () => {
  it('--config without a terminal explains its own file, variable and models (exit 2)', async () => {
    const result = await run(['tiered', '--config']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ccs tiered --config is interactive and needs a terminal');
    expect(result.stderr).toContain(`Set the models by editing ${settingsFile}`);
    expect(result.stderr).toContain('"ANTHROPIC_MODEL": "tiered-mini"');
    expect(result.stderr).toContain('"CCS_TIERED_EFFORT": "high"');
    expect(result.stderr).toMatch(/tiered-pro +pro plan, max effort high/);
    expect(result.stderr).not.toContain('tiered-old');
    expect(result.stderr).toContain('For one run only: ccs tiered --effort <level>.');
    expect(result.stderr.toLowerCase()).not.toContain('codex');
  });

  it('--help names its own variables', async () => {
    const help = await run(['tiered', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/CCS_TIERED_EFFORT=<level> +Default effort for every run/);
    expect(help.stdout).toContain('CCS_TIERED_FAST=1');
    expect(help.stdout).toContain('CCS_TIERED_LOGIN_TIMEOUT=<s>');
  });

  it("a fresh home gets the catalog's defaults for the account's plan", async () => {
    const auth = startCcs(['tiered', '--auth', '--with-api-key', '--nickname', 'me'], env);
    auth.write('kd-free-0001\n');
    auth.child.stdin!.end();
    expect((await auth.exit).code).toBe(0);
    const result = await run(['tiered', '-p', 'hi']);
    expect(result.code, result.stderr).toBe(0);
    expect(readSettings().env).toEqual({
      ANTHROPIC_MODEL: 'tiered-mini',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'tiered-mini',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'tiered-mini',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'tiered-mini',
    });
    expect(result.stdout).toContain('reply: keyed tiered-mini effort');
  });

  it('models the plan cannot use are repaired and saved, one line each; CCS_TIERED_EFFORT applies; other keys kept', async () => {
    writeFileSync(
      settingsFile,
      JSON.stringify({
        env: {
          MY_VAR: 'kept',
          ANTHROPIC_MODEL: 'tiered-pro',
          ANTHROPIC_DEFAULT_OPUS_MODEL: 'tiered-pro',
          ANTHROPIC_DEFAULT_SONNET_MODEL: 'tiered-mini',
          ANTHROPIC_DEFAULT_HAIKU_MODEL: 'tiered-old',
          CCS_TIERED_EFFORT: 'low',
        },
        permissions: { allow: [] },
      }),
      { mode: 0o600 },
    );
    const result = await run(['tiered', '-p', 'hi']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `tiered-pro is not on the free plan; using tiered-mini (default, opus); saved in ${settingsFile}.`,
    );
    expect(result.stderr).toContain(
      `tiered-old is retired; using tiered-mini (haiku); saved in ${settingsFile}.`,
    );
    const saved = readSettings();
    expect(saved.permissions).toEqual({ allow: [] });
    expect(saved.env).toEqual({
      MY_VAR: 'kept',
      ANTHROPIC_MODEL: 'tiered-mini',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'tiered-mini',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'tiered-mini',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'tiered-mini',
      CCS_TIERED_EFFORT: 'low',
    });
    // The configured effort reached the model; the user's own variable reached Claude Code.
    expect(result.stdout).toContain('reply: keyed tiered-mini effort low for me: Say hello');
    expect(lastClaudeEnv()).toMatchObject({ MY_VAR: 'kept', ANTHROPIC_MODEL: 'tiered-mini-low' });
  });

  it('CCS_TIERED_EFFORT in the environment wins, is checked, and a Codex variable does not touch it', async () => {
    const fromEnv = await run(['tiered', '-p', 'hi'], {
      CCS_TIERED_EFFORT: 'high',
      CCS_CODEX_EFFORT: 'huge',
    });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.stdout).toContain('effort high for me');
    const bad = await run(['tiered', '-p', 'hi'], { CCS_TIERED_EFFORT: 'huge' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('CCS_TIERED_EFFORT="huge" is not an effort level.');
  });

  it("another provider's effort variable in the file is named as not read here, not silently ignored", async () => {
    writeFileSync(settingsFile, JSON.stringify({ env: { CCS_CODEX_EFFORT: 'low' } }), { mode: 0o600 });
    const result = await run(['tiered', '-p', 'hi']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `CCS_CODEX_EFFORT in ${settingsFile} is not read for tiered; its name here is CCS_TIERED_EFFORT.`,
    );
    expect(result.stdout).not.toContain('effort low');
  });

  it('a model the provider does not know is refused before launch with the closest names (exit 2)', async () => {
    writeFileSync(settingsFile, JSON.stringify({ env: { ANTHROPIC_MODEL: 'tiered-mnii' } }), { mode: 0o600 });
    const result = await run(['tiered', '-p', 'hi']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `tiered-mnii (ANTHROPIC_MODEL in ${settingsFile}) is not a Tiered AI model; nothing was sent.`,
    );
    expect(result.stderr).toContain('Closest known models: tiered-mini');
    expect(result.stderr).toContain('ccs tiered --config');
  });

  it('a bad CCS_TIERED_EFFORT in the file is a configuration error naming the file and the key (exit 2)', async () => {
    writeFileSync(settingsFile, JSON.stringify({ env: { CCS_TIERED_EFFORT: 'turbo' } }), { mode: 0o600 });
    const result = await run(['tiered', '-p', 'hi']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${settingsFile}: env.CCS_TIERED_EFFORT must be one of`);
  });
});

describe('a plugin that leaves a handle open', () => {
  it('does not keep ccs alive: the command exits with its code a few seconds after it is done', async () => {
    const lingerRoot = await mkdtemp(join(tmpdir(), 'ccs-lingers-'));
    try {
      const home = pluginHome(lingerRoot, 'lingers.mjs', keyedPluginSource('lingers', { lingers: true }));
      const started = Date.now();
      const result = await runCcs(['lingers', '--accounts'], home.env);
      const took = Date.now() - started;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('lingers');
      // The plugin's timer would hold the process forever; the bin's safety net ends it after 3 s.
      expect(took).toBeGreaterThan(2_500);
      expect(took).toBeLessThan(15_000);
    } finally {
      await rm(lingerRoot, { recursive: true, force: true });
    }
  });
});
