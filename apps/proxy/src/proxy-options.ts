import type { Logger, Provider, UserEffortLevel } from '@ccs/core';
import type { DashboardOptions } from './dashboard/dashboard-options.js';
import type { RoutingStrategy } from './routing/account-pool.js';
import type { SlotModels } from './routing/resolve-model-route.js';

export interface ProxyOptions {
  providers: ReadonlyMap<string, Provider>;
  /**
   * Takes the claude-* slot names and is asked first for plain model names (default: the first
   * provider). `<provider>/<model>` always picks that provider.
   */
  defaultProviderId?: string;
  /** Providers that failed to load (id → why): their model names are answered 404 with the reason. */
  unavailableProviders?: ReadonlyMap<string, string>;
  /** The local key clients must send (x-api-key or Authorization: Bearer). */
  apiKey: string;
  /** Default 127.0.0.1. Anything else must be configured on purpose; the key is always required. */
  host?: string;
  /** 0 = any free port. Default 0. */
  port?: number;
  /** Model per Claude Code slot (may carry an effort suffix or a `<provider>/` prefix); claude-*opus*|sonnet*|haiku* names map to their slot. */
  models?: SlotModels;
  /** `ccs <provider> --effort` */
  effortOverride?: UserEffortLevel;
  /** ccs codex --fast / CCS_CODEX_FAST: ask for priority processing where the model offers it. */
  fast?: boolean;
  /** Lines the user must see even without --verbose (default: the logger's warn). */
  notice?: (line: string) => void;
  /** Pin an account (nickname, email or id); default: the provider's default account. */
  accountId?: string;
  routing?: { strategy: RoutingStrategy };
  /** --verbose sink: one line per request; never secrets. */
  trace?: (line: string) => void;
  logger?: Logger;
  /** Largest accepted request body in bytes (default 32 MiB, Anthropic's own limit). */
  maxBodyBytes?: number;
  /**
   * Keep this file (0600) describing the last request — provider, account, model, effort, known quota,
   * failover — for `ccs statusline`. Written after a response that changes it; removed when the proxy
   * closes.
   */
  statusFile?: string;
  /** Append one usage record per request to the ledger in this folder (`$CCS_HOME/usage`). */
  ledgerDir?: string;
  /** Serve the dashboard at /dashboard (its own per-run token; never the API key). */
  dashboard?: Omit<DashboardOptions, 'providers'>;
}

export interface RunningProxy {
  url: string;
  host: string;
  port: number;
  /** `<url>/dashboard#token=…` when the dashboard is served. */
  dashboardUrl?: string;
  /**
   * Serves other slot models and default effort from the next request on (requests already running keep
   * theirs), e.g. after the user edited them on the dashboard. `undefined` effort: no override.
   */
  setModels(models: SlotModels, effortOverride?: UserEffortLevel): void;
  close(): Promise<void>;
}
