import type { ChatRequest } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { mapChatRequest } from './map-chat-request.js';

const request = (extra: Partial<ChatRequest>): ChatRequest => ({
  modelId: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [],
  metadata: { requestId: 'r' },
  ...extra,
});
const options = { upstreamModel: 'm' };

describe('web search and documents on a Chat Completions endpoint', () => {
  it('refuses a web search it cannot run instead of answering without it', () => {
    expect(() => mapChatRequest(request({ webSearch: { name: 'web_search' } }), options)).toThrow(
      'This OpenAI-compatible endpoint cannot run web searches.',
    );
  });

  it('refuses a document by URL (Chat Completions file parts take inline data only)', () => {
    const body = request({
      messages: [{ role: 'user', content: [{ type: 'file-url', url: 'https://x/a.pdf' }] }],
    });
    expect(() => mapChatRequest(body, options)).toThrow('A document by URL (https://x/a.pdf) cannot be sent');
  });

  it('replays an earlier search as assistant text, and a PDF a tool returned as a file part', () => {
    const { body } = mapChatRequest(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [
              { type: 'web-search-call', id: 's1', query: 'ccs' },
              { type: 'web-search-result', callId: 's1', sources: [{ url: 'https://a', title: 'A' }] },
              { type: 'text', text: 'It is A.' },
              { type: 'tool-call', toolCallId: 'c1', toolName: 'Read', input: {} },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'c1',
                content: [{ type: 'file', mediaType: 'application/pdf', data: 'JV', filename: 'a.pdf' }],
              },
            ],
          },
        ],
      }),
      options,
    );
    expect(body.messages[1]).toMatchObject({
      role: 'assistant',
      content: '(searched the web for "ccs")\n- A: https://a\nIt is A.',
    });
    expect(body.messages[2]).toMatchObject({ role: 'tool', content: '(the result is attached below)' });
    expect(body.messages[3]).toEqual({
      role: 'user',
      content: [{ type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JV' } }],
    });
  });
});
