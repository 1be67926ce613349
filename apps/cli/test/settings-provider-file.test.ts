import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCodexModelCatalog } from '@ccs/provider-codex/internal';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProviderSettings, updateProviderSettings } from '../src/settings/provider-settings-file.js';
import {
  settingsKeysOf,
  slotDefaultsOf,
  viewProviderSettings,
} from '../src/settings/provider-settings-schema.js';

const keys = settingsKeysOf('codex');

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccs-settings-'));
  file = join(dir, 'codex.settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;
// The Codex catalog's defaults on a machine that never saw a live list (chosen by rule from the compiled list).
const defaults = slotDefaultsOf(
  createCodexModelCatalog({ options: { baseUrl: 'http://127.0.0.1:9', headers: {} } }),
);

describe('codex.settings.json', () => {
  it("is created on first use with the provider's defaults, mode 0600", async () => {
    expect(defaults).toEqual({
      default: 'gpt-5.6-sol',
      opus: 'gpt-5.6-sol',
      sonnet: 'gpt-5.6-sol',
      haiku: 'gpt-5.6-luna',
    });
    const loaded = await loadProviderSettings(file, keys, { defaults });
    expect(loaded.created).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      env: {
        ANTHROPIC_MODEL: 'gpt-5.6-sol',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-sol',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.6-sol',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
      },
    });
    if (process.platform !== 'win32') expect(await mode(file)).toBe(0o600);
    expect((await loadProviderSettings(file, keys, { defaults })).created).toBe(false);
  });

  it('a folder in its place is named as such, with what to do', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(file);
    await expect(loadProviderSettings(file, keys, { create: false })).rejects.toMatchObject({
      exitCode: 2,
      message: `${file} is a folder, not a file.`,
      suggestion: 'Move that folder away; ccs writes the settings file with the defaults again.',
    });
  });

  it('is not created when asked not to', async () => {
    const loaded = await loadProviderSettings(file, keys, { create: false, defaults });
    expect(loaded.data.env?.ANTHROPIC_MODEL).toBeUndefined();
    expect(viewProviderSettings(loaded.data, defaults, keys).models.default).toBe('gpt-5.6-sol');
    await expect(stat(file)).rejects.toThrow();
  });

  it('keeps unknown keys and their order through an update, and tightens a 0644 file', async () => {
    const original = {
      permissions: { allow: ['Bash(ls)'] },
      env: {
        MY_TOOL: '1',
        ANTHROPIC_MODEL: 'gpt-5.4',
        ANTHROPIC_BASE_URL: 'http://127.0.0.1:8317/api/provider/codex',
      },
      hooks: {},
    };
    await writeFile(file, JSON.stringify(original), { mode: 0o644 });
    await chmod(file, 0o644);
    const loaded = await loadProviderSettings(file, keys, { defaults });
    if (process.platform !== 'win32') expect(await mode(file)).toBe(0o600);
    expect(Object.keys(loaded.data)).toEqual(['permissions', 'env', 'hooks']);
    await updateProviderSettings(file, keys, (current) => ({
      ...current,
      env: { ...current.env, ANTHROPIC_MODEL: 'gpt-5-codex' },
    }));
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(after)).toEqual(['permissions', 'env', 'hooks']);
    expect(after.env).toEqual({ ...original.env, ANTHROPIC_MODEL: 'gpt-5-codex' });
    expect(after.permissions).toEqual(original.permissions);
  });

  it.each([
    [
      'not JSON',
      '{ "env": { "ANTHROPIC_MODEL": "gpt-5-codex", }\n}',
      /codex\.settings\.json(:\d+)? is not valid JSON/,
    ],
    ['an array', '[]', /must hold a JSON object/],
    ['env not an object', '{"env": "gpt-5-codex"}', /codex\.settings\.json: env /],
    ['a number model', '{"env": {"ANTHROPIC_MODEL": 5}}', /env\.ANTHROPIC_MODEL /],
    [
      'a bad effort',
      '{"env": {"CCS_CODEX_EFFORT": "maximum"}}',
      /env\.CCS_CODEX_EFFORT must be one of low, medium, high, xhigh, max, ultra/,
    ],
    ['a bad Fast switch', '{"env": {"CCS_CODEX_FAST": "yes please"}}', /env\.CCS_CODEX_FAST must be 1 or 0/],
  ])(
    'a broken file (%s) is a configuration error (exit 2) naming the file, and is left as it was',
    async (_name, text, message) => {
      await writeFile(file, text);
      const error = await loadProviderSettings(file, keys, { defaults }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'CONFIG_INVALID', exitCode: 2 });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(file);
      expect(await readFile(file, 'utf8')).toBe(text);
      await expect(updateProviderSettings(file, keys, (c) => c)).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
      });
      expect(await readFile(file, 'utf8')).toBe(text);
    },
  );

  it('view: models per slot (defaults for missing), effort, extra env and other settings', () => {
    const view = viewProviderSettings(
      {
        env: {
          ANTHROPIC_MODEL: 'gpt-5.4-high',
          ANTHROPIC_DEFAULT_OPUS_MODEL: ' ',
          CCS_CODEX_EFFORT: 'XHIGH',
          CCS_CODEX_FAST: '1',
          FOO: 'bar',
        },
        permissions: { deny: [] },
      },
      defaults,
      keys,
    );
    expect(view.models).toEqual({
      default: 'gpt-5.4-high',
      opus: 'gpt-5.6-sol',
      sonnet: 'gpt-5.6-sol',
      haiku: 'gpt-5.6-luna',
    });
    expect(view.fast).toBe(true);
    expect(view.defaulted).toEqual(['opus', 'sonnet', 'haiku']);
    expect(view.effort).toBe('xhigh');
    expect(view.extraEnv).toEqual({ FOO: 'bar' });
    expect(view.otherSettings).toEqual({ permissions: { deny: [] } });
  });

  it('two processes creating it at once both succeed with one file', async () => {
    const results = await Promise.all([
      loadProviderSettings(file, keys, { defaults }),
      loadProviderSettings(file, keys, { defaults }),
      loadProviderSettings(file, keys, { defaults }),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(JSON.parse(await readFile(file, 'utf8')).env.ANTHROPIC_MODEL).toBe('gpt-5.6-sol');
  });
});
