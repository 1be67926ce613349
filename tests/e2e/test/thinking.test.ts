import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
  describe as dump,
  type E2eContext,
  responsesBodies,
  upstreamProblems,
  useE2eContext,
} from './helpers/e2e-context.js';
import { fakeEncryptedReasoning, inputItems } from './helpers/scenario.js';

let ctx: E2eContext;
useE2eContext((c) => {
  ctx = c;
});

interface StreamJsonLine {
  type?: string;
  message?: { content?: Array<{ type?: string; thinking?: string; text?: string }> };
}

test('a reasoning summary reaches Claude Code as thinking, and the reasoning item goes back on the next turn', async () => {
  await ctx.login('john@example.com', 'plus');
  const blob = fakeEncryptedReasoning();
  const target = join(ctx.sandbox.projectDir, 'notes.md');
  ctx.emu.control.enqueueTurn({
    reasoning: {
      summary: ['Planning: the user wants notes, so I will write notes.md.'],
      encryptedContent: blob,
    },
    toolCalls: [{ name: 'Write', arguments: { file_path: target, content: '# Notes\n' } }],
  });
  ctx.emu.control.enqueueTurn({ reasoning: { summary: ['The file exists now.'] }, text: 'Notes written.' });

  const result = await ctx.ccs([
    'codex',
    '-p',
    'Write notes.md',
    '--dangerously-skip-permissions',
    '--output-format',
    'stream-json',
    // --verbose is also a ccs flag (its request trace); after `--` it goes to Claude Code, which needs it for
    // stream-json in print mode.
    '--',
    '--verbose',
  ]);

  expect(result.code, dump(result)).toBe(0);
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  // Claude Code saw the summary as a thinking block (stream-json shows each assistant content block).
  const lines = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as StreamJsonLine);
  const thinking = lines.flatMap((l) => l.message?.content ?? []).filter((b) => b.type === 'thinking');
  expect(thinking.map((b) => b.thinking).join('\n')).toContain(
    'Planning: the user wants notes, so I will write notes.md.',
  );
  expect(result.stdout).toContain('Notes written.');

  // The signature round trip: turn 2 carries the encrypted reasoning item back to the backend, as it came.
  const bodies = responsesBodies(ctx.emu);
  expect(bodies).toHaveLength(2);
  const reasoningItems = inputItems(bodies[1]!).filter((i) => i.type === 'reasoning');
  expect(reasoningItems.map((i) => i.encrypted_content)).toContain(blob);
  // …and before the function call it belongs to.
  const items = inputItems(bodies[1]!);
  const reasoningAt = items.findIndex((i) => i.type === 'reasoning' && i.encrypted_content === blob);
  const callAt = items.findIndex((i) => i.type === 'function_call');
  expect(reasoningAt).toBeGreaterThanOrEqual(0);
  expect(reasoningAt).toBeLessThan(callAt);
});
