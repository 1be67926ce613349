import type { ServerResponse } from 'node:http';
import type { ModelInfo, Provider } from '@ccs/core';
import { sendJson } from '../server/http-utils.js';
import type { ProxyContext } from './proxy-context.js';

const EPOCH = '2025-01-01T00:00:00Z';
const LIST_TIMEOUT_MS = 5_000;

/** A provider's catalog: live when reachable with its default account, else the static entries. */
async function modelsOf(provider: Provider): Promise<ModelInfo[]> {
  try {
    const account = await provider.accounts.getDefault().catch(() => undefined);
    return await provider.modelCatalog.list({
      signal: AbortSignal.timeout(LIST_TIMEOUT_MS),
      ...(account ? { accountId: account.id } : {}),
    });
  } catch {
    return provider.modelCatalog.staticModels();
  }
}

/**
 * GET /v1/models in Anthropic's list shape: every loaded provider's models. The default provider's
 * come first under their plain ids; every model is also listed as `<provider>/<model>`, the name
 * that always routes to it.
 */
export async function handleModels(ctx: ProxyContext, res: ServerResponse): Promise<void> {
  const first = ctx.defaultProvider();
  const providers = [first, ...[...ctx.options.providers.values()].filter((p) => p.id !== first.id)];
  const lists = await Promise.all(providers.map(modelsOf));
  const data: Array<{ type: 'model'; id: string; display_name: string; created_at: string }> = [];
  const seen = new Set<string>();
  const push = (id: string, displayName: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    data.push({ type: 'model', id, display_name: displayName, created_at: EPOCH });
  };
  providers.forEach((provider, i) => {
    for (const model of lists[i]!) {
      if (model.hidden) continue;
      if (provider.id === first.id) push(model.id, model.displayName);
      push(`${provider.id}/${model.id}`, `${model.displayName} (${provider.displayName})`);
    }
  });
  sendJson(res, 200, {
    data,
    has_more: false,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  });
}
