import { describe, expect, it } from 'vitest';
import { codexSessionKey } from './codex-session-key.js';
import { createToolNameMap, shortenCallId } from './codex-tool-names.js';
import type { BoundChatRequest as ChatRequest } from './map-chat-request.js';
import { mapChatRequest } from './map-chat-request.js';

const SIG = `gAAAAA${'x'.repeat(80)}`;
const LONG_TOOL = `mcp__server_with_a_long_name__${'tool_'.repeat(10)}end`;
const LONG_ID = `toolu_${'9'.repeat(70)}`;

const request: ChatRequest = {
  modelId: 'gpt-5.4',
  system: ['You are Claude Code.', 'Be brief.'],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image', mediaType: 'image/png', data: 'AAAA' },
      ],
    },
    { role: 'system', content: 'Mid-conversation note' },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'claude thought', signature: 'EqQBClaudeSignature' },
        { type: 'reasoning', text: 'gpt thought', signature: SIG },
        { type: 'text', text: 'Reading.' },
        { type: 'tool-call', toolCallId: LONG_ID, toolName: LONG_TOOL, input: { q: 1 } },
        { type: 'tool-call', toolCallId: 'toolu_2', toolName: 'Read', input: { path: 'a' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool-result', toolCallId: LONG_ID, content: [{ type: 'text', text: 'ok' }] },
        {
          type: 'tool-result',
          toolCallId: 'toolu_2',
          isError: true,
          content: [
            { type: 'text', text: 'see' },
            { type: 'image', mediaType: 'image/jpeg', data: 'BBBB' },
          ],
        },
        { type: 'image-url', url: 'https://example.com/a.png' },
        { type: 'file', mediaType: 'application/pdf', data: 'JVBE' },
      ],
    },
  ],
  tools: [
    {
      name: 'Read',
      description: 'Reads',
      inputSchema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { path: { type: 'string' } },
      },
    },
    { name: LONG_TOOL, inputSchema: {} },
  ],
  toolChoice: { type: 'tool', toolName: LONG_TOOL },
  parallelToolCalls: false,
  effort: 'xhigh',
  maxOutputTokens: 32000,
  metadata: { requestId: 'r1', sessionId: 'sess-1' },
};

describe('neutral request → Codex Responses body', () => {
  const { body, toolNames } = mapChatRequest(request, { reasoningSummary: 'auto', promptCacheKey: 'key-1' });

  it('sends only fields the backend accepts, with the invariants it requires', () => {
    expect(Object.keys(body).sort()).toEqual(
      [
        'include',
        'input',
        'instructions',
        'model',
        'parallel_tool_calls',
        'prompt_cache_key',
        'reasoning',
        'store',
        'stream',
        'tool_choice',
        'tools',
      ].sort(),
    );
    expect(body).toMatchObject({
      model: 'gpt-5.4',
      instructions: '',
      store: false,
      stream: true,
      include: ['reasoning.encrypted_content'],
      reasoning: { effort: 'xhigh', summary: 'auto' },
      prompt_cache_key: 'key-1',
      parallel_tool_calls: false,
    });
  });

  it('maps every block kind in order', () => {
    const short = toolNames.toUpstream(LONG_TOOL);
    expect(short.length).toBeLessThanOrEqual(64);
    expect(toolNames.fromUpstream(short)).toBe(LONG_TOOL);
    expect(body.input).toEqual([
      {
        type: 'message',
        role: 'developer',
        content: [
          { type: 'input_text', text: 'You are Claude Code.' },
          { type: 'input_text', text: 'Be brief.' },
        ],
      },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'look' },
          { type: 'input_image', image_url: 'data:image/png;base64,AAAA' },
        ],
      },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: '<system-reminder>\nMid-conversation note\n</system-reminder>' },
        ],
      },
      // The Claude signature is dropped; only the GPT blob is replayed, without its text.
      { type: 'reasoning', summary: [], encrypted_content: SIG },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Reading.' }] },
      { type: 'function_call', call_id: shortenCallId(LONG_ID), name: short, arguments: '{"q":1}' },
      { type: 'function_call', call_id: 'toolu_2', name: 'Read', arguments: '{"path":"a"}' },
      { type: 'function_call_output', call_id: shortenCallId(LONG_ID), output: 'ok' },
      {
        type: 'function_call_output',
        call_id: 'toolu_2',
        output: [
          { type: 'input_text', text: 'see' },
          { type: 'input_image', image_url: 'data:image/jpeg;base64,BBBB' },
        ],
      },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_image', image_url: 'https://example.com/a.png' },
          { type: 'input_file', file_data: 'data:application/pdf;base64,JVBE', filename: 'document.pdf' },
        ],
      },
    ]);
    expect(shortenCallId(LONG_ID)).toHaveLength(64);
  });

  it('cleans tool schemas and maps tool_choice to the short name', () => {
    expect(body.tools).toEqual([
      {
        type: 'function',
        name: 'Read',
        description: 'Reads',
        parameters: { type: 'object', properties: { path: { type: 'string' } } },
        strict: false,
      },
      {
        type: 'function',
        name: toolNames.toUpstream(LONG_TOOL),
        parameters: { type: 'object', properties: {} },
        strict: false,
      },
    ]);
    expect(body.tool_choice).toEqual({ type: 'function', name: toolNames.toUpstream(LONG_TOOL) });
  });

  it('omits the summary when none is wanted and tools fields when there are no tools', () => {
    const mapped = mapChatRequest(
      { ...request, tools: [], toolChoice: undefined, reasoningSummary: 'none' },
      { reasoningSummary: 'auto', promptCacheKey: 'k' },
    ).body;
    expect(mapped.reasoning).toEqual({ effort: 'xhigh' });
    expect(mapped).not.toHaveProperty('tools');
    expect(mapped).not.toHaveProperty('tool_choice');
    expect(mapped).not.toHaveProperty('parallel_tool_calls');
  });

  it('says that max output tokens are not sent (the backend refuses max_output_tokens), and only when asked for', () => {
    const mapped = mapChatRequest(request, { reasoningSummary: 'auto', promptCacheKey: 'k' });
    expect(mapped.body).not.toHaveProperty('max_output_tokens');
    expect(mapped.warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'maxOutputTokens',
        details: 'the Codex backend sets its own output limit',
      },
    ]);
    const { maxOutputTokens: _unset, ...without } = request;
    expect(mapChatRequest(without, { reasoningSummary: 'auto', promptCacheKey: 'k' }).warnings).toEqual([]);
  });

  it('drops replayed reasoning on request', () => {
    const mapped = mapChatRequest(request, {
      reasoningSummary: 'auto',
      promptCacheKey: 'k',
      dropReasoning: true,
    });
    expect(mapped.body.input.some((item) => item.type === 'reasoning')).toBe(false);
  });
});

describe('tool names and session keys', () => {
  it('de-duplicates names that collide after shortening', () => {
    const a = `mcp__one__${'x'.repeat(70)}`;
    const b = `mcp__two__${'x'.repeat(70)}`;
    const map = createToolNameMap([a, b]);
    expect(map.toUpstream(a)).not.toBe(map.toUpstream(b));
    expect(map.fromUpstream(map.toUpstream(b))).toBe(b);
  });

  it('derives a stable UUID-shaped key per session and agent, never random', () => {
    const key = codexSessionKey(request);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(codexSessionKey({ ...request, metadata: { requestId: 'other', sessionId: 'sess-1' } })).toBe(key);
    expect(codexSessionKey({ ...request, metadata: { requestId: 'r', sessionId: 'sess-2' } })).not.toBe(key);
    expect(
      codexSessionKey({ ...request, metadata: { requestId: 'r', sessionId: 'sess-1', agentId: 'sub' } }),
    ).not.toBe(key);
    const noSession = { ...request, metadata: { requestId: 'a' } };
    expect(codexSessionKey(noSession)).toBe(codexSessionKey({ ...noSession, metadata: { requestId: 'b' } }));
  });
});
