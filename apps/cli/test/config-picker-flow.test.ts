import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PickerPrompts, runCodexConfig } from '../src/commands/codex/config-picker.js';
import { parseCodexArgs } from '../src/commands/codex/parse-codex-args.js';

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

const args = parseCodexArgs(['--config']);

describe('ccs codex --config', () => {
  it('lists the catalog with name, plan availability and max effort; one model for all slots keeps haiku', async () => {
    const { prompts, asked, lines } = scripted(['gpt-5.4', false, 'auto']);
    expect(await runCodexConfig(args, { prompts, interactive: true, env })).toBe(0);
    const models = asked[0]!.options!;
    expect(models.map((o) => o.value)).toEqual([
      'gpt-5-codex',
      'gpt-5-codex-mini',
      'gpt-5.2-codex',
      'gpt-5.3-codex',
      'gpt-5.3-codex-spark',
      'gpt-5.4',
    ]);
    expect(models[0]).toEqual({
      value: 'gpt-5-codex',
      label: 'GPT-5 Codex (gpt-5-codex)',
      hint: 'every plan · max effort high · Cross-plan-safe default',
    });
    expect(models[5]!.hint).toBe('paid plans · max effort xhigh');
    expect(asked[0]!.initialValue).toBe('gpt-5-codex');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      env: {
        ANTHROPIC_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
      },
    });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(lines.at(-1)).toContain(file);
  });

  it('per slot and a default effort; other keys of the file are kept; current values are preselected', async () => {
    await writeFile(
      file,
      JSON.stringify({
        permissions: { allow: ['Bash'] },
        env: {
          MY_VAR: '1',
          ANTHROPIC_MODEL: 'gpt-5.3-codex-high',
          ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
        },
      }),
    );
    const { prompts, asked } = scripted([
      'gpt-5.4',
      true,
      'gpt-5.4',
      'gpt-5.3-codex',
      'gpt-5-codex-mini',
      'high',
    ]);
    expect(await runCodexConfig(args, { prompts, interactive: true, env })).toBe(0);
    expect(asked[0]!.initialValue).toBe('gpt-5.3-codex'); // suffix stripped
    const effort = asked.at(-1)!;
    expect(effort.options!.map((o) => o.value)).toEqual(['auto', 'low', 'medium', 'high', 'xhigh']);
    expect(effort.options!.find((o) => o.value === 'xhigh')!.hint).toContain(
      'capped to high on gpt-5-codex-mini',
    );
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      permissions: { allow: ['Bash'] },
      env: {
        MY_VAR: '1',
        ANTHROPIC_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.3-codex',
        CCS_CODEX_EFFORT: 'high',
      },
    });
    // Choosing auto again removes the default effort.
    const second = scripted(['gpt-5.4', false, 'auto']);
    await runCodexConfig(args, { prompts: second.prompts, interactive: true, env });
    expect(second.asked.at(-1)!.initialValue).toBe('high');
    expect(JSON.parse(await readFile(file, 'utf8')).env.CCS_CODEX_EFFORT).toBeUndefined();
  });

  it('cancelling writes nothing', async () => {
    const { prompts, lines } = scripted(['gpt-5.4', CANCEL]);
    expect(await runCodexConfig(args, { prompts, interactive: true, env })).toBe(130);
    await expect(stat(file)).rejects.toThrow();
    expect(lines.at(-1)).toBe('cancel No changes made.');
  });

  it('without a terminal it does not wait: it says how to edit the file and exits 2', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await runCodexConfig(args, { interactive: false, env });
    const text = err.mock.calls.map((c) => String(c[0])).join('');
    err.mockRestore();
    expect(code).toBe(2);
    expect(text).toContain('needs a terminal');
    expect(text).toContain(file);
    expect(text).toContain('"ANTHROPIC_DEFAULT_HAIKU_MODEL": "gpt-5-codex-mini"');
    expect(text).toContain('gpt-5.4                paid plans, max effort xhigh');
    await expect(stat(file)).rejects.toThrow();
  });
});
