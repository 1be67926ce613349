import { expect, test } from 'vitest';
import { responsesCalls } from '../../../scripts/lib/ccs-harness.mjs';
import { describe as dump, type E2eContext, useE2eContext } from './helpers/e2e-context.js';

let ctx: E2eContext;
useE2eContext((c) => {
  ctx = c;
});

const RESET_IN_SECONDS = 2 * 3600 + 15 * 60;

/** Ways a reset time may be written: the instant (ISO or UTC clock time) or the time left ("2h 15m"). */
function resetTimePatterns(resetAt: Date): RegExp[] {
  const patterns: RegExp[] = [/\b2\s*h(ours?)?,?\s*1[45]\s*m(in(utes?)?)?\b/i, /\b13[45]\s*min/i];
  for (const skew of [-60_000, 0, 60_000]) {
    const t = new Date(resetAt.getTime() + skew);
    const iso = t.toISOString(); // the child runs without TZ, so its local time is UTC too
    patterns.push(
      new RegExp(iso.slice(0, 16).replace('T', '[T ]')),
      new RegExp(`\\b${iso.slice(11, 16)}\\b`),
    );
  }
  return patterns;
}

test('a usage limit reaches the user as an error with its reset time, not a silent retry', async () => {
  await ctx.login('john@example.com', 'plus');
  // The real backend keeps refusing until the window resets, so do not let a retry find a free turn.
  for (let i = 0; i < 5; i++) {
    ctx.emu.control.enqueueTurn({ fault: 'usage-limit-429', resetsInSeconds: RESET_IN_SECONDS });
  }
  const startedAt = Date.now();

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).not.toBe(0);
  const shown = `${result.stdout}\n${result.stderr}`;
  expect(shown).toMatch(/usage limit|limit reached|rate limit/i);
  const resetAt = new Date(startedAt + RESET_IN_SECONDS * 1000);
  const matched = resetTimePatterns(resetAt).some((p) => p.test(shown));
  expect(matched, `no reset time (≈ ${resetAt.toISOString()}, in 2h 15m) in:\n${shown}`).toBe(true);
  // The only upstream answers were the usage-limit ones: nothing else was rejected (e.g. a malformed retry).
  const statuses = responsesCalls(ctx.emu).map((c) => c.status);
  expect(statuses.length).toBeGreaterThan(0);
  expect(
    statuses.every((s) => s === 429),
    `statuses: ${statuses.join(',')}`,
  ).toBe(true);
});
