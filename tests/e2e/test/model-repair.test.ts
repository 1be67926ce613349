import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { responsesCalls } from '../../../scripts/lib/ccs-harness.mjs';
import {
  describe as dump,
  type E2eContext,
  responsesBodies,
  upstreamProblems,
  useE2eContext,
} from './helpers/e2e-context.js';
import { readSettings, settingsPath, writeSettings } from './helpers/scenario.js';

// Real Claude Code through the built ccs against the emulator of today's backend: defaults and repair
// come from the live model list, which ccs cached at sign-in.

let ctx: E2eContext;
useE2eContext((c) => {
  ctx = c;
});

const sentModels = () => responsesCalls(ctx.emu).map((c) => [(c.body as { model: string }).model, c.status]);

test("a fresh home on a free account runs on the live list's models, every upstream request accepted", async () => {
  await ctx.login('free@example.com', 'free');
  ctx.emu.control.enqueueTurn({ text: 'Free plan, today.' });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('Free plan, today.');
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  expect(responsesBodies(ctx.emu)[0]?.model).toBe('gpt-5.6-sol');
  expect(readSettings(ctx.sandbox).env).toEqual({
    ANTHROPIC_MODEL: 'gpt-5.6-sol',
    ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-sol',
    ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.6-sol',
    ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
  });
});

test('settings naming retired models still run: each is replaced with one line naming both, other keys kept', async () => {
  await ctx.login('john@example.com', 'plus');
  writeSettings(ctx.sandbox, {
    env: {
      ANTHROPIC_MODEL: 'gpt-5.4',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
      MY_OWN_SETTING: 'kept',
    },
    permissions: { allow: ['Bash(ls:*)'] },
  });
  ctx.emu.control.enqueueTurn({ text: 'Running on a repaired model.' });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('Running on a repaired model.');
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  expect(responsesBodies(ctx.emu)[0]?.model).toBe('gpt-5.6-terra');
  const lines = result.stderr.split('\n').filter((l) => l.includes('retired'));
  expect(lines).toEqual([
    `notice gpt-5.4 is retired for ChatGPT sign-in; using gpt-5.6-terra (default); saved in ${settingsPath(ctx.sandbox)}.`,
    `notice gpt-5-codex-mini is retired for ChatGPT sign-in; using gpt-5.6-luna (haiku); saved in ${settingsPath(ctx.sandbox)}.`,
  ]);
  expect(readSettings(ctx.sandbox)).toEqual({
    env: {
      ANTHROPIC_MODEL: 'gpt-5.6-terra',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
      MY_OWN_SETTING: 'kept',
    },
    permissions: { allow: ['Bash(ls:*)'] },
  });
});

test('a model that goes away mid-session is repaired on the fly: one retry, said on stderr, the file still written', async () => {
  await ctx.login('john@example.com', 'plus');
  writeSettings(ctx.sandbox, { env: { ANTHROPIC_MODEL: 'gpt-5.6-terra' } });
  const target = join(ctx.sandbox.projectDir, 'after.txt');
  // Turn 1 streams slowly enough for the model to be retired before Claude Code sends turn 2.
  ctx.emu.control.enqueueTurn({
    text: 'Writing it.',
    toolCalls: [
      { name: 'Write', arguments: { file_path: target, content: 'still here\n' }, callId: 'call_w' },
    ],
    delayMsPerEvent: 40,
  });
  ctx.emu.control.enqueueTurn({ text: 'Done after the switch.' });

  const running = ctx.ccs(['codex', '-p', 'write after.txt', '--dangerously-skip-permissions']);
  await ctx.emu.control.waitForRequests({
    path: '/backend-api/codex/responses',
    count: 1,
    timeoutMs: 60_000,
  });
  ctx.emu.control.retireModel('gpt-5.6-terra');
  const result = await running;

  expect(result.code, dump(result)).toBe(0);
  expect(readFileSync(target, 'utf8')).toBe('still here\n');
  expect(result.stdout).toContain('Done after the switch.');
  expect(sentModels()).toEqual([
    ['gpt-5.6-terra', 200],
    ['gpt-5.6-terra', 400],
    ['gpt-5.6-sol', 200],
  ]);
  const notice = result.stderr.split('\n').filter((l) => l.includes('was refused'));
  expect(notice).toEqual([
    'notice gpt-5.6-terra was refused for john: gpt-5.6-terra is no longer in the Codex model list; using gpt-5.6-sol for the rest of this session',
  ]);
});

test("page-era backend: on a free account the page's paid-only default becomes gpt-5-codex, as the page says", async () => {
  ctx.emu.control.useModelScenario('page-era');
  await ctx.login('free@example.com', 'free');
  writeSettings(ctx.sandbox, { env: { ANTHROPIC_MODEL: 'gpt-5.4', MY_OWN_SETTING: 'kept' } });
  ctx.emu.control.enqueueTurn({ text: 'Running on a free plan.' });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  expect(responsesBodies(ctx.emu)[0]?.model).toBe('gpt-5-codex');
  expect(result.stderr).toContain('gpt-5.4 is not on the free plan; using gpt-5-codex (default)');
  expect(readSettings(ctx.sandbox).env).toMatchObject({
    ANTHROPIC_MODEL: 'gpt-5-codex',
    MY_OWN_SETTING: 'kept',
  });
});

test('a model name nobody serves is refused before Claude Code starts: exit 2, closest names, nothing sent', async () => {
  await ctx.login('john@example.com', 'plus');
  writeSettings(ctx.sandbox, { env: { ANTHROPIC_MODEL: 'gpt-5.6-sool' } });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code).toBe(2);
  expect(result.stderr).toContain('gpt-5.6-sool');
  expect(result.stderr).toContain('Closest known models: gpt-5.6-sol');
  expect(responsesCalls(ctx.emu)).toEqual([]);
  expect(existsSync(settingsPath(ctx.sandbox))).toBe(true);
});
