import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSandbox,
  loginHeadless,
  processesWithEnv,
  responsesCalls,
  runCcs,
  type Sandbox,
  startCcs,
  waitFor,
} from '../../../scripts/lib/ccs-harness.mjs';
import { bundleCli, type FakeClaudeRecord, writeFakeClaude } from './launch-helpers.js';

// `ccs codex` end to end with a fake Claude Code (a node script via CCS_CLAUDE_PATH) against the
// emulator: the real ccs process (bundled from source), the in-process proxy, real signals.

let emu: Emulator;
let bundle: { bin: string; cleanup: () => void };
const sandboxes: Sandbox[] = [];

async function userWith(email: string, plan: string): Promise<Sandbox> {
  const sandbox = await createSandbox({
    issuer: emu.issuer,
    baseUrl: emu.baseUrl,
    prefix: 'ccs-launch-',
    claudePath: '',
  });
  sandboxes.push(sandbox);
  sandbox.env.CCS_CLAUDE_PATH = writeFakeClaude(sandbox.root);
  emu.control.addAccount({ email, plan });
  emu.control.setAuthorizeBehavior({ email });
  const login = await loginHeadless({ env: sandbox.env, cwd: sandbox.projectDir, bin: bundle.bin });
  if (login.code !== 0) throw new Error(`login failed: ${login.stdout}\n${login.stderr}`);
  return sandbox;
}

function ccs(sandbox: Sandbox, args: string[], env: Record<string, string> = {}) {
  return runCcs(['codex', ...args], {
    bin: bundle.bin,
    env: { ...sandbox.env, ...env },
    cwd: sandbox.projectDir,
    timeoutMs: 30_000,
  });
}

function readRecord(path: string): { start: FakeClaudeRecord; signals: string[] } {
  const lines = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  return { start: lines[0], signals: lines.slice(1).map((l: { signal: string }) => l.signal) };
}

function settingsFile(sandbox: Sandbox): string {
  return join(sandbox.ccsHome, 'codex.settings.json');
}

function writeSettings(sandbox: Sandbox, value: unknown): void {
  writeFileSync(settingsFile(sandbox), JSON.stringify(value, null, 2), { mode: 0o600 });
}

function lastUpstream(): { model: string; effort: unknown; status: number } {
  const call = responsesCalls(emu).at(-1);
  const body = (call?.body ?? {}) as { model: string; reasoning?: { effort?: unknown } };
  return { model: body.model, effort: body.reasoning?.effort, status: call?.status ?? 0 };
}

const noLeftovers = (sandbox: Sandbox) =>
  processesWithEnv(sandbox.ccsHome).map((p: { comm: string }) => p.comm);

let plus: Sandbox;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  bundle = await bundleCli();
  plus = await userWith('john@example.com', 'plus');
}, 60_000);

afterAll(async () => {
  for (const sandbox of sandboxes) sandbox.cleanup();
  bundle?.cleanup();
  await emu?.close();
});

describe('ccs codex launches Claude Code on Codex', () => {
  it('passes Claude Code arguments through untouched, sets its environment, and the reply comes from the upstream', async () => {
    const record = join(plus.root, 'plain.jsonl');
    const claudeArgs = [
      '-p',
      'explain  this "code"',
      '--dangerously-skip-permissions',
      '--resume',
      'abc',
      '-v',
    ];
    const result = await ccs(plus, [...claudeArgs, '--', '--effort', 'odd'], {
      FAKE_CLAUDE_RECORD: record,
      ANTHROPIC_API_KEY: 'sk-ant-should-not-reach-claude',
      MY_SHELL_VAR: 'kept',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('reply: Hello from the emulator.');

    const { start } = readRecord(record);
    expect(start.argv).toEqual([...claudeArgs, '--effort', 'odd']);
    expect(start.env.ANTHROPIC_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(start.env.ANTHROPIC_AUTH_TOKEN).toMatch(/^ccs-session-[\w-]{32}$/);
    // A fresh home gets the live list's flagship and its small sibling (cached at sign-in).
    expect(start.env).toMatchObject({
      ANTHROPIC_MODEL: 'gpt-5.6-sol',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-sol',
      // Same model as default/opus but another slot effort (high, not xhigh): pinned by a suffix.
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.6-sol-high',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
      IS_SANDBOX: '1',
      MY_SHELL_VAR: 'kept',
    });
    expect(start.env.ANTHROPIC_API_KEY).toBeUndefined();

    // Default slot asks xhigh; gpt-5.6-sol lists up to ultra.
    expect(lastUpstream()).toEqual({ model: 'gpt-5.6-sol', effort: 'xhigh', status: 200 });
    // Created on first use with those defaults, 0600.
    const settings = JSON.parse(readFileSync(settingsFile(plus), 'utf8'));
    expect(settings.env.ANTHROPIC_MODEL).toBe('gpt-5.6-sol');
    expect(statSync(settingsFile(plus)).mode & 0o777).toBe(0o600);
    expect(noLeftovers(plus)).toEqual([]);
  });

  it("exits with Claude Code's exit code", async () => {
    const result = await ccs(plus, ['-p', 'x'], { FAKE_CLAUDE_EXIT: '7' });
    expect(result.code).toBe(7);
    expect(result.stdout).toContain('reply:');
  });

  it('per slot: default/opus xhigh, sonnet high, haiku medium on a paid model; a suffix pins the effort', async () => {
    writeSettings(plus, {
      env: {
        ANTHROPIC_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.5-medium',
      },
    });
    const cases: Array<[string | undefined, string, string]> = [
      [undefined, 'gpt-5.6-terra', 'xhigh'],
      ['claude-opus-4-5', 'gpt-5.6-terra', 'xhigh'],
      ['claude-sonnet-4-5', 'gpt-5.6-terra', 'high'],
      ['claude-haiku-4-5', 'gpt-5.5', 'medium'],
    ];
    for (const [model, upstreamModel, effort] of cases) {
      const result = await ccs(plus, ['-p', 'x'], model ? { FAKE_CLAUDE_MODEL: model } : {});
      expect(result.code, result.stderr).toBe(0);
      expect(lastUpstream()).toEqual({ model: upstreamModel, effort, status: 200 });
    }
  });

  it('--effort wins and is capped to the model maximum with a one-line notice; the capped value reaches the upstream', async () => {
    writeSettings(plus, {
      env: { ANTHROPIC_MODEL: 'gpt-5.5', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.3-codex-spark' },
    });
    const capped = await ccs(plus, ['--effort', 'max', '-p', 'x']);
    expect(capped.code).toBe(0);
    const notices = capped.stderr.split('\n').filter((line: string) => line.includes('capped'));
    expect(notices).toEqual([
      "notice reasoning.effort max capped to xhigh for gpt-5.5 and gpt-5.3-codex-spark, the model's maximum",
    ]);
    expect(lastUpstream()).toMatchObject({ model: 'gpt-5.5', effort: 'xhigh' });

    const low = await ccs(plus, ['--thinking', 'low', '-p', 'x']);
    expect(low.code).toBe(0);
    expect(lastUpstream()).toMatchObject({ model: 'gpt-5.5', effort: 'low' });

    // max and ultra reach a model that lists them, uncapped.
    writeSettings(plus, {
      env: {
        ANTHROPIC_MODEL: 'gpt-5.6-sol',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-sol',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.6-sol',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-terra',
      },
    });
    const ultra = await ccs(plus, ['--effort', 'ultra', '-p', 'x']);
    expect(ultra.stderr).not.toContain('capped');
    expect(lastUpstream()).toMatchObject({ model: 'gpt-5.6-sol', effort: 'ultra', status: 200 });

    const bad = await ccs(plus, ['--effort', 'extreme', '-p', 'x']);
    expect(bad.code).toBe(2);
  });

  it('--verbose shows the launch details and the per-request trace with reasoning.effort, and no secrets', async () => {
    writeSettings(plus, { env: { ANTHROPIC_MODEL: 'gpt-5.6-terra' } });
    const record = join(plus.root, 'verbose.jsonl');
    const result = await ccs(plus, ['--verbose', '-p', 'x'], { FAKE_CLAUDE_RECORD: record });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('[ccs] account: john <john@example.com> plan plus');
    expect(result.stderr).toMatch(/\[ccs\] proxy: http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stderr).toContain('reasoning.effort: xhigh');
    const { start } = readRecord(record);
    expect(result.stderr).not.toContain(start.env.ANTHROPIC_AUTH_TOKEN);
  });

  it('a broken settings file is exit 2 naming the file, and is left as it was', async () => {
    writeFileSync(settingsFile(plus), '{"env": {"ANTHROPIC_MODEL": 5}}');
    const result = await ccs(plus, ['-p', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(settingsFile(plus));
    expect(readFileSync(settingsFile(plus), 'utf8')).toBe('{"env": {"ANTHROPIC_MODEL": 5}}');
    writeSettings(plus, { env: { ANTHROPIC_MODEL: 'gpt-5.6-sol' } });
  });

  it('missing Claude Code: a clear message with the install command, exit 1, nothing started', async () => {
    const missing = await ccs(plus, ['-p', 'x'], { CCS_CLAUDE_PATH: join(plus.root, 'no-such-claude') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('npm install -g @anthropic-ai/claude-code');
    const noPath = await runCcs(['codex', '-p', 'x'], {
      bin: bundle.bin,
      env: { ...plus.env, CCS_CLAUDE_PATH: '', PATH: join(plus.root, 'empty-bin') },
      cwd: plus.projectDir,
      timeoutMs: 30_000,
    });
    expect(noPath.code).toBe(1);
    expect(noPath.stderr).toContain('Claude Code is not installed');
    expect(noPath.stderr).toContain('npm install -g @anthropic-ai/claude-code');
  });
});

describe('signals and processes', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s to ccs reaches Claude Code; ccs exits %i and nothing is left behind',
    async (signal, code) => {
      const record = join(plus.root, `signal-${signal}.jsonl`);
      const proc = startCcs(['codex', '-p', 'x'], {
        bin: bundle.bin,
        env: { ...plus.env, FAKE_CLAUDE_MODE: 'wait', FAKE_CLAUDE_RECORD: record },
        cwd: plus.projectDir,
        timeoutMs: 30_000,
      });
      await waitFor(() => proc.output().stdout.includes('fake-claude ready'), {
        what: 'fake claude',
        timeoutMs: 15_000,
      });
      process.kill(proc.pid!, signal); // ccs only, not its group: forwarding is ccs's job
      const result = await proc.exited;
      expect(result.code).toBe(code);
      expect(readRecord(record).signals).toEqual([signal]);
      expect(noLeftovers(plus)).toEqual([]);
    },
  );

  it('two sessions at once each get their own port and key, and both work', async () => {
    const records = [join(plus.root, 'two-a.jsonl'), join(plus.root, 'two-b.jsonl')];
    const procs = records.map((record) =>
      startCcs(['codex'], {
        bin: bundle.bin,
        env: { ...plus.env, FAKE_CLAUDE_MODE: 'wait', FAKE_CLAUDE_RECORD: record },
        cwd: plus.projectDir,
        timeoutMs: 30_000,
      }),
    );
    for (const proc of procs) {
      await waitFor(() => proc.output().stdout.includes('fake-claude ready'), {
        what: 'fake claude',
        timeoutMs: 15_000,
      });
    }
    const [a, b] = records.map((r) => readRecord(r).start);
    expect(a!.env.ANTHROPIC_BASE_URL).not.toBe(b!.env.ANTHROPIC_BASE_URL);
    expect(a!.env.ANTHROPIC_AUTH_TOKEN).not.toBe(b!.env.ANTHROPIC_AUTH_TOKEN);

    const ask = (url: string, token: string) =>
      fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'anthropic-version': '2023-06-01',
        },
        body: JSON.stringify({
          model: 'gpt-5.6-sol',
          max_tokens: 64,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
    const replies = await Promise.all([
      ask(a!.env.ANTHROPIC_BASE_URL!, a!.env.ANTHROPIC_AUTH_TOKEN!),
      ask(b!.env.ANTHROPIC_BASE_URL!, b!.env.ANTHROPIC_AUTH_TOKEN!),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    // One session's key does not open the other's proxy.
    expect((await ask(a!.env.ANTHROPIC_BASE_URL!, b!.env.ANTHROPIC_AUTH_TOKEN!)).status).toBe(401);

    for (const proc of procs) process.kill(proc.pid!, 'SIGTERM');
    const results = await Promise.all(procs.map((p) => p.exited));
    expect(results.map((r) => r.code)).toEqual([143, 143]);
    expect(noLeftovers(plus)).toEqual([]);
  });
});

describe('models at launch: repair, unknown names, Fast', () => {
  it("retired models are repaired to the live list's choice, saved with one line each naming both; other keys kept", async () => {
    const free = await userWith('sam@example.com', 'free');
    writeSettings(free, {
      permissions: { allow: ['Bash(ls)'] },
      env: {
        ANTHROPIC_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.3-codex-xhigh',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5-codex',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
        MY_TOOL_FLAG: '1',
      },
    });
    const record = join(free.root, 'free.jsonl');
    const result = await ccs(free, ['-p', 'x'], { FAKE_CLAUDE_RECORD: record });
    expect(result.code, result.stderr).toBe(0);
    const notices = result.stderr.split('\n').filter((line: string) => line.includes('retired'));
    expect(notices).toEqual([
      `notice gpt-5.4 is retired for ChatGPT sign-in; using gpt-5.6-terra (default); saved in ${settingsFile(free)}.`,
      `notice gpt-5.3-codex is retired for ChatGPT sign-in; using gpt-5.6-sol (opus); saved in ${settingsFile(free)}.`,
      `notice gpt-5-codex is retired for ChatGPT sign-in; using gpt-5.6-sol (sonnet); saved in ${settingsFile(free)}.`,
      `notice gpt-5-codex-mini is retired for ChatGPT sign-in; using gpt-5.6-luna (haiku); saved in ${settingsFile(free)}.`,
    ]);
    const saved = JSON.parse(readFileSync(settingsFile(free), 'utf8'));
    expect(saved).toEqual({
      permissions: { allow: ['Bash(ls)'] },
      env: {
        ANTHROPIC_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-sol-xhigh',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.6-sol',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
        MY_TOOL_FLAG: '1',
      },
    });
    expect(readRecord(record).start.env.MY_TOOL_FLAG).toBe('1');
    // The non-env key reaches Claude Code as inline --settings.
    expect(readRecord(record).start.argv).toEqual([
      '--settings',
      '{"permissions":{"allow":["Bash(ls)"]}}',
      '-p',
      'x',
    ]);
    expect(lastUpstream()).toEqual({ model: 'gpt-5.6-terra', effort: 'xhigh', status: 200 });

    // The next launch finds nothing to repair.
    const again = await ccs(free, ['-p', 'x']);
    expect(again.stderr).not.toContain('retired');
  });

  it('a model nobody serves is refused before launch (exit 2) with the closest names; nothing is sent', async () => {
    writeSettings(plus, { env: { ANTHROPIC_MODEL: 'gpt-5.9-typo' } });
    const before = responsesCalls(emu).length;
    const record = join(plus.root, 'refused.jsonl');
    const result = await ccs(plus, ['-p', 'x'], { FAKE_CLAUDE_RECORD: record });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`gpt-5.9-typo (ANTHROPIC_MODEL in ${settingsFile(plus)}) is not a`);
    expect(result.stderr).toMatch(/Closest known models: gpt-5\.6-sol, /);
    expect(existsSync(record)).toBe(false);
    writeSettings(plus, { env: { ANTHROPIC_MODEL: 'gpt-5.6-sol' } });
    const flag = await ccs(plus, ['-p', 'x', '--model', 'ollama/llama3'], { FAKE_CLAUDE_RECORD: record });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('ollama/llama3 (--model) is not a');
    expect(existsSync(record)).toBe(false);
    expect(responsesCalls(emu).length).toBe(before);
    // Claude Code's own aliases and the catalog's models pass.
    expect((await ccs(plus, ['-p', 'x', '--model', 'opus'])).code).toBe(0);
    expect((await ccs(plus, ['-p', 'x', '--model', 'gpt-5.6-luna-max'])).code).toBe(0);
  });

  it('--fast (or CCS_CODEX_FAST=1 in the settings) asks for the priority tier where the model offers it', async () => {
    writeSettings(plus, { env: { ANTHROPIC_MODEL: 'gpt-5.6-sol' } });
    const tier = () =>
      (responsesCalls(emu).at(-1)?.body as { service_tier?: string } | undefined)?.service_tier;
    expect((await ccs(plus, ['-p', 'x'])).code).toBe(0);
    expect(tier()).toBeUndefined();
    expect((await ccs(plus, ['--fast', '-p', 'x'])).code).toBe(0);
    expect(tier()).toBe('priority');
    writeSettings(plus, { env: { ANTHROPIC_MODEL: 'gpt-5.6-sol', CCS_CODEX_FAST: '1' } });
    expect((await ccs(plus, ['-p', 'x'])).code).toBe(0);
    expect(tier()).toBe('priority');
    writeSettings(plus, { env: { ANTHROPIC_MODEL: 'gpt-5.6-sol' } });
  });
});
