import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CcsError } from '@ccs/core';
import { DASHBOARD_PATH, type DashboardHandlerOptions } from './dashboard-options.js';
import { createDashboardHandler } from './handle-dashboard.js';

export interface RunningDashboard {
  /** The URL to open: `http://127.0.0.1:<port>/dashboard#token=…` (the token stays in the fragment). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A fresh per-run dashboard token: 32 random bytes, URL-safe. */
export function newDashboardToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The page URL for a server at `baseUrl` (e.g. http://127.0.0.1:8317) with its token. */
export function dashboardUrl(baseUrl: string, token: string): string {
  return `${baseUrl}${DASHBOARD_PATH}#token=${token}`;
}

/** `ccs dashboard`: a server on 127.0.0.1 that serves only the dashboard. */
export async function startDashboard(
  options: Omit<DashboardHandlerOptions, 'token'> & { port?: number; token?: string },
): Promise<RunningDashboard> {
  const token = options.token ?? newDashboardToken();
  const handle = createDashboardHandler({ ...options, token });
  const server = createServer((req, res) => {
    handle(req, res)
      .then((handled) => {
        if (handled) return;
        req.resume();
        if (req.url === '/' && req.method === 'GET') {
          res.writeHead(302, { location: DASHBOARD_PATH, 'cache-control': 'no-store' }).end();
        } else {
          res
            .writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' })
            .end('Not found\n');
        }
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new CcsError('USAGE', `Port ${options.port} on 127.0.0.1 is already in use.`, {
              suggestion: 'Pick another with --port, or leave it out for any free port.',
            })
          : error,
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: dashboardUrl(`http://127.0.0.1:${port}`, token),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
