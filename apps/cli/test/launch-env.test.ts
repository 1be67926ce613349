import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaudeEnv, droppedEnvKeys } from '../src/launch/build-claude-env.js';
import { claudeSettingsArgs } from '../src/launch/claude-settings-args.js';
import { resolveClaudeExecutable } from '../src/launch/resolve-claude-executable.js';

const models = {
  default: 'gpt-5-codex-high',
  opus: 'gpt-5-codex-high',
  sonnet: 'gpt-5-codex-high',
  haiku: 'gpt-5-codex-mini-medium',
};

describe('Claude Code environment', () => {
  const env = buildClaudeEnv({
    baseEnv: {
      PATH: '/usr/bin',
      IS_SANDBOX: '1',
      ANTHROPIC_API_KEY: 'sk-ant-user',
      ANTHROPIC_BASE_URL: 'https://api.anthropic.com',
      ANTHROPIC_MODEL: 'claude-opus-4',
      CLAUDE_CODE_USE_BEDROCK: '1',
      UNSET: undefined,
    },
    settingsEnv: {
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:8317/api/provider/codex',
      ANTHROPIC_AUTH_TOKEN: 'ccs-internal-managed',
      MY_FLAG: 'on',
      IS_SANDBOX: '0',
    },
    baseUrl: 'http://127.0.0.1:40000',
    apiKey: 'ccs-session-abc',
    models,
  });

  it("points Claude Code at this session's proxy with its key and models, telemetry off", () => {
    expect(env).toMatchObject({
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:40000',
      ANTHROPIC_AUTH_TOKEN: 'ccs-session-abc',
      ANTHROPIC_MODEL: 'gpt-5-codex-high',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5-codex-high',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5-codex-high',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini-medium',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
    });
  });

  it("passes the user's environment and the settings file's variables through (the file wins)", () => {
    expect(env.PATH).toBe('/usr/bin');
    expect(env.MY_FLAG).toBe('on');
    expect(env.IS_SANDBOX).toBe('0');
    expect('UNSET' in env).toBe(false);
  });

  it('drops what would take Claude Code elsewhere or send another credential', () => {
    expect(env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(env.CLAUDE_CODE_USE_BEDROCK).toBeUndefined();
    expect(droppedEnvKeys({ ANTHROPIC_API_KEY: 'x' }, { CLAUDE_CODE_USE_VERTEX: '1' })).toEqual([
      'ANTHROPIC_API_KEY',
      'CLAUDE_CODE_USE_VERTEX',
    ]);
  });

  it("tells Claude Code the main model's real context window unless the user set one", () => {
    const base = { settingsEnv: {}, baseUrl: 'http://127.0.0.1:1', apiKey: 'k', models };
    expect(env.CLAUDE_CODE_MAX_CONTEXT_TOKENS).toBeUndefined();
    expect(
      buildClaudeEnv({ ...base, baseEnv: {}, contextWindow: 272_000 }).CLAUDE_CODE_MAX_CONTEXT_TOKENS,
    ).toBe('272000');
    const own = buildClaudeEnv({
      ...base,
      baseEnv: { CLAUDE_CODE_MAX_CONTEXT_TOKENS: '100000' },
      contextWindow: 272_000,
    });
    expect(own.CLAUDE_CODE_MAX_CONTEXT_TOKENS).toBe('100000');
  });
});

describe('extra Claude Code settings (non-env keys of codex.settings.json)', () => {
  it('none → no extra arguments', () => {
    expect(claudeSettingsArgs({}, ['-p', 'hi'])).toEqual({ args: [] });
    expect(claudeSettingsArgs({ $schema: 'x' }, [])).toEqual({ args: [] });
  });
  it("some → one inline --settings in front of the user's arguments", () => {
    expect(claudeSettingsArgs({ permissions: { allow: ['Bash'] } }, ['-p', 'hi']).args).toEqual([
      '--settings',
      '{"permissions":{"allow":["Bash"]}}',
    ]);
  });
  it("the user's own --settings and Claude Code sub-commands get none", () => {
    expect(claudeSettingsArgs({ hooks: {} }, ['--settings', 'x.json']).args).toEqual([]);
    expect(claudeSettingsArgs({ hooks: {} }, ['--settings=x.json']).args).toEqual([]);
    expect(claudeSettingsArgs({ hooks: {} }, ['mcp', 'list']).args).toEqual([]);
  });
});

describe('finding Claude Code', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccs-claude-path-'));
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'claude'), '#!/bin/sh\nexit 0\n');
    await chmod(join(dir, 'bin', 'claude'), 0o755);
    await writeFile(join(dir, 'fake-claude.mjs'), 'process.exit(0)\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses claude on PATH', () => {
    const found = resolveClaudeExecutable(undefined, { PATH: join(dir, 'bin') });
    expect(found).toMatchObject({ command: join(dir, 'bin', 'claude'), prefixArgs: [] });
  });

  it('a configured .mjs path runs under this Node', () => {
    const found = resolveClaudeExecutable(join(dir, 'fake-claude.mjs'), { PATH: '' });
    expect(found).toMatchObject({ command: process.execPath, prefixArgs: [join(dir, 'fake-claude.mjs')] });
  });

  it('missing: exit 1 with the install command', () => {
    const error = (() => {
      try {
        resolveClaudeExecutable(undefined, { PATH: join(dir, 'nothing-here') });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ code: 'DEPENDENCY_MISSING', exitCode: 1 });
    expect((error as { suggestion: string }).suggestion).toContain(
      'npm install -g @anthropic-ai/claude-code',
    );
    expect(() => resolveClaudeExecutable(join(dir, 'nope'), {})).toThrow(/Claude Code was not found at/);
  });
});
