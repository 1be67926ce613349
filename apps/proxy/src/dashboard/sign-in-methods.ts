import type { AuthStrategyKind, Provider } from '@ccs/core';

/** The ways the page can add an account, by the provider's auth strategy kinds. */
export const SIGN_IN_METHODS = ['browser', 'device', 'api-key'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

const BY_KIND: Partial<Record<AuthStrategyKind, SignInMethod>> = {
  'oauth-browser': 'browser',
  'oauth-device': 'device',
  'api-key': 'api-key',
};

export const KIND_OF: Readonly<Record<SignInMethod, AuthStrategyKind>> = {
  browser: 'oauth-browser',
  device: 'oauth-device',
  'api-key': 'api-key',
};

/**
 * The provider's sign-in ways the page offers, in its order of preference; none when it keeps no
 * sign-ins of its own (no `accounts.add`: its accounts come from its configuration).
 */
export function signInMethods(provider: Provider): SignInMethod[] {
  if (!provider.accounts.add) return [];
  const methods: SignInMethod[] = [];
  for (const strategy of provider.authStrategies) {
    const method = BY_KIND[strategy.kind];
    if (method && !methods.includes(method)) methods.push(method);
  }
  return methods;
}
