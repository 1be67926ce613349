import type { Provider } from '@ccs/core';
import { codexOptionsSchema, createCodexChatModel } from '@ccs/provider-codex/internal';
import { type RunningProxy, startProxy } from '@ccs/proxy';
import { createFakeProvider } from '../../../../apps/proxy/test/fake-provider.js';

export const PROXY_KEY = 'reliability-key-0123456789abcdef';

/**
 * The proxy (from source) serving the real Codex chat model — transport, SSE decoder, stream mapper —
 * against `baseUrl`, with a short idle timeout so stalls surface within a test. Accounts, catalog and
 * effort come from the proxy tests' fake provider: only the request path is under test here.
 */
export async function startFaultProxy(baseUrl: string, streamIdleTimeoutMs: number): Promise<RunningProxy> {
  const fake = createFakeProvider();
  const options = codexOptionsSchema.parse({ baseUrl, streamIdleTimeoutMs });
  const credentials = { getCredentials: async () => ({ accessToken: 'token', chatgptAccountId: 'ws-1' }) };
  const provider: Provider = {
    ...fake.provider,
    chatModel: (modelId, account) =>
      createCodexChatModel({ modelId, account, credentials, options, retryDelaysMs: [] }),
  };
  return startProxy({
    providers: new Map([['codex', provider]]),
    apiKey: PROXY_KEY,
    models: { default: 'gpt-5.4', opus: 'gpt-5.4', sonnet: 'gpt-5.4', haiku: 'gpt-5.4' },
  });
}

export interface ClientOutcome {
  status: number;
  /** The JSON error body (before the stream) or the `event: error` payload (during it). */
  error?: { type: string; message: string };
  text: string;
  ms: number;
}

/** A streaming Messages request, as Claude Code sends it; the response is the caller's to read. */
export function postStream(proxyUrl: string, text: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${proxyUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': PROXY_KEY },
    body: JSON.stringify({
      model: 'claude-opus-4-8',
      max_tokens: 100,
      stream: true,
      messages: [{ role: 'user', content: text }],
    }),
    ...(signal ? { signal } : {}),
  });
}

/** One streaming Messages request read to its end, as Claude Code would. */
export async function streamOnce(proxyUrl: string, signal?: AbortSignal): Promise<ClientOutcome> {
  const started = performance.now();
  const res = await postStream(proxyUrl, 'hi', signal);
  const body = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) {
    const json = JSON.parse(body) as { error: { type: string; message: string } };
    return { status: res.status, error: json.error, text: '', ms };
  }
  let text = '';
  let error: ClientOutcome['error'];
  for (const block of body.split('\n\n')) {
    const data = block.split('\n').find((line) => line.startsWith('data: '));
    if (!data) continue;
    const json = JSON.parse(data.slice(6)) as {
      type: string;
      delta?: { type: string; text?: string };
      error?: { type: string; message: string };
    };
    if (json.type === 'content_block_delta' && json.delta?.type === 'text_delta')
      text += json.delta.text ?? '';
    if (json.type === 'error') error = json.error;
  }
  return { status: res.status, text, ms, ...(error ? { error } : {}) };
}
