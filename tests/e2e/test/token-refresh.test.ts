import { expect, test } from 'vitest';
import { loginHeadless, responsesCalls } from '../../../scripts/lib/ccs-harness.mjs';
import { describe as dump, type E2eContext, upstreamProblems, useE2eContext } from './helpers/e2e-context.js';

// "Token cached locally with auto-refresh; proactive token refresh prevents mid-request failures."
let ctx: E2eContext;
useE2eContext((c) => {
  ctx = c;
});

async function loginWithTtl(email: string, accessTokenTtlSeconds: number) {
  ctx.emu.control.addAccount({ email, plan: 'plus', accessTokenTtlSeconds });
  ctx.emu.control.setAuthorizeBehavior({ email });
  const login = await loginHeadless({ env: ctx.sandbox.env, cwd: ctx.sandbox.projectDir });
  expect(login.code, dump(login)).toBe(0);
}

test('an access token about to expire is refreshed before the request, so no upstream call is rejected', async () => {
  await loginWithTtl('john@example.com', 120); // inside the 5-minute refresh window from the start
  ctx.emu.control.enqueueTurn({ text: 'Fresh token, fresh answer.' });
  const refreshesBefore = ctx.emu.control.counters().tokenRefreshes;

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('Fresh token, fresh answer.');
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  expect(ctx.emu.control.counters().tokenRefreshes - refreshesBefore).toBe(1);
});

test('a token the backend stopped accepting is refreshed once and the request retried, invisibly to Claude Code', async () => {
  await loginWithTtl('john@example.com', 3600);
  ctx.emu.control.expireAccessTokens('john@example.com');
  ctx.emu.control.enqueueTurn({ text: 'Answered after a refresh.' });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('Answered after a refresh.');
  // The proxy's own retry, not Claude Code's: one 401 with the old token, then 200 with the new one.
  const calls = responsesCalls(ctx.emu);
  expect(calls.map((c) => c.status)).toEqual([401, 200]);
  expect(calls[0]?.headers.authorization).not.toBe(calls[1]?.headers.authorization);
  // Both carried the same conversation: the retry did not lose context.
  const inputOf = (i: number) => ((calls[i]?.body ?? {}) as { input?: unknown }).input;
  expect(inputOf(0)).toBeDefined();
  expect(inputOf(1)).toEqual(inputOf(0));
  expect(ctx.emu.control.counters().tokenRefreshes).toBe(1);
});
