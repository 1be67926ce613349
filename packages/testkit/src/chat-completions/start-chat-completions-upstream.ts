import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { maskHeaders, maskValue, type RecordedRequest } from '../emulator/server/recorder.js';
import { turnChunks, turnCompletion } from './chat-chunks.js';
import { type ChatTurn, DEFAULT_CHAT_TEXT } from './chat-turn.js';
import { chatRequestProblem } from './validate-chat-request.js';

export interface StartChatCompletionsUpstreamOptions {
  /** Keys it accepts as `Authorization: Bearer <key>` (default: ["test-key"]); an empty list accepts any. */
  apiKeys?: string[];
  /** Model ids `GET /v1/models` lists and chat requests may name (default: ["test-model"]). */
  models?: string[];
  /** What `GET /v1/models` answers with, e.g. 404 for servers that have no model list (default 200). */
  modelsStatus?: number;
  /** Answer to a request when nothing is queued (default: a short text turn). */
  defaultTurn?: ChatTurn;
  /**
   * Refuse an assistant tool-call message without `reasoning_content`, as DeepSeek's thinking mode
   * does: a client must send back the reasoning of tool-call turns (default false).
   */
  requireReasoningReplay?: boolean;
}

export interface ChatCompletionsUpstream {
  /** `http://127.0.0.1:<port>/v1`: the base-url of an openai-compatibility entry. */
  baseUrl: string;
  port: number;
  /** Queue the answer of the next chat request (FIFO; empty queue → the default turn). */
  enqueue(...turns: ChatTurn[]): void;
  /** Requests received (Authorization masked; compare keys with testkit's `fingerprint`). */
  requests(filter?: { path?: string }): RecordedRequest[];
  /** Bodies of the chat requests that were accepted (status 200), in order. */
  chatBodies(): Array<Record<string, unknown>>;
  /** 400s it gave for malformed requests (each a sentence); should stay empty. */
  rejections(): string[];
  setModels(ids: string[]): void;
  reset(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const openAIError = (message: string, type: string, code: string | null, param: string | null = null) => ({
  error: { message, type, param, code },
});

/**
 * A scripted OpenAI Chat Completions server on loopback for testing OpenAI-compatible providers:
 * `POST /v1/chat/completions` (streamed or JSON; text, reasoning_content, parallel tool calls, usage;
 * faults: HTTP errors with Retry-After, cut streams, in-stream errors) and `GET /v1/models`. Its SSE is
 * checked against the official `openai` SDK's parser.
 */
export async function startChatCompletionsUpstream(
  options: StartChatCompletionsUpstreamOptions = {},
): Promise<ChatCompletionsUpstream> {
  const keys = options.apiKeys ?? ['test-key'];
  let models = options.models ?? ['test-model'];
  const queue: ChatTurn[] = [];
  let recorded: RecordedRequest[] = [];
  let accepted: Array<Record<string, unknown>> = [];
  let rejected: string[] = [];

  const authorized = (req: IncomingMessage) => {
    if (keys.length === 0) return true;
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    return m !== null && keys.includes(m[1]!.trim());
  };

  async function chat(res: ServerResponse, raw: unknown) {
    const problem = chatRequestProblem(raw, {
      requireReasoningReplay: options.requireReasoningReplay === true,
    });
    if (problem) {
      rejected.push(problem.message);
      return sendJson(
        res,
        400,
        openAIError(problem.message, 'invalid_request_error', null, problem.param ?? null),
      );
    }
    const body = raw as { model: string; stream?: boolean; stream_options?: { include_usage?: boolean } };
    if (!models.includes(body.model)) {
      return sendJson(
        res,
        404,
        openAIError(
          `The model \`${body.model}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        ),
      );
    }
    const turn = queue.shift() ?? options.defaultTurn ?? { text: DEFAULT_CHAT_TEXT };
    if (turn.httpError) {
      const e = turn.httpError;
      const headers: Record<string, string> =
        e.retryAfterSeconds !== undefined ? { 'retry-after': String(e.retryAfterSeconds) } : {};
      return sendJson(
        res,
        e.status,
        openAIError(e.message ?? `Scripted error ${e.status}`, e.type ?? 'server_error', e.code ?? null),
        headers,
      );
    }
    accepted.push(raw as Record<string, unknown>);
    const meta = {
      id: `chatcmpl-${randomBytes(9).toString('hex')}`,
      model: body.model,
      created: Math.floor(Date.now() / 1000),
    };
    if (!body.stream) return sendJson(res, 200, turnCompletion(turn, meta));
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const chunks = turnChunks(turn, { ...meta, includeUsage: body.stream_options?.include_usage === true });
    for (const [i, chunk] of chunks.entries()) {
      if (turn.cutAfterChunks !== undefined && i >= turn.cutAfterChunks) {
        res.socket?.destroy();
        return;
      }
      if (turn.delayMs) await sleep(turn.delayMs);
      if (res.destroyed) return;
      // Wait until each chunk is handed to the socket, so a scripted cut comes after what was sent.
      await new Promise<void>((resolve) => res.write(`data: ${JSON.stringify(chunk)}\n\n`, () => resolve()));
    }
    if (!turn.streamError) res.write('data: [DONE]\n\n');
    res.end();
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    recorded.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: {},
      headers: maskHeaders(
        Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        ),
      ),
      body: maskValue(body),
      status: 0,
      at: Date.now(),
    });
    const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
    const known = route === 'POST /v1/chat/completions' || route === 'GET /v1/models';
    if (!known)
      return sendJson(
        res,
        404,
        openAIError(
          `Unknown request URL: ${req.method} ${url.pathname}.`,
          'invalid_request_error',
          'unknown_url',
        ),
      );
    if (!authorized(req)) {
      return sendJson(
        res,
        401,
        openAIError(
          'Incorrect API key provided. You can find your API key in your account settings.',
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
    }
    if (route === 'GET /v1/models') {
      if (options.modelsStatus && options.modelsStatus !== 200)
        return sendJson(res, options.modelsStatus, openAIError('Not found', 'invalid_request_error', null));
      return sendJson(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'testkit' })),
      });
    }
    if (typeof body !== 'object' || body === null) {
      rejected.push('the body is not JSON');
      return sendJson(
        res,
        400,
        openAIError('We could not parse the JSON body of your request.', 'invalid_request_error', null),
      );
    }
    await chat(res, body);
  });
  server.keepAliveTimeout = 1000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    enqueue: (...turns) => void queue.push(...turns),
    requests: (filter) =>
      recorded.filter((r) => !filter?.path || r.path.endsWith(filter.path)).map((r) => structuredClone(r)),
    chatBodies: () => structuredClone(accepted),
    rejections: () => [...rejected],
    setModels(ids) {
      models = [...ids];
    },
    reset() {
      queue.length = 0;
      recorded = [];
      accepted = [];
      rejected = [];
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
