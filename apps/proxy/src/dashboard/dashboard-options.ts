import type { ModelSlot, Provider, UserEffortLevel } from '@ccs/core';
import type { DashboardLogin } from './dashboard-login.js';
import type { RequestLog } from './request-log.js';

/** The models per Claude Code slot as the user configured them (`<provider>.settings.json`). */
export interface DashboardSlotModels {
  /** Where they come from, shown to the user (a file path). */
  source: string;
  /** Which provider the models belong to (default: the provider they were asked for). */
  providerId?: string;
  /** Model id per slot as written; may carry an effort suffix (`gpt-5.4-high`). */
  models: Record<string, string>;
  /** The configured default effort, if any. */
  effort?: string;
}

/**
 * A change to a provider's slot models, already checked against its catalog: the model (with its effort
 * suffix, if one was chosen) for some slots, and/or the default effort (`null` clears it).
 */
export interface DashboardSlotChange {
  models?: Partial<Record<ModelSlot, string>>;
  effort?: UserEffortLevel | null;
}

export interface DashboardOptions {
  providers: ReadonlyMap<string, Provider>;
  /** The per-run secret the page sends as `x-ccs-dashboard-token`. Never the proxy's API key. */
  token: string;
  /**
   * Reads one provider's slot models. A callback so the proxy never imports the CLI's settings code;
   * the file is read on every state request, so edits show on the next refresh.
   */
  loadSlotModels?: (provider: Provider) => Promise<DashboardSlotModels>;
  /**
   * Writes one provider's slot models (keeping every other key of the file). Without it the page
   * offers no editor. Called only with models and efforts the provider's catalog knows.
   */
  saveSlotModels?: (provider: Provider, change: DashboardSlotChange) => Promise<void>;
  /** Signing in to add an account from the page (the CLI's sign-in, with its checks). */
  login?: DashboardLogin;
  /** For tests. */
  now?: () => Date;
}

/** What the dashboard gets from the CLI and the proxy beyond the public options (internal). */
export interface DashboardHandlerOptions extends DashboardOptions {
  /** The usage ledger's folder (`$CCS_HOME/usage`), for the usage chart. */
  ledgerDir?: string;
  /** The running proxy's request log (its --verbose lines), streamed to the page. */
  requestLog?: RequestLog;
}

export const DASHBOARD_TOKEN_HEADER = 'x-ccs-dashboard-token';
export const DASHBOARD_PATH = '/dashboard';
export const DASHBOARD_API_PREFIX = '/api/dashboard/';
