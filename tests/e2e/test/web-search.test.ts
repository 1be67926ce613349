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

// Claude Code's WebSearch tool runs a side request through ANTHROPIC_BASE_URL (so through ccs) offering the
// web_search_20250305 server tool; ccs turns it into the Codex hosted web_search and the answer back into
// server_tool_use / web_search_tool_result / cited text, which Claude Code hands to the main model.
test('WebSearch in real Claude Code: the search runs upstream and its links and cited text reach the model', async () => {
  await ctx.login('john@example.com', 'plus');
  // 1. The main model decides to search.
  ctx.emu.control.enqueueTurn({
    toolCalls: [{ name: 'WebSearch', arguments: { query: 'ccs proxy release' }, callId: 'call_search' }],
  });
  // 2. Claude Code's side request: the hosted search and a cited answer.
  ctx.emu.control.enqueueTurn({
    webSearch: {
      query: 'ccs proxy release',
      sources: [
        { url: 'https://example.com/ccs/releases', title: 'ccs releases', cites: 'ccs 1.2 shipped' },
        { url: 'https://example.org/news/ccs', title: 'ccs in the news', cites: 'web search support' },
      ],
    },
    text: 'ccs 1.2 shipped last week, with web search support.',
  });
  // 3. The main model answers from the tool result.
  ctx.emu.control.enqueueTurn({ text: 'ccs 1.2 is out (see example.com).' });

  const result = await ctx.ccs([
    'codex',
    '-p',
    'Search the web: what is new in ccs?',
    '--dangerously-skip-permissions',
  ]);

  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('ccs 1.2 is out (see example.com).');
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
  const bodies = responsesBodies(ctx.emu);
  expect(bodies).toHaveLength(3);

  // The side request offered the hosted search and nothing else. Claude Code forces the tool only for Claude
  // model names; with a Codex model name it sends tool_choice "auto" (2.1.332), which stays "auto" upstream.
  const side = bodies[1]!;
  expect(side.tools).toEqual([expect.objectContaining({ type: 'web_search' })]);
  expect(['auto', 'required']).toContain(side.tool_choice);
  expect(side.include).toContain('web_search_call.action.sources');

  // Claude Code turned the search, its links and the cited text into the WebSearch tool result.
  const output = inputItems(bodies[2]!).find((i) => i.type === 'function_call_output');
  expect(output?.call_id).toBe('call_search');
  const text = JSON.stringify(output?.output);
  expect(text).toContain('ccs proxy release');
  expect(text).toContain('https://example.com/ccs/releases');
  expect(text).toContain('https://example.org/news/ccs');
  expect(text).toContain('ccs 1.2 shipped last week, with web search support.');
});
