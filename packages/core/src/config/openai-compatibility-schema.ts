import { z } from 'zod';
import { EFFORT_LEVELS } from '../spec/v1/effort.js';

/**
 * `openai-compatibility:` in config.yaml: OpenAI Chat Completions endpoints, with CLIProxyAPI's key
 * names so one file serves both. Each entry becomes its own provider, named by `name`.
 * This schema is also the options schema of @ccs/provider-openai-compatible (one schema, one set of rules).
 */

const PROVIDER_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** ccs commands: a provider with one of these names could not be reached as `ccs <name>`. */
export const RESERVED_PROVIDER_IDS = [
  'proxy',
  'env',
  'plugins',
  'dashboard',
  'cliproxy',
  'statusline',
  'usage',
  'help',
  'version',
] as const;

const text = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, { error: `must be ${what}` });

const providerName = text('a lower-case name such as openrouter').superRefine((value, ctx) => {
  if (!PROVIDER_ID.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" must be lower-case letters, digits and dashes (e.g. openrouter, my-vllm): it becomes the command "ccs <name>"`,
    });
  } else if ((RESERVED_PROVIDER_IDS as readonly string[]).includes(value)) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is a ccs command; pick another name` });
  }
});

const positiveInt = z
  .number({ error: 'must be a whole number of tokens' })
  .int({ error: 'must be a whole number of tokens' })
  .positive({ error: 'must be a whole number of tokens' });

const effortLevel = z.enum([...EFFORT_LEVELS, 'auto'], {
  error: `must be one of ${EFFORT_LEVELS.join(', ')}`,
});

export const openAICompatibleModelSchema = z.object(
  {
    /** The model id the endpoint knows. */
    name: text('the model id the endpoint uses'),
    /** The id ccs and Claude Code use for it (default: name). */
    alias: text('a non-empty alias').optional(),
    'display-name': text('a non-empty name').optional(),
    'max-context-length': positiveInt.optional(),
    'input-modalities': z
      .array(z.enum(['text', 'image'], { error: 'must be text or image' }), { error: 'must be a list' })
      .optional(),
    /** Reasoning efforts the model accepts; ccs sends `reasoning_effort` only for models that list them. */
    thinking: z
      .object(
        { levels: z.array(effortLevel, { error: 'must be a list such as [low, medium, high]' }).min(1) },
        { error: 'must be a mapping such as "levels: [low, medium, high]"' },
      )
      .optional(),
  },
  { error: 'must be a mapping with a name (and an alias)' },
);
export type OpenAICompatibleModelConfig = z.output<typeof openAICompatibleModelSchema>;

const apiKeyEntrySchema = z.object(
  {
    'api-key': text('the API key'),
    'proxy-url': z.string({ error: 'must be a URL' }).optional(),
    weight: z.number({ error: 'must be a number' }).optional(),
  },
  { error: 'must be a mapping such as { api-key: sk-… }' },
);

export const openAICompatibilityEntrySchema = z
  .object(
    {
      name: providerName,
      disabled: z.boolean({ error: 'must be true or false' }).optional(),
      'base-url': z.url({
        error: 'must be an http(s) URL such as https://openrouter.ai/api/v1',
        protocol: /^https?$/,
      }),
      'api-key-entries': z.array(apiKeyEntrySchema, { error: 'must be a list' }).nullish(),
      /** CLIProxyAPI's older form of api-key-entries. */
      'api-keys': z.array(text('a non-empty key'), { error: 'must be a list of keys' }).nullish(),
      headers: z
        .record(z.string(), z.string({ error: 'must be a string' }), {
          error: 'must be a map of header names to strings',
        })
        .nullish(),
      models: z.array(openAICompatibleModelSchema, { error: 'must be a list' }).nullish(),
    },
    { error: 'must be a mapping with name and base-url' },
  )
  .superRefine((entry, ctx) => {
    const seen = new Map<string, number>();
    for (const [index, model] of (entry.models ?? []).entries()) {
      const id = model.alias ?? model.name;
      const first = seen.get(id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, model.alias ? 'alias' : 'name'],
          message: `"${id}" is also models[${first}]; ccs does not pool models, give each its own alias`,
        });
      }
      seen.set(id, index);
    }
  });
export type OpenAICompatibilityEntry = z.output<typeof openAICompatibilityEntrySchema>;

export const openAICompatibilitySchema = z
  .array(openAICompatibilityEntrySchema, { error: 'must be a list of endpoints (- name: …, base-url: …)' })
  .nullish()
  .transform((value) => value ?? [])
  .superRefine((entries, ctx) => {
    const seen = new Map<string, number>();
    for (const [index, entry] of entries.entries()) {
      const first = seen.get(entry.name);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `"${entry.name}" is already the name of openai-compatibility[${first}]`,
        });
      }
      seen.set(entry.name, index);
    }
  });

/** Keys of an entry ccs reads; CLIProxyAPI-only ones are kept in the file without a warning. */
export const OPENAI_COMPATIBILITY_KEYS = {
  entry: ['name', 'disabled', 'base-url', 'api-key-entries', 'api-keys', 'headers', 'models'],
  entryCliproxyOnly: [
    'prefix',
    'support-prompt-cache-key',
    'disable-cooling',
    'request-retry',
    'request-scoped-errors',
  ],
  model: ['name', 'alias', 'display-name', 'max-context-length', 'input-modalities', 'thinking'],
  modelCliproxyOnly: ['image', 'output-modalities', 'is-compat'],
} as const;
