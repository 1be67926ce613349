import type { AccountInfo, Provider } from '@ccs/core';
import {
  codexOptionsSchema,
  createCodexChatModel,
  createCodexEffortPolicy,
  createCodexModelCatalog,
} from '@ccs/provider-codex/internal';
import type { Emulator } from '@ccs/testkit';

/**
 * The real Codex pieces (catalog, effort policy, Responses chat model) over the emulator, with an
 * in-memory account list and credentials minted by the emulator: the proxy's full path without
 * the login flows (those have their own tests).
 */
export function emulatorCodexProvider(
  emu: Emulator,
  people: Array<{ nickname: string; email: string; plan: string }>,
) {
  const options = codexOptionsSchema.parse({ baseUrl: emu.baseUrl, issuer: emu.issuer });
  const accounts: AccountInfo[] = people.map((person, i) => ({
    id: `id-${person.nickname}`,
    providerId: 'codex',
    nickname: person.nickname,
    email: person.email,
    plan: person.plan,
    isDefault: i === 0,
    createdAt: '2026-01-01T00:00:00Z',
  }));
  const tokens = new Map<string, { accessToken: string; chatgptAccountId: string }>();
  const credentials = {
    async getCredentials(accountId: string, opts?: { forceRefresh?: boolean }) {
      const account = accounts.find((a) => a.id === accountId)!;
      let current = tokens.get(accountId);
      if (!current || opts?.forceRefresh) {
        const issued = emu.control.issueTokens(account.email!);
        current = { accessToken: issued.accessToken, chatgptAccountId: issued.accountId };
        tokens.set(accountId, current);
      }
      return current;
    },
  };
  // The live list comes from the emulator (in memory: no disk cache here), per the account's plan.
  const modelCatalog = createCodexModelCatalog({
    options,
    credentials,
    planOf: async (id) => accounts.find((a) => a.id === id)?.plan,
  });
  const provider: Provider = {
    specificationVersion: 'v1',
    id: 'codex',
    displayName: 'OpenAI Codex',
    authStrategies: [],
    accounts: {
      list: async () => accounts,
      getDefault: async () => accounts[0],
      resolve: async (name) => accounts.find((a) => a.nickname === name)!,
      setDefault: async () => {},
      rename: async () => {},
      remove: async () => {},
    },
    modelCatalog,
    effortPolicy: createCodexEffortPolicy(modelCatalog),
    chatModel: (modelId, account) =>
      createCodexChatModel({
        modelId,
        account,
        credentials,
        options,
        retryDelaysMs: [1, 1],
        modelInfo: (id) => modelCatalog.get(id),
      }),
  };
  return provider;
}
