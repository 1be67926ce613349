import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  anthropicRequestSchema,
  decodeAnthropicRequest,
  estimateInputTokens,
  sessionIdFromUserId,
} from '../src/internal.js';

interface Capture {
  requests: Array<{ url: string; headers: Record<string, string>; body: unknown }>;
}
const load = (name: string): Capture =>
  JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', `claude-code-${name}.json`), 'utf8'));

function decode(capture: Capture, index: number) {
  const { headers, body } = capture.requests[index]!;
  const parsed = anthropicRequestSchema.parse(body);
  return decodeAnthropicRequest(parsed, { sessionId: headers['x-claude-code-session-id'] });
}

describe('real Claude Code 2.1.332 requests decode into the neutral request', () => {
  it('keeps the system prompt minus the billing block, and mid-conversation system messages', () => {
    const decoded = decode(load('text'), 0);
    expect(decoded.stream).toBe(true);
    expect(decoded.system.length).toBeGreaterThan(0);
    expect(decoded.system.some((text) => text.startsWith('x-anthropic-billing-header:'))).toBe(false);
    expect(decoded.messages.map((m) => m.role)).toEqual(['user', 'system']);
    expect(decoded.messages[1]).toMatchObject({
      role: 'system',
      content: expect.stringContaining('# Environment'),
    });
    expect(decoded.tools.length).toBe(12);
    // cache_control and other Anthropic-only tool fields do not survive.
    for (const tool of decoded.tools)
      expect(Object.keys(tool).sort()).toEqual(expect.arrayContaining(['inputSchema', 'name']));
    // output_config.effort "high" is Claude Code's default (no wish); thinking display "omitted": no summaries.
    expect(decoded.effort).toBeUndefined();
    expect(decoded.reasoningSummary).toBe('none');
    expect(decoded.sessionId).toBe('2afc0e37-b773-46d2-961b-62f229eab147');
  });

  it('round-trips the thinking signature and the tool call of a second turn', () => {
    const decoded = decode(load('thinking-round-trip'), 1);
    const assistant = decoded.messages[2];
    expect(assistant).toMatchObject({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Planning the file write.', signature: expect.stringMatching(/^gAAAA/) },
        { type: 'text', text: 'Writing the file.' },
        { type: 'tool-call', toolCallId: 'toolu_capture_0001', toolName: 'Write', input: expect.any(Object) },
      ],
    });
    expect(decoded.messages[3]).toMatchObject({
      role: 'user',
      content: [{ type: 'tool-result', toolCallId: 'toolu_capture_0001', content: [{ type: 'text' }] }],
    });
  });

  it('decodes the tool round trip and estimates tokens quickly', () => {
    const capture = load('tool-round-trip');
    const decoded = decode(capture, 1);
    expect(decoded.messages.at(-1)).toMatchObject({ role: 'user', content: [{ type: 'tool-result' }] });
    const started = performance.now();
    const tokens = estimateInputTokens(decoded);
    expect(performance.now() - started).toBeLessThan(20);
    const bodyChars = JSON.stringify(capture.requests[1]!.body).length;
    expect(tokens).toBeGreaterThan(bodyChars / 12);
    expect(tokens).toBeLessThan(bodyChars / 2);
  });
});

describe('decoding details', () => {
  const base = { model: 'claude-opus-4-5', max_tokens: 100 };
  it('handles images, documents, tool results with images and errors, redacted thinking, tool_choice', () => {
    const decoded = decodeAnthropicRequest(
      anthropicRequestSchema.parse({
        ...base,
        system: 'Be brief.',
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        tools: [
          { name: 'Read', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
          { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
        ],
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
              { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
              { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'redacted_thinking', data: 'opaque' },
              { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { path: 'a' } },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 'toolu_1',
                is_error: true,
                content: [
                  { type: 'text', text: 'no such file' },
                  { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'BBBB' } },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(decoded.system).toEqual(['Be brief.']);
    expect(decoded.tools).toEqual([{ name: 'Read', inputSchema: { type: 'object' } }]);
    expect(decoded.webSearch).toEqual({ name: 'web_search', maxUses: 5 });
    expect(decoded.toolChoice).toEqual({ type: 'required' });
    expect(decoded.parallelToolCalls).toBe(false);
    // thinking enabled with a 2048-token budget is a "medium" effort wish.
    expect(decoded.effort).toBe('medium');
    expect(decoded.messages[0]!.content).toEqual([
      { type: 'image', mediaType: 'image/png', data: 'AAAA' },
      { type: 'image-url', url: 'https://x/y.png' },
      { type: 'file', mediaType: 'application/pdf', data: 'JVBE' },
    ]);
    expect(decoded.messages[1]!.content).toEqual([
      { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'Read', input: { path: 'a' } },
    ]);
    expect(decoded.messages[2]!.content).toEqual([
      {
        type: 'tool-result',
        toolCallId: 'toolu_1',
        isError: true,
        content: [
          { type: 'text', text: 'no such file' },
          { type: 'image', mediaType: 'image/jpeg', data: 'BBBB' },
        ],
      },
    ]);
  });

  it('finds the session id in either metadata.user_id form', () => {
    expect(sessionIdFromUserId(JSON.stringify({ device_id: 'd', session_id: 'abc-123' }))).toBe('abc-123');
    expect(sessionIdFromUserId('user_hash_account__session_0b1c2d3e-aaaa-bbbb-cccc-000000000000')).toBe(
      '0b1c2d3e-aaaa-bbbb-cccc-000000000000',
    );
    expect(sessionIdFromUserId('plain')).toBeUndefined();
  });
});
