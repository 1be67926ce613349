import type { QuotaWindow } from '@ccs/core';
import type { AccountQuotaResult, QuotaReport } from './collect-quota.js';
import { formatReset, formatTimestamp, localParts } from './format-time.js';

export interface RenderStyle {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

export interface RenderOptions {
  now: Date;
  style: RenderStyle;
  /** IANA zone for absolute times (tests); default: the system's. */
  timeZone?: string;
}

const capitalize = (s: string) => (s && /^[a-z]/.test(s) ? s[0]!.toUpperCase() + s.slice(1) : s);
const fmtNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

function usageText(w: QuotaWindow): string {
  const percent = `${Math.round(w.usedPercent)}% used`;
  if (w.used !== null && w.limit !== null) {
    const unit = w.limitId === 'spend_control' ? 'credits' : 'messages';
    return `${fmtNumber(w.used)}/${fmtNumber(w.limit)} ${unit} (${percent})`;
  }
  return percent;
}

function colorFor(w: QuotaWindow, style: RenderStyle): (s: string) => string {
  if (w.usedPercent >= 90) return style.red;
  if (w.usedPercent >= 75) return style.yellow;
  return (s) => s;
}

function accountHeader(r: AccountQuotaResult, style: RenderStyle): string {
  const { account, snapshot } = r;
  const plan = snapshot?.plan ?? account.plan;
  const parts = [style.bold(account.nickname)];
  if (account.email && account.email !== account.nickname) parts.push(`<${account.email}>`);
  if (plan) parts.push(`[${plan}]`);
  if (account.isDefault) parts.push(style.green('(default)'));
  return parts.join(' ');
}

function renderAccount(
  r: AccountQuotaResult,
  options: RenderOptions,
  reportAsOf: string | undefined,
): string[] {
  const { style, now, timeZone } = options;
  const lines = [`  ${accountHeader(r, style)}`];
  if (r.error) {
    lines.push(`    ${style.red('error:')} ${r.error.message}`);
    lines.push(`    ${r.error.action}`);
    return lines;
  }
  const snapshot = r.snapshot!;
  const width = Math.max(8, ...snapshot.windows.map((w) => w.label.length + 1));
  if (snapshot.windows.length === 0) lines.push(`    ${style.dim('no usage limits reported')}`);
  for (const w of snapshot.windows) {
    const reset = formatReset(w.resetsAt, now, timeZone);
    const label = `${capitalize(w.label)}:`.padEnd(width + 1);
    const full = w.usedPercent >= 100 ? `, ${style.red('limit reached')}` : '';
    lines.push(
      `    ${label} ${colorFor(w, style)(usageText(w))}${full}${reset ? `  ${style.dim(reset)}` : ''}`,
    );
  }
  const credits = snapshot.credits;
  if (credits && (credits.hasCredits || credits.unlimited)) {
    const value = credits.unlimited ? 'unlimited' : `balance ${credits.balance ?? '0'}`;
    lines.push(`    ${'Credits:'.padEnd(width + 1)} ${value}`);
  }
  if (snapshot.weeklyResetAt) {
    const p = localParts(new Date(snapshot.weeklyResetAt), timeZone);
    lines.push(`    Weekly reset: ${p.weekdayLong}s at ${p.hour}:${p.minute}`);
  }
  const asOf = formatTimestamp(new Date(snapshot.fetchedAt), timeZone);
  if (snapshot.cached || asOf !== reportAsOf) {
    lines.push(`    ${style.dim(`as of ${asOf}${snapshot.cached ? ' (cached)' : ''}`)}`);
  }
  return lines;
}

/** The human `ccs cliproxy quota` output, one string per line. */
export function renderQuota(report: QuotaReport, options: RenderOptions): string[] {
  const fetched = report.accounts
    .map((r) => r.snapshot?.fetchedAt)
    .filter((t): t is string => Boolean(t))
    .sort();
  // The header names the oldest data shown, so it never claims more freshness than there is.
  const asOf = fetched[0] ? formatTimestamp(new Date(fetched[0]), options.timeZone) : undefined;
  const lines = [options.style.bold(`${report.displayName} quota${asOf ? ` (as of ${asOf})` : ''}:`)];
  for (const r of report.accounts) {
    lines.push('');
    lines.push(...renderAccount(r, options, asOf));
  }
  return lines;
}
