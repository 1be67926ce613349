import { readLedger } from '../ledger/read-ledger.js';
import { emptyTotals, localDay, summariseUsage, type UsageTotals } from '../ledger/summarise-usage.js';

const DAYS = 14;

/** Per-day totals of the usage ledger for the dashboard's chart: the last 14 local days, empty days included. */
export async function dashboardUsage(ledgerDir: string | undefined, now = new Date()) {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (DAYS - 1));
  const days: Array<UsageTotals & { day: string }> = [];
  for (let i = 0; i < DAYS; i++) {
    const at = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i);
    days.push({ day: localDay(at.toISOString()), ...emptyTotals() });
  }
  if (!ledgerDir) return { available: false, days, total: emptyTotals(), models: [] };
  const { records } = await readLedger(ledgerDir, { since: start });
  const byDay = new Map(summariseUsage(records, 'day').rows.map((row) => [row.key, row]));
  const models = summariseUsage(records, 'model');
  return {
    available: true,
    days: days.map((day) => ({ ...day, ...(byDay.get(day.day) ?? {}), day: day.day })),
    total: models.total,
    models: models.rows.slice(0, 8),
  };
}
