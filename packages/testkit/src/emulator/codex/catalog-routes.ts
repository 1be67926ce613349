import { type RouteContext, sendJson, setStatus } from '../server/http.js';
import type { EmulatorState } from '../state.js';
import { authenticateBackend } from './backend-auth.js';
import { usageBody } from './rate-limits.js';

/** GET {base}/codex/models?client_version=X.Y.Z: the catalog for the account's plan and the client's version. */
export function handleModels(state: EmulatorState, ctx: RouteContext) {
  state.counters.modelsRequests++;
  const account = authenticateBackend(state, ctx);
  if (!account) return;
  const version = ctx.query.get('client_version');
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    return sendJson(ctx, 400, { detail: 'client_version query parameter must be a version like 0.169.0' });
  }
  const etag = state.catalog.etag;
  if (ctx.headers['if-none-match'] === etag) {
    setStatus(ctx, 304);
    ctx.res.writeHead(304, { etag });
    return void ctx.res.end();
  }
  sendJson(ctx, 200, { models: state.catalog.listFor(account.plan, version) }, { etag });
}

/** GET {base}/wham/usage: the account's quota windows (research §4.3). */
export function handleUsage(state: EmulatorState, ctx: RouteContext) {
  state.counters.usageRequests++;
  const account = authenticateBackend(state, ctx);
  if (!account) return;
  sendJson(ctx, 200, usageBody(account));
}
