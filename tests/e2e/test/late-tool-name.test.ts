import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
  describe as dump,
  type E2eContext,
  responsesBodies,
  upstreamProblems,
  useE2eContext,
} from './helpers/e2e-context.js';
import { inputItems } from './helpers/scenario.js';

let ctx: E2eContext;
useE2eContext((c) => {
  ctx = c;
});

// The backend (gpt-5.5 at high effort) can name a function call only in output_item.done; Claude Code must
// still get a Write tool_use, run it, and the next turn must replay the real name (an empty one is a 400).
test('a tool call named only at the end of its item still makes Claude Code write the file', async () => {
  await ctx.login('john@example.com', 'plus');
  const target = join(ctx.sandbox.projectDir, 'late.txt');
  ctx.emu.control.enqueueTurn({
    text: 'Writing it.',
    toolCalls: [
      {
        name: 'Write',
        arguments: { file_path: target, content: 'named late\n' },
        callId: 'call_late_write',
        lateName: true,
      },
    ],
    omitDoneOutputIndex: true,
  });
  ctx.emu.control.enqueueTurn({ text: 'Wrote late.txt.' });

  const result = await ctx.ccs(['codex', '-p', 'Create late.txt', '--dangerously-skip-permissions']);

  expect(result.code, dump(result)).toBe(0);
  expect(readFileSync(target, 'utf8')).toBe('named late\n');
  expect(result.stdout).toContain('Wrote late.txt.');
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  const bodies = responsesBodies(ctx.emu);
  expect(bodies).toHaveLength(2);
  const call = inputItems(bodies[1]!).find((i) => i.type === 'function_call');
  expect(call).toMatchObject({ name: 'Write', call_id: 'call_late_write' });
});
