import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { type ProxyOptions, type RunningProxy, startProxy } from '@ccs/proxy';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorCodexProvider } from './proxy-codex-stack.js';

const KEY = 'ccs-test-key-abcdefghijklmnop';
let emu: Emulator;
let proxy: RunningProxy | undefined;
let traces: string[];
let notices: string[];

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'john@example.com', plan: 'pro' });
  emu.control.addAccount({ email: 'mary@example.com', plan: 'plus' });
  traces = [];
  notices = [];
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function client(extra: Partial<ProxyOptions> = {}, people = ['john', 'mary']) {
  const provider = emulatorCodexProvider(
    emu,
    people.map((name) => ({
      nickname: name,
      email: `${name}@example.com`,
      plan: name === 'john' ? 'pro' : 'plus',
    })),
  );
  proxy = await startProxy({
    providers: new Map([['codex', provider]]),
    apiKey: KEY,
    models: { default: 'gpt-5.6-terra', opus: 'gpt-5.6-terra', sonnet: 'gpt-5.5', haiku: 'gpt-5.6-luna' },
    trace: (line) => traces.push(line),
    notice: (line) => notices.push(line),
    ...extra,
  });
  return new Anthropic({ apiKey: KEY, baseURL: proxy.url, maxRetries: 0 });
}

const tools = [
  {
    name: 'Read',
    description: 'Read a file',
    input_schema: { type: 'object' as const, properties: { path: { type: 'string' } } },
  },
  {
    name: 'Bash',
    description: 'Run',
    input_schema: { type: 'object' as const, properties: { command: { type: 'string' } } },
  },
];
const ask = {
  model: 'claude-opus-4-8',
  max_tokens: 32000,
  tools,
  thinking: { type: 'adaptive' },
  output_config: { effort: 'high' },
  messages: [{ role: 'user' as const, content: 'read a.txt and list files' }],
} as unknown as Anthropic.MessageCreateParamsStreaming;

const responses = () => emu.control.requests({ path: '/backend-api/codex/responses' });

describe('Anthropic SDK → ccs proxy → Codex chat model → emulator', () => {
  it('receives thinking, text and parallel tool calls exactly as scripted, and they round-trip', async () => {
    const sdk = await client();
    emu.control.enqueueTurn({
      reasoning: { summary: ['Two things to do.'] },
      text: 'On it.',
      toolCalls: [
        { name: 'Read', arguments: { path: 'a.txt' }, callId: 'call_read' },
        { name: 'Bash', arguments: { command: 'ls' }, callId: 'call_bash' },
      ],
    });
    const message = await sdk.messages.stream(ask).finalMessage();
    expect(message.content).toEqual([
      expect.objectContaining({
        type: 'thinking',
        thinking: 'Two things to do.',
        signature: expect.stringMatching(/^gAAAA/),
      }),
      expect.objectContaining({ type: 'text', text: 'On it.' }),
      expect.objectContaining({ type: 'tool_use', id: 'call_read', name: 'Read', input: { path: 'a.txt' } }),
      expect.objectContaining({ type: 'tool_use', id: 'call_bash', name: 'Bash', input: { command: 'ls' } }),
    ]);
    expect(message.stop_reason).toBe('tool_use');
    const first = responses()[0]!.body as Record<string, unknown>;
    expect(first).toMatchObject({
      model: 'gpt-5.6-terra',
      reasoning: { effort: 'xhigh', summary: 'auto' },
      store: false,
    });
    expect(first).not.toHaveProperty('max_output_tokens');

    // Second turn: Claude Code sends the thinking block (with its signature) and the tool results back.
    emu.control.enqueueTurn({ text: 'a.txt says hi.' });
    const reply = await sdk.messages
      .stream({
        ...ask,
        messages: [
          ...ask.messages,
          { role: 'assistant', content: message.content as Anthropic.ContentBlockParam[] },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'call_read', content: 'hi' },
              { type: 'tool_result', tool_use_id: 'call_bash', content: 'a.txt' },
            ],
          },
        ],
      })
      .finalMessage();
    expect(reply.content).toEqual([expect.objectContaining({ type: 'text', text: 'a.txt says hi.' })]);
    const input = (responses()[1]!.body as { input: Array<Record<string, unknown>> }).input;
    expect(input.map((item) => item.type)).toEqual([
      'message',
      'reasoning',
      'message',
      'function_call',
      'function_call',
      'function_call_output',
      'function_call_output',
    ]);
    expect(traces.at(-1)).toMatch(
      /model=claude-opus-4-8 → gpt-5\.6-terra slot=opus reasoning\.effort: xhigh \(slot-default\) account=john status=200/,
    );
  });

  it('serves a real Claude Code request (system array, mid-conversation system message, 12 tools)', async () => {
    const sdk = await client();
    const capture = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../proxy/test/__fixtures__/claude-code-text.json'), 'utf8'),
    ) as { requests: Array<{ body: Record<string, unknown> }> };
    emu.control.enqueueTurn({ text: 'Hi!' });
    const body = {
      ...capture.requests[0]!.body,
      model: 'claude-sonnet-4-8',
    } as unknown as Anthropic.MessageCreateParamsStreaming;
    const message = await sdk.messages.stream(body).finalMessage();
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hi!' })]);
    const sent = responses()[0]!.body as {
      input: Array<{ role?: string; content?: Array<{ text?: string }> }>;
      reasoning: unknown;
    };
    expect(sent.input[0]!.role).toBe('developer');
    expect(JSON.stringify(sent.input[0])).not.toContain('x-anthropic-billing-header');
    expect(sent.input.at(-1)!.content![0]!.text).toMatch(/^<system-reminder>\n# Environment/);
    // display "omitted": no summaries asked for; sonnet slot → high.
    expect(sent.reasoning).toEqual({ effort: 'high' });
  });

  it('sends images (in messages and tool results) in shapes the backend accepts', async () => {
    const sdk = await client();
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const image = {
      type: 'image' as const,
      source: { type: 'base64' as const, media_type: 'image/png' as const, data: png },
    };
    emu.control.enqueueTurn({ text: 'A pixel.' });
    const message = await sdk.messages
      .stream({
        ...ask,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'what is this?' }, image] },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: { path: 'p.png' } }],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 'toolu_1',
                content: [{ type: 'text', text: 'the file:' }, image],
              },
            ],
          },
        ],
      })
      .finalMessage();
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'A pixel.' })]);
    const input = (responses()[0]!.body as { input: Array<Record<string, unknown>> }).input;
    expect(JSON.stringify(input[0])).toContain('data:image/png;base64,');
    expect(input.at(-1)).toMatchObject({
      type: 'function_call_output',
      output: [
        { type: 'input_text' },
        { type: 'input_image', image_url: expect.stringMatching(/^data:image\/png;base64,/) },
      ],
    });
  });

  it("a model retired mid-session is repaired on the fly: one retry on the catalog's choice, remembered, said on stderr and in the trace", async () => {
    const sdk = await client({}, ['john']);
    await sdk.messages.stream(ask).finalMessage();
    emu.control.retireModel('gpt-5.6-terra');
    const message = await sdk.messages.stream(ask).finalMessage();
    expect(message.content.at(-1)).toMatchObject({ type: 'text', text: 'Hello from the emulator.' });
    await sdk.messages.stream(ask).finalMessage();
    expect(responses().map((r) => [(r.body as { model: string }).model, r.status])).toEqual([
      ['gpt-5.6-terra', 200],
      ['gpt-5.6-terra', 400],
      ['gpt-5.6-sol', 200],
      ['gpt-5.6-sol', 200],
    ]);
    const line =
      'gpt-5.6-terra was refused for john: gpt-5.6-terra is no longer in the Codex model list; using gpt-5.6-sol for the rest of this session';
    expect(notices).toEqual([line]);
    expect(traces.filter((t) => t.includes(line))).toHaveLength(1);
  });

  it("page-era plan rule: a paid-only model on a free account becomes the page's safe model once", async () => {
    emu.control.useModelScenario('page-era');
    emu.control.setPlan('john@example.com', 'free');
    const provider = emulatorCodexProvider(emu, [
      { nickname: 'john', email: 'john@example.com', plan: 'free' },
    ]);
    proxy = await startProxy({
      providers: new Map([['codex', provider]]),
      apiKey: KEY,
      models: { default: 'gpt-5.4' },
      trace: (line) => traces.push(line),
      notice: (line) => notices.push(line),
    });
    const sdk = new Anthropic({ apiKey: KEY, baseURL: proxy.url, maxRetries: 0 });
    await sdk.messages.stream(ask).finalMessage();
    await sdk.messages.stream(ask).finalMessage();
    expect(responses().map((r) => (r.body as { model: string }).model)).toEqual([
      'gpt-5.4',
      'gpt-5-codex',
      'gpt-5-codex',
    ]);
    expect(notices).toEqual([
      'gpt-5.4 was refused for john: gpt-5.4 is not on the free plan; using gpt-5-codex for the rest of this session',
    ]);
  });

  it("without a catalog-known replacement the provider's own error reaches the client; nothing is retried elsewhere", async () => {
    const sdk = await client({}, ['john']);
    const error = await sdk.messages
      .create({ ...ask, max_tokens: 1024, model: 'gpt-9-secret', stream: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).message).toContain('gpt-9-secret');
    // At most the name asked for went upstream (the proxy may refuse it before); never another model.
    expect(responses().filter((r) => (r.body as { model: string }).model !== 'gpt-9-secret')).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('refreshes an expired token transparently', async () => {
    const sdk = await client();
    await sdk.messages.create({ ...ask, max_tokens: 1024, stream: false });
    emu.control.expireAccessTokens();
    const message = await sdk.messages.create({ ...ask, max_tokens: 1024, stream: false });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the emulator.' });
  });

  it('gives typed errors for each fault', async () => {
    const sdk = await client({ routing: { strategy: 'default-only' } });
    const fail = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (e: unknown) => e as InstanceType<typeof Anthropic.APIError>,
      );

    emu.control.enqueueTurn({ fault: 'usage-limit-429', resetsInSeconds: 1800 });
    const limited = await fail(sdk.messages.create({ ...ask, max_tokens: 1024, stream: false }));
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(Number(limited!.headers?.get('retry-after'))).toBeGreaterThan(1700);
    expect(limited!.message).toMatch(/resets in 30m \(at \d\d:\d\d UTC, \d{4}-\d\d-\d\d\)/);

    await proxy!.close();
    const fresh = await client({ routing: { strategy: 'default-only' } });
    for (let i = 0; i < 3; i++) emu.control.enqueueTurn({ fault: 'server-500' });
    const server = await fail(fresh.messages.stream(ask).finalMessage());
    expect(server).toBeInstanceOf(Anthropic.InternalServerError);
    expect(server!.status).toBe(502);

    for (let i = 0; i < 3; i++) emu.control.enqueueTurn({ fault: 'overloaded-503' });
    const overloaded = await fail(fresh.messages.stream(ask).finalMessage());
    expect(overloaded!.status).toBe(529);

    emu.control.enqueueTurn({ text: 'this answer breaks off', deltaCount: 6, fault: 'error-event' });
    const midStream = await fail(fresh.messages.stream(ask).finalMessage());
    expect(midStream).toBeInstanceOf(Anthropic.APIError);
    expect(String(midStream)).toContain('overloaded_error');

    emu.control.enqueueTurn({ text: 'this answer is cut off', deltaCount: 6, fault: 'cut-stream' });
    const cut = await fail(fresh.messages.stream(ask).finalMessage());
    expect(cut).toBeInstanceOf(Error);
    expect(traces.some((line) => line.includes('stream-error'))).toBe(true);
  });

  it('fails over from an exhausted account with no error seen by the client', async () => {
    const sdk = await client();
    emu.control.enqueueTurn({ fault: 'usage-limit-429', resetsInSeconds: 900, forEmail: 'john@example.com' });
    const message = await sdk.messages.stream(ask).finalMessage();
    expect(message.content.at(-1)).toMatchObject({ type: 'text', text: 'Hello from the emulator.' });
    expect(traces.at(-1)).toContain('account=mary status=200');
  });

  it('answers 429 naming the earliest reset when every account is exhausted', async () => {
    const sdk = await client();
    emu.control.enqueueTurn({
      fault: 'usage-limit-429',
      resetsInSeconds: 5000,
      forEmail: 'john@example.com',
    });
    emu.control.enqueueTurn({ fault: 'usage-limit-429', resetsInSeconds: 900, forEmail: 'mary@example.com' });
    const error = (await sdk.messages
      .stream(ask)
      .finalMessage()
      .catch((e: unknown) => e)) as InstanceType<typeof Anthropic.RateLimitError>;
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.message).toMatch(
      /usage limit reached for all accounts \(john, mary\); the earliest resets in 15m \(at \d\d:\d\d UTC, \d{4}-\d\d-\d\d\)\./,
    );
    expect(Number(error.headers?.get('retry-after'))).toBeLessThanOrEqual(900);
  });
});
