import type { IncomingMessage, ServerResponse } from 'node:http';
import { CcsError, toCcsError } from '@ccs/core';
import { readBody } from '../server/http-utils.js';
import { type AccountAction, accountActionSchema, applyAccountAction } from './dashboard-accounts.js';
import { catalogView } from './dashboard-catalog.js';
import { hasDashboardToken, isLoopbackRequest, isSameOriginWrite } from './dashboard-guard.js';
import { streamRequestLog } from './dashboard-log-stream.js';
import { DashboardLoginJobs, loginRequestSchema, pasteRequestSchema } from './dashboard-login.js';
import { DASHBOARD_API_PREFIX, DASHBOARD_PATH, type DashboardHandlerOptions } from './dashboard-options.js';
import { DASHBOARD_CSP, DASHBOARD_HTML } from './dashboard-page.js';
import { applySlotEdit, slotEditSchema } from './dashboard-slot-edit.js';
import { buildDashboardState } from './dashboard-state.js';
import { dashboardUsage } from './dashboard-usage.js';

/** Answers the request when it is the dashboard's (resolves true), or leaves it alone (false). */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** POST /api/dashboard/<action>: every write the page can make. */
const ACCOUNT_ACTIONS = new Set(['default', 'rename', 'logout']);

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

function send(res: ServerResponse, status: number, type: string, body: string, extra = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...SECURITY_HEADERS,
    ...extra,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  });
}

function sendProblem(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

export function createDashboardHandler(options: DashboardHandlerOptions): DashboardHandler {
  if (options.token.length < 16) throw new CcsError('INTERNAL', 'The dashboard token is too short.');

  const logins = options.login ? new DashboardLoginJobs(options.login) : undefined;

  async function readJson(req: IncomingMessage, res: ServerResponse, limit = 4096): Promise<unknown> {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      sendProblem(res, 415, 'INVALID_REQUEST', 'Send a JSON body.');
      return undefined;
    }
    try {
      return JSON.parse((await readBody(req, limit)).toString('utf8'));
    } catch {
      sendProblem(res, 400, 'INVALID_REQUEST', 'The body is not JSON.');
      return undefined;
    }
  }

  async function startLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!logins) {
      req.resume();
      return sendProblem(
        res,
        404,
        'NOT_FOUND',
        'Signing in from this page is not available here; use ccs <provider> --auth.',
      );
    }
    const json = await readJson(req, res, 16_384);
    if (json === undefined) return;
    const parsed = loginRequestSchema.safeParse(json);
    if (!parsed.success)
      return sendProblem(
        res,
        400,
        'INVALID_REQUEST',
        'Expected {"provider": "…", "method": "browser" | "device" | "api-key"} (and "apiKey" with "api-key").',
      );
    if (!options.providers.has(parsed.data.provider))
      return sendProblem(res, 404, 'NOT_FOUND', `No provider "${parsed.data.provider}"; reload the page.`);
    sendJson(res, 200, await logins.start(parsed.data));
  }

  /** POST login/paste: the address a browser sign-in ended on, for a callback the browser could not reach. */
  async function pasteLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = await readJson(req, res, 16_384);
    if (json === undefined) return;
    const parsed = pasteRequestSchema.safeParse(json);
    if (!parsed.success)
      return sendProblem(res, 400, 'INVALID_REQUEST', 'Expected {"id": "<sign-in id>", "url": "<address>"}.');
    if (!logins?.paste(parsed.data.id, parsed.data.url))
      return sendProblem(res, 409, 'CONFLICT', 'That sign-in is no longer waiting; start it again.');
    sendJson(res, 200, { ok: true });
  }

  async function editModels(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = await readJson(req, res);
    if (json === undefined) return;
    const parsed = slotEditSchema.safeParse(json);
    if (!parsed.success)
      return sendProblem(
        res,
        400,
        'INVALID_REQUEST',
        'Expected {"provider", "slot": "default" | "opus" | "sonnet" | "haiku", "model", "effort": "…" | null}, or {"provider", "effort"} for the default effort.',
      );
    sendJson(res, 200, await applySlotEdit(options.providers, options.saveSlotModels, parsed.data));
  }

  /** Every write: the token was checked; it must also come from the page itself (CSRF). */
  async function write(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!isSameOriginWrite(req.headers)) {
      req.resume();
      return sendProblem(res, 403, 'FORBIDDEN', 'Changes are only accepted from the dashboard page itself.');
    }
    const action = path.slice(DASHBOARD_API_PREFIX.length);
    if (action === 'login') return startLogin(req, res);
    if (action === 'login/paste') return pasteLogin(req, res);
    if (action === 'models') return editModels(req, res);
    if (ACCOUNT_ACTIONS.has(action)) return accountAction(req, res, action);
    req.resume();
    if (action === 'login/cancel') {
      logins?.cancel();
      return sendJson(res, 200, { ok: true });
    }
    sendProblem(res, 404, 'NOT_FOUND', `No dashboard route for POST ${path}.`);
  }

  async function accountAction(req: IncomingMessage, res: ServerResponse, action: string): Promise<void> {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return sendProblem(res, 415, 'INVALID_REQUEST', 'Send a JSON body.');
    }
    let body: AccountAction;
    try {
      const json = JSON.parse((await readBody(req, 4096)).toString('utf8')) as Record<string, unknown>;
      body = accountActionSchema.parse({ ...json, action });
    } catch {
      return sendProblem(
        res,
        400,
        'INVALID_REQUEST',
        'Expected {"provider": "…", "account": "…"} (and "nickname" to rename).',
      );
    }
    sendJson(res, 200, await applyAccountAction(options.providers, body));
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const isPage = path === DASHBOARD_PATH || path === `${DASHBOARD_PATH}/`;
    if (!isPage && !path.startsWith(DASHBOARD_API_PREFIX)) return false;
    if (!isLoopbackRequest(req.headers)) {
      req.resume();
      sendProblem(res, 403, 'FORBIDDEN', 'The dashboard answers only loopback hosts and origins.');
      return true;
    }
    if (isPage) {
      req.resume();
      if (method !== 'GET') sendProblem(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET.');
      else
        send(res, 200, 'text/html; charset=utf-8', DASHBOARD_HTML, {
          'content-security-policy': DASHBOARD_CSP,
        });
      return true;
    }
    if (!hasDashboardToken(req.headers, options.token)) {
      req.resume();
      sendProblem(res, 401, 'AUTH_FAILED', 'Missing or wrong dashboard token; open the URL ccs printed.');
      return true;
    }
    try {
      if (method === 'GET' && path === `${DASHBOARD_API_PREFIX}state`) {
        req.resume();
        const refresh = url.searchParams.get('refresh') === '1';
        sendJson(res, 200, await buildDashboardState(options, refresh));
      } else if (method === 'GET' && path === `${DASHBOARD_API_PREFIX}usage`) {
        req.resume();
        sendJson(res, 200, await dashboardUsage(options.ledgerDir, options.now?.()));
      } else if (method === 'GET' && path === `${DASHBOARD_API_PREFIX}log`) {
        streamRequestLog(req, res, options.requestLog, SECURITY_HEADERS);
      } else if (method === 'GET' && path === `${DASHBOARD_API_PREFIX}login`) {
        req.resume();
        sendJson(res, 200, { job: logins?.view() ?? null, available: logins !== undefined });
      } else if (method === 'GET' && path === `${DASHBOARD_API_PREFIX}catalog`) {
        req.resume();
        const provider = options.providers.get(url.searchParams.get('provider') ?? '');
        if (!provider) sendProblem(res, 404, 'NOT_FOUND', 'No such provider; reload the page.');
        else sendJson(res, 200, await catalogView(provider));
      } else if (method === 'POST') {
        await write(req, res, path);
      } else {
        req.resume();
        sendProblem(res, 404, 'NOT_FOUND', `No dashboard route for ${method} ${path}.`);
      }
    } catch (error) {
      const e = toCcsError(error);
      // The suggestion is part of the answer (e.g. the closest model names); never a stack.
      const message = e.suggestion ? `${e.message} ${e.suggestion}` : e.message;
      if (!res.headersSent) sendProblem(res, e.status, e.code, message);
      else res.end();
    }
    return true;
  };
}
