import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { cliBinPath, processesWithEnv, waitFor } from '../../../scripts/lib/ccs-harness.mjs';
import { createE2eContext, type E2eContext } from './helpers/e2e-context.js';

// Real interactive Claude Code, launched by `ccs codex` inside tmux against the emulator: the status line
// is read off the screen Claude Code draws (capture-pane), so it is what Claude Code ran and showed.
let ctx: E2eContext;
const socket = `ccs-e2e-statusline-${process.pid}-${randomBytes(3).toString('hex')}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });

beforeEach(async () => {
  ctx = await createE2eContext();
});
afterEach(async () => {
  try {
    tmux('kill-server');
  } catch {
    // not started, or already gone
  }
  // Claude Code and ccs get SIGHUP from tmux; let them finish (they write into the sandbox as they exit).
  if (ctx) {
    await waitFor(() => processesWithEnv(ctx.sandbox.ccsHome).length === 0, {
      timeoutMs: 15_000,
      what: 'ccs and Claude Code to exit',
    }).catch(() => {});
  }
  await ctx?.close();
});

const screen = () => tmux('capture-pane', '-p', '-t', 'ccs');
const statusLineOf = (text: string) => text.split('\n').find((line) => line.trim().startsWith('codex '));

async function screenShows(pattern: RegExp, what: string): Promise<string> {
  let last = '';
  try {
    await waitFor(
      () => {
        last = screen();
        return pattern.test(last);
      },
      { timeoutMs: 60_000, intervalMs: 250, what },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- screen:\n${last}`);
  }
  return last;
}

test('Claude Code shows the ccs status line: account, model, effort, quota; it follows a failover', async () => {
  await ctx.login('john@example.com', 'plus', { extraArgs: ['--nickname', 'john'] });
  await ctx.login('mary@example.com', 'plus', { extraArgs: ['--add', '--nickname', 'mary'] });
  const hour = 3600;
  ctx.emu.control.setUsage('john@example.com', {
    primary: { usedPercent: 45, windowMinutes: 300, resetAfterSeconds: 2 * hour + 10 * 60 + 30 },
    secondary: { usedPercent: 21, windowMinutes: 10080, resetAfterSeconds: 4 * 24 * hour },
  });
  ctx.emu.control.setUsage('mary@example.com', {
    primary: { usedPercent: 12, windowMinutes: 300, resetAfterSeconds: 4 * hour + 30 },
    secondary: { usedPercent: 3, windowMinutes: 10080, resetAfterSeconds: 5 * 24 * hour },
  });
  // Claude Code's first-run screens (theme, trust) are for people; this user has been through them.
  const { sandbox } = ctx;
  writeFileSync(
    join(sandbox.home, '.claude.json'),
    JSON.stringify({
      hasCompletedOnboarding: true,
      theme: 'dark',
      projects: {
        [sandbox.projectDir]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true },
      },
    }),
  );
  const env = { ...sandbox.env, TERM: 'xterm-256color', NO_COLOR: '1' };
  tmux(
    'new-session',
    '-d',
    '-s',
    'ccs',
    '-x',
    '120',
    '-y',
    '30',
    '-c',
    sandbox.projectDir,
    ...Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
    process.execPath,
    cliBinPath,
    'codex',
  );

  // Before the first prompt: the account and model the session starts with.
  await screenShows(/^\s*codex john · \S+/m, 'the status line before any request');

  tmux('send-keys', '-t', 'ccs', 'say hi', 'Enter');
  const first = await screenShows(
    /codex john · .* · 5h 45% · resets 2h 1[01]m · wk 21%/,
    'john with his quota',
  );
  const call = ctx.emu.control.requests({ path: '/codex/responses' }).at(-1)!;
  const body = call.body as { model: string; reasoning: { effort: string } };
  expect(statusLineOf(first)).toMatch(
    new RegExp(`codex john · ${body.model.replace(/\./g, '\\.')} ${body.reasoning.effort} · 5h 45%`),
  );

  // John's limit is reached: the proxy fails over to mary, and the line says so.
  ctx.emu.control.setUsage('john@example.com', {
    primary: { usedPercent: 100, windowMinutes: 300, resetAfterSeconds: hour },
  });
  ctx.emu.control.enqueueTurn({
    fault: 'usage-limit-429',
    forEmail: 'john@example.com',
    resetsInSeconds: hour,
  });
  tmux('send-keys', '-t', 'ccs', 'say hi again', 'Enter');
  const after = await screenShows(
    /codex mary ⇄ from john · .* · 5h 12% · resets 4h · wk 3%/,
    'mary after failover',
  );
  expect(statusLineOf(after)).not.toMatch(/codex john/);
  expect(ctx.leakedSecrets()).toEqual([]);
  expect(after).not.toMatch(/eyJ[\w-]{10,}/);
  // Claude Code's unrecognized_model signal goes to its debug log in interactive mode (ADR 0008).
  expect(after).not.toContain('unrecognized_model');
});
