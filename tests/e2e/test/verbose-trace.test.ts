import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  createE2eContext,
  describe as dump,
  type E2eContext,
  upstreamProblems,
} from './helpers/e2e-context.js';
import { writeSettings } from './helpers/scenario.js';

// The provider page's "Trace logging": `ccs codex --verbose "…"` → "Output includes: reasoning.effort: xhigh".
let ctx: E2eContext;
beforeEach(async () => {
  ctx = await createE2eContext();
});
afterEach(async () => {
  await ctx?.close(); // also fails the test if a token appeared in any output
});

test('--verbose traces each upstream request with its reasoning.effort on stderr, and no secrets', async () => {
  await ctx.login('john@example.com', 'pro');
  writeSettings(ctx.sandbox, { env: { ANTHROPIC_MODEL: 'gpt-5.6-terra' } });

  const result = await ctx.ccs(['codex', '--verbose', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  expect(result.stderr).toMatch(/reasoning\.effort:\s*xhigh/);
  expect(result.stderr).toContain('gpt-5.6-terra');
  // The trace is for the terminal, not for Claude Code's answer on stdout.
  expect(result.stdout).not.toMatch(/reasoning\.effort/);
  expect(ctx.leakedSecrets()).toEqual([]);
});
