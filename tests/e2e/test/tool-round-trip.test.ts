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

test('Claude Code really writes a file because the Codex model called its Write tool', async () => {
  await ctx.login('john@example.com', 'plus');
  const target = join(ctx.sandbox.projectDir, 'hello.txt');
  ctx.emu.control.enqueueTurn({
    text: 'I will create the file.',
    toolCalls: [
      {
        name: 'Write',
        arguments: { file_path: target, content: 'written by the Write tool\n' },
        callId: 'call_write_1',
      },
    ],
  });
  ctx.emu.control.enqueueTurn({ text: 'Created hello.txt for you.' });

  const result = await ctx.ccs(['codex', '-p', 'Create hello.txt', '--dangerously-skip-permissions']);

  expect(result.code, dump(result)).toBe(0);
  expect(readFileSync(target, 'utf8')).toBe('written by the Write tool\n');
  expect(result.stdout).toContain('Created hello.txt for you.');
  expect(upstreamProblems(ctx.emu)).toBeUndefined();

  const bodies = responsesBodies(ctx.emu);
  expect(bodies).toHaveLength(2);
  // Turn 1 offered Claude Code's tools to the model as function tools.
  const tools = (bodies[0]?.tools ?? []) as Array<{ type?: string; name?: string }>;
  expect(tools).toContainEqual(expect.objectContaining({ type: 'function', name: 'Write' }));
  // Turn 2 carried the call and Claude Code's tool result back, paired by call id.
  const items = inputItems(bodies[1]!);
  const call = items.find((i) => i.type === 'function_call');
  const output = items.find((i) => i.type === 'function_call_output');
  expect(call).toMatchObject({ name: 'Write' });
  expect(output).toBeDefined();
  expect(output?.call_id).toBe(call?.call_id);
  expect(JSON.stringify(output?.output)).toMatch(/hello\.txt/);
});
