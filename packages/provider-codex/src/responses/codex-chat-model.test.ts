import type { AccountInfo, ChatRequest, ChatStreamPart } from '@ccs/core';
import { CcsError } from '@ccs/core';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codexOptionsSchema } from '../codex-options.js';
import { createCodexChatModel } from './codex-chat-model.js';

let emu: Emulator;
const EMAIL = 'john@example.com';
const account: AccountInfo = {
  id: 'acct-john',
  providerId: 'codex',
  nickname: 'john',
  email: EMAIL,
  isDefault: true,
  createdAt: '2026-01-01T00:00:00Z',
};
let refreshes = 0;
let token = '';
let chatgptAccountId = '';
const credentials = {
  async getCredentials(_id: string, options?: { forceRefresh?: boolean }) {
    if (options?.forceRefresh || !token) {
      if (options?.forceRefresh) refreshes++;
      token = emu.control.issueTokens(EMAIL).accessToken;
    }
    return { accessToken: token, chatgptAccountId };
  },
};
const seenHeaders: Record<string, string>[] = [];

function model(modelId = 'gpt-5.6-terra') {
  return createCodexChatModel({
    modelId,
    account,
    credentials,
    options: codexOptionsSchema.parse({ baseUrl: emu.baseUrl, issuer: emu.issuer }),
    onResponseHeaders: (_id, headers) => seenHeaders.push(headers),
    retryDelaysMs: [1, 1],
  });
}

const request = (over: Partial<ChatRequest> = {}): ChatRequest => ({
  modelId: 'gpt-5.6-terra',
  system: ['Be brief.'],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [],
  effort: 'high',
  metadata: { requestId: 'r', sessionId: 'session-1' },
  ...over,
});

async function collect(stream: AsyncIterable<ChatStreamPart>): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

async function rejection(promise: Promise<unknown>): Promise<CcsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(CcsError.isInstance(error), String(error)).toBe(true);
  return error as CcsError;
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.control.reset();
  chatgptAccountId = emu.control.addAccount({ email: EMAIL, plan: 'pro' }).chatgptAccountId;
  token = '';
  refreshes = 0;
  seenHeaders.length = 0;
});

describe('createCodexChatModel against the emulator', () => {
  it('streams text and passes the response headers on', async () => {
    emu.control.enqueueTurn({ text: 'Hello world', deltaCount: 3 });
    const result = await model().stream(request());
    const parts = await collect(result.stream);
    const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.delta] : [])).join('');
    expect(text).toBe('Hello world');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
    expect(seenHeaders).toHaveLength(1);
    expect(result.responseHeaders['content-type']).toContain('text/event-stream');
  });

  it('sends a session-id header equal to the stable prompt_cache_key', async () => {
    await collect((await model().stream(request())).stream);
    await collect(
      (await model().stream(request({ metadata: { requestId: 'other', sessionId: 'session-1' } }))).stream,
    );
    const [first, second] = emu.control.requests({ path: '/backend-api/codex/responses' });
    const key = (first!.body as { prompt_cache_key: string }).prompt_cache_key;
    expect(first!.headers['session-id']).toBe(key);
    expect((second!.body as { prompt_cache_key: string }).prompt_cache_key).toBe(key);
    expect(first!.headers.originator).toBeTruthy();
  });

  it('refreshes once after a 401 and retries', async () => {
    await collect((await model().stream(request())).stream);
    emu.control.expireAccessTokens(EMAIL);
    const parts = await collect((await model().stream(request())).stream);
    expect(parts.at(-1)?.type).toBe('finish');
    expect(refreshes).toBe(1);
  });

  it('maps usage_limit_reached to QUOTA_EXCEEDED with the reset time', async () => {
    emu.control.enqueueTurn({ fault: 'usage-limit-429', resetsInSeconds: 3600 });
    const error = await rejection(model().stream(request()));
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.retryAfterSeconds).toBeGreaterThan(3500);
    expect(Date.parse(String(error.details?.resetsAt))).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('retries a 5xx before any output, then gives up with UPSTREAM_ERROR', async () => {
    emu.control.enqueueTurn({ fault: 'server-500' });
    emu.control.enqueueTurn({ text: 'recovered' });
    const parts = await collect((await model().stream(request())).stream);
    expect(parts.some((p) => p.type === 'text-delta')).toBe(true);
    for (let i = 0; i < 3; i++) emu.control.enqueueTurn({ fault: 'server-500' });
    expect((await rejection(model().stream(request()))).code).toBe('UPSTREAM_ERROR');
  });

  it('rejects when a 200 stream fails before any output (so the proxy can fail over)', async () => {
    emu.control.enqueueTurn({
      text: [],
      fault: 'response-failed',
      errorCode: 'usage_limit_reached',
      errorMessage: 'limit',
    });
    expect((await rejection(model().stream(request()))).code).toBe('QUOTA_EXCEEDED');
    emu.control.enqueueTurn({ text: [], fault: 'error-event' });
    expect((await rejection(model().stream(request()))).code).toBe('UPSTREAM_OVERLOADED');
  });

  it('ends a cut stream with an error part, never a finish', async () => {
    emu.control.enqueueTurn({ text: 'a long answer that will be cut', deltaCount: 10, fault: 'cut-stream' });
    const parts = await collect((await model().stream(request())).stream);
    expect(parts.some((p) => p.type === 'text-delta')).toBe(true);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'STREAM_INTERRUPTED' } });
    expect(parts.some((p) => p.type === 'finish')).toBe(false);
  });

  it('says MODEL_NOT_AVAILABLE when the plan does not include the model (page-era catalog)', async () => {
    emu.control.useModelScenario('page-era');
    emu.control.setPlan(EMAIL, 'free');
    token = '';
    const error = await rejection(model('gpt-5.4').stream({ ...request(), modelId: 'gpt-5.4' }));
    expect(error.code).toBe('MODEL_NOT_AVAILABLE');
  });

  it('says MODEL_NOT_AVAILABLE for a model retired for ChatGPT sign-in', async () => {
    const error = await rejection(model('gpt-5-codex').stream({ ...request(), modelId: 'gpt-5-codex' }));
    expect(error.code).toBe('MODEL_NOT_AVAILABLE');
    expect(error.message).toContain('gpt-5-codex');
  });

  it('stops reading upstream when the caller aborts', async () => {
    emu.control.enqueueTurn({ text: 'slow '.repeat(50), deltaCount: 50, delayMsPerEvent: 20 });
    const controller = new AbortController();
    const result = await model().stream(request(), { signal: controller.signal });
    const parts: ChatStreamPart[] = [];
    for await (const part of result.stream) {
      parts.push(part);
      if (parts.length === 4) controller.abort();
    }
    expect(parts.length).toBeLessThan(20);
  });
});
