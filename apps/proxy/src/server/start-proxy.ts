import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CcsError, DEFAULT_PROXY_HOST, usageError } from '@ccs/core/internal';
import { createDashboardHandler } from '../dashboard/handle-dashboard.js';
import { RequestLog } from '../dashboard/request-log.js';
import { dashboardUrl } from '../dashboard/start-dashboard.js';
import { handleCountTokens } from '../handlers/handle-count-tokens.js';
import { handleMessages } from '../handlers/handle-messages.js';
import { handleModels } from '../handlers/handle-models.js';
import type { ProxyContext } from '../handlers/proxy-context.js';
import { createRequestObservers } from '../handlers/request-observers.js';
import type { ProxyOptions, RunningProxy } from '../proxy-options.js';
import { AccountPool } from '../routing/account-pool.js';
import { createApiKeyCheck } from './check-api-key.js';
import { readBodyText, sendError, sendJson } from './http-utils.js';
import { listenError } from './listen-error.js';

const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}

/** The dashboard answers loopback names only: on a wildcard listener, point the browser at 127.0.0.1. */
function dashboardHost(host: string, urlHost: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : urlHost;
}

/**
 * Starts the Anthropic-compatible proxy. Loopback by default; every /v1 route requires the local
 * API key. Resolves once the server listens.
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  if (!options.apiKey || options.apiKey.trim().length === 0) {
    throw usageError(
      'The proxy needs a local API key.',
      'Set api-keys in config.yaml or let ccs generate one.',
    );
  }
  const host = options.host?.trim() || DEFAULT_PROXY_HOST;
  const defaultProviderId = options.defaultProviderId ?? options.providers.keys().next().value;
  if (defaultProviderId === undefined || !options.providers.has(defaultProviderId)) {
    throw new CcsError('PLUGIN_NOT_FOUND', `The provider "${defaultProviderId ?? ''}" is not loaded.`);
  }
  if (!isLoopback(host)) options.logger?.warn(`proxy listening on ${host}: reachable from other machines`);
  const checkKey = createApiKeyCheck(options.apiKey);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // The dashboard's live request log: the same lines --verbose prints (never a secret).
  const requestLog = options.dashboard ? new RequestLog() : undefined;
  const trace =
    requestLog && options.trace
      ? (line: string) => {
          options.trace?.(line);
          requestLog.push(line);
        }
      : (options.trace ?? (requestLog ? (line: string) => requestLog.push(line) : undefined));
  const pool = new AccountPool(options.routing?.strategy ?? 'failover', options.accountId);
  const observers = createRequestObservers(options, pool, options.providers.get(defaultProviderId)!);
  const ctx: ProxyContext = {
    // A copy: setModels replaces the effort override in it, never in the caller's object.
    options: { ...options },
    route: {
      providers: options.providers,
      defaultProviderId,
      models: options.models ?? {},
      ...(options.unavailableProviders ? { unavailable: options.unavailableProviders } : {}),
    },
    pool,
    fallbacks: new Map(),
    trace,
    observers,
    notice: options.notice ?? ((line) => options.logger?.warn(line)),
    logger: options.logger,
    defaultProvider: () => options.providers.get(defaultProviderId)!,
  };

  const dashboard = options.dashboard
    ? createDashboardHandler({
        ...(options.ledgerDir ? { ledgerDir: options.ledgerDir } : {}),
        ...options.dashboard,
        providers: options.providers,
        ...(requestLog ? { requestLog } : {}),
      })
    : undefined;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q); // ?beta=true and the like are accepted and ignored
    const method = req.method ?? 'GET';
    // Connectivity probes (Claude Code sends HEAD /api/hello at start): answered on any path, without
    // the key, and with no body, so they reveal nothing.
    if (method === 'HEAD') {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' }).end();
      return;
    }
    if (dashboard && (await dashboard(req, res))) return; // /dashboard and /api/dashboard/*: its own token
    if (path === '/' && method === 'GET') {
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end('ccs proxy: Anthropic Messages API on /v1/messages\n');
      return;
    }
    if (path === '/health' && method === 'GET') return sendJson(res, 200, { status: 'ok' });
    if (!checkKey(req.headers)) {
      req.resume();
      sendError(
        res,
        new CcsError('AUTH_FAILED', 'Invalid or missing API key.', {
          suggestion: 'Send the key from config.yaml (api-keys) as x-api-key or Authorization: Bearer.',
        }),
        { clientKey: true },
      );
      return;
    }
    if (method === 'POST' && path === '/v1/messages') {
      return handleMessages(ctx, req, res, await readBodyText(req, maxBody));
    }
    if (method === 'POST' && path === '/v1/messages/count_tokens') {
      return handleCountTokens(req, res, await readBodyText(req, maxBody));
    }
    if (method === 'GET' && path === '/v1/models') return handleModels(ctx, res);
    req.resume();
    sendError(res, new CcsError('NOT_FOUND', `No route for ${method} ${path}.`));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error) => {
      if (!res.headersSent) sendError(res, error);
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;
  // Long thinking turns must not be cut by Node's default request timeout.
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, options.port)));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await observers?.start();
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    ...(options.dashboard
      ? {
          dashboardUrl: dashboardUrl(
            `http://${dashboardHost(host, urlHost)}:${port}`,
            options.dashboard.token,
          ),
        }
      : {}),
    setModels(models, effortOverride) {
      ctx.route = { ...ctx.route, models };
      ctx.options = { ...ctx.options, effortOverride };
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await observers?.close();
    },
  };
}
