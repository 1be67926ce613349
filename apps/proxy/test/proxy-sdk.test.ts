import Anthropic from '@anthropic-ai/sdk';
import { CcsError, type ChatStreamPart } from '@ccs/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../src/index.js';
import { createFakeProvider, textParts } from './fake-provider.js';

const KEY = 'local-test-key-0123456789';
let proxy: RunningProxy | undefined;
let traces: string[] = [];

async function setup(accounts?: string[], extra: Record<string, unknown> = {}) {
  const fake = createFakeProvider(accounts);
  traces = [];
  proxy = await startProxy({
    providers: new Map([['codex', fake.provider]]),
    apiKey: KEY,
    models: { default: 'gpt-5.4', opus: 'gpt-5.4', sonnet: 'gpt-5-codex-high', haiku: 'gpt-5-codex-mini' },
    trace: (line) => traces.push(line),
    ...extra,
  });
  const client = new Anthropic({ apiKey: KEY, baseURL: proxy.url, maxRetries: 0 });
  return { ...fake, client };
}

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const ask = {
  model: 'claude-opus-4-8',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

const richParts: ChatStreamPart[] = [
  { type: 'stream-start', id: 'resp_9', modelId: 'gpt-5.4' },
  { type: 'reasoning-start', id: 'r1' },
  { type: 'reasoning-delta', id: 'r1', delta: 'Let me ' },
  { type: 'reasoning-delta', id: 'r1', delta: 'think.' },
  { type: 'reasoning-end', id: 'r1', signature: 'gAAAAAsignature' },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Reading two files.' },
  { type: 'text-end', id: 't1' },
  { type: 'tool-input-start', id: 'call_a', toolName: 'Read' },
  { type: 'tool-input-delta', id: 'call_a', delta: '{"path":' },
  { type: 'tool-input-delta', id: 'call_a', delta: '"a.txt"}' },
  { type: 'tool-input-end', id: 'call_a' },
  { type: 'tool-call', toolCallId: 'call_a', toolName: 'Read', input: '{"path":"a.txt"}' },
  { type: 'tool-input-start', id: 'call_b', toolName: 'Bash' },
  { type: 'tool-input-delta', id: 'call_b', delta: '{"command":"ls"}' },
  { type: 'tool-input-end', id: 'call_b' },
  { type: 'tool-call', toolCallId: 'call_b', toolName: 'Bash', input: '{"command":"ls"}' },
  {
    type: 'finish',
    reason: 'tool-calls',
    usage: { inputTokens: 100, cachedInputTokens: 900, outputTokens: 42 },
  },
];
const richContent = [
  { type: 'thinking', thinking: 'Let me think.', signature: 'gAAAAAsignature' },
  { type: 'text', text: 'Reading two files.' },
  { type: 'tool_use', id: 'call_a', name: 'Read', input: { path: 'a.txt' } },
  { type: 'tool_use', id: 'call_b', name: 'Bash', input: { command: 'ls' } },
];

describe('the official Anthropic SDK through the proxy', () => {
  it('streams thinking, text and tool calls exactly as scripted', async () => {
    const { client, scripts } = await setup();
    scripts.push({ parts: richParts });
    const stream = client.messages.stream(ask);
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toEqual(richContent.map((block) => expect.objectContaining(block)));
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({
      output_tokens: 42,
      cache_read_input_tokens: 900,
      input_tokens: 100,
    });
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(types.filter((t) => t === 'content_block_start')).toHaveLength(4);
  });

  it('answers non-streaming calls with one message', async () => {
    const { client, scripts } = await setup();
    scripts.push({ parts: richParts });
    const message = await client.messages.create(ask);
    expect(message.content).toEqual(richContent.map((block) => expect.objectContaining(block)));
    expect(message.stop_reason).toBe('tool_use');
  });

  it('turns failures before the first output into typed HTTP errors', async () => {
    const { client, scripts } = await setup();
    const cases: Array<[CcsError, unknown, number]> = [
      [new CcsError('AUTH_REQUIRED', 'Signed out.'), Anthropic.PermissionDeniedError, 403],
      [new CcsError('INVALID_REQUEST', 'Bad.'), Anthropic.BadRequestError, 400],
      [new CcsError('UPSTREAM_ERROR', 'Boom.'), Anthropic.InternalServerError, 502],
      [new CcsError('UPSTREAM_OVERLOADED', 'Busy.'), Anthropic.InternalServerError, 529],
    ];
    for (const [error, type, status] of cases) {
      scripts.push({ reject: error });
      const thrown = await client.messages
        .stream(ask)
        .finalMessage()
        .catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(type);
      expect((thrown as { status: number }).status).toBe(status);
    }
  });

  it('answers a usage limit with a 429 rate_limit_error, retry-after and the reset time', async () => {
    const { client, scripts } = await setup();
    const resetsAt = new Date(Date.now() + 3_600_000).toISOString();
    scripts.push({
      reject: new CcsError('QUOTA_EXCEEDED', `Limit reached; it resets at ${resetsAt}.`, {
        retryAfterSeconds: 3600,
        details: { resetsAt },
      }),
    });
    const thrown = (await client.messages.create(ask).catch((e: unknown) => e)) as InstanceType<
      typeof Anthropic.RateLimitError
    >;
    expect(thrown).toBeInstanceOf(Anthropic.RateLimitError);
    expect(thrown.headers?.get('retry-after')).toBe('3600');
    expect(thrown.message).toContain(resetsAt);
    expect((thrown.error as { error: { type: string } }).error.type).toBe('rate_limit_error');
  });

  it('reports a mid-stream error as an error event, and a cut stream as an error, never a success', async () => {
    const { client, scripts } = await setup();
    const partial = textParts('partial answer').slice(0, 3);
    scripts.push({
      parts: [
        ...partial,
        { type: 'error', error: new CcsError('UPSTREAM_OVERLOADED', 'Overloaded.').toJSON() },
      ],
    });
    const midStream = await client.messages
      .stream(ask)
      .finalMessage()
      .catch((e: unknown) => e);
    expect(midStream).toBeInstanceOf(Anthropic.APIError);
    expect(String(midStream)).toContain('overloaded_error');
    scripts.push({ parts: partial });
    const cut = await client.messages
      .stream(ask)
      .finalMessage()
      .catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(Error);
  });

  it('rejects a wrong key with 401 and serves the unauthenticated probes', async () => {
    await setup();
    const bad = new Anthropic({ apiKey: 'wrong', baseURL: proxy!.url, maxRetries: 0 });
    await expect(bad.messages.create(ask)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    expect((await fetch(proxy!.url, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${proxy!.url}/api/hello`, { method: 'HEAD' })).status).toBe(200);
    expect(await (await fetch(`${proxy!.url}/health`)).json()).toEqual({ status: 'ok' });
    const bearer = await fetch(`${proxy!.url}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(((await bearer.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toContain(
      'gpt-5.4',
    );
  });

  it('counts tokens locally and validates bodies with Anthropic-shaped 400 and 413', async () => {
    const { client, calls } = await setup(['john'], { maxBodyBytes: 100_000 });
    const counted = await client.messages.countTokens({ model: 'claude-opus-4-8', messages: ask.messages });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(calls).toHaveLength(0);
    const post = (body: string) =>
      fetch(`${proxy!.url}/v1/messages?beta=true`, {
        method: 'POST',
        headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
        body,
      });
    const malformed = await post('{not json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const invalid = await post(
      JSON.stringify({ model: 'x', messages: [{ role: 'user', content: [{ type: 'text' }] }] }),
    );
    expect(invalid.status).toBe(400);
    const huge = await post(JSON.stringify({ ...ask, padding: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { type: 'request_too_large' } });
  });

  it('aborts the upstream request when the client goes away', async () => {
    const { client, scripts, calls } = await setup();
    scripts.push({ hang: true });
    const controller = new AbortController();
    const stream = client.messages.stream(ask, { signal: controller.signal });
    await new Promise<void>((resolve) => stream.on('text', () => resolve()));
    controller.abort();
    await stream.finalMessage().catch(() => {});
    await expect.poll(() => calls[0]?.signal?.aborted, { timeout: 2000 }).toBe(true);
  });
});

describe('routing, effort and the trace', () => {
  it('maps Claude slot names to configured models and efforts, and traces each request', async () => {
    const { client, calls } = await setup();
    await client.messages.create(ask);
    await client.messages.create({ ...ask, model: 'claude-sonnet-4-8' });
    await client.messages.create({ ...ask, model: 'claude-haiku-4-8' });
    await client.messages.create({ ...ask, model: 'gpt-5.4-medium' });
    // Claude Code's default output_config.effort "high" does not flatten the slot defaults.
    await client.messages.create({ ...ask, output_config: { effort: 'high' } } as never);
    await client.messages.create({ ...ask, output_config: { effort: 'low' } } as never);
    expect(calls.map((c) => [c.request.modelId, c.request.effort])).toEqual([
      ['gpt-5.4', 'xhigh'],
      ['gpt-5-codex', 'high'],
      ['gpt-5-codex-mini', 'medium'],
      ['gpt-5.4', 'medium'],
      ['gpt-5.4', 'xhigh'],
      ['gpt-5.4', 'low'],
    ]);
    expect(traces[0]).toMatch(
      /^\[ccs\] POST \/v1\/messages model=claude-opus-4-8 → gpt-5.4 slot=opus reasoning\.effort: xhigh \(slot-default\) account=john status=200 \d+ms/,
    );
    expect(traces.join('\n')).not.toContain(KEY);
  });

  it('lets --effort win and caps it with a warning in the trace', async () => {
    const { client, calls } = await setup(['john'], { effortOverride: 'xhigh' });
    await client.messages.create({ ...ask, model: 'claude-sonnet-4-8' });
    expect(calls[0]!.request.effort).toBe('high');
    expect(traces.some((line) => line.includes('capped to high'))).toBe(true);
    expect(traces.at(-1)).toContain('(explicit, capped from xhigh)');
  });

  it('names sampling settings no provider receives in the trace instead of dropping them unsaid', async () => {
    const { client, calls } = await setup();
    await client.messages.create({ ...ask, temperature: 0.3, top_k: 5 } as never);
    expect(calls).toHaveLength(1);
    expect(traces[0]).toBe('[ccs]   not sent: temperature, top_k');
  });

  it('shows what the provider could not send next to the client settings, on one line; plain-string warnings still show', async () => {
    const { client, scripts } = await setup();
    scripts.push({
      parts: textParts('ok'),
      warnings: [
        {
          type: 'unsupported-setting',
          setting: 'maxOutputTokens',
          details: 'the backend sets its own output limit',
        },
        'a note from a plugin written for the first spec',
        { type: 'other', message: 'replayed reasoning was left out' },
      ],
    });
    await client.messages.create({ ...ask, max_tokens: 4096, temperature: 0.3 } as never);
    expect(traces).toHaveLength(4);
    expect(traces.slice(0, 3)).toEqual([
      '[ccs]   not sent: temperature, max_tokens (the backend sets its own output limit)',
      '[ccs]   a note from a plugin written for the first spec',
      '[ccs]   replayed reasoning was left out',
    ]);
    expect(traces[3]).toMatch(/^\[ccs\] POST \/v1\/messages model=claude-opus-4-8/);
  });

  it('passes the Claude Code session id through for prompt caching', async () => {
    const { client, calls } = await setup();
    await client.messages.create(ask, { headers: { 'x-claude-code-session-id': 'sess-42' } });
    await client.messages.create({
      ...ask,
      metadata: { user_id: JSON.stringify({ session_id: 'sess-43' }) },
    });
    expect(calls.map((c) => c.request.metadata.sessionId)).toEqual(['sess-42', 'sess-43']);
  });
});

describe('failover between accounts', () => {
  const limit = (seconds: number) =>
    new CcsError('QUOTA_EXCEEDED', 'Usage limit reached.', {
      retryAfterSeconds: seconds,
      details: { resetsAt: new Date(Date.now() + seconds * 1000).toISOString() },
    });

  it('retries on the next account with no error seen by the client, then skips the cooling one', async () => {
    const { client, scripts, calls } = await setup(['john', 'mary']);
    scripts.push({ reject: limit(600), forAccount: 'john' });
    const message = await client.messages.create(ask);
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake.' });
    expect(calls.map((c) => c.account)).toEqual(['john', 'mary']);
    expect(traces.at(-1)).toContain('account=mary status=200');
    expect(traces.some((line) => line.includes('john cooling down'))).toBe(true);
    await client.messages.create(ask);
    expect(calls.map((c) => c.account)).toEqual(['john', 'mary', 'mary']);
  });

  it('answers 429 naming the earliest reset when every account is exhausted', async () => {
    const { client, scripts } = await setup(['john', 'mary']);
    scripts.push({ reject: limit(7200), forAccount: 'john' }, { reject: limit(600), forAccount: 'mary' });
    const thrown = (await client.messages.create(ask).catch((e: unknown) => e)) as InstanceType<
      typeof Anthropic.RateLimitError
    >;
    expect(thrown).toBeInstanceOf(Anthropic.RateLimitError);
    expect(thrown.message).toMatch(
      /usage limit reached for all accounts \(john, mary\); the earliest resets in 10m \(at \d\d:\d\d UTC, \d{4}-\d\d-\d\d\)\./,
    );
    const retryAfter = Number(thrown.headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // While cooling down, no upstream call is made at all.
    const again = await client.messages.create(ask).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Anthropic.RateLimitError);
  });

  it('stays on the default account with routing default-only', async () => {
    const { client, scripts, calls } = await setup(['john', 'mary'], {
      routing: { strategy: 'default-only' },
    });
    scripts.push({ reject: limit(600), forAccount: 'john' });
    await expect(client.messages.create(ask)).rejects.toBeInstanceOf(Anthropic.RateLimitError);
    expect(calls.map((c) => c.account)).toEqual(['john']);
  });

  it('falls back once to the model the catalog names, remembers it, and says so in the trace', async () => {
    const { client, scripts, calls } = await setup();
    scripts.push({ reject: new CcsError('MODEL_NOT_AVAILABLE', 'Not on your plan.') });
    await client.messages.create(ask);
    await client.messages.create(ask);
    expect(calls.map((c) => c.request.modelId)).toEqual(['gpt-5.4', 'gpt-5-codex', 'gpt-5-codex']);
    expect(
      traces.filter((line) =>
        line.includes('gpt-5.4 was refused for john: gpt-5.4 is not on this plan; using gpt-5-codex'),
      ),
    ).toHaveLength(1);
  });

  it("a model the catalog has no repair for: the provider's own error reaches the client, nothing retried", async () => {
    const { client, scripts, calls } = await setup();
    scripts.push({ reject: new CcsError('MODEL_NOT_AVAILABLE', 'The model gpt-5-codex is not available.') });
    const error = await client.messages
      .create({ ...ask, model: 'gpt-5-codex' })
      .catch((e: unknown) => e as { status: number; message: string });
    expect(error).toMatchObject({ message: expect.stringContaining('gpt-5-codex is not available') });
    expect(calls.map((c) => c.request.modelId)).toEqual(['gpt-5-codex']);
  });
});
