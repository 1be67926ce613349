import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CcsError, type ChatRequest, type ChatStreamResult, type EffortDecision } from '@ccs/core';
import {
  type DecodedAnthropicRequest,
  decodeAnthropicRequest,
} from '../anthropic/decode-anthropic-request.js';
import { collectAnthropicMessage } from '../anthropic/encode-anthropic-message.js';
import { AnthropicStreamEncoder, toAnthropicUsage } from '../anthropic/encode-anthropic-stream.js';
import { estimateInputTokens } from '../anthropic/estimate-tokens.js';
import { validateAnthropicRequest } from '../anthropic/validate-anthropic-request.js';
import { openWithFailover, type RouteAttempt } from '../routing/open-with-failover.js';
import { type ModelRoute, resolveModelRoute } from '../routing/resolve-model-route.js';
import { effortRequest } from '../routing/resolve-request-effort.js';
import { sendError, sendJson } from '../server/http-utils.js';
import { writeSse } from '../server/write-sse.js';
import type { ProxyContext } from './proxy-context.js';
import { withRequestHint } from './request-hints.js';
import { formatTrace, type RequestTrace, toChatWarnings } from './request-trace.js';

// Ids are unique per process run: a random prefix once, then a counter (randomUUID per request showed
// up in profiles under load).
const ID_PREFIX = randomBytes(6).toString('hex');
let idCounter = 0;
const nextId = () => `${ID_PREFIX}${(++idCounter).toString(36).padStart(8, '0')}`;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses and validates the body: malformed JSON or shapes are an Anthropic 400. */
export function parseMessagesBody(body: string, req: IncomingMessage): DecodedAnthropicRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new CcsError('INVALID_REQUEST', 'The request body is not valid JSON.');
  }
  return decodeAnthropicRequest(validateAnthropicRequest(json), {
    sessionId: header(req, 'x-claude-code-session-id'),
    agentId: header(req, 'x-claude-code-agent-id'),
  });
}

/** The neutral request for one try: the decoded body plus what routing and the policy decided. */
function toChatRequest(
  decoded: DecodedAnthropicRequest,
  route: ModelRoute,
  modelId: string,
  decision: EffortDecision,
  fast: boolean,
): ChatRequest {
  const request: ChatRequest = {
    modelId,
    system: decoded.system,
    messages: decoded.messages,
    tools: decoded.tools,
    effort: decision.effort,
    metadata: { requestId: nextId() },
  };
  if (decoded.webSearch) request.webSearch = decoded.webSearch;
  if (decoded.toolChoice) request.toolChoice = decoded.toolChoice;
  if (decoded.parallelToolCalls !== undefined) request.parallelToolCalls = decoded.parallelToolCalls;
  if (decoded.maxOutputTokens !== undefined) request.maxOutputTokens = decoded.maxOutputTokens;
  if (fast || decoded.fast) request.fast = true;
  if (decoded.reasoningSummary) request.reasoningSummary = decoded.reasoningSummary;
  if (decoded.sessionId) request.metadata.sessionId = decoded.sessionId;
  if (decoded.agentId) request.metadata.agentId = decoded.agentId;
  if (route.slot) request.metadata.slot = route.slot;
  return request;
}

/**
 * policy → provider for one account routing picked: the effort the model accepts, then the provider's
 * stream, resolved at its first output. Routing (openWithFailover) decides what happens on a failure.
 */
function attemptStream(
  ctx: ProxyContext,
  decoded: DecodedAnthropicRequest,
  route: ModelRoute,
  trace: RequestTrace,
  signal: AbortSignal,
) {
  const { provider } = route;
  return async ({ account, modelId }: RouteAttempt): Promise<ChatStreamResult> => {
    const decision = provider.effortPolicy.resolve(
      effortRequest({
        modelId,
        slot: route.slot,
        plan: account.plan,
        override: ctx.options.effortOverride,
        suffix: route.suffixEffort,
        client: decoded.effort,
      }),
    );
    trace.upstreamModel = modelId;
    trace.effort = decision;
    trace.account = account.nickname;
    trace.accountId = account.id;
    const result = await provider
      .chatModel(modelId, account)
      .stream(toChatRequest(decoded, route, modelId, decision, ctx.options.fast === true), { signal });
    trace.warnings.push(...toChatWarnings(decision.warnings), ...toChatWarnings(result.warnings));
    return result;
  };
}

export async function handleMessages(
  ctx: ProxyContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): Promise<void> {
  const trace: RequestTrace = {
    method: 'POST',
    path: '/v1/messages',
    startedAt: performance.now(),
    notes: [],
    warnings: [],
  };
  const controller = new AbortController();
  // A client that goes away aborts the upstream request at once.
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  try {
    let decoded: DecodedAnthropicRequest | undefined = parseMessagesBody(body, req);
    // An async function keeps its variables alive across every await: the request's bytes and parsed
    // tree are let go once the upstream stream is open, or each young-generation GC during the stream
    // copies them (a quarter of the proxy's CPU on a 1 MB request).
    body = '';
    const { model, stream } = decoded;
    trace.model = model;
    trace.sessionId = decoded.sessionId;
    const route = await resolveModelRoute(model, ctx.route);
    trace.provider = route.provider.id;
    trace.slot = route.slot;
    const estimatedInputTokens = stream ? estimateInputTokens(decoded) : 0;
    if (decoded.warnings) trace.warnings.push(...decoded.warnings);
    const { value: result } = await openWithFailover(
      ctx,
      route,
      trace.notes,
      controller.signal,
      attemptStream(ctx, decoded, route, trace, controller.signal),
    );
    decoded = undefined;
    const messageId = `msg_${nextId()}`;
    if (!stream) {
      const message = await collectAnthropicMessage(result.stream, { messageId, model });
      trace.usage = message.usage;
      trace.status = 200;
      sendJson(res, 200, message);
      return;
    }
    const encoder = new AnthropicStreamEncoder({ messageId, model, estimatedInputTokens });
    trace.status = 200;
    await writeSse(res, encoder, result.stream, controller.signal);
    if (encoder.usage) trace.usage = toAnthropicUsage(encoder.usage);
    trace.reasoningTokens = encoder.usage?.reasoningTokens;
    if (!encoder.usage && !controller.signal.aborted) trace.streamError = true;
  } catch (error) {
    const ccs = withRequestHint(error, trace.provider);
    trace.status = sendError(res, ccs);
    trace.error = ccs.code;
  } finally {
    if (controller.signal.aborted && trace.status === 200) trace.cancelled = true;
    if (ctx.trace) for (const line of formatTrace(trace)) ctx.trace(line);
    ctx.observers?.requestDone(trace);
  }
}
