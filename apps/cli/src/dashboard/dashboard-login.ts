import { PassThrough } from 'node:stream';
import { usageError } from '@ccs/core';
import { assertNicknameAvailable, isCodexProvider } from '@ccs/provider-codex/internal';
import type { DashboardLogin } from '@ccs/proxy/internal';
import { describeLogin, loginTimeoutMs } from '../commands/provider/sign-in.js';
import type { CliHost } from '../host/create-cli-host.js';
import { assertWritableDir } from '../output/assert-writable.js';

/**
 * Adding an account from the dashboard: the same sign-in as `ccs codex --auth --add` — the same checks
 * (nickname, writable token folder, CCS_CODEX_LOGIN_TIMEOUT) and the same callback server and state
 * check — in headless form, so the page opens the URL (the person's own browser does the round trip) or
 * shows the device code. Nothing is read from ccs's stdin.
 */
export function dashboardLogin(host: CliHost): DashboardLogin {
  return async (request, sink, signal) => {
    const provider = host.provider(request.provider);
    if (!isCodexProvider(provider)) {
      throw usageError(
        `Signing in to ${provider.displayName} from the dashboard is not supported.`,
        `Run: ccs ${provider.id} --auth`,
      );
    }
    const timeoutMs = loginTimeoutMs(provider.id, host.env);
    const nickname = request.nickname?.trim() || undefined;
    if (nickname !== undefined) assertNicknameAvailable(nickname, []);
    await assertWritableDir(provider.paths.authDir);
    const result = await provider.login({
      method: request.method === 'device' ? 'device' : 'headless',
      nickname,
      makeDefault: false,
      signal,
      timeoutMs,
      input: new PassThrough(),
      progress: { info: sink.info, warn: sink.info, url: sink.url },
    });
    const count = (await provider.accounts.list()).length;
    return describeLogin(provider.id, result, count - 1);
  };
}
