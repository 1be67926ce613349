import { CcsError, type Provider, usageError } from '@ccs/core';
import type { CliproxyDeps, CliproxyHost } from '../commands/cliproxy.js';
import { style, terminal } from '../output/terminal.js';
import { collectQuota } from './collect-quota.js';
import { toQuotaJson } from './quota-json.js';
import { startQuotaProgress } from './quota-progress.js';
import { renderQuota } from './render-quota.js';

const plain = {
  bold: (s: string) => s,
  dim: (s: string) => s,
  red: (s: string) => s,
  yellow: (s: string) => s,
  green: (s: string) => s,
};

function resolveProvider(host: CliproxyHost, id: string): Provider {
  const loaded = host.providers.get(id);
  if (loaded) return loaded;
  const failed = host.pluginErrors?.find((entry) => entry.pluginId === id);
  if (failed) throw failed.error;
  if (id === host.providers.keys().next().value || host.providers.size === 0) return host.provider(id);
  const known = [...host.providers.keys()];
  throw usageError(
    `Unknown provider "${id}".`,
    known.length
      ? `Loaded providers: ${known.join(', ')}.`
      : 'No provider is loaded; check the plugins in config.yaml.',
  );
}

/** Reads and prints the quota of every account of one provider; the exit code (1 when an account failed). */
export async function showQuota(
  host: CliproxyHost,
  providerId: string,
  json: boolean,
  deps: CliproxyDeps,
): Promise<number> {
  const term = deps.term ?? terminal;
  const provider = resolveProvider(host, providerId);
  if (!provider.quotaSource) {
    // Checked first: "no accounts" would send the user to sign in for a report that cannot exist.
    if (json) term.out(JSON.stringify({ provider: provider.id, accounts: [] }, null, 2));
    await collectQuota(provider);
  }
  const accounts = await provider.accounts.list();
  if (accounts.length === 0) {
    // --json promises one document on stdout whatever happens; the explanation still goes to stderr.
    if (json) term.out(JSON.stringify({ provider: provider.id, accounts: [] }, null, 2));
    throw new CcsError('AUTH_REQUIRED', `No ${provider.displayName} accounts.`, {
      suggestion: `Sign in with: ccs ${provider.id} --auth`,
    });
  }
  const progress = startQuotaProgress(`Reading ${provider.displayName} quota`, deps.progressStream);
  let report: Awaited<ReturnType<typeof collectQuota>>;
  try {
    report = await collectQuota(provider, { onSettled: (done, total) => progress.update(done, total) });
  } finally {
    progress.stop();
  }
  if (json) {
    term.out(JSON.stringify(toQuotaJson(report), null, 2));
  } else {
    const lines = renderQuota(report, {
      now: (deps.now ?? (() => new Date()))(),
      // Colour only for a terminal on stdout: redirected output stays plain text.
      style: deps.plain || !term.isTTY || !term.color ? plain : style,
      ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
    });
    for (const line of lines) term.out(line);
  }
  return report.accounts.some((r) => r.error) ? 1 : 0;
}
