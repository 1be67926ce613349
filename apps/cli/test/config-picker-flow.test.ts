import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PickerPrompts, runConfigPicker } from '../src/commands/provider/config-picker.js';
import { parseProviderArgs } from '../src/commands/provider/parse-provider-args.js';
import { compatConfigYaml } from './provider-fixtures.js';

let home: string;
let file: string;
let env: Record<string, string | undefined>;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'ccs-picker-'));
  file = join(home, 'codex.settings.json');
  env = { CCS_HOME: home, PATH: process.env.PATH, CCS_CODEX_BASE_URL: 'http://127.0.0.1:9/backend-api' };
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(home, { recursive: true, force: true });
});

const CANCEL = Symbol('cancel');

/** Scripted answers, in order; records what each prompt offered. */
function scripted(answers: unknown[]) {
  const asked: Array<{
    message: string;
    options?: Array<{ value: string; label: string; hint?: string }>;
    initialValue?: unknown;
  }> = [];
  const lines: string[] = [];
  const prompts: PickerPrompts = {
    intro: (t) => lines.push(`intro ${t}`),
    select: async (o) => {
      asked.push(o);
      return answers.shift() as never;
    },
    confirm: async (o) => {
      asked.push(o);
      return answers.shift() as never;
    },
    note: (m, t) => lines.push(`note ${t} ${m}`),
    outro: (m) => lines.push(`outro ${m}`),
    cancel: (m) => lines.push(`cancel ${m}`),
    isCancel: (v): v is symbol => v === CANCEL,
  };
  return { prompts, asked, lines };
}

const args = parseProviderArgs(['--config'], 'codex');

/** A live list as cached after a sign-in on a plus account (the file format the Codex catalog writes). */
async function cacheList(models: Array<Record<string, unknown>>) {
  const dir = join(home, 'cliproxy', 'models');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'codex-plus.json'),
    JSON.stringify({ version: 1, plan: 'plus', fetchedAt: Date.now(), clientVersion: '0.169.0', models }),
  );
}
const entry = (
  slug: string,
  priority: number,
  plans: string[],
  efforts = ['low', 'medium', 'high', 'xhigh'],
) => ({
  slug,
  display_name: slug.toUpperCase(),
  visibility: 'list',
  priority,
  supported_reasoning_levels: efforts.map((effort) => ({ effort })),
  default_reasoning_level: 'medium',
  input_modalities: ['text', 'image'],
  available_in_plans: plans,
});

describe('ccs codex --config', () => {
  it("lists today's catalog with name, plan availability and max effort; one model for all slots keeps haiku", async () => {
    const { prompts, asked, lines } = scripted(['gpt-5.6-terra', false, 'auto']);
    expect(await runConfigPicker(args, { prompts, interactive: true, env })).toBe(0);
    const models = asked[0]!.options!;
    // No account and no cached list: the compiled list, without the retired models.
    expect(models.map((o) => o.value)).toEqual([
      'gpt-5.6-sol',
      'gpt-5.6-terra',
      'gpt-5.6-luna',
      'gpt-5.5',
      'gpt-5.3-codex-spark',
    ]);
    expect(models[0]).toEqual({
      value: 'gpt-5.6-sol',
      label: 'GPT-5.6 Sol (gpt-5.6-sol)',
      hint: 'all plans · max effort ultra',
    });
    expect(models[4]!.hint).toBe('all plans · max effort xhigh · text only');
    expect(asked[0]!.initialValue).toBe('gpt-5.6-sol');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      env: {
        ANTHROPIC_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
      },
    });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(lines.at(-1)).toContain(file);
  });

  it('reads the cached live list and says "all plans" / "paid plans" in words', async () => {
    await cacheList([
      entry('gpt-7-nova', 1, ['free', 'plus', 'pro', 'team']),
      entry('gpt-7-nova-pro', 2, ['plus', 'pro', 'team'], ['low', 'medium', 'high', 'xhigh', 'max', 'ultra']),
    ]);
    const { prompts, asked } = scripted(['gpt-7-nova-pro', false, 'auto']);
    expect(await runConfigPicker(args, { prompts, interactive: true, env })).toBe(0);
    expect(asked[0]!.options!).toEqual([
      { value: 'gpt-7-nova', label: 'GPT-7-NOVA (gpt-7-nova)', hint: 'all plans · max effort xhigh' },
      {
        value: 'gpt-7-nova-pro',
        label: 'GPT-7-NOVA-PRO (gpt-7-nova-pro)',
        hint: 'paid plans · max effort ultra',
      },
    ]);
    expect(asked[0]!.initialValue).toBe('gpt-7-nova');
  });

  it('per slot and a default effort; other keys of the file are kept; current values are preselected', async () => {
    await writeFile(
      file,
      JSON.stringify({
        permissions: { allow: ['Bash'] },
        env: {
          MY_VAR: '1',
          ANTHROPIC_MODEL: 'gpt-5.6-terra-high',
          ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
        },
      }),
    );
    const { prompts, asked } = scripted([
      'gpt-5.6-sol',
      true,
      'gpt-5.6-sol',
      'gpt-5.6-terra',
      'gpt-5.5',
      'high',
    ]);
    expect(await runConfigPicker(args, { prompts, interactive: true, env })).toBe(0);
    expect(asked[0]!.initialValue).toBe('gpt-5.6-terra'); // suffix stripped
    const effort = asked.at(-1)!;
    expect(effort.options!.map((o) => o.value)).toEqual([
      'auto',
      'low',
      'medium',
      'high',
      'xhigh',
      'max',
      'ultra',
    ]);
    expect(effort.options!.find((o) => o.value === 'max')!.hint).toContain('capped to xhigh on gpt-5.5');
    expect(effort.options!.find((o) => o.value === 'xhigh')!.hint).not.toContain('capped');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      permissions: { allow: ['Bash'] },
      env: {
        MY_VAR: '1',
        ANTHROPIC_MODEL: 'gpt-5.6-sol',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.5',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-sol',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.6-terra',
        CCS_CODEX_EFFORT: 'high',
      },
    });
    // Choosing auto again removes the default effort.
    const second = scripted(['gpt-5.6-sol', false, 'auto']);
    await runConfigPicker(args, { prompts: second.prompts, interactive: true, env });
    expect(second.asked.at(-1)!.initialValue).toBe('high');
    expect(JSON.parse(await readFile(file, 'utf8')).env.CCS_CODEX_EFFORT).toBeUndefined();
  });

  it('cancelling writes nothing', async () => {
    const { prompts, lines } = scripted(['gpt-5.6-sol', CANCEL]);
    expect(await runConfigPicker(args, { prompts, interactive: true, env })).toBe(130);
    await expect(stat(file)).rejects.toThrow();
    expect(lines.at(-1)).toBe('cancel No changes made.');
  });

  it('without a terminal it does not wait: it says how to edit the file and exits 2', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await runConfigPicker(args, { interactive: false, env });
    const text = err.mock.calls.map((c) => String(c[0])).join('');
    err.mockRestore();
    expect(code).toBe(2);
    expect(text).toContain('needs a terminal');
    expect(text).toContain(file);
    expect(text).toContain('"ANTHROPIC_DEFAULT_HAIKU_MODEL": "gpt-5.6-luna"');
    expect(text).toContain('gpt-5.6-sol            all plans, max effort ultra');
    expect(text).not.toContain('gpt-5-codex');
    await expect(stat(file)).rejects.toThrow();
  });
});

describe('ccs <provider> --config for a provider other than Codex', () => {
  it("offers that provider's models and writes its own file and effort variable", async () => {
    await mkdir(join(home, 'cliproxy'), { recursive: true });
    await writeFile(join(home, 'cliproxy', 'config.yaml'), compatConfigYaml('my-llm'));
    await writeFile(join(home, 'my-llm.settings.json'), JSON.stringify({ env: { MY_VAR: '1' }, hooks: {} }));
    const { prompts, asked, lines } = scripted(['qwen', true, 'qwen', 'qwen', 'llama', 'high']);
    const code = await runConfigPicker(parseProviderArgs(['--config'], 'my-llm'), {
      prompts,
      interactive: true,
      env,
    });
    expect(code).toBe(0);
    expect(asked[0]!.options!.map((o) => o.value)).toEqual(['qwen', 'llama']);
    expect(lines[0]).toMatch(/^intro my-llm.* models for Claude Code$/);
    expect(JSON.parse(await readFile(join(home, 'my-llm.settings.json'), 'utf8'))).toEqual({
      env: {
        MY_VAR: '1',
        ANTHROPIC_MODEL: 'qwen',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'qwen',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'qwen',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'llama',
        CCS_MY_LLM_EFFORT: 'high',
      },
      hooks: {},
    });
    expect(lines.at(-1)).toBe(
      `outro Written to ${join(home, 'my-llm.settings.json')}. Start a session with: ccs my-llm`,
    );
    await expect(stat(file)).rejects.toThrow();
  });
});
