import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { baseBody, type Loose, type ParsedEvent, postResponses, streamEvents } from './helpers.js';

let emu: Emulator;
let auth: { accessToken: string; accountId: string };
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'pro@example.com', plan: 'pro' });
  auth = emu.control.issueTokens('pro@example.com');
});

const run = async (body: object = baseBody()) => {
  const res = await postResponses(emu, auth, body);
  expect(res.status).toBe(200);
  return { res, events: await streamEvents(res) };
};
const ofType = (events: ParsedEvent[], type: string) =>
  events.filter((e) => e.event === type).map((e) => e.data);

describe('SSE stream shape', () => {
  it('names each event after its data type and numbers them in order', async () => {
    const { events } = await run();
    for (const [i, e] of events.entries()) {
      expect(e.data.type).toBe(e.event);
      expect(e.data.sequence_number).toBe(i);
    }
    expect(events.slice(0, 2).map((e) => e.event)).toEqual(['response.created', 'response.in_progress']);
    expect(events[0]!.data.response).toMatchObject({ status: 'in_progress', model: 'gpt-5.5', store: false });
  });

  it('streams text as several deltas in a message item and completes with output and usage', async () => {
    emu.control.enqueueTurn({
      text: 'The quick brown fox jumps.',
      deltaCount: 4,
      usage: { inputTokens: 1000, cachedTokens: 600, outputTokens: 50, reasoningTokens: 20 },
    });
    const { events } = await run();
    expect(events.map((e) => e.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(
      ofType(events, 'response.output_text.delta')
        .map((d) => d.delta)
        .join(''),
    ).toBe('The quick brown fox jumps.');
    const done = ofType(events, 'response.output_item.done')[0]!;
    expect(done.item).toMatchObject({
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: 'The quick brown fox jumps.' }],
    });
    const completed = ofType(events, 'response.completed')[0]!.response;
    expect(completed.status).toBe('completed');
    expect(completed.output).toEqual([done.item]);
    expect(completed.usage).toEqual({
      input_tokens: 1000,
      input_tokens_details: { cached_tokens: 600 },
      output_tokens: 50,
      output_tokens_details: { reasoning_tokens: 20 },
      total_tokens: 1050,
    });
  });

  it('sends exact deltas when text is an array', async () => {
    emu.control.enqueueTurn({ text: ['Hel', 'lo', '!'] });
    const { events } = await run();
    expect(ofType(events, 'response.output_text.delta').map((d) => d.delta)).toEqual(['Hel', 'lo', '!']);
  });

  it('streams reasoning summaries and encrypted content that is accepted back as input', async () => {
    emu.control.enqueueTurn({
      reasoning: { summary: ['**Plan**\n\nRead the file.', 'Then answer.'] },
      text: 'Done.',
    });
    const { events } = await run();
    const added = ofType(events, 'response.reasoning_summary_part.added');
    expect(added.map((a) => a.summary_index)).toEqual([0, 1]);
    const text0 = ofType(events, 'response.reasoning_summary_text.delta')
      .filter((d) => d.summary_index === 0)
      .map((d) => d.delta)
      .join('');
    expect(text0).toBe('**Plan**\n\nRead the file.');
    expect(ofType(events, 'response.reasoning_summary_text.done').map((d) => d.text)).toEqual([
      '**Plan**\n\nRead the file.',
      'Then answer.',
    ]);
    const item = ofType(events, 'response.output_item.done')[0]!.item;
    expect(item.type).toBe('reasoning');
    expect(item.id).toMatch(/^rs_/);
    expect(item.encrypted_content).toMatch(/^gAAAA/);
    expect(item.summary).toEqual([
      { type: 'summary_text', text: '**Plan**\n\nRead the file.' },
      { type: 'summary_text', text: 'Then answer.' },
    ]);
    // Reasoning comes before the message.
    expect(ofType(events, 'response.output_item.added').map((a) => a.item.type)).toEqual([
      'reasoning',
      'message',
    ]);
    const next = baseBody({
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
        { type: 'reasoning', summary: item.summary, encrypted_content: item.encrypted_content },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'again' }] },
      ],
    });
    expect((await postResponses(emu, auth, next)).status).toBe(200);
  });

  it('omits summaries when not requested and encrypted content when not included, like the real backend', async () => {
    emu.control.enqueueTurn({ reasoning: { summary: ['hidden'] } });
    const { events } = await run(baseBody({ reasoning: { effort: 'high' }, include: [] }));
    expect(ofType(events, 'response.reasoning_summary_part.added')).toHaveLength(0);
    const item = ofType(events, 'response.output_item.done')[0]!.item;
    expect(item).toEqual({ id: item.id, type: 'reasoning', summary: [] });
  });

  it('streams a function call with argument deltas', async () => {
    emu.control.enqueueTurn({
      toolCalls: [{ name: 'Read', arguments: { file_path: '/tmp/a.txt' }, callId: 'call_abc' }],
    });
    const { events } = await run();
    const added = ofType(events, 'response.output_item.added')[0]!;
    expect(added.item).toMatchObject({
      type: 'function_call',
      name: 'Read',
      call_id: 'call_abc',
      arguments: '',
      status: 'in_progress',
    });
    const args = ofType(events, 'response.function_call_arguments.delta').map((d) => d.delta);
    expect(args.length).toBeGreaterThan(1);
    expect(args.join('')).toBe('{"file_path":"/tmp/a.txt"}');
    expect(ofType(events, 'response.function_call_arguments.done')[0]!.arguments).toBe(
      '{"file_path":"/tmp/a.txt"}',
    );
    expect(ofType(events, 'response.output_item.done')[0]!.item).toMatchObject({
      type: 'function_call',
      status: 'completed',
      arguments: '{"file_path":"/tmp/a.txt"}',
    });
    // No message item when the turn only calls tools.
    expect(ofType(events, 'response.output_text.delta')).toHaveLength(0);
  });

  it('interleaves parallel function calls by output_index', async () => {
    emu.control.enqueueTurn({
      text: 'Reading both.',
      toolCalls: [
        { name: 'Read', arguments: { file_path: '/a' } },
        { name: 'Grep', arguments: '{"pattern":"x"}' },
      ],
    });
    const { events } = await run();
    const deltas = ofType(events, 'response.function_call_arguments.delta');
    const order = deltas.map((d) => d.output_index);
    expect(new Set(order)).toEqual(new Set([1, 2]));
    // Interleaved: the second call's deltas start before the first call's finish.
    expect(order.indexOf(2)).toBeLessThan(order.lastIndexOf(1));
    const byIndex = (i: number) =>
      deltas
        .filter((d) => d.output_index === i)
        .map((d) => d.delta)
        .join('');
    expect(byIndex(1)).toBe('{"file_path":"/a"}');
    expect(byIndex(2)).toBe('{"pattern":"x"}');
    const items = ofType(events, 'response.completed')[0]!.response.output;
    expect(items.map((i: Loose) => i.type)).toEqual(['message', 'function_call', 'function_call']);
    expect(new Set(items.slice(1).map((i: Loose) => i.call_id)).size).toBe(2);
  });

  it('sends rate-limit, request id and model headers', async () => {
    emu.control.setUsage('pro@example.com', {
      primary: { usedPercent: 42.5, windowMinutes: 300, resetAfterSeconds: 600 },
      secondary: { usedPercent: 7, windowMinutes: 10080, resetAfterSeconds: 86400 },
    });
    emu.control.enqueueTurn({ servedModel: 'gpt-5.4' });
    const { res } = await run();
    const now = emu.control.now();
    expect(res.headers.get('x-codex-primary-used-percent')).toBe('42.5');
    expect(res.headers.get('x-codex-primary-window-minutes')).toBe('300');
    expect(Number(res.headers.get('x-codex-primary-reset-at'))).toBeGreaterThanOrEqual(now + 599);
    expect(res.headers.get('x-codex-secondary-used-percent')).toBe('7');
    expect(res.headers.get('x-codex-secondary-window-minutes')).toBe('10080');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('openai-model')).toBe('gpt-5.4');
  });

  it('consumes turns in order, only by the account they are for', async () => {
    emu.control.addAccount({ email: 'b@example.com', plan: 'plus' });
    emu.control.enqueueTurn({ text: 'for b', forEmail: 'b@example.com' });
    emu.control.enqueueTurn({ text: 'first' });
    const text = (events: ParsedEvent[]) =>
      ofType(events, 'response.output_text.delta')
        .map((d) => d.delta)
        .join('');
    expect(text((await run()).events)).toBe('first');
    expect(text((await run()).events)).toBe('Hello from the emulator.');
    const b = emu.control.issueTokens('b@example.com');
    expect(text(await streamEvents(await postResponses(emu, b, baseBody())))).toBe('for b');
  });
});

describe('faults', () => {
  it('expired-token-401', async () => {
    emu.control.enqueueTurn({ fault: 'expired-token-401' });
    const res = await postResponses(emu, auth, baseBody());
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'token_expired' } });
    expect((await postResponses(emu, auth, baseBody())).status).toBe(200);
  });

  it('usage-limit-429 with resets_at and plan_type', async () => {
    emu.control.enqueueTurn({ fault: 'usage-limit-429', resetsInSeconds: 1800 });
    const res = await postResponses(emu, auth, baseBody());
    expect(res.status).toBe(429);
    const body = (await res.json()) as Loose;
    expect(body.error).toMatchObject({
      type: 'usage_limit_reached',
      message: 'The usage limit has been reached',
      plan_type: 'pro',
      resets_in_seconds: 1800,
    });
    expect(body.error.resets_at).toBeGreaterThanOrEqual(emu.control.now() + 1799);
    expect(res.headers.get('x-codex-primary-used-percent')).toBe('100');
  });

  it.each([
    ['server-500', 500, undefined],
    ['overloaded-503', 503, 'server_is_overloaded'],
  ] as const)('%s', async (fault, status, code) => {
    emu.control.enqueueTurn({ fault });
    const res = await postResponses(emu, auth, baseBody());
    expect(res.status).toBe(status);
    const body = (await res.json()) as Loose;
    expect(body.error.type).toBe('server_error');
    if (code) expect(body.error.code).toBe(code);
  });

  it('response-failed mid-stream', async () => {
    emu.control.enqueueTurn({
      fault: 'response-failed',
      text: 'partial answer here',
      errorCode: 'context_length_exceeded',
      errorMessage: 'Your input exceeds the context window of this model.',
    });
    const { events } = await run();
    const last = events.at(-1)!;
    expect(last.event).toBe('response.failed');
    expect(last.data.response).toMatchObject({
      status: 'failed',
      error: { code: 'context_length_exceeded' },
    });
    expect(events.some((e) => e.event === 'response.output_text.delta')).toBe(true);
    expect(events.some((e) => e.event === 'response.completed')).toBe(false);
  });

  it('error event mid-stream', async () => {
    emu.control.enqueueTurn({ fault: 'error-event' });
    const { events } = await run();
    const last = events.at(-1)!;
    expect(last.event).toBe('error');
    expect(last.data).toMatchObject({ type: 'error', code: 'server_is_overloaded' });
    expect(events.some((e) => e.event === 'response.completed')).toBe(false);
  });

  it('cut-stream ends without response.completed', async () => {
    emu.control.enqueueTurn({ fault: 'cut-stream', cutAfterEvents: 5 });
    const { events } = await run();
    expect(events).toHaveLength(5);
    expect(events.some((e) => e.event === 'response.completed')).toBe(false);
  });

  it('cut-stream with cutMode destroy resets the connection', async () => {
    emu.control.enqueueTurn({ fault: 'cut-stream', cutAfterEvents: 3, cutMode: 'destroy' });
    const res = await postResponses(emu, auth, baseBody());
    await expect(res.text()).rejects.toThrow();
  });

  it('slow stream waits between events', async () => {
    emu.control.enqueueTurn({ text: 'slow', deltaCount: 1, delayMsPerEvent: 40 });
    const start = Date.now();
    const { events } = await run();
    const elapsed = Date.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(40 * events.length - 20);
  });
});

describe('more upstream behaviours', () => {
  it('incomplete ends with response.incomplete and its reason', async () => {
    emu.control.enqueueTurn({ text: 'cut short', fault: 'incomplete', incompleteReason: 'content_filter' });
    const { events } = await run();
    const last = events.at(-1)!;
    expect(last.event).toBe('response.incomplete');
    expect(last.data.response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
    });
    expect(
      ofType(events, 'response.output_text.delta')
        .map((d) => d.delta)
        .join(''),
    ).toBe('cut short');
  });

  it('httpError answers any status and body, HTML included', async () => {
    emu.control.enqueueTurn({
      httpError: { status: 403, body: '<html><title>Just a moment...</title></html>' },
    });
    const res = await postResponses(emu, auth, baseBody());
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Just a moment');
    emu.control.enqueueTurn({
      httpError: { status: 429, body: { error: { type: 'usage_not_included', message: 'Upgrade' } } },
    });
    const r2 = await postResponses(emu, auth, baseBody());
    expect(r2.status).toBe(429);
    expect(await r2.json()).toEqual({ error: { type: 'usage_not_included', message: 'Upgrade' } });
  });

  it('emptyCompletedOutput sends response.completed with output []', async () => {
    emu.control.enqueueTurn({ text: 'x', emptyCompletedOutput: true });
    const { events } = await run();
    expect(ofType(events, 'response.completed')[0]!.response.output).toEqual([]);
    expect(ofType(events, 'response.output_item.done')).toHaveLength(1);
  });

  it('echoes x-codex-turn-state within a turn and mints one otherwise', async () => {
    const first = await postResponses(emu, auth, baseBody());
    const state = first.headers.get('x-codex-turn-state');
    expect(state).toBeTruthy();
    await first.text();
    const second = await postResponses(emu, auth, baseBody(), { 'x-codex-turn-state': state! });
    expect(second.headers.get('x-codex-turn-state')).toBe(state);
    await second.text();
  });
});

describe('used-up quota', () => {
  it('refuses every turn with 429 usage_limit_reached while a window is at 100 %, without consuming turns', async () => {
    emu.control.enqueueTurn({ text: 'after the reset' });
    emu.control.setUsage('pro@example.com', {
      secondary: { usedPercent: 100, windowMinutes: 10080, resetAfterSeconds: 5000 },
    });
    const res = await postResponses(emu, auth, baseBody());
    expect(res.status).toBe(429);
    const body = (await res.json()) as Loose;
    expect(body.error).toMatchObject({
      type: 'usage_limit_reached',
      plan_type: 'pro',
      resets_in_seconds: 5000,
    });
    expect(res.headers.get('x-codex-secondary-used-percent')).toBe('100');
    expect(emu.control.pendingTurns()).toBe(1);
    emu.control.setUsage('pro@example.com', {
      secondary: { usedPercent: 0, windowMinutes: 10080, resetAfterSeconds: 604800 },
    });
    const { events } = await run();
    expect(
      ofType(events, 'response.output_text.delta')
        .map((d) => d.delta)
        .join(''),
    ).toBe('after the reset');
  });
});

describe('reasoning off', () => {
  it('sends no reasoning item when reasoning.effort is none', async () => {
    emu.control.enqueueTurn({ reasoning: { summary: ['x'] }, text: 'quick' });
    emu.control.useModelScenario('page-era'); // gpt-5.2 offered `none`
    const { events } = await run(baseBody({ model: 'gpt-5.2', reasoning: { effort: 'none' } }));
    expect(ofType(events, 'response.output_item.added').map((a) => a.item.type)).toEqual(['message']);
    expect(
      ofType(events, 'response.completed')[0]!.response.usage.output_tokens_details.reasoning_tokens,
    ).toBe(0);
  });
});
