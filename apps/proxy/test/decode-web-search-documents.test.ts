import { describe, expect, it } from 'vitest';
import { anthropicRequestSchema } from '../src/anthropic/anthropic-request-schema.js';
import { decodeAnthropicRequest } from '../src/anthropic/decode-anthropic-request.js';

const decode = (body: Record<string, unknown>) =>
  decodeAnthropicRequest(
    anthropicRequestSchema.parse({ model: 'claude-opus-4-8', max_tokens: 100, ...body }),
  );

describe('web search: the server tool and its history', () => {
  it('decodes every limit of web_search_20260209 (none is dropped on the way)', () => {
    const decoded = decode({
      tools: [
        {
          type: 'web_search_20260209',
          name: 'web_search',
          max_uses: 3,
          allowed_domains: ['a.com'],
          blocked_domains: ['b.com'],
          user_location: {
            type: 'approximate',
            city: 'Lyon',
            region: 'ARA',
            country: 'FR',
            timezone: 'Europe/Paris',
          },
        },
      ],
      messages: [{ role: 'user', content: 'q' }],
    });
    expect(decoded.tools).toEqual([]);
    expect(decoded.webSearch).toEqual({
      name: 'web_search',
      maxUses: 3,
      allowedDomains: ['a.com'],
      blockedDomains: ['b.com'],
      userLocation: { city: 'Lyon', region: 'ARA', country: 'FR', timezone: 'Europe/Paris' },
    });
  });

  it('a malformed web search tool is a 400 with its path', () => {
    expect(() =>
      decode({
        tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 'many' }],
        messages: [{ role: 'user', content: 'q' }],
      }),
    ).toThrow(/^tools\.0\.max_uses: .*\(web_search tool\)\.$/);
  });

  it('keeps a search, its results (or its error) and the citations of the answer', () => {
    const decoded = decode({
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'ccs' } },
            {
              type: 'web_search_tool_result',
              tool_use_id: 'srvtoolu_1',
              content: [
                {
                  type: 'web_search_result',
                  url: 'https://a',
                  title: 'A',
                  encrypted_content: 'x',
                  page_age: '2 days',
                },
              ],
            },
            { type: 'server_tool_use', id: 'srvtoolu_2', name: 'web_search', input: { query: 'more' } },
            {
              type: 'web_search_tool_result',
              tool_use_id: 'srvtoolu_2',
              content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
            },
            {
              type: 'text',
              text: 'It is A.',
              citations: [
                {
                  type: 'web_search_result_location',
                  url: 'https://a',
                  title: 'A',
                  cited_text: 'A',
                  encrypted_index: 'e',
                },
                {
                  type: 'char_location',
                  document_index: 0,
                  cited_text: 'x',
                  start_char_index: 0,
                  end_char_index: 1,
                },
              ],
            },
          ],
        },
      ],
    });
    expect(decoded.messages[1]!.content).toEqual([
      { type: 'web-search-call', id: 'srvtoolu_1', query: 'ccs' },
      {
        type: 'web-search-result',
        callId: 'srvtoolu_1',
        sources: [{ url: 'https://a', title: 'A', pageAge: '2 days' }],
      },
      { type: 'web-search-call', id: 'srvtoolu_2', query: 'more' },
      { type: 'web-search-result', callId: 'srvtoolu_2', sources: [], errorCode: 'max_uses_exceeded' },
      { type: 'text', text: 'It is A.', citations: [{ url: 'https://a', title: 'A', citedText: 'A' }] },
    ]);
  });

  it('refuses another Anthropic server tool in the history by name', () => {
    expect(() =>
      decode({
        messages: [
          { role: 'user', content: 'q' },
          {
            role: 'assistant',
            content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'code_execution', input: {} }],
          },
        ],
      }),
    ).toThrow(
      'messages.1.content.0: the server tool "code_execution" ran on Anthropic and cannot be translated for this model; remove it from the conversation.',
    );
  });
});

describe('documents', () => {
  it('title and context come first; custom content keeps its text and images', () => {
    const decoded = decode({
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              title: 'Notes',
              context: 'From the wiki',
              source: {
                type: 'content',
                content: [
                  { type: 'text', text: 'one' },
                  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } },
                ],
              },
            },
          ],
        },
      ],
    });
    expect(decoded.messages[0]!.content).toEqual([
      { type: 'text', text: 'Document: Notes\nFrom the wiki' },
      { type: 'text', text: 'one' },
      { type: 'image', mediaType: 'image/png', data: 'AA' },
    ]);
  });

  it('a Files API document inside a tool result is refused with its path', () => {
    expect(() =>
      decode({
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }] },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 'toolu_1',
                content: [{ type: 'document', source: { type: 'file', file_id: 'file_1' } }],
              },
            ],
          },
        ],
      }),
    ).toThrow(
      'messages.2.content.0.content.0.source: a document from the Anthropic Files API (file_id) cannot be translated for this model.',
    );
  });
});
