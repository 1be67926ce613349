import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CcsError, type ChatStreamPart } from '@ccs/core';
import { assertStreamOrdering, fingerprint, startChatCompletionsUpstream } from '@ccs/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collect, createFixture, defaultAccount, type Fixture, request } from './helpers.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.up.reset());

async function run(over: Parameters<typeof request>[0] = {}) {
  const provider = fx.provider();
  const req = request(over);
  const result = await provider.chatModel(req.modelId, await defaultAccount(provider)).stream(req);
  const parts = await collect(result.stream);
  assertStreamOrdering(parts);
  return { parts, result };
}

const text = (parts: ChatStreamPart[], type: 'text-delta' | 'reasoning-delta') =>
  parts.flatMap((p) => (p.type === type ? [p.delta] : [])).join('');

async function failure(promise: Promise<unknown>): Promise<CcsError> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!CcsError.isInstance(outcome)) throw new Error(`expected a CcsError, got ${String(outcome)}`);
  return outcome;
}

describe('streaming a turn from an OpenAI-compatible endpoint', () => {
  it('streams reasoning_content, then text, with usage, and asks for the aliased upstream model', async () => {
    fx.up.enqueue({
      reasoning: 'Let me think.',
      text: 'Hello from upstream!',
      usage: { promptTokens: 50, cachedTokens: 20, completionTokens: 9, reasoningTokens: 4 },
    });
    const { parts } = await run({ effort: 'high' });
    expect(text(parts, 'reasoning-delta')).toBe('Let me think.');
    expect(text(parts, 'text-delta')).toBe('Hello from upstream!');
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 30, cachedInputTokens: 20, outputTokens: 9, reasoningTokens: 4 },
    });
    const [body] = fx.up.chatBodies();
    expect(body).toMatchObject({
      model: 'vendor/large-model',
      stream: true,
      stream_options: { include_usage: true },
      reasoning_effort: 'high',
      messages: [
        { role: 'system', content: 'You are a test.' },
        { role: 'user', content: [{ type: 'text', text: 'Say hello.' }] },
      ],
    });
    const [sent] = fx.up.requests({ path: '/chat/completions' });
    expect(sent!.headers.authorization).toBe(`Bearer ${fingerprint('sk-good')}`);
  });

  it('sends no max_tokens and no priority tier, and says so in typed warnings', async () => {
    fx.up.enqueue({ text: 'ok' });
    const { result } = await run({ maxOutputTokens: 32000, fast: true });
    const [body] = fx.up.chatBodies();
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('max_completion_tokens');
    expect(body).not.toHaveProperty('service_tier');
    expect(result.warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'maxOutputTokens',
        details: 'the endpoint applies its own output limit',
      },
      {
        type: 'unsupported-setting',
        setting: 'fast',
        details: 'OpenAI-compatible endpoints have no priority tier; sent at standard speed',
      },
    ]);
    fx.up.enqueue({ text: 'ok' });
    expect((await run()).result.warnings).toEqual([]);
  });

  it('reads reasoning from the `reasoning` field too (OpenRouter, Ollama), and sends no effort to a model without levels', async () => {
    fx.up.enqueue({ reasoning: 'Via reasoning.', reasoningField: 'reasoning', text: 'ok' });
    const { parts } = await run({ modelId: 'small-model', effort: 'high' });
    expect(text(parts, 'reasoning-delta')).toBe('Via reasoning.');
    expect(fx.up.chatBodies()[0]).not.toHaveProperty('reasoning_effort');
    expect(fx.up.chatBodies()[0]!.model).toBe('small-model');
  });

  it('serializes interleaved parallel tool calls into whole blocks and finishes with tool-calls', async () => {
    fx.up.enqueue({
      text: 'Reading both.',
      interleaveToolCalls: true,
      toolCalls: [
        { name: 'Read', arguments: { file_path: '/tmp/one/two/three.txt' }, id: 'call_1' },
        { name: 'Read', arguments: { file_path: '/tmp/four/five/six.txt' }, id: 'call_2' },
      ],
    });
    const { parts } = await run({
      tools: [
        { name: 'Read', inputSchema: { type: 'object', properties: { file_path: { type: 'string' } } } },
      ],
    });
    const calls = parts.filter((p) => p.type === 'tool-call');
    expect(calls.map((c) => [c.toolCallId, c.toolName, JSON.parse(c.input)])).toEqual([
      ['call_1', 'Read', { file_path: '/tmp/one/two/three.txt' }],
      ['call_2', 'Read', { file_path: '/tmp/four/five/six.txt' }],
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls' });
    expect(fx.up.chatBodies()[0]!.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'Read',
          parameters: { type: 'object', properties: { file_path: { type: 'string' } } },
        },
      },
    ]);
  });

  it('sends a tool round trip and images the way Chat Completions pairs them (the upstream accepts it)', async () => {
    fx.up.enqueue({ text: 'Done.' });
    await run({
      parallelToolCalls: false,
      tools: [{ name: 'Read', inputSchema: { type: 'object' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'hidden', signature: '' },
            { type: 'text', text: 'Reading.' },
            { type: 'tool-call', toolCallId: 'call_9', toolName: 'Read', input: { file_path: '/x' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_9',
              content: [
                { type: 'text', text: 'file body' },
                { type: 'image', mediaType: 'image/png', data: 'AAAA' },
              ],
            },
            { type: 'text', text: 'and now?' },
          ],
        },
      ],
    });
    expect(fx.up.rejections()).toEqual([]);
    const messages = fx.up.chatBodies()[0]!.messages as Array<Record<string, unknown>>;
    expect(messages.slice(1)).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
      {
        role: 'assistant',
        content: 'Reading.',
        tool_calls: [
          { id: 'call_9', type: 'function', function: { name: 'Read', arguments: '{"file_path":"/x"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_9', content: 'file body' },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          { type: 'text', text: 'and now?' },
        ],
      },
    ]);
    expect(fx.up.chatBodies()[0]!.parallel_tool_calls).toBe(false);
  });
});

describe('reasoning of earlier turns (DeepSeek thinking mode needs it back after tool calls)', () => {
  it('the reasoning block carries the field it came in, and goes back in that field; foreign reasoning does not', async () => {
    const strict = await startChatCompletionsUpstream({
      apiKeys: ['sk-good'],
      models: ['vendor/large-model', 'small-model'],
      requireReasoningReplay: true,
    });
    try {
      const provider = fx.provider({ 'base-url': strict.baseUrl });
      const account = await defaultAccount(provider);
      strict.enqueue({
        reasoning: 'Need the file.',
        toolCalls: [{ name: 'Read', arguments: { file_path: '/x' }, id: 'call_r' }],
      });
      const tools = [{ name: 'Read', inputSchema: { type: 'object' } }];
      const first = await collect(
        (await provider.chatModel('large', account).stream(request({ tools }))).stream,
      );
      const end = first.find((p) => p.type === 'reasoning-end');
      expect(end).toMatchObject({ signature: 'ccs-openai-compatible:reasoning_content' });
      const signature = (end as { signature: string }).signature;
      // Claude Code sends the thinking block back with its signature on the next turn.
      strict.enqueue({ text: 'Read it.' });
      const history = request({
        tools,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Say hello.' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'Need the file.', signature },
              { type: 'reasoning', text: 'From Codex.', signature: 'gAAAAB-codex-blob' },
              { type: 'tool-call', toolCallId: 'call_r', toolName: 'Read', input: { file_path: '/x' } },
            ],
          },
          {
            role: 'user',
            content: [{ type: 'tool-result', toolCallId: 'call_r', content: [{ type: 'text', text: 'hi' }] }],
          },
        ],
      });
      const second = await provider.chatModel('large', account).stream(history);
      await collect(second.stream);
      expect(strict.rejections()).toEqual([]);
      const assistant = (strict.chatBodies()[1]!.messages as Array<Record<string, unknown>>).find(
        (m) => m.role === 'assistant',
      );
      expect(assistant).toMatchObject({ reasoning_content: 'Need the file.' });
      expect(JSON.stringify(assistant)).not.toContain('From Codex.');
      expect(second.warnings).toContainEqual({
        type: 'other',
        message: 'reasoning from another provider is not sent to this endpoint',
      });
    } finally {
      await strict.close();
    }
  });
});

describe('endpoint failures become the right CcsErrors', () => {
  it('401: AUTH_FAILED naming the account and how to fix the key', async () => {
    const provider = fx.provider({ 'api-key-entries': [{ 'api-key': 'sk-revoked' }] });
    const error = await failure(
      provider.chatModel('large', await defaultAccount(provider)).stream(request()),
    );
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/refused the API key of "acme" account config-1/);
    // The key is from config.yaml: fix it there; the CLI and the proxy add "ccs acme --auth" from the details.
    expect(error.suggestion).toMatch(/openai-compatibility "acme" in config\.yaml/);
    expect(error.details).toMatchObject({ providerId: 'acme', authKind: 'api-key' });
    expect(JSON.stringify(error.toJSON())).not.toContain('sk-revoked');
  });

  it('429: RATE_LIMITED with the Retry-After seconds, and no retry', async () => {
    fx.up.enqueue({
      httpError: { status: 429, message: 'slow down', code: 'rate_limit_exceeded', retryAfterSeconds: 7 },
    });
    const error = await failure(run());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 7 });
    expect(fx.up.requests({ path: '/chat/completions' })).toHaveLength(1);
  });

  it('5xx before any output is retried (twice), then succeeds', async () => {
    fx.up.enqueue(
      { httpError: { status: 502 } },
      { httpError: { status: 500 } },
      { text: 'third time lucky' },
    );
    const { parts } = await run();
    expect(text(parts, 'text-delta')).toBe('third time lucky');
    expect(fx.up.requests({ path: '/chat/completions' })).toHaveLength(3);
  });

  it('5xx that persists rejects with UPSTREAM_ERROR after the retries', async () => {
    fx.up.enqueue(
      { httpError: { status: 500 } },
      { httpError: { status: 500 } },
      { httpError: { status: 500 } },
    );
    const error = await failure(run());
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', retryable: true });
    expect(fx.up.requests({ path: '/chat/completions' })).toHaveLength(3);
  });

  it('an error inside a 200 stream before any output rejects stream(); after output it is the last part', async () => {
    fx.up.enqueue({ streamError: { message: 'provider crashed' } });
    expect((await failure(run())).message).toMatch(/provider crashed/);
    fx.up.enqueue({ text: 'Partial answer', streamError: { message: 'provider crashed' } });
    const { parts } = await run();
    expect(text(parts, 'text-delta')).toBe('Partial answer');
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'UPSTREAM_ERROR' } });
  });

  it('a stream cut mid-answer ends with STREAM_INTERRUPTED, never a silent finish', async () => {
    fx.up.enqueue({ text: 'A long answer that is cut somewhere in the middle.', cutAfterChunks: 3 });
    const { parts } = await run();
    expect(parts.some((p) => p.type === 'finish')).toBe(false);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'STREAM_INTERRUPTED' } });
  });

  it('an unknown upstream model is MODEL_NOT_AVAILABLE pointing at --config', async () => {
    const provider = fx.provider({ models: [{ name: 'retired-model', alias: 'old' }] });
    const error = await failure(
      provider.chatModel('old', await defaultAccount(provider)).stream(request({ modelId: 'old' })),
    );
    expect(error.code).toBe('MODEL_NOT_AVAILABLE');
    expect(error.suggestion).toMatch(/models: in config\.yaml/);
    expect(error.details).toMatchObject({ providerId: 'acme', modelId: 'old' });
  });

  it('an endpoint that is down is a NETWORK_ERROR naming its host', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const provider = fx.provider({ 'base-url': `http://127.0.0.1:${port}/v1` });
    const error = await failure(
      provider.chatModel('large', await defaultAccount(provider)).stream(request()),
    );
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toBe(`Could not reach 127.0.0.1:${port} (connection refused).`);
  });
});
