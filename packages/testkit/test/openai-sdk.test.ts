import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

// The official SDK's Responses stream parser is the reference client: if it consumes the emulator's streams
// without error and rebuilds the same text and calls, the emulator's SSE is shaped like the real thing.
let emu: Emulator;
let client: OpenAI;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'sdk@example.com', plan: 'plus' });
  const t = emu.control.issueTokens('sdk@example.com');
  client = new OpenAI({
    apiKey: t.accessToken,
    baseURL: `${emu.baseUrl}/codex`,
    defaultHeaders: { 'ChatGPT-Account-ID': t.accountId, originator: 'ccs' },
    maxRetries: 0,
  });
});

const params = {
  model: 'gpt-5.5',
  instructions: 'You are a test.',
  input: [
    {
      type: 'message' as const,
      role: 'user' as const,
      content: [{ type: 'input_text' as const, text: 'hi' }],
    },
  ],
  store: false,
  reasoning: { effort: 'medium' as const, summary: 'auto' as const },
  include: ['reasoning.encrypted_content' as const],
  tools: [
    {
      type: 'function' as const,
      name: 'Read',
      description: 'Read a file',
      parameters: { type: 'object', properties: { file_path: { type: 'string' } } },
      strict: false,
    },
  ],
  parallel_tool_calls: true,
};

describe('official openai SDK against the emulator', () => {
  it('responses.stream() rebuilds text, reasoning and parallel calls into the final response', async () => {
    emu.control.enqueueTurn({
      reasoning: { summary: ['Thinking about it.'] },
      text: 'Let me read two files.',
      toolCalls: [
        { name: 'Read', arguments: { file_path: '/a' }, callId: 'call_a' },
        { name: 'Read', arguments: { file_path: '/b' }, callId: 'call_b' },
      ],
      usage: { inputTokens: 120, cachedTokens: 100, outputTokens: 30, reasoningTokens: 10 },
    });
    const stream = client.responses.stream(params);
    let text = '';
    let summary = '';
    const argDeltas: Record<number, string> = {};
    stream.on('response.output_text.delta', (e) => {
      text += e.delta;
    });
    stream.on('response.reasoning_summary_text.delta', (e) => {
      summary += e.delta;
    });
    stream.on('response.function_call_arguments.delta', (e) => {
      argDeltas[e.output_index] = (argDeltas[e.output_index] ?? '') + e.delta;
    });
    const final = await stream.finalResponse();
    expect(text).toBe('Let me read two files.');
    expect(summary).toBe('Thinking about it.');
    expect(final.output_text).toBe('Let me read two files.');
    const calls = final.output.filter((o) => o.type === 'function_call');
    expect(calls.map((c) => [c.call_id, c.name, JSON.parse(c.arguments)])).toEqual([
      ['call_a', 'Read', { file_path: '/a' }],
      ['call_b', 'Read', { file_path: '/b' }],
    ]);
    expect(Object.values(argDeltas)).toEqual(['{"file_path":"/a"}', '{"file_path":"/b"}']);
    expect(final.usage).toMatchObject({
      input_tokens: 120,
      input_tokens_details: { cached_tokens: 100 },
      total_tokens: 150,
    });
  });

  it('create({ stream: true }) yields every event without a parse error', async () => {
    emu.control.enqueueTurn({ text: 'Plain answer.' });
    const stream = await client.responses.create({ ...params, stream: true });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(text).toBe('Plain answer.');
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
  });

  it('surfaces the real 400 body as an SDK error', async () => {
    const err = await client.responses.create({ ...params, stream: true, temperature: 0.5 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).status).toBe(400);
    expect(emu.control.requests({ path: '/codex/responses' })[0]!.body).toMatchObject({ temperature: 0.5 });
  });

  it('the SDK request passes the emulator checks and carries the masked bearer token', async () => {
    const stream = await client.responses.create({ ...params, stream: true });
    for await (const _ of stream) {
      // drain
    }
    const [req] = emu.control.requests({ path: '/codex/responses' });
    expect(req!.status).toBe(200);
    expect(req!.headers.authorization).toMatch(/^Bearer \[masked:[0-9a-f]{8}\]$/);
    expect(req!.headers['chatgpt-account-id']).toBeTruthy();
  });

  it('consumes in-stream faults the way the SDK defines: failed, incomplete, error event', async () => {
    const run = async () => {
      const types: string[] = [];
      const stream = await client.responses.create({ ...params, stream: true });
      for await (const e of stream) types.push(e.type);
      return types;
    };
    emu.control.enqueueTurn({ fault: 'response-failed', text: 'some text here' });
    expect((await run()).at(-1)).toBe('response.failed');
    emu.control.enqueueTurn({ fault: 'incomplete', text: 'some text here' });
    expect((await run()).at(-1)).toBe('response.incomplete');
    emu.control.enqueueTurn({ fault: 'error-event', text: 'some text here' });
    await expect(run()).rejects.toThrow(/overloaded/);
    emu.control.enqueueTurn({ fault: 'incomplete', text: 'x' });
    expect((await client.responses.stream(params).finalResponse()).status).toBe('incomplete');
  });
});
