import type { ServerResponse } from 'node:http';
import type { ModelInfo } from '@ccs/core';
import { sendJson } from '../server/http-utils.js';
import type { ProxyContext } from './proxy-context.js';

const EPOCH = '2025-01-01T00:00:00Z';

/** GET /v1/models in Anthropic's list shape: the default provider's catalog (live when reachable). */
export async function handleModels(ctx: ProxyContext, res: ServerResponse): Promise<void> {
  const provider = ctx.defaultProvider();
  let models: ModelInfo[];
  try {
    models = await provider.modelCatalog.list();
  } catch {
    models = provider.modelCatalog.staticModels();
  }
  const data = models
    .filter((model) => !model.hidden)
    .map((model) => ({ type: 'model', id: model.id, display_name: model.displayName, created_at: EPOCH }));
  sendJson(res, 200, {
    data,
    has_more: false,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  });
}
