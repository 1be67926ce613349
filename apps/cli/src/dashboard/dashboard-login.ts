import type { LoginContext } from '@ccs/core';
import type { DashboardLogin } from '@ccs/proxy/internal';
import { describeLogin, loginAndAdd, prepareSignIn } from '../commands/provider/sign-in.js';
import type { CliHost } from '../host/create-cli-host.js';

/**
 * Adding an account from the dashboard, for any provider, through its own auth strategies: the same
 * checks as `ccs <provider> --auth --add` (nickname, writable token folder, CCS_<PROVIDER>_LOGIN_TIMEOUT)
 * and the same strategy code, in headless form — the page opens the URL itself (the person's own browser
 * does the round trip to the provider's callback server, or the person pastes the address it ended on),
 * shows a device code, or hands over the API key the person typed (as `--with-api-key` reads it from
 * stdin). Nothing is read from ccs's stdin, and the account is added next to the others (the default
 * stays the default).
 */
export function dashboardLogin(host: CliHost): DashboardLogin {
  return async (request, sink, signal, input) => {
    const provider = host.provider(request.provider);
    // Everything that can fail without the person is checked before anything starts.
    const nickname = request.nickname?.trim() || undefined;
    const prepared = await prepareSignIn(provider, {
      device: request.method === 'device',
      headless: request.method === 'browser',
      withApiKey: request.method === 'api-key',
      ...(nickname !== undefined ? { nickname } : {}),
      env: host.env,
      authDir: host.paths.authDir,
    });
    const apiKey = request.apiKey;
    const context: LoginContext & { progress: LoginContext['progress'] & { url(url: string): void } } = {
      headless: true,
      signal,
      input,
      ...(prepared.timeoutMs !== undefined ? { timeoutMs: prepared.timeoutMs } : {}),
      ...(apiKey !== undefined ? { readSecret: async () => apiKey } : {}),
      // The page's own words: it has a button, not a terminal.
      cancelHint: 'Cancel sign-in stops it',
      progress: { info: sink.info, warn: sink.info, url: sink.url },
    };
    const result = await loginAndAdd(prepared, context, {
      ...(nickname !== undefined ? { nickname } : {}),
      makeDefault: false,
    });
    const count = (await provider.accounts.list()).length;
    return describeLogin(provider.id, result, count - 1);
  };
}
