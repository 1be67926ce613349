import { setTimeout as sleep } from 'node:timers/promises';
import { CcsError, type ChatModel, type ChatRequest, type ChatStreamOptions, toCcsError } from '@ccs/core';
import {
  createSseDecoder,
  holdUntilFirstOutput,
  type KyInstance,
  parseRetryAfterSeconds,
  toUpstreamError,
} from '@ccs/provider-kit';
import type { ApiKeyAccountStore } from '../accounts/api-key-account-store.js';
import type { CompatibleModelCatalog } from '../models/compatible-model-catalog.js';
import { ChatCompletionsStreamMapper } from './chat-completions-stream-mapper.js';
import { mapChatRequest } from './map-chat-request.js';
import { type ErrorContext, parseErrorBody, toCompatibleError } from './openai-compatible-errors.js';

export interface CompatibleChatModelArgs {
  providerId: string;
  modelId: string;
  accountId: string;
  /** `<base-url>/chat/completions` */
  url: string;
  host: string;
  /** Headers from config.yaml (sent on every request). */
  headers: Record<string, string>;
  accounts: ApiKeyAccountStore;
  catalog: CompatibleModelCatalog;
  http: KyInstance;
  /** Delays before retrying a 5xx that came before any output (default 250 ms, 750 ms). */
  retryDelaysMs?: readonly number[];
}

const RETRY_DELAYS_MS = [250, 750] as const;

/**
 * A chat model of one OpenAI-compatible endpoint, bound to one API key. `stream()` resolves after
 * the first output (text, reasoning or a tool call) so that failures before it, including an error
 * reported inside a 200 stream, reject and the proxy can try another account.
 */
export function createCompatibleChatModel(args: CompatibleChatModelArgs): ChatModel {
  const retryDelays = args.retryDelaysMs ?? RETRY_DELAYS_MS;

  async function open(body: string, context: ErrorContext, apiKey: string, signal: AbortSignal | undefined) {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await args.http.post(args.url, {
          body,
          headers: {
            ...args.headers,
            authorization: `Bearer ${apiKey}`,
            'content-type': 'application/json',
            accept: 'text/event-stream',
          },
          signal,
          timeout: false,
          retry: 0,
          throwHttpErrors: false,
        });
      } catch (error) {
        throw await toUpstreamError(error, { url: args.url, service: args.host });
      }
      if (response.ok) return response;
      const text = await response.text().catch(() => '');
      const error = toCompatibleError(parseErrorBody(text), context, {
        status: response.status,
        retryAfterSeconds: parseRetryAfterSeconds(response.headers),
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

  async function stream(request: ChatRequest, options: ChatStreamOptions = {}) {
    const account = await args.accounts.credentialsOf(args.accountId);
    const context: ErrorContext = {
      providerId: args.providerId,
      host: args.host,
      accountLabel: account.nickname,
      keySource: account.source,
      // This chat model's id is the model: a `modelId` on the request (deprecated) never overrides it.
      modelId: args.modelId,
    };
    const mapped = mapChatRequest(request, {
      upstreamModel: args.catalog.upstreamName(args.modelId),
      ...(args.catalog.hasEffortControl(args.modelId) && request.effort
        ? { reasoningEffort: request.effort }
        : {}),
    });
    const response = await open(JSON.stringify(mapped.body), context, account.apiKey, options.signal);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    if (!response.body) throw new CcsError('UPSTREAM_ERROR', `${args.host} answered without a body.`);
    const reader = response.body.getReader();
    const decoder = createSseDecoder();
    const mapper = new ChatCompletionsStreamMapper(context);

    const feed = (events: ReturnType<typeof decoder.push>) => {
      for (const event of events) {
        if (mapper.terminated) return;
        if (event.data.trim() === '[DONE]') {
          mapper.done();
          continue;
        }
        let json: unknown;
        try {
          json = JSON.parse(event.data);
        } catch {
          continue; // keep-alive comments and the like; a real chunk is always JSON
        }
        mapper.handle(json);
      }
    };
    /** Reads one chunk (or the end) into the mapper. */
    const pump = async (): Promise<void> => {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (options.signal?.aborted) throw toCcsError(error);
        mapper.end(); // a cut connection: the mapper reports it unless the answer was complete
        return;
      }
      if (chunk.done) {
        feed(decoder.end());
        mapper.end();
      } else {
        feed(decoder.push(chunk.value));
      }
    };

    // Done, or the consumer stopped early (client gone): the upstream request is released either way.
    const parts = await holdUntilFirstOutput({ source: mapper, pump, release: () => reader.cancel() });
    return {
      stream: parts,
      responseHeaders: headers,
      warnings: mapped.warnings,
      servedModelId: args.modelId,
    };
  }

  return {
    specificationVersion: 'v1',
    providerId: args.providerId,
    modelId: args.modelId,
    stream,
  };
}
