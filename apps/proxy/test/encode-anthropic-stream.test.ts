import { join } from 'node:path';
import { CcsError, type ChatStreamPart } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { AnthropicStreamEncoder, collectAnthropicMessage } from '../src/internal.js';

const encoder = () =>
  new AnthropicStreamEncoder({ messageId: 'msg_1', model: 'claude-opus-4-5', estimatedInputTokens: 1234 });
const encodeAll = (parts: ChatStreamPart[]) => {
  const e = encoder();
  let out = e.start();
  for (const part of parts) out += e.encode(part);
  return out + e.interrupted();
};

const scenarios: Record<string, ChatStreamPart[]> = {
  'thinking-text-tools': [
    { type: 'stream-start' },
    { type: 'reasoning-start', id: 'r' },
    { type: 'reasoning-delta', id: 'r', delta: 'Hmm "quoted"\n' },
    { type: 'reasoning-end', id: 'r', signature: 'gAAAAAsig' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Hi ✓' },
    { type: 'text-end', id: 't' },
    { type: 'tool-input-start', id: 'call_1', toolName: 'Read' },
    { type: 'tool-input-delta', id: 'call_1', delta: '{"path":"a"}' },
    { type: 'tool-input-end', id: 'call_1' },
    { type: 'tool-call', toolCallId: 'call_1', toolName: 'Read', input: '{"path":"a"}' },
    {
      type: 'finish',
      reason: 'tool-calls',
      usage: { inputTokens: 10, cachedInputTokens: 90, outputTokens: 5 },
    },
  ],
  'signature-only-thinking': [
    { type: 'stream-start' },
    { type: 'reasoning-start', id: 'r' },
    { type: 'reasoning-end', id: 'r', signature: 'gAAAAAonly' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'ok' },
    { type: 'text-end', id: 't' },
    { type: 'finish', reason: 'length', usage: { inputTokens: 1, outputTokens: 1 } },
  ],
  'mid-stream-error': [
    { type: 'stream-start' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'par' },
    { type: 'error', error: new CcsError('UPSTREAM_OVERLOADED', 'Overloaded.').toJSON() },
  ],
  'cut-stream': [
    { type: 'stream-start' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'par' },
  ],
};

describe('neutral parts → Anthropic SSE (state machine)', () => {
  it.each(Object.keys(scenarios))('%s matches its golden', async (name) => {
    await expect(encodeAll(scenarios[name]!)).toMatchFileSnapshot(
      join(import.meta.dirname, '__fixtures__', `${name}.anthropic.sse`),
    );
  });

  it('opens a block for a delta that arrives without a start instead of breaking', () => {
    const out = encodeAll([
      { type: 'text-delta', id: 'x', delta: 'a' },
      { type: 'finish', reason: 'stop', usage: { inputTokens: 0, outputTokens: 1 } },
    ]);
    expect(out.indexOf('content_block_start')).toBeLessThan(out.indexOf('text_delta'));
    expect(out).toContain('content_block_stop');
  });

  it('collects the same parts into one message for non-streaming calls', async () => {
    async function* parts() {
      yield* scenarios['thinking-text-tools']!;
    }
    const message = await collectAnthropicMessage(parts(), { messageId: 'msg_1', model: 'm' });
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Hmm "quoted"\n', signature: 'gAAAAAsig' },
      { type: 'text', text: 'Hi ✓' },
      { type: 'tool_use', id: 'call_1', name: 'Read', input: { path: 'a' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toEqual({
      input_tokens: 10,
      output_tokens: 5,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 90,
    });
  });
});
