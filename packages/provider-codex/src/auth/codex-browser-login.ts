import { hostname } from 'node:os';
import { CcsError } from '@ccs/core';
import {
  createPkcePair,
  type PageContent,
  type RedirectParams,
  randomState,
  readPastedRedirectUrl,
  startCallbackServer,
} from '@ccs/provider-kit';
import { type CodexOptions, FALLBACK_CALLBACK_PORT } from '../codex-options.js';
import { type CodexLoginProgress, DEFAULT_LOGIN_TIMEOUT_MS, formatDuration } from './codex-login-types.js';
import { buildCodexAuthorizeUrl, exchangeCodexCode } from './codex-oauth-client.js';
import type { CodexTokenSet } from './codex-token-set.js';
import { sshTunnelCommand } from './detect-headless.js';

export interface CodexBrowserLoginArgs {
  options: Pick<CodexOptions, 'issuer' | 'callbackPort'>;
  progress: CodexLoginProgress;
  /** true: print the URL and tunnel instructions, accept a pasted redirect URL; never open a browser. */
  headless: boolean;
  /** Opens the browser (PluginContext.openUrl); resolves false when it could not. */
  openUrl?: (url: string) => Promise<boolean>;
  /** Where a pasted redirect URL is read from in headless mode (default process.stdin). */
  input?: NodeJS.ReadableStream;
  signal?: AbortSignal;
  timeoutMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
  /** Bind attempts per busy port (default 10, 200 ms apart). */
  bindAttempts?: number;
  /** The caller's command that starts this sign-in again, for the error page (else a neutral sentence). */
  signInCommand?: string;
  /** LoginContext.cancelHint: how the person cancels the wait, in the caller's words. */
  cancelHint?: string;
  /** LoginContext.noBrowserHint: what to do without a usable browser, in the caller's words. */
  noBrowserHint?: string;
}

/** How to try again, on the browser's error page: the caller's command, or no command at all. */
function retryHelp(signInCommand: string | undefined): string {
  return signInCommand
    ? `Return to the terminal and run ${signInCommand} to try again.`
    : 'Return to the app you signed in from and start the sign-in again.';
}

/**
 * The page and the terminal message for an OAuth error coming back from the issuer. `signInCommand`
 * (e.g. `ccs codex --auth`) is what the page tells the user to run again; without it, it names none.
 */
export function describeCodexAuthError(params: RedirectParams, signInCommand?: string): PageContent {
  const description = params.errorDescription ?? '';
  if (params.error === 'access_denied' && description.includes('missing_codex_entitlement')) {
    return {
      title: 'Codex is not enabled for this workspace',
      message:
        'Codex is not enabled for your ChatGPT workspace. Ask your workspace admin to enable Codex access.',
      code: params.error,
    };
  }
  if (params.error === 'access_denied') {
    return {
      title: 'Sign-in was denied',
      message: `Access was denied${description ? `: ${description}` : ' (the sign-in was cancelled or not allowed)'}.`,
      code: params.error,
      help: retryHelp(signInCommand),
    };
  }
  return {
    title: 'Sign-in failed',
    message: `The sign-in failed: ${description || params.error || 'unknown error'}.`,
    code: params.error,
    help: retryHelp(signInCommand),
  };
}

function loginTimeoutError(timeoutMs: number, headless: boolean): CcsError {
  return new CcsError('LOGIN_TIMEOUT', `No sign-in completed within ${formatDuration(timeoutMs)}.`, {
    details: { loginMethod: headless ? 'headless' : 'browser' },
  });
}

/**
 * Authorization-code login with PKCE through a loopback callback server (and, headless, a pasted
 * redirect URL — whichever arrives first). Returns the exchanged token set; persisting is the caller's.
 */
export async function loginWithCodexBrowser(args: CodexBrowserLoginArgs): Promise<CodexTokenSet> {
  const env = args.env ?? process.env;
  const timeoutMs = args.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
  const pkce = createPkcePair();
  const state = randomState();
  const first = args.options.callbackPort;
  const server = await startCallbackServer({
    ports: first === 0 ? [0] : [first, FALLBACK_CALLBACK_PORT],
    expectedState: state,
    timeoutMs,
    timeoutError: () => loginTimeoutError(timeoutMs, args.headless),
    signal: args.signal,
    describeError: (params) => describeCodexAuthError(params, args.signInCommand),
    bindAttempts: args.bindAttempts,
  });
  const pasteController = new AbortController();
  try {
    args.progress.debug?.(
      `Callback server listening on 127.0.0.1:${server.port} (redirect ${server.redirectUri}).`,
    );
    if (first !== 0 && server.port !== first) {
      args.progress.warn(
        `Port ${first} is busy (another program holds it); using port ${server.port} instead.`,
      );
    }
    const url = buildCodexAuthorizeUrl({
      options: args.options,
      redirectUri: server.redirectUri,
      codeChallenge: pkce.challenge,
      state,
    });
    const show = args.progress.url ?? ((u: string) => args.progress.info(`  ${u}`));
    const waitLine = `Waiting for the sign-in (up to ${formatDuration(timeoutMs)})${args.cancelHint ? `; ${args.cancelHint}` : ''}.`;
    if (args.headless) {
      args.progress.info('Open this URL in a browser on any machine to sign in to ChatGPT:');
      show(url);
      args.progress.info('Then either:');
      args.progress.info(
        `  - forward the callback port first, by running this on the computer with the browser:`,
      );
      args.progress.info(`      ${sshTunnelCommand(server.port, env, hostname())}`);
      args.progress.info(
        `  - or, after signing in, copy the address the browser ends on (http://localhost:${server.port}/auth/callback?code=…) and paste it here, then press Enter.`,
      );
      args.progress.info(waitLine);
      const input = args.input ?? process.stdin;
      void readPastedRedirectUrl(input, {
        signal: pasteController.signal,
        accept: (params) => {
          const verdict = server.submit(params);
          return verdict.accepted ? undefined : verdict.reason;
        },
        onRejected: (reason) => args.progress.warn(`${reason} Still waiting; paste the URL again.`),
      });
    } else {
      const opened = args.openUrl ? await args.openUrl(url).catch(() => false) : false;
      args.progress.info(
        opened
          ? 'Opened your browser to sign in to ChatGPT. If it did not open, visit:'
          : 'Open this URL in your browser to sign in to ChatGPT:',
      );
      show(url);
      args.progress.info(args.noBrowserHint ? `${waitLine} ${args.noBrowserHint}` : waitLine);
    }
    const { code } = await server.result;
    args.progress.debug?.('Callback received with the expected state; exchanging the authorization code.');
    try {
      const tokens = await exchangeCodexCode({
        options: args.options,
        fetch: args.fetch,
        code,
        redirectUri: server.redirectUri,
        codeVerifier: pkce.verifier,
        signal: args.signal,
      });
      server.finish({
        ok: true,
        page: {
          title: 'Signed in to Codex',
          message: 'You are signed in. You can close this tab and return to the terminal.',
        },
      });
      return tokens;
    } catch (error) {
      const message = CcsError.isInstance(error) ? error.message : 'The sign-in could not be completed.';
      server.finish({ ok: false, page: { title: 'Sign-in failed', message, code: 'token_exchange_failed' } });
      throw error;
    }
  } finally {
    pasteController.abort();
    await server.close();
  }
}
