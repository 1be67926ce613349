import type { AccountInfo, AccountManager } from './account.js';
import type { AuthStrategy } from './auth.js';
import type { ChatModel } from './chat-model.js';
import type { EffortPolicy } from './effort.js';
import type { ModelCatalog } from './model-catalog.js';
import type { QuotaSource } from './quota.js';

export interface Provider {
  readonly specificationVersion: 'v1';
  readonly id: string;
  readonly displayName: string;
  /** In order of preference; the first is the default login. */
  readonly authStrategies: AuthStrategy[];
  readonly accounts: AccountManager;
  readonly modelCatalog: ModelCatalog;
  readonly effortPolicy: EffortPolicy;
  readonly quotaSource?: QuotaSource;
  /** A chat model bound to one account; credentials are fetched (and refreshed) per request. */
  chatModel(modelId: string, account: AccountInfo): ChatModel;
  dispose?(): Promise<void>;
}
