import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ChatCompletionsUpstream, fingerprint, startChatCompletionsUpstream } from '../src/index.js';

// The official SDK's Chat Completions stream parser is the reference client: if it rebuilds the same
// text, tool calls and usage from the upstream's SSE, the stream is shaped like OpenAI's.
let up: ChatCompletionsUpstream;
let client: OpenAI;
beforeAll(async () => {
  up = await startChatCompletionsUpstream({ apiKeys: ['sk-test-1'], models: ['m-large', 'm-small'] });
  client = new OpenAI({ apiKey: 'sk-test-1', baseURL: up.baseUrl, maxRetries: 0 });
});
afterAll(() => up.close());
beforeEach(() => up.reset());

const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'Read',
      description: 'Read a file',
      parameters: { type: 'object', properties: { path: { type: 'string' } } },
    },
  },
];

describe('the scripted Chat Completions upstream, read by the official openai SDK', () => {
  it('streams text, reasoning_content, parallel tool calls and usage that the SDK rebuilds', async () => {
    up.enqueue({
      reasoning: 'Two files to read.',
      text: 'Reading both files now.',
      toolCalls: [
        { name: 'Read', arguments: { path: '/a' }, id: 'call_a' },
        { name: 'Read', arguments: { path: '/b' }, id: 'call_b' },
      ],
      usage: { promptTokens: 120, completionTokens: 30, cachedTokens: 100, reasoningTokens: 8 },
    });
    const stream = client.chat.completions.stream({
      model: 'm-large',
      messages: [{ role: 'user', content: 'read /a and /b' }],
      tools,
      stream_options: { include_usage: true },
    });
    let reasoning = '';
    stream.on('chunk', (chunk) => {
      const delta = chunk.choices[0]?.delta as { reasoning_content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? '';
    });
    const final = await stream.finalChatCompletion();
    const message = final.choices[0]!.message;
    expect(reasoning).toBe('Two files to read.');
    expect(message.content).toBe('Reading both files now.');
    expect(
      message.tool_calls?.map(
        (c) => c.type === 'function' && [c.id, c.function.name, JSON.parse(c.function.arguments)],
      ),
    ).toEqual([
      ['call_a', 'Read', { path: '/a' }],
      ['call_b', 'Read', { path: '/b' }],
    ]);
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(final.usage).toMatchObject({
      prompt_tokens: 120,
      completion_tokens: 30,
      prompt_tokens_details: { cached_tokens: 100 },
    });
  });

  it('interleaved argument deltas of parallel calls still rebuild into whole calls', async () => {
    up.enqueue({
      interleaveToolCalls: true,
      toolCalls: [
        { name: 'Read', arguments: { path: '/a/very/long/path/one.txt' } },
        { name: 'Read', arguments: { path: '/b/very/long/path/two.txt' } },
      ],
    });
    const final = await client.chat.completions
      .stream({ model: 'm-large', messages: [{ role: 'user', content: 'go' }], tools })
      .finalChatCompletion();
    const args = final.choices[0]!.message.tool_calls!.map(
      (c) => c.type === 'function' && JSON.parse(c.function.arguments),
    );
    expect(args).toEqual([{ path: '/a/very/long/path/one.txt' }, { path: '/b/very/long/path/two.txt' }]);
  });

  it('answers a request without stream as one chat.completion', async () => {
    up.enqueue({ text: 'plain answer', reasoning: 'hm' });
    const completion = await client.chat.completions.create({
      model: 'm-small',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]!.message.content).toBe('plain answer');
    expect((completion.choices[0]!.message as { reasoning_content?: string }).reasoning_content).toBe('hm');
    expect(completion.usage?.total_tokens).toBe(30);
  });

  it('lists its models, and records requests with the key masked', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['m-large', 'm-small']);
    const [request] = up.requests({ path: '/v1/models' });
    expect(request!.headers.authorization).toBe(`Bearer ${fingerprint('sk-test-1')}`);
    expect(JSON.stringify(up.requests())).not.toContain('sk-test-1');
  });

  it('scripted faults reach the SDK as its own error classes: 401, 429 with retry-after, 500', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: up.baseUrl, maxRetries: 0 });
    await expect(
      bad.chat.completions.create({ model: 'm-large', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    up.enqueue({
      httpError: {
        status: 429,
        message: 'Rate limit reached',
        code: 'rate_limit_exceeded',
        type: 'requests',
        retryAfterSeconds: 7,
      },
    });
    const limited = await client.chat.completions
      .create({ model: 'm-large', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('7');
    up.enqueue({ httpError: { status: 500 } });
    await expect(
      client.chat.completions.create({ model: 'm-large', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });

  it('a cut stream makes the SDK fail instead of returning a partial answer; an in-stream error is an APIError', async () => {
    up.enqueue({ text: 'This answer will be cut off midway.', cutAfterChunks: 2 });
    const cut = client.chat.completions.stream({
      model: 'm-large',
      messages: [{ role: 'user', content: 'x' }],
    });
    await expect(cut.finalChatCompletion()).rejects.toThrow();
    up.enqueue({
      text: 'partial',
      streamError: { message: 'upstream provider crashed', code: 'server_error' },
    });
    const failing = await client.chat.completions
      .create({ model: 'm-large', messages: [{ role: 'user', content: 'x' }], stream: true })
      .then(async (s) => {
        for await (const _ of s) {
          // drain
        }
      })
      .catch((e: unknown) => e);
    expect(failing).toBeInstanceOf(OpenAI.APIError);
    expect(String(failing)).toMatch(/upstream provider crashed/);
  });

  it('refuses malformed requests as OpenAI does: tool results without their call, unknown models', async () => {
    const orphan = await client.chat.completions
      .create({ model: 'm-large', messages: [{ role: 'tool', tool_call_id: 'call_x', content: 'out' }] })
      .catch((e: unknown) => e);
    expect(orphan).toBeInstanceOf(OpenAI.BadRequestError);
    expect(up.rejections()[0]).toMatch(/must be a response to a preceeding message with 'tool_calls'/);
    const unanswered = await client.chat.completions
      .create({
        model: 'm-large',
        messages: [
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'Read', arguments: '{}' } }],
          },
          { role: 'user', content: 'next' },
        ],
      })
      .catch((e: unknown) => e);
    expect(unanswered).toBeInstanceOf(OpenAI.BadRequestError);
    await expect(
      client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
