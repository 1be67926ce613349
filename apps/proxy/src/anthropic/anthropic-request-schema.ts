import { z } from 'zod';

// As strict as the Anthropic Messages API about what it would reject (types, block types, limits),
// tolerant of unknown *fields* (Claude Code adds new ones often). A content block of a type Anthropic
// does not document is a 400, never skipped: the model must not answer a conversation the user did not
// write. Limits are Anthropic's documented ones (docs/proxy.md lists them and where they come from).

/** Anthropic: "a limit of 100,000 messages in a single request". */
export const MAX_MESSAGES = 100_000;
/** Anthropic's tool search documents catalogs of up to 10,000 tools; nothing larger is served. */
export const MAX_TOOLS = 10_000;
/** The Messages API reference: tool `name` has maxLength 128. */
export const MAX_TOOL_NAME_LENGTH = 128;

const cacheControl = z.unknown().optional();
const nonEmpty = z.string().min(1);

const base64Image = z.looseObject({
  type: z.literal('base64'),
  media_type: z.string().optional(),
  mime_type: z.string().optional(),
  data: z.string(),
});
const urlSource = z.looseObject({ type: z.literal('url'), url: z.string() });
const fileSource = z.looseObject({ type: z.literal('file'), file_id: z.string() });
const imageSource = z.discriminatedUnion('type', [base64Image, urlSource, fileSource]);

const textBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
  citations: z.array(z.looseObject({ type: z.string() })).nullish(),
});
const imageBlock = z.looseObject({ type: z.literal('image'), source: imageSource });
const documentSource = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('base64'), media_type: z.string().optional(), data: z.string() }),
  z.looseObject({ type: z.literal('text'), media_type: z.string().optional(), data: z.string() }),
  z.looseObject({
    type: z.literal('content'),
    content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
  }),
  urlSource,
  fileSource,
]);
const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: documentSource,
  title: z.string().nullish(),
  context: z.string().nullish(),
});
const searchResultBlock = z.looseObject({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string(),
  content: z.array(textBlock),
});
const toolReferenceBlock = z.looseObject({ type: z.literal('tool_reference'), tool_name: z.string() });
/** What a tool_result may carry (Anthropic: text, image, document, search_result, tool_reference). */
const toolResultContentBlock = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  searchResultBlock,
  toolReferenceBlock,
]);
const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(toolResultContentBlock)]).optional(),
  is_error: z.boolean().optional(),
});
const thinkingBlock = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });
const serverToolUseBlock = z.looseObject({
  type: z.literal('server_tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
const mcpToolUseBlock = z.looseObject({
  type: z.literal('mcp_tool_use'),
  id: z.string(),
  name: z.string(),
  server_name: z.string(),
  input: z.unknown(),
});
/** Results of Anthropic-hosted tools: `content` is a list of results or an error object. */
const serverToolResult = <T extends string>(type: T) =>
  z.looseObject({ type: z.literal(type), tool_use_id: z.string(), content: z.unknown() });
const mcpToolResultBlock = z.looseObject({
  type: z.literal('mcp_tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(textBlock)]).optional(),
  is_error: z.boolean().optional(),
});
const containerUploadBlock = z.looseObject({ type: z.literal('container_upload'), file_id: z.string() });

/** Every content block type the Messages API documents; anything else is a 400. */
export const contentBlockSchema = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  searchResultBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
  serverToolUseBlock,
  serverToolResult('web_search_tool_result'),
  serverToolResult('web_fetch_tool_result'),
  serverToolResult('code_execution_tool_result'),
  serverToolResult('bash_code_execution_tool_result'),
  serverToolResult('text_editor_code_execution_tool_result'),
  serverToolResult('tool_search_tool_result'),
  mcpToolUseBlock,
  mcpToolResultBlock,
  containerUploadBlock,
]);
export type AnthropicContentBlock = z.infer<typeof contentBlockSchema>;

const content = z.union([z.string(), z.array(contentBlockSchema)]);

// Claude Code sends mid-conversation `system` messages; like the top-level `system`, they hold text only.
export const anthropicMessageSchema = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('user'), content }),
  z.looseObject({ role: z.literal('assistant'), content }),
  z.looseObject({ role: z.literal('system'), content: z.union([z.string(), z.array(textBlock)]) }),
]);

const toolSchema = z.looseObject({
  name: nonEmpty.max(MAX_TOOL_NAME_LENGTH),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
  type: z.string().optional(),
});

const toolChoiceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({
    type: z.literal('tool'),
    name: nonEmpty,
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.looseObject({ type: z.literal('none') }),
]);

const thinkingSchema = z.looseObject({
  type: z.enum(['enabled', 'disabled', 'adaptive']),
  budget_tokens: z.int().min(1).optional(),
  display: z.string().optional(),
});

const requestShape = {
  model: nonEmpty,
  messages: z.array(anthropicMessageSchema).min(1, 'at least one message is required').max(MAX_MESSAGES),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  max_tokens: z.int().min(1).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().min(0).optional(),
  stop_sequences: z.array(z.string()).optional(),
  tools: z.array(toolSchema).max(MAX_TOOLS).optional(),
  tool_choice: toolChoiceSchema.optional(),
  thinking: thinkingSchema.optional(),
  output_config: z.looseObject({ effort: z.string().optional() }).optional(),
  /** Claude Code's fast mode (`/fast`) sends `speed: "fast"`. */
  speed: z.string().optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
};

/** Tool names must be unique (Anthropic: "Tool names must be unique"). Checked in the same parse. */
function uniqueToolNames(tools: ReadonlyArray<{ name: string }> | undefined, ctx: z.RefinementCtx): void {
  if (!tools || tools.length < 2) return;
  const seen = new Set<string>();
  for (let i = 0; i < tools.length; i++) {
    const name = tools[i]!.name;
    if (seen.has(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tools', i, 'name'],
        message: `tool name "${name}" is used twice; tool names must be unique`,
      });
      return;
    }
    seen.add(name);
  }
}

export const anthropicRequestSchema = z
  .looseObject(requestShape)
  .superRefine((request, ctx) => uniqueToolNames(request.tools, ctx));
export type AnthropicRequest = z.infer<typeof anthropicRequestSchema>;

/** count_tokens takes the same body without max_tokens/stream. */
export const anthropicCountTokensSchema = anthropicRequestSchema;
