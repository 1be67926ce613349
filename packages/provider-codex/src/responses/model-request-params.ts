import { CcsError, type ChatRequest, type ChatWarning, type ModelInfo } from '@ccs/core';
import type { ResponsesRequestBody } from './responses-request.js';

/**
 * The per-model parameters the live list prescribes: no `reasoning.summary` where the model refuses the
 * parameter (spark answers 400 unsupported_parameter), its default `text.verbosity` where it has one,
 * and `service_tier: "priority"` when Fast was asked for and the model offers it (else a warning:
 * the request still goes, at standard speed, and the trace says so).
 */
export function applyModelParams(
  body: ResponsesRequestBody,
  request: ChatRequest,
  model: ModelInfo | undefined,
  warnings: ChatWarning[],
): void {
  if (!model) return;
  if (model.supportsReasoningSummaryParameter === false) delete body.reasoning.summary;
  if (model.defaultVerbosity) body.text = { verbosity: model.defaultVerbosity };
  if (request.fast) {
    if (model.serviceTiers?.includes('priority')) body.service_tier = 'priority';
    else
      warnings.push({
        type: 'unsupported-setting',
        setting: 'fast',
        details: `Fast is not offered for ${model.id}; sent at standard speed`,
      });
  }
}

function hasImage(request: ChatRequest): boolean {
  return request.messages.some(
    (message) =>
      message.role === 'user' &&
      message.content.some(
        (part) =>
          part.type === 'image' ||
          part.type === 'image-url' ||
          (part.type === 'tool-result' && part.content.some((inner) => inner.type === 'image')),
      ),
  );
}

/**
 * Images sent to a text-only model are refused before anything goes upstream (never dropped
 * silently): a 400 naming the model and one that accepts images.
 */
export function assertModelAcceptsInput(
  request: ChatRequest,
  model: ModelInfo | undefined,
  imageModel: string | undefined,
): void {
  if (!model?.inputModalities || model.inputModalities.includes('image') || !hasImage(request)) return;
  const alternative = imageModel && imageModel !== model.id ? imageModel : undefined;
  throw new CcsError(
    'INVALID_REQUEST',
    `${model.id} accepts text only, and this request contains an image.`,
    {
      suggestion: alternative
        ? `Remove the image, or use a model that accepts images such as ${alternative}.`
        : 'Remove the image, or use a model that accepts images.',
      details: { modelId: model.id, ...(alternative ? { imageModel: alternative } : {}) },
    },
  );
}
