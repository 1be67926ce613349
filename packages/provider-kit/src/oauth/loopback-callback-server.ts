import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { CcsError } from '@ccs/core';
import { errorPage, type PageContent, successPage } from './html-pages.js';
import { type RedirectParams, redirectParamsFromUrl } from './redirect-params.js';

export interface CallbackServerOptions {
  /** Ports to try in order (e.g. [1455, 1457]); 0 means any free port. */
  ports: readonly number[];
  /** The `state` sent on the authorize URL; callbacks without it are refused. */
  expectedState: string;
  /** Path of the callback route (default /auth/callback). */
  callbackPath?: string;
  /** Host name used in the redirect URI (default localhost; the socket is always bound to 127.0.0.1). */
  redirectHost?: string;
  /** Bind attempts per port while it is busy (default 10), `bindRetryMs` apart (default 200). */
  bindAttempts?: number;
  bindRetryMs?: number;
  /** Give up waiting for the callback after this long. */
  timeoutMs?: number;
  /** The error the wait rejects with on timeout (default a LOGIN_TIMEOUT CcsError). */
  timeoutError?: () => Error;
  signal?: AbortSignal;
  /** Page content for a callback that carries an OAuth error (default: the error and its description). */
  describeError?: (params: RedirectParams) => PageContent;
  /** A browser whose callback is being processed waits at most this long for finish() (default 60 s). */
  finishTimeoutMs?: number;
}

export type CallbackOutcome = { ok: true; page?: PageContent } | { ok: false; page: PageContent };

export interface SubmitResult {
  accepted: boolean;
  /** Why it was refused (safe to show; never contains the submitted values). */
  reason?: string;
}

export interface LoopbackCallbackServer {
  /** The port actually bound. */
  readonly port: number;
  /** http://<redirectHost>:<port><callbackPath> */
  readonly redirectUri: string;
  /**
   * Resolves with the first callback whose state matches and that carries a code. Rejects with a
   * LOGIN_FAILED CcsError for an OAuth error (e.g. access_denied), on timeout, or CANCELLED on abort.
   */
  readonly result: Promise<{ code: string; state: string }>;
  /** Offers parameters that arrived another way (a pasted redirect URL); same checks as the HTTP route. */
  submit(params: RedirectParams): SubmitResult;
  /** Answers the waiting browser (if the code came through HTTP) once the code has been used. */
  finish(outcome: CallbackOutcome): void;
  close(): Promise<void>;
}

const STATE_MISMATCH: PageContent = {
  title: 'Sign-in link not recognised',
  message: 'This sign-in response does not belong to the login that is waiting (state mismatch).',
  code: 'state_mismatch',
  help: 'Go back to the terminal and open the sign-in link it shows. The login is still waiting.',
};

function defaultDescribeError(params: RedirectParams): PageContent {
  return {
    title: 'Sign-in failed',
    message: params.errorDescription ?? params.error ?? 'The sign-in did not complete.',
    code: params.error,
    help: 'Return to the terminal for details.',
  };
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The code has been used; the page must not be reachable from other origins or kept around.
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(html);
}

async function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: '127.0.0.1', exclusive: true });
  });
}

/**
 * Binds the first free port of `ports` on 127.0.0.1, retrying a busy port a few times (a previous login
 * may be shutting down). It never touches whoever holds a port: if all are busy it fails with a message.
 */
async function bindFirstFree(server: Server, options: CallbackServerOptions): Promise<number> {
  const attempts = Math.max(1, options.bindAttempts ?? 10);
  const retryMs = options.bindRetryMs ?? 200;
  const ports = [...new Set(options.ports)];
  for (const port of ports) {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (options.signal?.aborted) throw new CcsError('CANCELLED', 'Sign-in was cancelled.');
      try {
        return await listenOn(server, port);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
        if (code === 'EACCES' || attempt === attempts) break;
        await sleep(retryMs);
      }
    }
  }
  throw new CcsError(
    'LOGIN_FAILED',
    `Could not start the sign-in callback server: port${ports.length > 1 ? 's' : ''} ${ports.join(' and ')} ${ports.length > 1 ? 'are' : 'is'} in use by another program.`,
    {
      suggestion:
        'Finish or cancel the other sign-in (another ccs or codex login), or sign in with a device code.',
      details: { ports },
    },
  );
}

/** Starts a loopback OAuth callback server and waits for the redirect with the right `state`. */
export async function startCallbackServer(options: CallbackServerOptions): Promise<LoopbackCallbackServer> {
  const callbackPath = options.callbackPath ?? '/auth/callback';
  const describeError = options.describeError ?? defaultDescribeError;
  let resolveResult!: (value: { code: string; state: string }) => void;
  let rejectResult!: (error: Error) => void;
  const result = new Promise<{ code: string; state: string }>((res, rej) => {
    resolveResult = res;
    rejectResult = rej;
  });
  result.catch(() => {}); // the caller may close before awaiting; avoid an unhandled rejection
  let settled = false;
  let waiting: ServerResponse | undefined;
  let waitingTimer: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;

  const settle = (outcome: { code: string; state: string } | Error) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (outcome instanceof Error) rejectResult(outcome);
    else resolveResult(outcome);
  };

  /** Shared by the HTTP route and pasted URLs: state first, so nobody can end a login without it. */
  const consider = (params: RedirectParams): { status: number; page?: PageContent } => {
    if (settled)
      return { status: 409, page: { title: 'Sign-in already finished', message: 'You can close this tab.' } };
    if (params.state === undefined || params.state !== options.expectedState)
      return { status: 400, page: STATE_MISMATCH };
    if (params.error !== undefined) {
      const page = describeError(params);
      settle(
        new CcsError('LOGIN_FAILED', `Sign-in failed: ${page.message}`, { details: { error: params.error } }),
      );
      return { status: 200, page };
    }
    if (params.code === undefined) {
      const page: PageContent = {
        title: 'Sign-in failed',
        message: 'The sign-in response carried no authorization code.',
        code: 'missing_authorization_code',
      };
      settle(new CcsError('LOGIN_FAILED', 'Sign-in failed: the response carried no authorization code.'));
      return { status: 400, page };
    }
    settle({ code: params.code, state: params.state });
    return { status: 200 };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let url: URL | undefined;
    try {
      // Prefixed, not resolved against a base: "//host/…" must stay a path, not become another host.
      url = new URL(`http://127.0.0.1${req.url ?? '/'}`);
    } catch {
      url = undefined; // not a URL at all: answered as not found, never an uncaught error
    }
    if (req.method !== 'GET' || url?.pathname !== callbackPath) {
      send(res, 404, errorPage({ title: 'Not found', message: 'This is the ccs sign-in callback server.' }));
      return;
    }
    const verdict = consider(redirectParamsFromUrl(url));
    if (verdict.page) {
      send(res, verdict.status, errorPage(verdict.page));
      return;
    }
    // Hold the browser until the code has been exchanged, so the page tells the truth.
    waiting = res;
    waitingTimer = setTimeout(() => answerWaiting({ ok: true }), options.finishTimeoutMs ?? 60_000);
    waitingTimer.unref();
  });
  server.keepAliveTimeout = 1_000;

  const answerWaiting = (outcome: CallbackOutcome) => {
    clearTimeout(waitingTimer);
    const res = waiting;
    waiting = undefined;
    if (!res || res.writableEnded) return;
    if (outcome.ok) {
      send(
        res,
        200,
        successPage(
          outcome.page ?? {
            title: 'Signed in',
            message: 'You can close this tab and return to the terminal.',
          },
        ),
      );
    } else send(res, 200, errorPage(outcome.page));
  };

  const onAbort = () => settle(new CcsError('CANCELLED', 'Sign-in was cancelled.'));
  const port = await bindFirstFree(server, options);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.timeoutMs !== undefined) {
    timer = setTimeout(() => {
      settle(
        options.timeoutError?.() ??
          new CcsError(
            'LOGIN_TIMEOUT',
            `No sign-in arrived within ${Math.round(options.timeoutMs! / 1000)} s.`,
          ),
      );
    }, options.timeoutMs);
    timer.unref();
  }

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      answerWaiting({
        ok: false,
        page: { title: 'Sign-in stopped', message: 'The terminal stopped waiting for this sign-in.' },
      });
      settle(new CcsError('CANCELLED', 'Sign-in was cancelled.'));
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };

  return {
    port,
    redirectUri: `http://${options.redirectHost ?? 'localhost'}:${port}${callbackPath}`,
    result,
    submit(params) {
      const verdict = consider(params);
      if (verdict.status === 200) return { accepted: true };
      return { accepted: false, reason: verdict.page?.message };
    },
    finish: answerWaiting,
    close,
  };
}
