import { expect, test } from 'vitest';
import { playBrowser } from '../../../scripts/lib/ccs-harness.mjs';
import { describe as dump, type E2eContext, upstreamProblems, useE2eContext } from './helpers/e2e-context.js';

// The provider page's "First-Time Setup": `ccs codex "…"` with no account signs in first, then runs the prompt.
let ctx: E2eContext;
useE2eContext((c) => {
  ctx = c;
});

test('with no account, ccs codex -p signs in first (headless: CCS_NO_BROWSER=1) and then answers', async () => {
  ctx.emu.control.addAccount({ email: 'new@example.com', plan: 'plus' });
  ctx.emu.control.setAuthorizeBehavior({ email: 'new@example.com' });
  ctx.emu.control.enqueueTurn({ text: 'Signed in and answering.' });

  const proc = ctx.startCcs(['codex', '-p', 'say hi'], { stdin: 'pipe', timeoutMs: 60_000 });
  await playBrowser(proc);
  const result = await proc.exited;

  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('Signed in and answering.');
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  const accounts = await ctx.ccs(['codex', '--accounts', '--json']);
  expect(JSON.parse(accounts.stdout)).toMatchObject({
    accounts: [expect.objectContaining({ email: 'new@example.com', default: true })],
  });
});
