import { type AuthStrategy, CcsError, type LoginContext, usageError } from '@ccs/core';
import type { ApiKeyCredentials } from '../accounts/api-key-file.js';

export interface ApiKeyAuthStrategyOptions {
  providerId: string;
  host: string;
  /**
   * Asks the endpoint whether it accepts the key (GET /models): 'accepted', 'refused' (401/403), or
   * 'unknown' with a reason (no /models, network), in which case the key is kept and a warning shown.
   */
  checkKey(
    apiKey: string,
    signal?: AbortSignal,
  ): Promise<{ verdict: 'accepted' | 'refused' | 'unknown'; reason?: string }>;
}

/**
 * API-key sign-in: the key is read through `LoginContext.readSecret` (a hidden prompt, or stdin with
 * `--with-api-key`), checked against the endpoint, and returned; the host stores it with
 * `accounts.add()` in a 0600 file. Keys never expire, so there is nothing to refresh.
 */
export function createApiKeyAuthStrategy(
  options: ApiKeyAuthStrategyOptions,
): AuthStrategy<ApiKeyCredentials> {
  const { providerId, host } = options;
  return {
    id: `${providerId}-api-key`,
    kind: 'api-key',
    async login(context: LoginContext) {
      if (!context.readSecret) {
        throw new CcsError(
          'USAGE',
          `"${providerId}" signs in with an API key, and there is no terminal to ask for it.`,
          {
            suggestion: 'Pipe it in, or list it under api-key-entries in config.yaml.',
            details: { providerId, noTerminal: true },
          },
        );
      }
      const apiKey = (await context.readSecret(`API key for ${providerId} (${host}): `)).trim();
      if (!apiKey)
        throw new CcsError('USAGE', 'No API key was given; nothing was stored.', {
          details: { providerId, noKey: true },
        });
      if (/\s/.test(apiKey)) {
        throw usageError(
          'The API key contains spaces or line breaks; nothing was stored.',
          'Paste the key alone.',
        );
      }
      const check = await options.checkKey(apiKey, context.signal);
      if (check.verdict === 'refused') {
        throw new CcsError('LOGIN_FAILED', `${host} refused this API key; nothing was stored.`, {
          suggestion: 'Check the key (and that it belongs to this endpoint), then run the command again.',
        });
      }
      if (check.verdict === 'unknown') {
        context.progress.warn(`Could not check the key with ${host} (${check.reason}); storing it anyway.`);
      }
      return { apiKey };
    },
    needsRefresh: () => false,
    authorize: (credentials) => ({ authorization: `Bearer ${credentials.apiKey}` }),
  };
}
