import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AccountInfo,
  CcsError,
  type ChatModel,
  type ChatStreamOptions,
  type ChatStreamResult,
  type ModelInfo,
} from '@ccs/core';
import { createSseDecoder, holdUntilFirstOutput, jsonBytes } from '@ccs/provider-kit';
import type { CodexCredentialSource } from '../auth/codex-credential-source.js';
import { codexRequestHeaders } from '../codex-headers.js';
import type { CodexOptions } from '../codex-options.js';
import { codexErrorToCcsError, parseUpstreamErrorBody } from './codex-errors.js';
import { codexSessionKey } from './codex-session-key.js';
import { postToCodex, type UpstreamResponse } from './codex-transport.js';
import { type BoundChatRequest, type MappedChatRequest, mapChatRequest } from './map-chat-request.js';
import { assertModelAcceptsInput } from './model-request-params.js';
import { ResponsesStreamMapper } from './responses-stream-mapper.js';

export interface CreateCodexChatModelArgs {
  modelId: string;
  account: AccountInfo;
  credentials: CodexCredentialSource;
  /** The catalog's entry for a model id (request parameters, input kinds). */
  modelInfo?: (modelId: string) => ModelInfo | undefined;
  /** A model that accepts images, named when a text-only model is sent one. */
  imageModel?: () => string | undefined;
  options: CodexOptions;
  onResponseHeaders?: (accountId: string, headers: Record<string, string>) => void;
  fetch?: typeof fetch;
  /** Delays before retrying a 5xx that came before any byte of output (default 250 ms, 750 ms). */
  retryDelaysMs?: readonly number[];
  now?: () => number;
}

const DEFAULT_RETRY_DELAYS_MS = [250, 750] as const;

function networkError(error: unknown, signal: AbortSignal | undefined): CcsError {
  if (signal?.aborted)
    return new CcsError('CANCELLED', 'The request was cancelled by the client.', { cause: error });
  if (CcsError.isInstance(error)) return error;
  return new CcsError('NETWORK_ERROR', 'Could not reach the Codex backend.', {
    cause: error,
    suggestion: 'Check your internet connection (and CCS_CODEX_BASE_URL if you set it).',
  });
}

/**
 * A chat model bound to one Codex account: maps the neutral request to a Responses request, POSTs
 * it to `{baseUrl}/codex/responses` with fresh credentials, and streams neutral parts back.
 * `stream()` resolves only after the first real output, so a failure hidden inside a 200 stream
 * (usage limit, overload) still rejects and the proxy can fail over to another account.
 */
export function createCodexChatModel(args: CreateCodexChatModelArgs): ChatModel {
  const url = `${args.options.baseUrl.replace(/\/+$/, '')}/codex/responses`;
  const accountLabel = args.account.nickname || args.account.email || args.account.id;
  const retryDelays = args.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;

  async function post(body: Buffer, sessionKey: string, signal: AbortSignal | undefined, rejected?: string) {
    const identity = await args.credentials.getCredentials(
      args.account.id,
      rejected === undefined ? { signal } : { forceRefresh: true, rejectedAccessToken: rejected, signal },
    );
    const token = identity.accessToken;
    const headers = codexRequestHeaders(identity, args.options, {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      'session-id': sessionKey,
    });
    return {
      response: await postToCodex(url, headers, body, signal, args.fetch, args.options.streamIdleTimeoutMs),
      token,
    };
  }

  async function open(mapped: MappedChatRequest, request: BoundChatRequest, signal: AbortSignal | undefined) {
    const body = jsonBytes(mapped.body);
    const sessionKey = mapped.body.prompt_cache_key;
    let refreshed = false;
    let rejected: string | undefined;
    let lastToken = '';
    for (let attempt = 0; ; attempt++) {
      let response: UpstreamResponse;
      try {
        ({ response, token: lastToken } = await post(body, sessionKey, signal, rejected));
      } catch (error) {
        throw networkError(error, signal);
      }
      const headers = response.headers;
      args.onResponseHeaders?.(args.account.id, headers);
      if (response.ok) return { response, headers };
      const text = await response.text().catch(() => '');
      if (response.status === 401 && !refreshed) {
        refreshed = true; // the token may have been revoked or rotated: refresh once and retry
        rejected = lastToken;
        continue;
      }
      const error = codexErrorToCcsError(parseUpstreamErrorBody(text), {
        status: response.status,
        modelId: request.modelId,
        accountLabel,
        retryAfterHeader: response.headers['retry-after'],
        now: args.now,
      });
      const delay = retryDelays[attempt];
      if (response.status >= 500 && delay !== undefined) {
        // An abort during the pause rejects with an AbortError (the caller reports CANCELLED).
        await sleep(delay, undefined, signal ? { signal } : undefined);
        continue;
      }
      throw error;
    }
  }

  async function start(request: BoundChatRequest, options: ChatStreamOptions, dropReasoning: boolean) {
    const model = args.modelInfo?.(request.modelId);
    assertModelAcceptsInput(request, model, args.imageModel?.());
    const mapped = mapChatRequest(request, {
      reasoningSummary: args.options.reasoningSummary,
      promptCacheKey: codexSessionKey(request),
      dropReasoning,
      ...(model ? { model } : {}),
    });
    const { response, headers } = await open(mapped, request, options.signal);
    const mapper = new ResponsesStreamMapper({
      toolNames: mapped.toolNames,
      modelId: request.modelId,
      accountLabel,
      now: args.now,
    });
    const reader = response.reader();
    const decoder = createSseDecoder();

    const feed = (events: ReturnType<typeof decoder.push>) => {
      for (const event of events) {
        if (event.data === '[DONE]') continue;
        let json: unknown;
        try {
          json = JSON.parse(event.data);
        } catch {
          continue; // the Codex CLI skips lines that fail to parse, and so do we
        }
        if (json !== null && typeof json === 'object') mapper.handle(json as Record<string, unknown>);
        if (mapper.terminated) return;
      }
    };
    /** Reads until the mapper has produced something (or the body ended); false at the end. */
    const pump = async (): Promise<boolean> => {
      while (!mapper.terminated) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (options.signal?.aborted) throw networkError(error, options.signal);
          if (CcsError.isInstance(error) && error.code === 'TIMEOUT') throw error; // idle upstream: say so
          mapper.end();
          return true;
        }
        if (chunk.done) {
          feed(decoder.end());
          mapper.end();
          return true;
        }
        feed(decoder.push(chunk.value));
        if (mapper.out.length > 0 && mapper.hasOutput) return true;
      }
      return false;
    };

    // Hold everything back until the first real output: an error before it rejects stream().
    const stream = await holdUntilFirstOutput({
      source: mapper,
      pump,
      // A complete answer lets the keep-alive connection be reused; a consumer that stopped early
      // (client gone) releases the upstream request at once.
      release: (completed) => (completed && !options.signal?.aborted ? reader.drain() : reader.cancel()),
    });
    const result: ChatStreamResult = { stream, responseHeaders: headers, warnings: mapped.warnings };
    const served = headers['openai-model'];
    if (served) result.servedModelId = served;
    return result;
  }

  return {
    specificationVersion: 'v1',
    providerId: 'codex',
    modelId: args.modelId,
    async stream(unbound, options = {}) {
      // This chat model's id is the model: a `modelId` on the request (deprecated) never overrides it.
      const request: BoundChatRequest =
        unbound.modelId === args.modelId
          ? (unbound as BoundChatRequest)
          : { ...unbound, modelId: args.modelId };
      try {
        return await start(request, options, false);
      } catch (error) {
        // A replayed reasoning blob the backend cannot verify: drop replayed reasoning, retry once.
        if (CcsError.isInstance(error) && error.details?.reason === 'thinking_signature_invalid') {
          const retry = await start(request, options, true);
          retry.warnings.push({
            type: 'other',
            message: 'replayed reasoning was rejected upstream and left out',
          });
          return retry;
        }
        throw error;
      }
    },
  };
}
