import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { handleAuthorize } from '../auth/authorize-route.js';
import { handleDeviceToken, handleUserCode } from '../auth/device-routes.js';
import { handleRevoke } from '../auth/revoke-route.js';
import { handleToken } from '../auth/token-route.js';
import { handleModels, handleUsage } from '../codex/catalog-routes.js';
import { handleResponses } from '../codex/responses-route.js';
import type { EmulatorControl } from '../control.js';
import type { EmulatorState } from '../state.js';
import { handleAdmin } from './admin-routes.js';
import { flatHeaders, parseForm, parseJson, type RouteContext, sendHtml, sendJson } from './http.js';
import { maskHeaders, maskQuery, maskValue } from './recorder.js';

type Handler = (state: EmulatorState, ctx: RouteContext) => void | Promise<void>;

const ROUTES: Record<string, Handler> = {
  'GET /oauth/authorize': handleAuthorize,
  'POST /oauth/token': handleToken,
  'POST /oauth/revoke': handleRevoke,
  'POST /api/accounts/deviceauth/usercode': handleUserCode,
  'POST /api/accounts/deviceauth/token': handleDeviceToken,
  // The verification page users are sent to; approval itself follows setDeviceBehavior.
  'GET /codex/device': (_state, ctx) =>
    sendHtml(ctx, 200, 'Sign in to Codex with a device code', 'Enter the code shown in your terminal.'),
  'POST /backend-api/codex/responses': handleResponses,
  'GET /backend-api/codex/models': handleModels,
  'GET /backend-api/wham/usage': handleUsage,
};

function decode(buf: Buffer, encoding: string | undefined): string {
  switch ((encoding ?? 'identity').toLowerCase()) {
    case 'identity':
      return buf.toString('utf8');
    case 'gzip':
      return gunzipSync(buf).toString('utf8');
    case 'deflate':
      return inflateSync(buf).toString('utf8');
    case 'br':
      return brotliDecompressSync(buf).toString('utf8');
    default:
      throw new Error(`unsupported content-encoding ${encoding}`);
  }
}

function recordedBody(raw: string, type: string): unknown {
  if (raw === '') return undefined;
  if (type.startsWith('application/x-www-form-urlencoded')) return maskValue(parseForm(raw));
  const json = parseJson(raw);
  return json === undefined ? raw : maskValue(json);
}

export function createRequestListener(state: EmulatorState, control: EmulatorControl) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = flatHeaders(req);
    const ctx: RouteContext = {
      req,
      res,
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers,
      rawBody: '',
      record: undefined,
    };
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      try {
        ctx.rawBody = decode(Buffer.concat(chunks), headers['content-encoding']);
      } catch {
        return sendJson(ctx, 415, { detail: 'Unsupported Content-Encoding.' });
      }
      if (ctx.path.startsWith('/__emulator/')) {
        if (!handleAdmin(control, ctx)) sendJson(ctx, 404, { error: 'unknown admin route' });
        return;
      }
      ctx.record = state.recorder.add({
        method: ctx.method,
        path: ctx.path,
        query: maskQuery(url.searchParams),
        headers: maskHeaders(headers),
        body: recordedBody(ctx.rawBody, headers['content-type'] ?? ''),
        status: 0,
        at: Date.now(),
      });
      const handler = ROUTES[`${ctx.method} ${ctx.path}`];
      if (!handler) {
        const known = Object.keys(ROUTES).some((k) => k.endsWith(` ${ctx.path}`));
        return sendJson(ctx, known ? 405 : 404, { detail: known ? 'Method Not Allowed' : 'Not Found' });
      }
      await handler(state, ctx);
    } catch (e) {
      if (!res.headersSent)
        sendJson(ctx, 500, { detail: `emulator error: ${e instanceof Error ? e.message : e}` });
      else res.destroy();
    }
  };
}
