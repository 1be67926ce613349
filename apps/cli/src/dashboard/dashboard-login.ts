import type { AuthStrategy, LoginContext } from '@ccs/core';
import { CcsError, usageError } from '@ccs/core';
import type { DashboardLogin } from '@ccs/proxy/internal';
import { describeLogin, loginTimeoutMs, pickStrategy } from '../commands/provider/sign-in.js';
import type { CliHost } from '../host/create-cli-host.js';
import { assertWritableDir } from '../output/assert-writable.js';

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
    const add = provider.accounts.add?.bind(provider.accounts);
    if (!add) {
      throw usageError(
        `${provider.displayName} keeps no sign-ins of its own: there is nothing to sign in to.`,
        `Its accounts come from the plugin's configuration; list them with: ccs ${provider.id} --accounts`,
      );
    }
    // Everything that can fail without the person is checked before anything starts.
    const timeoutMs = loginTimeoutMs(provider.id, host.env);
    const nickname = request.nickname?.trim() || undefined;
    if (nickname !== undefined) provider.accounts.checkNickname?.(nickname);
    const strategy: AuthStrategy = pickStrategy(provider, {
      device: request.method === 'device',
      headless: request.method === 'browser',
      withApiKey: request.method === 'api-key',
    });
    await assertWritableDir(host.paths.authDir);
    const apiKey = request.apiKey;
    const context: LoginContext & { progress: LoginContext['progress'] & { url(url: string): void } } = {
      headless: true,
      signal,
      input,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(apiKey !== undefined ? { readSecret: async () => apiKey } : {}),
      // The page's own words: it has a button, not a terminal.
      cancelHint: 'Cancel sign-in stops it',
      progress: { info: sink.info, warn: sink.info, url: sink.url },
    };
    let result: Awaited<ReturnType<typeof add>>;
    try {
      result = await add(await strategy.login(context), {
        ...(nickname ? { nickname } : {}),
        makeDefault: false,
      });
    } catch (error) {
      if (signal.aborted) throw new CcsError('CANCELLED', 'Sign-in cancelled; nothing was changed.');
      throw error;
    }
    const count = (await provider.accounts.list()).length;
    return describeLogin(provider.id, result, count - 1);
  };
}
