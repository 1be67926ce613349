import { expect, test } from 'vitest';
import {
  describe as dump,
  type E2eContext,
  responsesBodies,
  upstreamProblems,
  useE2eContext,
} from './helpers/e2e-context.js';

let ctx: E2eContext;
useE2eContext((c) => {
  ctx = c;
});

test('ccs codex -p prints the model reply that came through the proxy from the Codex backend', async () => {
  await ctx.login('john@example.com', 'plus');
  ctx.emu.control.enqueueTurn({ text: 'Hello through ccs, from the Codex emulator.', deltaCount: 4 });

  const result = await ctx.ccs(['codex', '-p', 'say hi']);

  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('Hello through ccs, from the Codex emulator.');
  // Claude Code was told the Codex model's real window, so it does not warn about an unknown model.
  expect(result.stderr).not.toMatch(/context window/i);
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  const [first] = responsesBodies(ctx.emu);
  // The default model is the live list's flagship (cached at sign-in), streamed, stateless.
  expect(first).toMatchObject({ model: 'gpt-5.6-sol', stream: true, store: false });
  // Claude Code's prompt really reached the model.
  expect(JSON.stringify(first?.input)).toContain('say hi');
});

test('several ccs codex sessions at once each get their own reply', async () => {
  await ctx.login('john@example.com', 'plus');
  // One default reply per session; each session has its own proxy port and API key.
  const runs = await Promise.all(
    ['one', 'two', 'three'].map((name) => ctx.ccs(['codex', '-p', `session ${name}: say hi`])),
  );
  for (const result of runs) {
    expect(result.code, dump(result)).toBe(0);
    expect(result.stdout.trim().length).toBeGreaterThan(0);
  }
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  const prompts = responsesBodies(ctx.emu).map((b) => JSON.stringify(b.input));
  for (const name of ['one', 'two', 'three']) {
    expect(prompts.filter((p) => p.includes(`session ${name}: say hi`))).toHaveLength(1);
  }
});
