import { join } from 'node:path';
import type { ChatStreamPart } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { AnthropicStreamEncoder, collectAnthropicMessage } from '../src/internal.js';

const search: ChatStreamPart[] = [
  { type: 'stream-start' },
  { type: 'web-search-call', id: 'ws_1', query: 'ccs "release"' },
  {
    type: 'web-search-result',
    callId: 'ws_1',
    sources: [{ url: 'https://a', title: 'A' }, { url: 'https://b' }],
  },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'ccs 1.2 shipped.' },
  {
    type: 'text-citation',
    id: 't',
    citation: { url: 'https://a', title: 'A', citedText: 'ccs 1.2 shipped' },
  },
  { type: 'text-end', id: 't' },
  { type: 'web-search-call', id: 'ws_2', query: 'more' },
  { type: 'web-search-result', callId: 'ws_2', sources: [], errorCode: 'unavailable' },
  { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: 4 } },
];

describe('web search parts → Anthropic', () => {
  it('streams server_tool_use (query as input JSON), web_search_tool_result and citations_delta', async () => {
    const encoder = new AnthropicStreamEncoder({
      messageId: 'msg_1',
      model: 'claude-haiku-4-5',
      estimatedInputTokens: 9,
    });
    let out = '';
    for (const part of search) out += encoder.encode(part);
    await expect(out).toMatchFileSnapshot(
      join(import.meta.dirname, '__fixtures__', 'web-search.anthropic.sse'),
    );
    expect(out).toContain('"stop_reason":"end_turn"');
    expect(out).toContain('"server_tool_use":{"web_search_requests":2}');
  });

  it('collects the same blocks for a non-streaming answer', async () => {
    async function* parts() {
      yield* search;
    }
    const message = await collectAnthropicMessage(parts(), { messageId: 'msg_1', model: 'm' });
    expect(message.content).toEqual([
      { type: 'server_tool_use', id: 'srvtoolu_ws_1', name: 'web_search', input: { query: 'ccs "release"' } },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_ws_1',
        content: [
          { type: 'web_search_result', url: 'https://a', title: 'A', encrypted_content: '', page_age: null },
          {
            type: 'web_search_result',
            url: 'https://b',
            title: 'https://b',
            encrypted_content: '',
            page_age: null,
          },
        ],
      },
      {
        type: 'text',
        text: 'ccs 1.2 shipped.',
        citations: [
          {
            type: 'web_search_result_location',
            url: 'https://a',
            title: 'A',
            cited_text: 'ccs 1.2 shipped',
            encrypted_index: '',
          },
        ],
      },
      { type: 'server_tool_use', id: 'srvtoolu_ws_2', name: 'web_search', input: { query: 'more' } },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_ws_2',
        content: { type: 'web_search_tool_result_error', error_code: 'unavailable' },
      },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 2 });
  });
});
