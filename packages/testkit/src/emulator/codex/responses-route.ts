import { randomUUID } from 'node:crypto';
import { contentType, parseJson, type RouteContext, sendJson, setStatus } from '../server/http.js';
import type { EmulatorState } from '../state.js';
import { ApiRejection } from './api-errors.js';
import { authenticateBackend } from './backend-auth.js';
import { exhaustedWindowFault, httpFault, streamEvents } from './faults.js';
import { rateLimitHeaders } from './rate-limits.js';
import { writeSse } from './sse-writer.js';
import { buildTurnEvents } from './turn-events.js';
import { validateResponsesRequest } from './validate-request.js';

/** POST {base}/codex/responses: validates like the real backend, then streams the next scripted turn. */
export async function handleResponses(state: EmulatorState, ctx: RouteContext): Promise<void> {
  state.counters.responses++;
  const account = authenticateBackend(state, ctx);
  if (!account) return;
  const requestId = randomUUID();
  const common = { 'x-request-id': requestId, ...rateLimitHeaders(account) };

  let validated: ReturnType<typeof validateResponsesRequest>;
  try {
    if (contentType(ctx) !== 'application/json') {
      throw new ApiRejection(415, { detail: 'Content-Type must be application/json' });
    }
    const body = parseJson(ctx.rawBody);
    if (body === undefined) throw new ApiRejection(400, { detail: 'Invalid JSON body.' });
    validated = validateResponsesRequest(body, account.plan, state.issuedReasoning, state.catalog);
  } catch (e) {
    if (e instanceof ApiRejection) return sendJson(ctx, e.status, e.body, common);
    throw e;
  }

  const exhausted = exhaustedWindowFault(account);
  if (exhausted) return sendJson(ctx, exhausted.status, exhausted.body, { ...common, ...exhausted.headers });

  const turn = state.takeTurn(account.email) ?? {};
  const fault = httpFault(turn, account);
  if (fault && typeof fault.body === 'string') {
    setStatus(ctx, fault.status);
    ctx.res.writeHead(fault.status, { ...common, ...fault.headers });
    return void ctx.res.end(fault.body);
  }
  if (fault) return sendJson(ctx, fault.status, fault.body, { ...common, ...fault.headers });

  const built = buildTurnEvents(turn, validated);
  for (const blob of built.encryptedContents) state.issuedReasoning.add(blob);
  const events = streamEvents(turn, built);

  setStatus(ctx, 200);
  ctx.res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'openai-model': built.model,
    'x-models-etag': state.catalog.etag,
    // Sticky-routing token the Codex CLI echoes back within a turn.
    'x-codex-turn-state': ctx.headers['x-codex-turn-state'] ?? `ts_${randomUUID()}`,
    ...common,
  });
  ctx.res.flushHeaders();
  let closed = false;
  ctx.res.on('close', () => {
    closed = true;
  });
  await writeSse(ctx.res, events, {
    delayMs: turn.delayMsPerEvent,
    isClosed: () => closed || ctx.res.destroyed,
  });
  if (turn.fault === 'cut-stream' && turn.cutMode === 'destroy') ctx.res.destroy();
  else ctx.res.end();
}
