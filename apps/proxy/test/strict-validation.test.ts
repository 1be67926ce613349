import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TOOLS } from '../src/anthropic/anthropic-request-schema.js';
import { validateAnthropicRequest } from '../src/anthropic/validate-anthropic-request.js';
import { decodeAnthropicRequest, type RunningProxy, startProxy } from '../src/internal.js';
import { createFakeProvider } from './fake-provider.js';

const KEY = 'local-test-key-0123456789';
let proxy: RunningProxy;
let fake: ReturnType<typeof createFakeProvider>;

beforeAll(async () => {
  fake = createFakeProvider();
  proxy = await startProxy({
    providers: new Map([['codex', fake.provider]]),
    apiKey: KEY,
    models: { default: 'gpt-5.4', opus: 'gpt-5.4', sonnet: 'gpt-5.4', haiku: 'gpt-5.4' },
  });
});
afterAll(() => proxy.close());

async function post(body: unknown, path = '/v1/messages') {
  const res = await fetch(`${proxy.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { error?: { type: string; message: string } } };
}

const request = (messages: unknown, extra: Record<string, unknown> = {}) => ({
  model: 'claude-opus-4-8',
  max_tokens: 100,
  messages,
  ...extra,
});
const user = (content: unknown) => request([{ role: 'user', content }]);

// Each is a request Anthropic answers with 400 invalid_request_error; before, the proxy forwarded it
// (unknown blocks silently removed) and the model answered something the user never wrote.
const rejected: Array<[string, unknown, string]> = [
  ['missing messages', { model: 'claude-opus-4-8', max_tokens: 10 }, 'messages: expected array'],
  ['empty messages', request([]), 'messages: at least one message is required'],
  ['messages not a list', request('hi'), 'messages: expected array'],
  ['a number as content', user(42), 'messages.0.content: expected string or array'],
  ['an unknown role', request([{ role: 'bot', content: 'x' }]), 'messages.0.role: unknown role "bot"'],
  [
    'unknown user block',
    user([
      { type: 'text', text: 'a' },
      { type: 'holo', x: 1 },
    ]),
    'messages.0.content.1.type: unknown type "holo"',
  ],
  [
    'unknown assistant block',
    request([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: [{ type: 'secret_plan', text: 'b' }] },
    ]),
    'messages.1.content.0.type: unknown type "secret_plan"',
  ],
  ['block without a type', user([{ text: 'hello' }]), 'messages.0.content.0.type: type is missing'],
  [
    'unknown block in a tool result',
    user([{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'video', url: 'x' }] }]),
    'messages.0.content.0.content.0.type: unknown type "video"',
  ],
  ['unknown system block', { ...user('a'), system: [{ type: 'image', source: {} }] }, 'system.0.type'],
  [
    'a non-text block in a mid-conversation system message',
    request([
      { role: 'user', content: 'a' },
      { role: 'system', content: [{ type: 'image', source: { type: 'url', url: 'x' } }] },
    ]),
    'messages.1.content.0.type',
  ],
  [
    'text that is not a string',
    user([{ type: 'text', text: 5 }]),
    'messages.0.content.0.text: expected string',
  ],
  [
    'an image with an unknown source',
    user([{ type: 'image', source: { type: 'ftp' } }]),
    'messages.0.content.0.source.type: unknown type "ftp"',
  ],
  ['max_tokens as text', { ...user('a'), max_tokens: '100' }, 'max_tokens: expected number'],
  ['stream as text', { ...user('a'), stream: 'yes' }, 'stream: expected boolean'],
  ['empty model', { ...user('a'), model: '' }, 'model:'],
  [
    'duplicate tool names',
    {
      ...user('a'),
      tools: [
        { name: 'Read', input_schema: {} },
        { name: 'Read', input_schema: {} },
      ],
    },
    'tools.1.name: tool name "Read" is used twice',
  ],
  [
    'more tools than Anthropic serves',
    {
      ...user('a'),
      tools: Array.from({ length: MAX_TOOLS + 1 }, (_, i) => ({ name: `t${i}`, input_schema: {} })),
    },
    'tools: Too big',
  ],
  [
    'a tool name longer than 128',
    { ...user('a'), tools: [{ name: 'x'.repeat(129), input_schema: {} }] },
    'tools.0.name',
  ],
  ['tool_choice tool without a name', { ...user('a'), tool_choice: { type: 'tool' } }, 'tool_choice.name'],
  ['an unknown thinking type', { ...user('a'), thinking: { type: 'maybe' } }, 'thinking.type'],
  ['temperature above 1', { ...user('a'), temperature: 3 }, 'temperature'],
];

describe('the proxy rejects what Anthropic would reject, before any upstream request', () => {
  for (const [label, body, message] of rejected) {
    it(`400 for ${label}`, async () => {
      const before = fake.calls.length;
      const { status, json } = await post(body);
      expect(status).toBe(400);
      expect(json.error?.type).toBe('invalid_request_error');
      expect(json.error?.message).toContain(message);
      expect(fake.calls.length).toBe(before);
    });
  }

  it('count_tokens applies the same rules', async () => {
    const { status, json } = await post(user([{ type: 'holo' }]), '/v1/messages/count_tokens');
    expect(status).toBe(400);
    expect(json.error?.message).toContain('messages.0.content.0.type');
  });

  it('a body that is not JSON, or not an object, is a 400 too', async () => {
    expect((await post([1])).json.error?.message).toContain('body: expected object');
    const res = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: '{"model":',
    });
    expect(res.status).toBe(400);
  });

  it('unknown fields are tolerated and a valid request still goes upstream', async () => {
    const before = fake.calls.length;
    const { status } = await post({
      ...user([{ type: 'text', text: 'hi', brand_new_field: 1 }]),
      future_option: true,
    });
    expect(status).toBe(200);
    expect(fake.calls.length).toBe(before + 1);
  });
});

// Every content block type the Messages API documents is admitted by the schema; the decoder either
// translates it or refuses it by name (never drops it).
const documented: Array<[string, unknown, 'mapped' | 'refused']> = [
  ['text', { type: 'text', text: 'a', citations: null }, 'mapped'],
  [
    'image base64',
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } },
    'mapped',
  ],
  ['image url', { type: 'image', source: { type: 'url', url: 'https://x/y.png' } }, 'mapped'],
  ['image file', { type: 'image', source: { type: 'file', file_id: 'file_1' } }, 'refused'],
  [
    'document pdf',
    { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JV' } },
    'mapped',
  ],
  [
    'document text',
    { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain' } },
    'mapped',
  ],
  [
    'search_result',
    { type: 'search_result', source: 'https://x', title: 't', content: [{ type: 'text', text: 'r' }] },
    'mapped',
  ],
  ['document url', { type: 'document', source: { type: 'url', url: 'https://x/a.pdf' } }, 'mapped'],
  ['document file', { type: 'document', source: { type: 'file', file_id: 'file_1' } }, 'refused'],
  [
    'server_tool_use',
    { type: 'server_tool_use', id: 'srv_1', name: 'web_search', input: { query: 'q' } },
    'refused',
  ],
  [
    'web_search_tool_result',
    { type: 'web_search_tool_result', tool_use_id: 'srv_1', content: [] },
    'refused',
  ],
  ['web_fetch_tool_result', { type: 'web_fetch_tool_result', tool_use_id: 'srv_1', content: {} }, 'refused'],
  [
    'code_execution_tool_result',
    { type: 'code_execution_tool_result', tool_use_id: 'srv_1', content: {} },
    'refused',
  ],
  ['mcp_tool_use', { type: 'mcp_tool_use', id: 'm', name: 'n', server_name: 's', input: {} }, 'refused'],
  ['mcp_tool_result', { type: 'mcp_tool_result', tool_use_id: 'm', content: 'ok' }, 'refused'],
  ['container_upload', { type: 'container_upload', file_id: 'file_1' }, 'refused'],
];

describe('documented block types: admitted, then translated or refused by name', () => {
  for (const [label, block, outcome] of documented) {
    it(`${label}: ${outcome}`, () => {
      const valid = validateAnthropicRequest(user([block]));
      const decode = () => decodeAnthropicRequest(valid);
      if (outcome === 'mapped') expect(decode().messages[0]!.content).toHaveLength(1);
      else expect(decode).toThrow(/messages\.0\.content\.0.*cannot be translated/);
    });
  }

  it('assistant thinking, redacted thinking and tool_use; tool results with text, image and search results', () => {
    const valid = validateAnthropicRequest(
      request([
        { role: 'user', content: 'a' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 't', signature: 's' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [
                { type: 'text', text: 'ok' },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } },
              ],
            },
          ],
        },
      ]),
    );
    expect(decodeAnthropicRequest(valid).messages).toHaveLength(3);
    const withSearch = validateAnthropicRequest(
      user([
        {
          type: 'tool_result',
          tool_use_id: 't',
          content: [
            { type: 'search_result', source: 's', title: 't', content: [{ type: 'text', text: 'x' }] },
          ],
        },
      ]),
    );
    // A search_result in a tool result is translated to text (docs/proxy.md "Documents").
    expect(decodeAnthropicRequest(withSearch).messages[0]!.content).toEqual([
      { type: 'tool-result', toolCallId: 't', content: [{ type: 'text', text: 't (s)\nx' }] },
    ]);
  });
});

describe('every captured real Claude Code request passes', () => {
  const captures = [
    ...readdirSync(join(import.meta.dirname, '__fixtures__'))
      .filter((name) => name.startsWith('claude-code-') && name.endsWith('.json'))
      .map((name) => join(import.meta.dirname, '__fixtures__', name)),
    ...readdirSync(join(import.meta.dirname, '../../../tests/e2e/fixtures/claude-code-requests'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(import.meta.dirname, '../../../tests/e2e/fixtures/claude-code-requests', name)),
  ];
  it('found the captures', () => expect(captures.length).toBeGreaterThanOrEqual(7));
  for (const file of captures) {
    it(file.split('/').slice(-2).join('/'), async () => {
      const capture = JSON.parse(readFileSync(file, 'utf8')) as {
        requests: Array<{ url: string; method?: string; body?: unknown }>;
      };
      const bodies = capture.requests.filter((r) => r.url.startsWith('/v1/messages') && r.body);
      expect(bodies.length).toBeGreaterThan(0);
      for (const { url, body } of bodies) {
        const { status, json } = await post({ ...(body as object), stream: false }, url.split('?')[0]);
        expect(json.error?.message, url).toBeUndefined();
        expect(status).toBe(200);
      }
    });
  }
});
