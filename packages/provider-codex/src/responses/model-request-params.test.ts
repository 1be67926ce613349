import { describe, expect, it } from 'vitest';
import { createCodexModelCatalog } from '../models/codex-model-catalog.js';
import type { BoundChatRequest as ChatRequest } from './map-chat-request.js';
import { mapChatRequest } from './map-chat-request.js';
import { assertModelAcceptsInput } from './model-request-params.js';

const catalog = createCodexModelCatalog({ options: { baseUrl: 'http://127.0.0.1:9', headers: {} } });
const base = (modelId: string, over: Partial<ChatRequest> = {}): ChatRequest => ({
  modelId,
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [],
  effort: 'high',
  metadata: { requestId: 'r1' },
  ...over,
});
const map = (request: ChatRequest) =>
  mapChatRequest(request, {
    reasoningSummary: 'auto',
    promptCacheKey: 'k',
    model: catalog.get(request.modelId)!,
  });

describe('per-model request parameters from the live list', () => {
  it('gpt-5.6-sol: summary, its default verbosity, no service tier unless Fast is asked for', () => {
    const { body, warnings } = map(base('gpt-5.6-sol'));
    expect(body.reasoning).toEqual({ effort: 'high', summary: 'auto' });
    expect(body.text).toEqual({ verbosity: 'low' });
    expect(body.service_tier).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(map(base('gpt-5.6-sol', { fast: true })).body.service_tier).toBe('priority');
  });

  it('spark gets no reasoning.summary (the backend answers 400 unsupported_parameter) and no Fast tier', () => {
    const { body, warnings } = map(base('gpt-5.3-codex-spark', { fast: true }));
    expect(body.reasoning).toEqual({ effort: 'high' });
    expect(body.service_tier).toBeUndefined();
    expect(warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'fast',
        details: 'Fast is not offered for gpt-5.3-codex-spark; sent at standard speed',
      },
    ]);
  });

  it('images to a text-only model are a 400 naming the model and one that accepts images', () => {
    const withImage = base('gpt-5.3-codex-spark', {
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'tool-result',
              toolCallId: 't',
              content: [{ type: 'image', mediaType: 'image/png', data: 'AAAA' }],
            },
          ],
        },
      ],
    });
    let error: unknown;
    try {
      assertModelAcceptsInput(withImage, catalog.get('gpt-5.3-codex-spark'), 'gpt-5.6-sol');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'gpt-5.3-codex-spark accepts text only, and this request contains an image.',
      suggestion: 'Remove the image, or use a model that accepts images such as gpt-5.6-sol.',
    });
    expect(() => assertModelAcceptsInput(withImage, catalog.get('gpt-5.6-sol'), 'gpt-5.6-sol')).not.toThrow();
    expect(() =>
      assertModelAcceptsInput(base('gpt-5.3-codex-spark'), catalog.get('gpt-5.3-codex-spark'), undefined),
    ).not.toThrow();
  });
});
