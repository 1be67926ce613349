import type { SessionStatus } from '@ccs/proxy/internal';
import { countdown } from './countdown.js';

export interface StatusLineInput {
  status: SessionStatus | undefined;
  /** false when the proxy that wrote the status is no longer running. */
  alive: boolean;
  /** Claude Code's own model name (from its status-line JSON), shown when ccs knows nothing. */
  claudeModel?: string | undefined;
  now: number;
  color: boolean;
  /** Terminal width when known; a narrow one gets the short line. */
  columns?: number | undefined;
}

/** Below this width the short form is used. */
const FULL_MIN_COLUMNS = 70;
const SHORT_LABELS: Record<string, string> = { weekly: 'wk', daily: 'day', monthly: 'mo', annual: 'yr' };

const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

interface WindowView {
  label: string;
  percent: number;
  resetsIn: number | undefined;
}

/** The main limit's windows still in force, tightest (most used) first. Per-model limits are left out. */
function mainWindows(status: SessionStatus, now: number): WindowView[] {
  const views: WindowView[] = [];
  for (const window of status.quota?.windows ?? []) {
    if (window.limitId) continue;
    const resetAt = window.resetsAt ? Date.parse(window.resetsAt) : Number.NaN;
    // A window whose reset has passed says nothing about now (it started again at 0 % and has been used since).
    if (Number.isFinite(resetAt) && resetAt <= now) continue;
    views.push({
      label: SHORT_LABELS[window.label] ?? window.label,
      percent: Math.round(window.usedPercent),
      resetsIn: Number.isFinite(resetAt) ? resetAt - now : undefined,
    });
  }
  return views.sort((a, b) => b.percent - a.percent);
}

function percentColor(percent: number): string {
  if (percent >= 90) return '31';
  if (percent >= 75) return '33';
  return '32';
}

/**
 * One status line: "codex alice · gpt-5.5 xhigh · 5h 45% · resets 2h 10m · wk 21%", with a failover
 * marker ("⇄ from bob") when the account serving the session is not the preferred one. Only names, numbers and times.
 */
export function formatStatusLine(input: StatusLineInput): string {
  const { status, color } = input;
  const sep = paint(color, '2', ' · ');
  if (!status) return `ccs${input.claudeModel ? `${sep}${input.claudeModel}` : ''}${sep}no ccs session`;
  const short = input.columns !== undefined && input.columns < FULL_MIN_COLUMNS;

  const who = [short ? undefined : status.provider, status.account ?? 'no account'].filter(Boolean).join(' ');
  const parts = [paint(color, '1', who)];
  if (status.failover) {
    parts[0] += ` ${paint(color, '33', short ? '⇄' : `⇄ from ${status.failover.from}`)}`;
  }
  const model = status.model ?? input.claudeModel;
  if (model) parts.push(status.effort ? `${model} ${paint(color, '36', status.effort)}` : model);

  const windows = mainWindows(status, input.now);
  const [tightest, ...others] = windows;
  if (tightest) {
    const used = paint(color, percentColor(tightest.percent), `${tightest.percent}%`);
    parts.push(`${tightest.label} ${used}`);
    if (tightest.resetsIn !== undefined) {
      parts.push(short ? countdown(tightest.resetsIn) : `resets ${countdown(tightest.resetsIn)}`);
    }
    if (!short) {
      for (const other of others) {
        parts.push(`${other.label} ${paint(color, percentColor(other.percent), `${other.percent}%`)}`);
      }
    }
  }
  if (!input.alive) parts.push(paint(color, '31', 'proxy stopped'));
  else if (status.lastError && status.lastError !== 'CANCELLED')
    parts.push(paint(color, '31', status.lastError.toLowerCase().replace(/_/g, ' ')));
  return parts.join(sep);
}
