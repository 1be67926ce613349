import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  createE2eContext,
  describe as dump,
  type E2eContext,
  responsesBodies,
  upstreamProblems,
} from './helpers/e2e-context.js';

let ctx: E2eContext;
beforeEach(async () => {
  ctx = await createE2eContext();
});
afterEach(async () => {
  await ctx?.close();
});

test('ccs codex -p prints the model reply that came through the proxy from the Codex backend', async () => {
  await ctx.login('john@example.com', 'plus');
  ctx.emu.control.enqueueTurn({ text: 'Hello through ccs, from the Codex emulator.', deltaCount: 4 });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('Hello through ccs, from the Codex emulator.');
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  const [first] = responsesBodies(ctx.emu);
  // The default model is the cross-plan-safe one, streamed, stateless.
  expect(first).toMatchObject({ model: 'gpt-5-codex', stream: true, store: false });
  // Claude Code's prompt really reached the model.
  expect(JSON.stringify(first?.input)).toContain('say hi');
});
