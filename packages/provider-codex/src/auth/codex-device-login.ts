import { CcsError } from '@ccs/core';
import { DEVICE_CODE_TIMEOUT_MS, parseIntervalSeconds, pollDeviceCode } from '@ccs/provider-kit';
import { z } from 'zod';
import { CODEX_CLIENT_ID, type CodexOptions } from '../codex-options.js';
import { type CodexLoginProgress, formatDuration } from './codex-login-types.js';
import { exchangeCodexCode, postToCodexIssuer, readOAuthError } from './codex-oauth-client.js';
import type { CodexTokenSet } from './codex-token-set.js';

export interface CodexDeviceLoginArgs {
  options: Pick<CodexOptions, 'issuer'>;
  progress: CodexLoginProgress;
  signal?: AbortSignal;
  /** Polling floor (default 5 s; tests lower it). */
  minIntervalMs?: number;
  /** Default 15 minutes, the lifetime of a device code. */
  timeoutMs?: number;
  /** LoginContext.cancelHint: how the person cancels the wait, in the caller's words. */
  cancelHint?: string;
  fetch?: typeof fetch;
}

const userCodeSchema = z
  .looseObject({
    device_auth_id: z.string().min(1),
    user_code: z.string().min(1).optional(),
    usercode: z.string().min(1).optional(),
    interval: z.union([z.string(), z.number()]).optional(),
  })
  .refine((v) => v.user_code ?? v.usercode, { message: 'user_code is missing' });

const approvedSchema = z.looseObject({
  authorization_code: z.string().min(1),
  code_verifier: z.string().min(1),
  code_challenge: z.string().optional(),
});

function parseJson<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const DEVICE_LOGIN_DISABLED_MESSAGE =
  'Device code login is not enabled for this account/workspace: enable it in ChatGPT Settings → Security, or use --headless.';

/** Device-code login (research §1.8): the user enters a code at {issuer}/codex/device on any device. */
export async function loginWithCodexDevice(args: CodexDeviceLoginArgs): Promise<CodexTokenSet> {
  const issuer = args.options.issuer.replace(/\/+$/, '');
  const client = { options: args.options, fetch: args.fetch };
  const start = await postToCodexIssuer(
    client,
    '/api/accounts/deviceauth/usercode',
    { json: { client_id: CODEX_CLIENT_ID } },
    args.signal,
  );
  if (start.status === 404) {
    throw new CcsError('LOGIN_FAILED', DEVICE_LOGIN_DISABLED_MESSAGE, {
      details: { status: 404, deviceLoginDisabled: true },
    });
  }
  const started =
    start.status >= 200 && start.status < 300 ? parseJson(userCodeSchema, start.text) : undefined;
  if (!started) {
    const { detail } = readOAuthError(start.text);
    throw new CcsError(
      'LOGIN_FAILED',
      `Could not start a device code login: the sign-in server answered ${start.status}${detail ? ` (${detail})` : ''}.`,
      { details: { status: start.status } },
    );
  }
  const userCode = (started.user_code ?? started.usercode)!;
  const timeoutMs = args.timeoutMs ?? DEVICE_CODE_TIMEOUT_MS;
  args.progress.info('To sign in, open this page on any device with a browser:');
  (args.progress.url ?? ((u: string) => args.progress.info(`  ${u}`)))(`${issuer}/codex/device`);
  args.progress.info(`and enter the code:  ${userCode}`);
  args.progress.info(
    `The code expires in ${formatDuration(timeoutMs)}. Never give it to anyone: whoever enters it signs in as you (device codes are a phishing target).`,
  );
  args.progress.info(
    `Waiting for you to approve the sign-in${args.cancelHint ? `; ${args.cancelHint}` : ''}.`,
  );

  args.progress.debug?.(
    `Polling every ${Math.max(parseIntervalSeconds(started.interval) ?? 5, (args.minIntervalMs ?? 5000) / 1000)} s.`,
  );
  const approved = await pollDeviceCode<z.infer<typeof approvedSchema>>({
    intervalMs: (parseIntervalSeconds(started.interval) ?? 5) * 1000,
    minIntervalMs: args.minIntervalMs,
    timeoutMs,
    signal: args.signal,
    timeoutError: () =>
      new CcsError('LOGIN_TIMEOUT', `The device code was not approved within ${formatDuration(timeoutMs)}.`),
    poll: async (signal) => {
      const res = await postToCodexIssuer(
        client,
        '/api/accounts/deviceauth/token',
        { json: { device_auth_id: started.device_auth_id, user_code: userCode } },
        signal,
      );
      // 403/404: the user has not approved yet (deviceauth_authorization_pending).
      if (res.status === 403 || res.status === 404) return { status: 'pending' };
      const body = res.status >= 200 && res.status < 300 ? parseJson(approvedSchema, res.text) : undefined;
      if (!body) {
        const { detail } = readOAuthError(res.text);
        throw new CcsError(
          'LOGIN_FAILED',
          `The device code login failed: the sign-in server answered ${res.status}${detail ? ` (${detail})` : ''}.`,
          { details: { status: res.status } },
        );
      }
      return { status: 'done', value: body };
    },
  });
  args.progress.debug?.('Device code approved; exchanging the authorization code.');
  return exchangeCodexCode({
    options: args.options,
    fetch: args.fetch,
    code: approved.authorization_code,
    redirectUri: `${issuer}/deviceauth/callback`,
    codeVerifier: approved.code_verifier,
    signal: args.signal,
  });
}
