import { describe, expect, it } from 'vitest';
import type { BoundChatRequest as ChatRequest } from './map-chat-request.js';
import { mapChatRequest } from './map-chat-request.js';

const options = { reasoningSummary: 'auto' as const, promptCacheKey: 'k' };
const base = (extra: Partial<ChatRequest>): ChatRequest => ({
  modelId: 'gpt-5.5',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Search the web for ccs' }] }],
  tools: [],
  metadata: { requestId: 'r1' },
  ...extra,
});

describe('web search → the Responses hosted web_search tool', () => {
  it("maps Claude Code's side query: the tool, its domains and location, sources included, search forced", () => {
    const mapped = mapChatRequest(
      base({
        webSearch: {
          name: 'web_search',
          maxUses: 8,
          allowedDomains: ['https://docs.example.com', 'example.org'],
          userLocation: { city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
        },
        toolChoice: { type: 'tool', toolName: 'web_search' },
      }),
      options,
    );
    expect(mapped.body.tools).toEqual([
      {
        type: 'web_search',
        filters: { allowed_domains: ['docs.example.com', 'example.org'] },
        user_location: { type: 'approximate', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
      },
    ]);
    expect(mapped.body.include).toEqual(['reasoning.encrypted_content', 'web_search_call.action.sources']);
    expect(mapped.body.tool_choice).toBe('required');
    // max_uses cannot be sent upstream: said in the trace, not silently lost.
    expect(mapped.warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'webSearch.maxUses',
        details: expect.stringContaining('max_uses=8 is not enforced'),
      },
    ]);
  });

  it('keeps function tools next to the search tool', () => {
    const mapped = mapChatRequest(
      base({
        tools: [{ name: 'Read', inputSchema: { type: 'object', properties: {} } }],
        webSearch: { name: 'web_search' },
      }),
      options,
    );
    expect(mapped.body.tools?.map((t) => t.type)).toEqual(['function', 'web_search']);
    expect(mapped.body.tool_choice).toBe('auto');
    expect(mapped.warnings).toEqual([]);
  });

  it('refuses blocked_domains with one clear sentence instead of searching them anyway', () => {
    expect(() =>
      mapChatRequest(base({ webSearch: { name: 'web_search', blockedDomains: ['spam.example'] } }), options),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_REQUEST',
        message:
          'The Codex web search cannot block domains (spam.example): it only filters by allowed domains.',
      }),
    );
  });

  it('sends an earlier search, its results and the cited answer back upstream', () => {
    const mapped = mapChatRequest(
      base({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'What is new in ccs?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'web-search-call', id: 'srvtoolu_ws_1', query: 'ccs release' },
              {
                type: 'web-search-result',
                callId: 'srvtoolu_ws_1',
                sources: [
                  { url: 'https://example.com/r', title: 'Releases' },
                  { url: 'https://example.org/n' },
                ],
              },
              {
                type: 'text',
                text: 'ccs 1.2 shipped.',
                citations: [
                  { url: 'https://example.com/r', title: 'Releases', citedText: 'ccs 1.2 shipped' },
                ],
              },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
        ],
      }),
      options,
    );
    expect(mapped.body.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is new in ccs?' }] },
      { type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'ccs release' } },
      {
        type: 'message',
        role: 'assistant',
        content: [
          {
            type: 'output_text',
            text: 'Web search results for "ccs release":\n- Releases: https://example.com/r\n- https://example.org/n',
          },
          { type: 'output_text', text: 'ccs 1.2 shipped.\n\nSources: https://example.com/r' },
        ],
      },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'thanks' }] },
    ]);
  });
});

describe('documents → Responses file input', () => {
  it('sends PDFs inline or by URL, in messages and in tool results', () => {
    const mapped = mapChatRequest(
      base({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'file', mediaType: 'application/pdf', data: 'JVBERi0x' },
              { type: 'file-url', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'Read', input: { path: 'a.pdf' } },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'toolu_1',
                content: [
                  { type: 'text', text: 'PDF attached' },
                  { type: 'file', mediaType: 'application/pdf', data: 'JVBERi0y', filename: 'a.pdf' },
                ],
              },
            ],
          },
        ],
        tools: [{ name: 'Read', inputSchema: { type: 'object', properties: {} } }],
      }),
      options,
    );
    expect(mapped.body.input[0]).toEqual({
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0x', filename: 'document.pdf' },
        { type: 'input_file', file_url: 'https://example.com/a.pdf', filename: 'document.pdf' },
      ],
    });
    expect(mapped.body.input[2]).toEqual({
      type: 'function_call_output',
      call_id: 'toolu_1',
      output: [
        { type: 'input_text', text: 'PDF attached' },
        { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0y', filename: 'a.pdf' },
      ],
    });
  });
});
