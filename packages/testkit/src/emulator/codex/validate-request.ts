import { isRecord } from '../server/http.js';
import {
  detail,
  invalid,
  invalidType,
  invalidValue,
  missingParameter,
  modelNotSupported,
  unknownParameter,
  unsupportedEffort,
  unsupportedParameter,
} from './api-errors.js';

/** Spark and other models whose entry says `supports_reasoning_summary_parameter: false`. */
const summaryNotSupported = (slug: string) =>
  invalid(
    `Unsupported parameter: 'reasoning.summary' is not supported with the '${slug}' model.`,
    'reasoning.summary',
    'unsupported_parameter',
  );

import type { EmulatorCatalog, EmulatorModel } from './emulator-catalog.js';
import { ALL_EFFORTS, type Effort } from './model-catalog.js';
import { validateInput } from './validate-input.js';
import { validateTools } from './validate-tools.js';

/** Responses API parameters the Codex backend refuses with `{"detail":"Unsupported parameter: <name>"}`. */
const UNSUPPORTED = [
  'max_output_tokens',
  'temperature',
  'top_p',
  'prompt_cache_retention',
  'user',
  'safety_identifier',
  'previous_response_id',
  'response_format',
  'metadata',
  'truncation',
  'max_tool_calls',
  'top_logprobs',
  'background',
  'conversation',
  'prompt',
  'generate',
];
const ALLOWED = [
  'model',
  'instructions',
  'input',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'reasoning',
  'store',
  'stream',
  'include',
  'service_tier',
  'prompt_cache_key',
  'text',
  'client_metadata',
  'stream_options',
];
const INCLUDES = [
  'reasoning.encrypted_content',
  'web_search_call.action.sources',
  'message.output_text.logprobs',
];
const SUMMARIES = ['auto', 'concise', 'detailed'];
const SERVICE_TIERS = ['auto', 'default', 'flex', 'priority'];
const VERBOSITY = ['low', 'medium', 'high'];

export interface ValidatedRequest {
  model: EmulatorModel;
  effort: Effort;
  /** The requested reasoning summary mode, or undefined when summaries were not asked for. */
  summary: string | undefined;
  includeEncrypted: boolean;
  body: Record<string, unknown>;
}

/** Enforces the request rules of `POST /codex/responses`; throws an ApiRejection with the real error body. */
export function validateResponsesRequest(
  body: unknown,
  plan: string,
  issuedReasoning: ReadonlySet<string>,
  catalog: EmulatorCatalog,
): ValidatedRequest {
  if (!isRecord(body)) throw detail('Invalid JSON body.');
  for (const key of Object.keys(body)) {
    if (UNSUPPORTED.includes(key)) throw unsupportedParameter(key);
    if (!ALLOWED.includes(key)) throw unknownParameter(key);
  }
  if (body.stream !== true) throw detail('Stream must be set to true');
  if (body.store !== false) throw detail('Store must be set to false');

  if (body.model === undefined) throw missingParameter('model');
  if (typeof body.model !== 'string') throw invalidType('model', 'a string', body.model);
  // Retired, unknown and not-on-this-plan models all get the same answer from the real backend.
  const model = catalog.isRetired(body.model) ? undefined : catalog.find(body.model);
  if (!model || !catalog.allowed(model, plan)) throw modelNotSupported(body.model);

  // Current Codex CLIs omit `instructions` when empty; CLIProxyAPI sends "". Both are fine, other types are not.
  if (body.instructions !== undefined && typeof body.instructions !== 'string') {
    throw invalidType('instructions', 'a string', body.instructions);
  }

  let effort: Effort = model.defaultEffort;
  let summary: string | undefined;
  if (body.reasoning !== undefined && body.reasoning !== null) {
    const r = body.reasoning;
    if (!isRecord(r)) throw invalidType('reasoning', 'an object', r);
    for (const k of Object.keys(r))
      if (!['effort', 'summary', 'context'].includes(k)) throw unknownParameter(`reasoning.${k}`);
    if (r.effort !== undefined && r.effort !== null) {
      if (!ALL_EFFORTS.includes(r.effort as Effort))
        throw invalidValue(r.effort, 'reasoning.effort', ALL_EFFORTS);
      if (!model.efforts.includes(r.effort as Effort))
        throw unsupportedEffort(String(r.effort), model.slug, model.efforts);
      effort = r.effort as Effort;
    }
    if (r.summary !== undefined && r.summary !== null) {
      if (!model.summaryParameter) throw summaryNotSupported(model.slug);
      if (!SUMMARIES.includes(String(r.summary)))
        throw invalidValue(r.summary, 'reasoning.summary', SUMMARIES);
      summary = String(r.summary);
    }
  }

  let includeEncrypted = false;
  if (body.include !== undefined) {
    if (!Array.isArray(body.include)) throw invalidType('include', 'an array', body.include);
    body.include.forEach((v, i) => {
      if (!INCLUDES.includes(String(v))) throw invalidValue(v, `include[${i}]`, INCLUDES);
    });
    includeEncrypted = body.include.includes('reasoning.encrypted_content');
  }

  if (body.parallel_tool_calls !== undefined && typeof body.parallel_tool_calls !== 'boolean') {
    throw invalidType('parallel_tool_calls', 'a boolean', body.parallel_tool_calls);
  }
  if (body.service_tier !== undefined && !SERVICE_TIERS.includes(String(body.service_tier))) {
    throw invalidValue(body.service_tier, 'service_tier', SERVICE_TIERS);
  }
  if (body.service_tier === 'priority' && !model.serviceTiers.includes('priority')) {
    throw invalid(
      `The 'priority' service tier is not available for ${model.slug}.`,
      'service_tier',
      'invalid_value',
    );
  }
  if (body.prompt_cache_key !== undefined && typeof body.prompt_cache_key !== 'string') {
    throw invalidType('prompt_cache_key', 'a string', body.prompt_cache_key);
  }
  if (body.text !== undefined) {
    if (!isRecord(body.text)) throw invalidType('text', 'an object', body.text);
    for (const k of Object.keys(body.text))
      if (!['verbosity', 'format'].includes(k)) throw unknownParameter(`text.${k}`);
    if (body.text.verbosity !== undefined && !VERBOSITY.includes(String(body.text.verbosity))) {
      throw invalidValue(body.text.verbosity, 'text.verbosity', VERBOSITY);
    }
  }
  if (body.stream_options !== undefined) {
    if (!isRecord(body.stream_options)) throw invalidType('stream_options', 'an object', body.stream_options);
    for (const k of Object.keys(body.stream_options)) {
      if (k !== 'reasoning_summary_delivery') throw unsupportedParameter(`stream_options.${k}`);
    }
  }
  if (body.client_metadata !== undefined && !isRecord(body.client_metadata)) {
    throw invalidType('client_metadata', 'an object', body.client_metadata);
  }

  validateTools(body.tools, body.tool_choice);
  validateInput(body.input, issuedReasoning);
  if (!model.inputModalities.includes('image') && JSON.stringify(body.input).includes('"input_image"')) {
    throw invalid(`${model.slug} does not support image inputs.`, 'input', 'unsupported_input_modality');
  }
  // About 4 characters per token: a coarse stand-in for the tokenizer, good enough to catch a client that
  // sends far more than the model's real window.
  // Images and files (data: URLs) are priced differently upstream, so they do not count here.
  const textOnly = (_k: string, v: unknown) => (typeof v === 'string' && v.startsWith('data:') ? '' : v);
  const chars =
    JSON.stringify(body.input, textOnly).length +
    String(body.instructions ?? '').length +
    JSON.stringify(body.tools ?? []).length;
  const estimatedTokens = Math.ceil(chars / 4);
  if (estimatedTokens > model.contextWindow) {
    throw invalid(
      'Your input exceeds the context window of this model. Please adjust your input and try again.',
      'input',
      'context_length_exceeded',
    );
  }
  return { model, effort, summary, includeEncrypted, body };
}
