import { readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AccountInfo, Provider, QuotaSnapshot } from '@ccs/core';
import { ensureDir, isProcessAlive } from '@ccs/provider-kit';
import type { RequestTrace } from '../handlers/request-trace.js';
import type { AccountPool } from '../routing/account-pool.js';
import { quotaPeekOf } from '../routing/known-exhaustion.js';
import type { SessionStatus, SessionStatusQuota } from './session-status.js';

/** The temp file of a status file named after its proxy's pid (`status-<pid>.json`). */
const STATUS_TEMP = /^\.status-(\d+)\.json\.tmp$/;

/** Removes the temp files of proxies killed in the middle of a write (kill -9 between write and rename). */
async function sweepDeadTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(STATUS_TEMP.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isProcessAlive(pid)) {
      await unlink(join(dir, name)).catch(() => {});
    }
  }
}

/** How old the file's times may get while nothing else in it changes. */
const REFRESH_UNCHANGED_MS = 30_000;

export interface SessionStatusWriterArgs {
  file: string;
  providers: ReadonlyMap<string, Provider>;
  defaultProvider: Provider;
  pool: AccountPool;
  /** The model the default slot is given before any request was made. */
  defaultModel?: string | undefined;
  onError?: (error: unknown) => void;
}

export interface SessionStatusWriter {
  /** Writes the state before any request: the account and model the first request will use. */
  start(): Promise<void>;
  /** Records a finished request. Returns at once; the file is written afterwards, one write at a time. */
  requestDone(trace: RequestTrace): void;
  /** Waits for pending writes, then removes the file (the session is over). */
  close(): Promise<void>;
}

/** A provider's main limit carries no id or the provider's own id; other limits keep theirs. */
function quotaOf(snapshot: QuotaSnapshot | undefined, providerId: string): SessionStatusQuota | null {
  if (!snapshot) return null;
  return {
    fetchedAt: snapshot.fetchedAt,
    windows: snapshot.windows.map((window) => ({
      label: window.label,
      ...(window.limitId === undefined || window.limitId === providerId ? {} : { limitId: window.limitId }),
      usedPercent: Math.round(window.usedPercent * 100) / 100,
      resetsAt: window.resetsAt,
    })),
  };
}

/**
 * Keeps `file` (0600) describing the proxy's last request for `ccs statusline`. Writing happens after the
 * response has ended, coalesced (a burst of requests writes once more at most), so it never slows a request.
 */
export function createSessionStatusWriter(args: SessionStatusWriterArgs): SessionStatusWriter {
  // The last request that reached an account (what the line shows) and the last request of any kind
  // (its status): a request that failed before an account was chosen keeps the account shown.
  let served: RequestTrace | undefined;
  let last: RequestTrace | undefined;
  let dirty = false;
  let running: Promise<void> | undefined;
  let closed = false;

  async function describe(
    trace: RequestTrace | undefined,
    end: RequestTrace | undefined,
  ): Promise<SessionStatus> {
    const provider = (trace?.provider && args.providers.get(trace.provider)) || args.defaultProvider;
    let preferred: AccountInfo | undefined;
    try {
      preferred = await args.pool.first(provider);
    } catch {
      preferred = undefined; // no account, or the registry is unreadable: the line says less, nothing fails
    }
    const accountId = trace?.accountId ?? preferred?.id;
    const accountName = trace?.account ?? preferred?.nickname ?? null;
    const failedOverFrom =
      trace?.accountId !== undefined && preferred && preferred.id !== trace.accountId
        ? preferred.nickname
        : undefined;
    return {
      version: 1,
      updatedAt: new Date().toISOString(),
      pid: process.pid,
      provider: provider.id,
      providerName: provider.displayName,
      account: accountName,
      model: trace?.upstreamModel ?? args.defaultModel ?? null,
      effort: trace?.effort?.effort ?? null,
      failover: failedOverFrom ? { from: failedOverFrom } : null,
      quota: accountId ? quotaOf(quotaPeekOf(provider)?.(accountId), provider.id) : null,
      lastStatus: end?.status ?? null,
      lastError: end?.error ?? null,
    };
  }

  // The file is rewritten when what it says changes, not for new times alone (`updatedAt`, the quota's
  // `fetchedAt`; those are refreshed at most every REFRESH_UNCHANGED_MS): a session's requests mostly
  // leave account, model, effort and quota as they were, and each rewrite is several file-system calls
  // of CPU that the proxy would otherwise spend per request (issue 14).
  let written: string | undefined;
  let writtenAt = 0;
  // One writer per process and the writes are serialised, so a fixed temp name cannot collide; the
  // rename keeps readers from ever seeing a torn file. No fsync: the file describes a running process
  // and is rewritten on the next request, so surviving a power cut is worth nothing here.
  const temp = join(dirname(args.file), `.${basename(args.file)}.tmp`);
  let dirReady = false;

  async function drain(): Promise<void> {
    while (dirty && !closed) {
      dirty = false;
      try {
        const status = await describe(served, last);
        const key = JSON.stringify({
          ...status,
          updatedAt: '',
          quota: status.quota && { ...status.quota, fetchedAt: '' },
        });
        if (key === written && Date.now() - writtenAt < REFRESH_UNCHANGED_MS) continue;
        if (!dirReady) {
          await ensureDir(dirname(args.file));
          await sweepDeadTemps(dirname(args.file));
          dirReady = true;
        }
        await writeFile(temp, `${JSON.stringify(status)}\n`, { mode: 0o600 });
        await rename(temp, args.file);
        written = key;
        writtenAt = Date.now();
      } catch (error) {
        written = undefined;
        dirReady = false;
        args.onError?.(error);
      }
    }
  }

  function schedule(trace?: RequestTrace): void {
    if (closed) return;
    if (trace) {
      last = trace;
      if (trace.accountId) served = trace;
    }
    dirty = true;
    if (!running) {
      running = new Promise<void>((resolve) => setImmediate(resolve)).then(drain).finally(() => {
        running = undefined;
      });
    }
  }

  return {
    async start() {
      schedule();
      await running;
    },
    requestDone(trace) {
      schedule(trace);
    },
    async close() {
      await running;
      closed = true;
      await unlink(args.file).catch(() => {});
      await unlink(temp).catch(() => {});
    },
  };
}
