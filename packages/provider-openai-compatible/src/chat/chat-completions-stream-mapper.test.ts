import type { ChatStreamPart } from '@ccs/core';
import { createSseDecoder } from '@ccs/provider-kit';
import { assertStreamOrdering, startChatCompletionsUpstream } from '@ccs/testkit';
import { describe, expect, it } from 'vitest';
import { ChatCompletionsStreamMapper } from './chat-completions-stream-mapper.js';

const context = {
  providerId: 'acme',
  host: 'example.test',
  accountLabel: 'key-1',
  keySource: 'stored' as const,
  modelId: 'm',
};

/** Feeds an SSE body to the mapper in chunks of `size` bytes (0: all at once). */
function replay(body: Buffer, size: number): ChatStreamPart[] {
  const mapper = new ChatCompletionsStreamMapper(context);
  const decoder = createSseDecoder();
  const feed = (events: ReturnType<typeof decoder.push>) => {
    for (const event of events) {
      if (event.data === '[DONE]') mapper.done();
      else mapper.handle(JSON.parse(event.data));
    }
  };
  const step = size || body.length;
  for (let i = 0; i < body.length; i += step) feed(decoder.push(body.subarray(i, i + step)));
  feed(decoder.end());
  mapper.end();
  return mapper.take();
}

async function recorded(
  turn: Parameters<Awaited<ReturnType<typeof startChatCompletionsUpstream>>['enqueue']>[0],
) {
  const up = await startChatCompletionsUpstream({ apiKeys: [] });
  try {
    up.enqueue(turn);
    const response = await fetch(`${up.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'test-model',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    return Buffer.from(await response.arrayBuffer());
  } finally {
    await up.close();
  }
}

describe('ChatCompletionsStreamMapper', () => {
  it('gives the same parts whether the body arrives byte by byte or whole (reasoning, text, interleaved calls, usage)', async () => {
    const body = await recorded({
      reasoning: 'Thinking… ünïcødé',
      text: 'Two calls coming — 👍',
      interleaveToolCalls: true,
      toolCalls: [
        { name: 'Read', arguments: { path: '/a/b/c/d/e/f' }, id: 'c1' },
        { name: 'Glob', arguments: { pattern: '**/*.ts' }, id: 'c2' },
      ],
      usage: { promptTokens: 10, completionTokens: 5 },
    });
    const whole = replay(body, 0);
    assertStreamOrdering(whole);
    expect(replay(body, 1)).toEqual(whole);
    expect(replay(body, 7)).toEqual(whole);
    expect(whole.filter((p) => p.type === 'tool-call').map((p) => p.toolName)).toEqual(['Read', 'Glob']);
    expect(whole.at(-1)).toEqual({
      type: 'finish',
      reason: 'tool-calls',
      usage: { inputTokens: 10, outputTokens: 5 },
    });
  });

  it('a body that ends without finish_reason or [DONE] is an interruption', async () => {
    const full = await recorded({ text: 'cut short here' });
    const body = full.subarray(0, full.indexOf('"finish_reason":"stop"'));
    const parts = replay(body, 0);
    expect(parts.some((p) => p.type === 'text-delta')).toBe(true);
    assertStreamOrdering(parts);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'STREAM_INTERRUPTED' } });
  });

  it('"stop" after tool calls still finishes with tool-calls; no arguments become {}', () => {
    const mapper = new ChatCompletionsStreamMapper(context);
    mapper.handle({
      id: 'x',
      choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'c', function: { name: 'Now' } }] } }],
    });
    mapper.handle({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    mapper.done();
    const parts = mapper.take();
    assertStreamOrdering(parts);
    expect(parts.find((p) => p.type === 'tool-call')).toMatchObject({ input: '{}' });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls' });
  });
});
