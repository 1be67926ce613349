import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readProviderSlots, writeProviderSlots } from '../src/commands/provider/provider-settings.js';
import { type CliHost, createCliHost } from '../src/host/create-cli-host.js';
import { compatConfigYaml } from './provider-fixtures.js';

// The writer the dashboard's model/effort editor uses: only the keys it is given change, everything
// else in the file stays; a model the provider does not have is refused before the file is touched.
let home: string;
let host: CliHost;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'ccs-slots-'));
  await mkdir(join(home, 'cliproxy'), { recursive: true });
  await writeFile(join(home, 'cliproxy', 'config.yaml'), compatConfigYaml('local'));
  host = await createCliHost({
    env: { CCS_HOME: home, PATH: process.env.PATH, CCS_CODEX_BASE_URL: 'http://127.0.0.1:9/backend-api' },
  });
});
afterEach(async () => {
  await host.dispose();
  await rm(home, { recursive: true, force: true });
});

const read = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

describe('writeProviderSlots', () => {
  it('changes only the named slots and the effort, keeping every other key and its order', async () => {
    const file = host.paths.settingsFile('codex');
    await writeFile(
      file,
      JSON.stringify({
        permissions: { allow: ['Bash(ls)'] },
        env: { MY_VAR: 'x', ANTHROPIC_MODEL: 'gpt-5.6-sol', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna' },
      }),
      { mode: 0o644 },
    );
    const after = await writeProviderSlots(host.provider('codex'), file, {
      models: { default: 'gpt-5.6-terra', sonnet: 'gpt-5.5-high' },
      effort: 'HIGH',
    });
    const data = await read(file);
    expect(Object.keys(data)).toEqual(['permissions', 'env']);
    expect(data.permissions).toEqual({ allow: ['Bash(ls)'] });
    expect(data.env).toEqual({
      MY_VAR: 'x',
      ANTHROPIC_MODEL: 'gpt-5.6-terra',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.5-high',
      CCS_CODEX_EFFORT: 'high',
    });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(after.models).toMatchObject({
      default: 'gpt-5.6-terra',
      sonnet: 'gpt-5.5-high',
      haiku: 'gpt-5.6-luna',
    });
    expect(after.view.effort).toBe('high');
    expect(await readProviderSlots(host.provider('codex'), file)).toEqual(after);

    await writeProviderSlots(host.provider('codex'), file, { effort: null });
    expect((await read(file)).env.CCS_CODEX_EFFORT).toBeUndefined();
    expect((await read(file)).env.ANTHROPIC_MODEL).toBe('gpt-5.6-terra');
  });

  it('refuses a model the provider does not have, naming the closest ones, and leaves the file alone', async () => {
    const file = host.paths.settingsFile('codex');
    const before = JSON.stringify({ env: { ANTHROPIC_MODEL: 'gpt-5.6-sol' } });
    await writeFile(file, before);
    await expect(
      writeProviderSlots(host.provider('codex'), file, { models: { opus: 'gpt-5.6-sool' }, effort: 'low' }),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: 'gpt-5.6-sool is not a model of OpenAI Codex (opus slot); nothing was saved.',
      suggestion: expect.stringMatching(/^Closest known models: gpt-5\.6-sol, /),
    });
    await expect(writeProviderSlots(host.provider('codex'), file, { effort: 'turbo' })).rejects.toMatchObject(
      {
        exitCode: 2,
        message: '"turbo" is not an effort level; nothing was saved.',
      },
    );
    await expect(
      writeProviderSlots(host.provider('codex'), file, { models: { default: 'gpt-5.4' } }),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: 'gpt-5.4 is retired at OpenAI Codex (default slot); nothing was saved.',
    });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('works for any provider through its catalog, creating the file when there is none', async () => {
    const provider = host.provider('local');
    const file = host.paths.settingsFile('local');
    expect(file).toBe(join(home, 'local.settings.json'));
    const after = await writeProviderSlots(provider, file, { models: { haiku: 'llama' } });
    expect((await read(file)).env).toEqual({ ANTHROPIC_DEFAULT_HAIKU_MODEL: 'llama' });
    expect(after.models.haiku).toBe('llama');
    expect(after.view.defaulted).toEqual(['default', 'opus', 'sonnet']);
    await expect(
      writeProviderSlots(provider, file, { models: { default: 'gpt-5.6-sol' } }),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: `gpt-5.6-sol is not a model of ${provider.displayName} (default slot); nothing was saved.`,
      suggestion: 'Closest known models: qwen, llama.',
    });
  });
});
