import { z } from 'zod';

// Strict where OpenAI's Chat Completions API is strict, so a provider that passes here sends what
// real endpoints accept: the message shapes, tool-call pairing, and options that need each other.
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const contentPart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('image_url'),
    image_url: z.object({
      url: z.string().regex(/^(data:image\/[a-z+.-]+;base64,|https?:\/\/)/),
      detail: z.string().optional(),
    }),
  }),
  z.object({
    type: z.literal('file'),
    file: z.object({
      filename: z.string().optional(),
      file_data: z.string().optional(),
      file_id: z.string().optional(),
    }),
  }),
]);

const toolCall = z.object({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.object({ name: z.string().regex(TOOL_NAME), arguments: z.string() }),
});

const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.union([z.string(), z.array(contentPart)]) }),
  z.object({ role: z.literal('developer'), content: z.union([z.string(), z.array(contentPart)]) }),
  z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(contentPart).min(1)]) }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
    reasoning_content: z.string().optional(),
    reasoning: z.string().optional(),
    tool_calls: z.array(toolCall).min(1).optional(),
  }),
  z.object({
    role: z.literal('tool'),
    tool_call_id: z.string().min(1),
    content: z.union([z.string(), z.array(contentPart)]),
  }),
]);

export const chatRequestSchema = z.strictObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  tools: z
    .array(
      z.object({
        type: z.literal('function'),
        function: z.object({
          name: z.string().regex(TOOL_NAME),
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().optional(),
        }),
      }),
    )
    .optional(),
  tool_choice: z
    .union([
      z.enum(['auto', 'none', 'required']),
      z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
    ])
    .optional(),
  parallel_tool_calls: z.boolean().optional(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  stop: z.union([z.string(), z.array(z.string())]).optional(),
  user: z.string().optional(),
});
export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

/** The problem with a request, as OpenAI words its 400s; undefined when it is acceptable. */
export function chatRequestProblem(
  raw: unknown,
  options: { requireReasoningReplay?: boolean } = {},
): { message: string; param?: string } | undefined {
  const parsed = chatRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    return { message: `Invalid value for '${param}': ${issue.message}`, param };
  }
  const body = parsed.data;
  if (body.stream_options && !body.stream) {
    return {
      message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      param: 'stream_options',
    };
  }
  if (body.parallel_tool_calls !== undefined && !body.tools?.length) {
    return {
      message: "'parallel_tool_calls' is only allowed when 'tools' are specified.",
      param: 'parallel_tool_calls',
    };
  }
  let open: Set<string> | undefined;
  for (const [i, m] of body.messages.entries()) {
    if (m.role === 'tool') {
      if (!open?.has(m.tool_call_id)) {
        return {
          message:
            "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          param: `messages.[${i}].role`,
        };
      }
      open.delete(m.tool_call_id);
      continue;
    }
    if (open && open.size > 0) {
      return {
        message: `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open].join(', ')}`,
        param: 'messages',
      };
    }
    open = m.role === 'assistant' && m.tool_calls ? new Set(m.tool_calls.map((c) => c.id)) : undefined;
    if (m.role === 'assistant') {
      // DeepSeek's thinking mode: the reasoning of a tool-call turn must come back with it.
      if (options.requireReasoningReplay && m.tool_calls && typeof m.reasoning_content !== 'string') {
        return {
          message: `Missing \`reasoning_content\` field in the assistant message at message index ${i}.`,
          param: `messages.[${i}].reasoning_content`,
        };
      }
      for (const call of m.tool_calls ?? []) {
        try {
          JSON.parse(call.function.arguments);
        } catch {
          return {
            message: `Invalid JSON in the arguments of tool call ${call.id}.`,
            param: `messages.[${i}].tool_calls`,
          };
        }
      }
    }
  }
  if (open && open.size > 0) {
    return {
      message: `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open].join(', ')}`,
      param: 'messages',
    };
  }
  return undefined;
}
