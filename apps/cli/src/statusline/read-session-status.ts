import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionStatus } from '@ccs/proxy/internal';

// Hand-written checks instead of zod: this runs on every status-line update, and importing zod alone
// costs more than the whole 50 ms budget (see docs/decisions/0006-status-statusline-channel.md).
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length <= 200 ? v : null);

function parseQuota(value: unknown): SessionStatus['quota'] {
  if (!isObject(value) || !Array.isArray(value.windows)) return null;
  const windows: NonNullable<SessionStatus['quota']>['windows'] = [];
  for (const w of value.windows.slice(0, 20)) {
    if (!isObject(w) || typeof w.usedPercent !== 'number' || !Number.isFinite(w.usedPercent)) continue;
    const label = str(w.label);
    if (!label) continue;
    const limitId = str(w.limitId);
    windows.push({
      label,
      ...(limitId ? { limitId } : {}),
      usedPercent: w.usedPercent,
      resetsAt: str(w.resetsAt),
    });
  }
  return { fetchedAt: str(value.fetchedAt) ?? '', windows };
}

/** The status file's content, or undefined when it is missing, unreadable or not a version-1 status. */
export function parseSessionStatus(text: string): SessionStatus | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(json) || json.version !== 1) return undefined;
  const provider = str(json.provider);
  if (!provider) return undefined;
  const failoverFrom = isObject(json.failover) ? str(json.failover.from) : null;
  return {
    version: 1,
    updatedAt: str(json.updatedAt) ?? '',
    pid: typeof json.pid === 'number' ? json.pid : 0,
    provider,
    providerName: str(json.providerName) ?? provider,
    account: str(json.account),
    model: str(json.model),
    effort: str(json.effort),
    failover: failoverFrom ? { from: failoverFrom } : null,
    quota: parseQuota(json.quota),
    lastStatus: typeof json.lastStatus === 'number' ? json.lastStatus : null,
    lastError: str(json.lastError),
  };
}

function readStatusFile(file: string): SessionStatus | undefined {
  try {
    return parseSessionStatus(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface FoundStatus {
  status: SessionStatus;
  /** false when the proxy that wrote it is gone (a session that crashed). */
  alive: boolean;
}

/**
 * The session's status: the file `ccs <provider>` named in CCS_STATUS_FILE for the Claude Code it launched,
 * else (a user's own status line over `ccs proxy`) the newest status file of a running proxy in `runDir`.
 */
export function findSessionStatus(env: NodeJS.ProcessEnv, runDir: string): FoundStatus | undefined {
  const named = env.CCS_STATUS_FILE;
  if (named) {
    const status = readStatusFile(named);
    return status ? { status, alive: isAlive(status.pid) } : undefined;
  }
  let newest: { status: SessionStatus; mtime: number } | undefined;
  let names: string[];
  try {
    names = readdirSync(runDir).filter((name) => /^status-\d+\.json$/.test(name));
  } catch {
    return undefined;
  }
  for (const name of names) {
    const file = join(runDir, name);
    try {
      const mtime = statSync(file).mtimeMs;
      if (newest && mtime <= newest.mtime) continue;
      const status = readStatusFile(file);
      if (status && isAlive(status.pid)) newest = { status, mtime };
    } catch {
      // gone between listing and reading: its proxy just stopped
    }
  }
  return newest ? { status: newest.status, alive: true } : undefined;
}
