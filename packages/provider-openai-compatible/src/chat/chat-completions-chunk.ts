import { z } from 'zod';

// Tolerant of whatever else an endpoint adds (OpenRouter's provider, vLLM's stop_reason, …): only
// the fields ccs reads are described, and each is optional because servers differ in what they send.
const toolCallDeltaSchema = z.looseObject({
  index: z.number().int().nonnegative().optional(),
  id: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

export const chatCompletionsUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});
export type ChatCompletionsUsage = z.infer<typeof chatCompletionsUsageSchema>;

export const upstreamErrorObjectSchema = z.looseObject({
  message: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  type: z.string().nullish(),
});
export type UpstreamErrorObject = z.infer<typeof upstreamErrorObjectSchema>;

/** One `data:` event of a streamed Chat Completions response. */
export const chatCompletionsChunkSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        delta: z
          .looseObject({
            content: z.string().nullish(),
            // DeepSeek, vLLM, llama.cpp, LM Studio: reasoning_content; OpenRouter, Ollama: reasoning.
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            tool_calls: z.array(toolCallDeltaSchema).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: chatCompletionsUsageSchema.nullish(),
  // OpenRouter and some gateways report a failure inside a 200 stream this way.
  error: z.union([upstreamErrorObjectSchema, z.string()]).nullish(),
});
export type ChatCompletionsChunk = z.infer<typeof chatCompletionsChunkSchema>;
