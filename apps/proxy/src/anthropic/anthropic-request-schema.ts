import { z } from 'zod';

// Tolerant of unknown fields everywhere (Claude Code adds new ones often); strict about the shapes
// we read. Unknown content block types are kept as `other` and skipped by the decoder.

const cacheControl = z.unknown().optional();

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl });
const imageSource = z.union([
  z.looseObject({
    type: z.literal('base64'),
    media_type: z.string().optional(),
    mime_type: z.string().optional(),
    data: z.string(),
  }),
  z.looseObject({ type: z.literal('url'), url: z.string() }),
  z.looseObject({ type: z.string() }),
]);
const imageBlock = z.looseObject({ type: z.literal('image'), source: imageSource });
const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.looseObject({
    type: z.string(),
    media_type: z.string().optional(),
    data: z.string().optional(),
    url: z.string().optional(),
  }),
  title: z.string().nullish(),
});
const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  is_error: z.boolean().optional(),
});
const thinkingBlock = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });
const KNOWN_BLOCK_TYPES = new Set([
  'text',
  'image',
  'document',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
]);
/** Block types we do not translate (server tools, search results, …): accepted and skipped. */
const otherBlock = z.looseObject({
  type: z.string().refine((type) => !KNOWN_BLOCK_TYPES.has(type), { error: 'malformed content block' }),
});

// A discriminated union picks the branch by `type` at once instead of trying each one in turn.
export const contentBlockSchema = z.union([
  z.discriminatedUnion('type', [
    textBlock,
    imageBlock,
    documentBlock,
    toolUseBlock,
    toolResultBlock,
    thinkingBlock,
    redactedThinkingBlock,
  ]),
  otherBlock,
]);
export type AnthropicContentBlock = z.infer<typeof contentBlockSchema>;

const content = z.union([z.string(), z.array(contentBlockSchema)]);

export const anthropicMessageSchema = z.looseObject({
  role: z.enum(['user', 'assistant', 'system']),
  content,
});

const toolSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
  type: z.string().optional(),
});

const toolChoiceSchema = z.looseObject({
  type: z.enum(['auto', 'any', 'tool', 'none']),
  name: z.string().optional(),
  disable_parallel_tool_use: z.boolean().optional(),
});

const thinkingSchema = z.looseObject({
  type: z.string(),
  budget_tokens: z.number().optional(),
  display: z.string().optional(),
});

export const anthropicRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(anthropicMessageSchema),
  system: z
    .union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() }))])
    .optional(),
  max_tokens: z.number().optional(),
  stream: z.boolean().optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  thinking: thinkingSchema.optional(),
  output_config: z.looseObject({ effort: z.string().optional() }).optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
});
export type AnthropicRequest = z.infer<typeof anthropicRequestSchema>;

/** count_tokens takes the same body without max_tokens/stream. */
export const anthropicCountTokensSchema = anthropicRequestSchema;
