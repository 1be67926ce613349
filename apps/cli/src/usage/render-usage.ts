import type { UsageGroup, UsageRow, UsageTotals } from '@ccs/proxy/internal';

const HEADINGS: Record<UsageGroup, string> = {
  day: 'Day',
  model: 'Model',
  account: 'Account',
  session: 'Session',
};

const num = (n: number) => n.toLocaleString('en-US');

/** The usage table: one row per group and a total, numbers right-aligned. */
export function renderUsageTable(
  rows: readonly UsageRow[],
  total: UsageTotals,
  by: UsageGroup,
  bold: (text: string) => string,
): string {
  const header = [HEADINGS[by], 'Requests', 'Input', 'Cached', 'Output', 'Reasoning', 'Total'];
  const cells = (key: string, t: UsageTotals) => [
    key,
    t.failed > 0 ? `${num(t.requests)} (${num(t.failed)} failed)` : num(t.requests),
    num(t.inputTokens),
    num(t.cachedInputTokens),
    num(t.outputTokens),
    num(t.reasoningTokens),
    num(t.totalTokens),
  ];
  const table = [header, ...rows.map((row) => cells(row.key, row)), cells('Total', total)];
  const widths = header.map((_, col) => Math.max(...table.map((line) => line[col]!.length)));
  const format = (line: string[]) =>
    line.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ');
  const lines = table.map(format);
  const rule = '-'.repeat(lines[0]!.length);
  return [bold(lines[0]!), rule, ...lines.slice(1, -1), rule, bold(lines.at(-1)!)].join('\n');
}
