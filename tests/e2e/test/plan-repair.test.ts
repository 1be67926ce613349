import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  createE2eContext,
  describe as dump,
  type E2eContext,
  responsesBodies,
  upstreamProblems,
} from './helpers/e2e-context.js';
import { readSettings, writeSettings } from './helpers/scenario.js';

let ctx: E2eContext;
beforeEach(async () => {
  ctx = await createE2eContext();
});
afterEach(async () => {
  await ctx?.close();
});

test('on a free account a paid-only default is rewritten to gpt-5-codex, with a notice, touching nothing else', async () => {
  await ctx.login('free@example.com', 'free');
  writeSettings(ctx.sandbox, {
    env: {
      ANTHROPIC_MODEL: 'gpt-5.4',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5-codex',
      MY_OWN_SETTING: 'kept',
    },
    permissions: { allow: ['Bash(ls:*)'] },
  });
  ctx.emu.control.enqueueTurn({ text: 'Running on a free plan.' });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('Running on a free plan.');
  // The emulator rejects paid-only models for free accounts with the real 400, so this also proves no retry.
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  expect(responsesBodies(ctx.emu).map((b) => b.model)).toEqual(['gpt-5-codex']);
  // The user is told what happened and why.
  const notice = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .find((l) => l.includes('gpt-5.4') && l.includes('gpt-5-codex'));
  expect(notice, `no notice naming gpt-5.4 and gpt-5-codex in:\n${result.stderr}`).toBeDefined();
  expect(notice).toMatch(/free/i);
  // The settings file is repaired for next time; everything else in it is left alone.
  expect(readSettings(ctx.sandbox)).toMatchObject({
    env: {
      ANTHROPIC_MODEL: 'gpt-5-codex',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5-codex',
      MY_OWN_SETTING: 'kept',
    },
    permissions: { allow: ['Bash(ls:*)'] },
  });
});

test('on a paid account the same settings are used as they are', async () => {
  await ctx.login('paid@example.com', 'plus');
  writeSettings(ctx.sandbox, { env: { ANTHROPIC_MODEL: 'gpt-5.4' } });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  expect(responsesBodies(ctx.emu).map((b) => b.model)).toEqual(['gpt-5.4']);
  expect(readSettings(ctx.sandbox).env?.ANTHROPIC_MODEL).toBe('gpt-5.4');
});

test('when the plan cannot be verified the model is kept, with a warning naming the safe fallback', async () => {
  await ctx.login('someone@example.com', 'mystery_plan');
  writeSettings(ctx.sandbox, { env: { ANTHROPIC_MODEL: 'gpt-5.4', MY_OWN_SETTING: 'kept' } });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  expect(responsesBodies(ctx.emu).map((b) => b.model)).toEqual(['gpt-5.4']);
  const warning = result.stderr.split('\n').find((l) => l.includes('gpt-5.4') && l.includes('gpt-5-codex'));
  expect(
    warning,
    `no warning naming gpt-5.4 and the fallback gpt-5-codex in:\n${result.stderr}`,
  ).toBeDefined();
  expect(readSettings(ctx.sandbox)).toEqual({ env: { ANTHROPIC_MODEL: 'gpt-5.4', MY_OWN_SETTING: 'kept' } });
});
