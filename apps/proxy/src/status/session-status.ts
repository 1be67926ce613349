/**
 * What `ccs statusline` reads: the state of one running proxy, written by the proxy after a request that changes it
 * (see docs/decisions/0006-status-statusline-channel.md). Only names, numbers and times: never a token,
 * key, prompt or output. Plain JSON, version 1; readers ignore fields they do not know.
 */
export interface SessionStatus {
  version: 1;
  /** ISO 8601: when this file was last written (it is not rewritten while nothing in it changes). */
  updatedAt: string;
  /** The proxy's process id (a reader can tell a file whose writer is gone). */
  pid: number;
  provider: string;
  providerName: string;
  /** Nickname of the account that served the last request (or the one the next request goes to). */
  account: string | null;
  /** The upstream model of the last request (or the default slot's model before any request). */
  model: string | null;
  /** The reasoning effort actually sent with the last request. */
  effort: string | null;
  /** Set while the serving account is not the preferred one because the proxy failed over. */
  failover: { from: string } | null;
  /** The serving account's quota as the proxy knows it (cache and x-codex-* headers); never fetched for this. */
  quota: SessionStatusQuota | null;
  /** HTTP status of the last request, and its error code when it failed. */
  lastStatus: number | null;
  lastError: string | null;
}

export interface SessionStatusQuota {
  fetchedAt: string;
  windows: Array<{
    label: string;
    /** Absent for the main limit; a per-model limit's id otherwise. */
    limitId?: string;
    usedPercent: number;
    resetsAt: string | null;
  }>;
}
